package dev.ferry.notify;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationTests {

	final Notification failed = new Notification("transfer.failed", 42L, "export", "1", "shop", 3L, "nightly shop",
			"Failed", "exportDataFromCluster: \"quoted\"\n".repeat(300), "2026-12-07T02:00:00Z",
			"2026-12-07T02:00:01Z", "2026-12-07T02:00:01Z", "https://ferry.example/transfers/42");

	@Test
	void anEmailNamesTheEventScheduleRecordAndCluster() {
		assertThat(this.failed.subject()).isEqualTo("[Ferry] transfer.failed · nightly shop · record 42 · shop");
		assertThat(this.failed.text()).contains("Event: transfer.failed\n", "Record: 42\n", "Cluster: shop (1)\n",
				"Schedule: nightly shop (3)\n", "Console: https://ferry.example/transfers/42\n");
	}

	@Test
	void aLongMessageIsCutSoThatThePayloadFitsItsColumn() {
		JsonMapper json = JsonMapper.builder().build();
		assertThat(json.writeValueAsString(this.failed).length()).isGreaterThan(NotificationService.MAX_PAYLOAD);

		Notification cut = this.failed.withMessageCut(500);

		assertThat(cut.message()).hasSize(501).endsWith("…");
		assertThat(json.writeValueAsString(cut).length()).isLessThan(NotificationService.MAX_PAYLOAD);
		assertThat(json.readValue(json.writeValueAsString(cut), Notification.class)).isEqualTo(cut);
	}

}
