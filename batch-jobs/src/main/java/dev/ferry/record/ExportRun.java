package dev.ferry.record;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * One settled export in a history series: its latest attempt's start and end, whether it finished or failed, and
 * the size it wrote (known once it finished; null for most failures).
 * @param recordId the record (job instance) id
 * @param failed whether it failed (else it finished)
 * @param bytes the export's size from its manifest ({@code result.bytes}), null when unknown
 */
public record ExportRun(long recordId, boolean failed, OffsetDateTime startTime, OffsetDateTime endTime,
		@Nullable Long bytes) {

	public Duration duration() {
		Duration between = Duration.between(this.startTime, this.endTime);
		return between.isNegative() ? Duration.ZERO : between;
	}

	/** Average bytes per second over the run, null when the size is unknown or it took no measurable time. */
	public @Nullable Long bytesPerSecond() {
		long millis = duration().toMillis();
		if (this.bytes == null || millis <= 0) {
			return null;
		}
		return (long) (this.bytes * 1000.0 / millis);
	}

}
