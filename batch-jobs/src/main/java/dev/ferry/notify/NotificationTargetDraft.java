package dev.ferry.notify;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** Where notifications should go, as the API and the console take it. */
@Schema(description = "Where notifications go: the events, and a webhook and/or e-mail recipients. Omit both to "
		+ "send nothing.")
public record NotificationTargetDraft(
		@Schema(description = "Events to send: transfer.failed, transfer.verification_failed, schedule.missed, drill.failed, transfer.succeeded. Omitted: all but transfer.succeeded.", example = "[\"transfer.failed\", \"schedule.missed\"]") @Nullable List<String> events,
		@Schema(description = "An http or https URL that gets a JSON POST signed with X-Ferry-Signature. Empty or omitted: no webhook.", example = "https://hooks.example.com/ferry") @Nullable String webhookUrl,
		@Schema(description = "The shared secret the webhook is signed with (at least 16 characters). Stored encrypted, never shown again; omitted keeps the stored one.", example = "a-long-shared-secret") @Nullable String webhookSecret,
		@Schema(description = "E-mail recipients, separated by commas. Needs an SMTP server (spring.mail.host). Empty or omitted: no e-mail.", example = "ops@example.com, dba@example.com") @Nullable String emailTo) {

	@Override
	public String toString() {
		return "NotificationTargetDraft[events=" + this.events + ", webhookUrl=" + this.webhookUrl + ", emailTo="
				+ this.emailTo + "]";
	}

}
