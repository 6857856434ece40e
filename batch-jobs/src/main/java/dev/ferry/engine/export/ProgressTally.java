package dev.ferry.engine.export;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The progress of a native export, summed from its partitions: rows and stored bytes of the chunks completed (in this
 * and earlier executions) and of those being written, chunks done out of all. Workers report into it; the manager
 * reads it. What it shows never goes backwards within an execution.
 */
final class ProgressTally {

	private final long rowsEstimate;

	private final long chunksTotal;

	private final long startedAtMillis;

	private final long rowsBefore;

	private final AtomicLong doneRows;

	private final AtomicLong doneBytes;

	private final AtomicLong doneChunks;

	private final Map<Long, long[]> running = new ConcurrentHashMap<>();

	private long shownRows;

	private long shownBytes;

	/**
	 * @param rowsEstimate rows of all chunks by the server's statistics
	 * @param chunksTotal the data chunks of the plan
	 * @param rowsBefore rows of the chunks completed by earlier executions
	 * @param bytesBefore their stored bytes
	 * @param chunksBefore their number
	 */
	ProgressTally(long rowsEstimate, long chunksTotal, long rowsBefore, long bytesBefore, long chunksBefore,
			long startedAtMillis) {
		this.rowsEstimate = rowsEstimate;
		this.chunksTotal = chunksTotal;
		this.rowsBefore = rowsBefore;
		this.doneRows = new AtomicLong(rowsBefore);
		this.doneBytes = new AtomicLong(bytesBefore);
		this.doneChunks = new AtomicLong(chunksBefore);
		this.startedAtMillis = startedAtMillis;
	}

	/** A chunk's rows and bytes so far. */
	void writing(long partition, long rows, long bytes) {
		this.running.put(partition, new long[] { rows, bytes });
	}

	/** A chunk is complete. */
	void completed(long partition, long rows, long bytes) {
		this.doneRows.addAndGet(rows);
		this.doneBytes.addAndGet(bytes);
		this.doneChunks.incrementAndGet();
		this.running.remove(partition);
	}

	/** A chunk ended without completing: its rows no longer count (what was shown stays). */
	void abandoned(long partition) {
		this.running.remove(partition);
	}

	/** The progress now. */
	synchronized Snapshot now(long nowMillis) {
		long rows = this.doneRows.get();
		long bytes = this.doneBytes.get();
		for (long[] current : this.running.values()) {
			rows += current[0];
			bytes += current[1];
		}
		this.shownRows = Math.max(this.shownRows, rows);
		this.shownBytes = Math.max(this.shownBytes, bytes);
		long chunks = this.doneChunks.get();
		long elapsed = Math.max(1, nowMillis - this.startedAtMillis);
		long rowsThisRun = this.shownRows - this.rowsBefore;
		long bytesPerSecond = this.shownBytes * 1000 / elapsed;
		long total = Math.max(this.rowsEstimate, this.shownRows);
		@Nullable Integer percent = null;
		@Nullable Long eta = null;
		if (this.chunksTotal > 0) {
			int byRows = (total > 0) ? (int) (this.shownRows * 100 / total) : 0;
			int byChunks = (int) (chunks * 100 / this.chunksTotal);
			percent = Math.min(99, Math.max(byRows, byChunks)); // 100 only once the export finished
			if (rowsThisRun > 0 && total > this.shownRows) {
				eta = Math.max(1, elapsed * (total - this.shownRows) / rowsThisRun / 1000); // never 0 while running
			}
		}
		return new Snapshot(this.shownRows, total, this.shownBytes, chunks, this.chunksTotal, bytesPerSecond,
				percent, eta);
	}

	record Snapshot(long rows, long rowsTotal, long bytes, long chunksDone, long chunksTotal, long bytesPerSecond,
			@Nullable Integer percent, @Nullable Long etaSeconds) {
	}

}
