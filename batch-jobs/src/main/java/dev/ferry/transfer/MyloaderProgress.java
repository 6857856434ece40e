package dev.ferry.transfer;

import java.nio.file.Path;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.ferry.record.ProgressContext;

/**
 * How far one myloader run is: a data file is done once its thread in the {@code -v 3} log ("Thread N restoring
 * `db`.`table` part K") has moved on ({@link ToolLogThreads}); percent and ETA follow the files done of all.
 */
final class MyloaderProgress {

	private static final String DATA_JOB = "restoring ";

	private final ToolLogThreads threads;

	private final long files;

	/**
	 * @param logOffset where this attempt's lines start in the log
	 * @param files the dump's data files
	 */
	MyloaderProgress(long logOffset, long files) {
		this.threads = new ToolLogThreads(DATA_JOB, logOffset);
		this.files = files;
	}

	void update(ExecutionContext context, Path log, long startedAtMillis) {
		this.threads.read(log);
		long now = System.currentTimeMillis();
		long done = Math.min(this.files, this.threads.done().size());
		context.putString(ProgressContext.PHASE, "loading");
		context.putLong(ProgressContext.FILES_DONE, done);
		context.putLong(ProgressContext.FILES_TOTAL, this.files);
		context.putLong(ProgressContext.UPDATED_AT, now);
		ProgressContext.estimate(context, done, this.files, Math.max(1, now - startedAtMillis));
	}

}
