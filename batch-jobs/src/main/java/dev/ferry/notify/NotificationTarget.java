package dev.ferry.notify;

import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** Where the notifications of a scope (global, or one schedule) go. The webhook secret is never shown. */
@Schema(description = "Where notifications go. The webhook's signing secret is never shown, only whether one is stored.")
public record NotificationTarget(
		@Schema(description = "The events sent.", example = "[\"transfer.failed\", \"schedule.missed\"]") List<String> events,
		@Schema(description = "The webhook (http or https) that gets a signed JSON POST; absent: none.", example = "https://hooks.example.com/ferry") @Nullable String webhookUrl,
		@Schema(description = "true if a signing secret is stored for the webhook.", example = "true") boolean webhookSecretStored,
		@Schema(description = "E-mail recipients, comma-separated; absent: none.", example = "ops@example.com") @Nullable String emailTo,
		@Schema(description = "Who changed it last; absent if never set.", example = "admin") @Nullable String updatedBy,
		@Schema(description = "When it was changed last.") @Nullable OffsetDateTime updatedAt) {

	/** The same without the webhook's path and query (for those who may not change it: they may hold a token). */
	public NotificationTarget withoutWebhookPath() {
		return new NotificationTarget(this.events, this.webhookUrl == null ? null : Deliveries.origin(this.webhookUrl),
				this.webhookSecretStored, this.emailTo, this.updatedBy, this.updatedAt);
	}

	/** True if it sends anything at all. */
	public boolean active() {
		return !this.events.isEmpty() && (this.webhookUrl != null || this.emailTo != null);
	}

}
