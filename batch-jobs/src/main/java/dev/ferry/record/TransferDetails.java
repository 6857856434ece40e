package dev.ferry.record;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.ferry.manifest.Manifest;

/**
 * Everything the console's transfer page shows: the record, the request's non-secret parameters, each attempt (job
 * execution) with its steps, the tail of the tool's log and the export's manifest.
 */
public record TransferDetails(TransportRecord record, Map<String, String> parameters, List<Attempt> attempts,
		String logName, String logTail, @Nullable Manifest manifest) {

	public boolean running() {
		return this.record.status().equals(RecordStatus.Processing.name())
				|| this.record.status().equals(RecordStatus.Queued.name());
	}

	/** One job execution. */
	public record Attempt(long executionId, String status, String exitCode, @Nullable LocalDateTime start,
			@Nullable LocalDateTime end, List<StepRun> steps) {

		public @Nullable Duration duration() {
			return TransferDetails.duration(this.start, this.end);
		}

	}

	/** One step execution: the seed's workflow node. */
	public record StepRun(String name, String status, String exitCode, String exitDescription,
			@Nullable LocalDateTime start, @Nullable LocalDateTime end) {

		public @Nullable Duration duration() {
			return TransferDetails.duration(this.start, this.end);
		}

	}

	static @Nullable Duration duration(@Nullable LocalDateTime start, @Nullable LocalDateTime end) {
		if (start == null) {
			return null;
		}
		return Duration.between(start, end != null ? end : LocalDateTime.now());
	}

}
