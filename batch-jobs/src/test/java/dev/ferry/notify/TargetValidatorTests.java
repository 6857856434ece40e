package dev.ferry.notify;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ferry.error.FerryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetValidatorTests {

	@Test
	void acceptsHttpAndHttpsWebhooksOnly() {
		assertThat(TargetValidator.webhookUrl(" https://hooks.example.com/ferry?x=1 "))
			.isEqualTo("https://hooks.example.com/ferry?x=1");
		assertThat(TargetValidator.webhookUrl("http://127.0.0.1:8080/h")).isEqualTo("http://127.0.0.1:8080/h");
		assertThat(TargetValidator.webhookUrl("  ")).isNull();
		for (String bad : List.of("file:///etc/passwd", "ftp://example.com/x", "jar:http://x/y.jar!/", "gopher://x",
				"hooks.example.com/ferry")) {
			assertThatThrownBy(() -> TargetValidator.webhookUrl(bad)).isInstanceOf(FerryException.class)
				.hasMessageContaining("must be an http or https URL");
		}
		assertThatThrownBy(() -> TargetValidator.webhookUrl("https://user:pw@example.com/"))
			.hasMessageContaining("must not contain a user or password");
		assertThatThrownBy(() -> TargetValidator.webhookUrl("http:///path")).hasMessageContaining("has no host");
		assertThatThrownBy(() -> TargetValidator.webhookUrl("http://exa mple.com/")).hasMessageContaining("not a URL");
	}

	@Test
	void checksRecipientsAndEvents() {
		assertThat(TargetValidator.recipients("ops@example.com; dba@example.com ,x@y.org"))
			.isEqualTo("ops@example.com, dba@example.com, x@y.org");
		assertThatThrownBy(() -> TargetValidator.recipients("ops@example.com, not-an-address"))
			.hasMessageContaining("emailTo: 'not-an-address' is not an e-mail address");
		assertThat(TargetValidator.events(null)).doesNotContain(NotificationEvent.TRANSFER_SUCCEEDED)
			.contains(NotificationEvent.TRANSFER_FAILED, NotificationEvent.SCHEDULE_MISSED);
		assertThat(TargetValidator.events(List.of("transfer.succeeded", "DRILL_FAILED")))
			.containsExactlyInAnyOrder(NotificationEvent.TRANSFER_SUCCEEDED, NotificationEvent.DRILL_FAILED);
		assertThatThrownBy(() -> TargetValidator.events(List.of("transfer.exploded")))
			.hasMessageContaining("'transfer.exploded' is not an event");
		assertThatThrownBy(() -> TargetValidator.secret("short")).hasMessageContaining("16 to 512 characters");
	}

	@Test
	void showsOnlyTheOriginOfAWebhook() {
		assertThat(Deliveries.origin("https://hooks.slack.example/services/T000/B000/XXXX"))
			.isEqualTo("https://hooks.slack.example/…");
		assertThat(Deliveries.origin("http://127.0.0.1:35222")).isEqualTo("http://127.0.0.1:35222");
	}

}
