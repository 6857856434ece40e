package dev.ferry.notify;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** One notification to one channel, as the API and the console show it (never a secret, never a webhook's path). */
@Schema(description = "One notification to one channel and how its delivery went.")
public record Delivery(@Schema(description = "Id of the delivery.", example = "12") String id,
		@Schema(description = "The event.", example = "transfer.failed") String event,
		@Schema(description = "The record it is about, if any.", example = "42") @Nullable String recordId,
		@Schema(description = "The schedule it is about, if any.", example = "3") @Nullable String scheduleId,
		@Schema(description = "webhook or email.", example = "webhook") String channel,
		@Schema(description = "Where it goes: the webhook's scheme, host and port (its path may hold a token and is not shown), or the e-mail recipients.", example = "https://hooks.example.com/…") String destination,
		@Schema(description = "PENDING (waiting for its next attempt), DELIVERED or FAILED (no attempts left).", example = "DELIVERED") String status,
		@Schema(description = "Attempts made so far.", example = "3") int attempts,
		@Schema(description = "Why the last attempt failed, if it did.", example = "HTTP 500") @Nullable String lastError,
		@Schema(description = "When the next attempt is due (PENDING only).") @Nullable OffsetDateTime nextAttemptAt,
		@Schema(description = "When the event happened.") OffsetDateTime createdAt,
		@Schema(description = "When the delivery last changed.") OffsetDateTime updatedAt) {
}
