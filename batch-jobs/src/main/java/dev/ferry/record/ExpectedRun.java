package dev.ferry.record;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a schedule's next export is expected to be like: the median size and duration of its last finished exports.
 * @param bytes median size, null when no finished run has a known size
 * @param millis median duration in milliseconds
 * @param samples how many finished runs it is the median of
 */
record ExpectedRun(@Nullable Long bytes, long millis, int samples) {

	/** How many of the newest finished runs count. */
	static final int SAMPLES = 10;

	/** The expectation from a history series (oldest first); empty when none of its runs finished. */
	static Optional<ExpectedRun> of(List<ExportRun> history) {
		List<ExportRun> finished = history.stream().filter((run) -> !run.failed()).toList();
		finished = finished.subList(Math.max(0, finished.size() - SAMPLES), finished.size());
		if (finished.isEmpty()) {
			return Optional.empty();
		}
		List<Long> sizes = finished.stream().map(ExportRun::bytes).filter((b) -> b != null && b > 0).toList();
		List<Long> durations = finished.stream().map((run) -> run.duration().toMillis()).toList();
		return Optional.of(new ExpectedRun(sizes.isEmpty() ? null : median(sizes), median(durations), finished.size()));
	}

	static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
