package dev.ferry.schedule;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** One fire of a schedule and what came of it. */
@Schema(description = "One fire of a schedule: LAUNCHED (recordId is the export), SKIPPED (message says why) or "
		+ "FAILED (the export could not be started; message says why).")
public record ScheduleRun(
		@Schema(description = "Id of this run.", example = "12") String runId,
		@Schema(description = "The schedule.", example = "3") String scheduleId,
		@Schema(description = "When it fired.") OffsetDateTime firedAt,
		@Schema(description = "The fire time the cron expression gave (absent for run-now).") @Nullable OffsetDateTime scheduledFor,
		@Schema(description = "CRON (the schedule) or MANUAL (run now).", example = "CRON") String trigger,
		@Schema(description = "LAUNCHED, SKIPPED or FAILED.", example = "LAUNCHED") String outcome,
		@Schema(description = "The export record it launched (LAUNCHED only).", example = "42") @Nullable String recordId,
		@Schema(description = "Why it was skipped or failed.") @Nullable String message,
		@Schema(description = "The Ferry node that handled the fire.", example = "ferry-0") String nodeId,
		@Schema(description = "The launched record's status now (Queued, Processing, Finished, Failed, Stopped; Deleted once retention or a user removed it).", example = "Finished") @Nullable String recordStatus) {

	/** What became of a fire. */
	public enum Outcome {

		LAUNCHED, SKIPPED, FAILED

	}

}
