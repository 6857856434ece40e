package dev.ferry.record;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The keys a step puts in its execution context to report progress, read back by {@link Progress}: every chain writes
 * these (the tool chains on each poll, the native engine from its partitions), nothing else spells them. A count a
 * step cannot know is left out.
 * <p>
 * {@link #estimate} is the one place percent and ETA are made: the percent never goes down and stays below 100 while
 * the step runs, and the ETA is never 0 while work remains.
 */
public final class ProgressContext {

	/** {@code dumping}, {@code loading}, ...: what the step does. */
	public static final String PHASE = "progress.phase";

	/** Bytes written (export) or loaded (import) so far. */
	public static final String BYTES = "progress.bytes";

	/** Files written so far (export). */
	public static final String FILES = "progress.files";

	/** Files completely loaded (import). */
	public static final String FILES_DONE = "progress.filesDone";

	/** Files to load (import). */
	public static final String FILES_TOTAL = "progress.filesTotal";

	/** Tables completely dumped (export). */
	public static final String TABLES_DONE = "progress.tablesDone";

	/** Tables selected (export). */
	public static final String TABLES_TOTAL = "progress.tablesTotal";

	/** Rows written so far (export). */
	public static final String ROWS = "progress.rows";

	/** Rows expected: the server's estimate ({@code information_schema}), raised to the rows seen. */
	public static final String ROWS_TOTAL = "progress.rowsTotal";

	/** Chunks (partitions) completed (native engine). */
	public static final String CHUNKS_DONE = "progress.chunksDone";

	/** Chunks planned (native engine). */
	public static final String CHUNKS_TOTAL = "progress.chunksTotal";

	/** Average bytes per second since the step's work started. */
	public static final String BYTES_PER_SECOND = "progress.bytesPerSecond";

	/** Percent done: see {@link #estimate}. */
	public static final String PERCENT = "progress.percent";

	/** Seconds left: see {@link #estimate}. */
	public static final String ETA_SECONDS = "progress.etaSeconds";

	/** When this was last written (epoch ms). */
	public static final String UPDATED_AT = "progress.updatedAt";

	/** Percent shown while work remains, at most. */
	static final int RUNNING_MAX_PERCENT = 99;

	private ProgressContext() {
	}

	/**
	 * Puts the percent and the ETA of {@code done} out of {@code total} units of work, {@code elapsedMillis} after
	 * the work started. The percent is never lower than the one already in the context and at most 99 (100 is for
	 * the finished record); the ETA is left out while nothing is done (unknown), else at least 1 second.
	 */
	public static void estimate(ExecutionContext context, double done, double total, long elapsedMillis) {
		if (total <= 0) {
			return;
		}
		int percent = (int) Math.min(RUNNING_MAX_PERCENT, Math.max(0, Math.floor(done * 100 / total)));
		context.putInt(PERCENT, Math.max(percent, context.getInt(PERCENT, 0)));
		Long eta = eta(done, total, elapsedMillis);
		if (eta != null) {
			context.putLong(ETA_SECONDS, eta);
		}
		else {
			context.remove(ETA_SECONDS);
		}
	}

	/** Seconds left at the pace so far; null while nothing is done; at least 1 while the work goes on. */
	static @Nullable Long eta(double done, double total, long elapsedMillis) {
		if (done <= 0 || total <= 0 || elapsedMillis <= 0) {
			return null;
		}
		double left = Math.max(0, total - done);
		return Math.max(1, (long) Math.ceil(elapsedMillis * left / done / 1000));
	}

}
