package dev.ferry.record;

import org.jspecify.annotations.Nullable;

/**
 * Percent done and seconds left of a running scheduled export whose tool reports no total (dumpling), from the
 * schedule's earlier runs ({@link ExpectedRun}).
 * <ul>
 * <li>By size when the bytes written so far only grow (local storage) and earlier sizes are known: done = bytes so
 * far / median size, left = elapsed × (1 − done) / done;</li>
 * <li>else by time: done = elapsed / median duration, left = median duration − elapsed.</li>
 * </ul>
 * The basis is fixed by the expectation and the storage, not by the moment, so the percent never goes backwards. It
 * stays below 100 while the export runs; once the run is bigger or slower than usual there is no ETA rather than a
 * false "almost done".
 */
final class HistoryEta {

	/** The most a running export is said to be done. */
	static final int MAX_PERCENT = 99;

	private HistoryEta() {
	}

	record Estimate(int percent, @Nullable Long etaSeconds) {
	}

	static @Nullable Estimate estimate(ExpectedRun expected, long elapsedMillis, @Nullable Long bytes,
			boolean bytesGrowOnly) {
		long elapsed = Math.max(0, elapsedMillis);
		if (bytesGrowOnly && expected.bytes() != null && expected.bytes() > 0) {
			long written = bytes == null ? 0 : Math.max(0, bytes);
			double done = (double) written / expected.bytes();
			if (written == 0 || elapsed == 0) {
				return new Estimate(0, null);
			}
			Long left = done >= 1 ? null : Math.max(1, (long) Math.ceil(elapsed * (1 - done) / done / 1000));
			return new Estimate(percent(done), left);
		}
		if (expected.millis() <= 0) {
			return null;
		}
		double done = (double) elapsed / expected.millis();
		Long left = done >= 1 ? null : Math.max(1, (long) Math.ceil((expected.millis() - elapsed) / 1000.0));
		return new Estimate(percent(done), left);
	}

	private static int percent(double done) {
		return (int) Math.min(MAX_PERCENT, Math.max(0, Math.floor(done * 100)));
	}

}
