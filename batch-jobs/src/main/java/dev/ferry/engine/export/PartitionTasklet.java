package dev.ferry.engine.export;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.ferry.engine.format.FileNames;
import dev.ferry.engine.format.SchemaFiles;
import dev.ferry.engine.plan.Chunk;
import dev.ferry.engine.sink.StoredFile;
import dev.ferry.engine.snapshot.SnapshotConnections;

/**
 * One partition of a native export: a database's schema and object files, or one chunk's data file. A chunk is
 * written over several calls of at most {@link #SLICE} each: every call commits the partition's progress (rows and
 * bytes so far) and lets Spring Batch see a stop between two calls; the result set and the pending file stay open in
 * between. The file gets its final name only when its last row is written. One instance per partition
 * ({@code @StepScope}).
 */
class PartitionTasklet implements Tasklet, StepExecutionListener {

	static final Duration SLICE = Duration.ofSeconds(1);

	private static final Logger log = LoggerFactory.getLogger(PartitionTasklet.class);

	private final ExportRuns runs;

	private @Nullable ChunkExport chunk;

	PartitionTasklet(ExportRuns runs) {
		this.runs = runs;
	}

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		StepExecution step = contribution.getStepExecution();
		ExportRun run = this.runs.get(step.getJobExecutionId());
		if (run == null) {
			throw new IllegalStateException("the export's snapshot is gone (its manager step ended)");
		}
		if (run.stop().stopped()) {
			return stop(step, run);
		}
		ExecutionContext context = step.getExecutionContext();
		try {
			if (!Partitions.isData(context)) {
				schema(run, context);
				return RepeatStatus.FINISHED;
			}
			return data(step, run, context);
		}
		catch (Exception ex) {
			abandon(step, run);
			if (run.stop().stopped()) {
				return stop(step, run);
			}
			throw new PartitionFailedException(describe(context) + ": " + reason(ex), ex);
		}
	}

	private void schema(ExportRun run, ExecutionContext context) throws Exception {
		String database = context.getString(Partitions.DATABASE);
		try (SnapshotConnections.Lease lease = run.connections().lease()) {
			SchemaFiles.Written written = new SchemaFiles(run.sink(), run.names()).write(lease.connection(), database);
			Partitions.completed(context, selected(run, written.files()), 0, run.snapshotIndex());
		}
	}

	private RepeatStatus data(StepExecution step, ExportRun run, ExecutionContext context) throws Exception {
		if (this.chunk == null) {
			Chunk planned = Partitions.chunk(context);
			this.chunk = ChunkExport.open(run, planned, run.names()
				.data(planned.database(), planned.table(), planned.index(), run.fileType(), run.compression()));
		}
		boolean done = this.chunk.pump(System.nanoTime() + SLICE.toNanos());
		long rows = this.chunk.rows();
		if (!done) {
			context.putLong(Partitions.PROGRESS_ROWS, rows);
			context.putLong(Partitions.PROGRESS_BYTES, this.chunk.storedBytes());
			run.progress().writing(step.getId(), rows, this.chunk.storedBytes());
			return RepeatStatus.CONTINUABLE;
		}
		StoredFile file = this.chunk.finish();
		this.chunk = null;
		Partitions.completed(context, List.of(file), rows, run.snapshotIndex());
		context.putLong(Partitions.PROGRESS_ROWS, rows);
		context.putLong(Partitions.PROGRESS_BYTES, file.size());
		run.progress().completed(step.getId(), rows, file.size());
		return RepeatStatus.FINISHED;
	}

	/**
	 * The object files of the tables, views and sequences the filter selects (and their triggers); the others are
	 * deleted again, so that loading the dump creates only what was exported. Routines and events stay.
	 */
	private static List<StoredFile> selected(ExportRun run, List<StoredFile> files) throws java.io.IOException {
		List<StoredFile> kept = new java.util.ArrayList<>();
		for (StoredFile file : files) {
			FileNames.Parsed parsed = FileNames.parse(file.name()).orElse(null);
			if (parsed != null && parsed.table() != null
					&& !run.selection().selects(parsed.database(), parsed.table())) {
				run.sink().delete(file.name());
			}
			else {
				kept.add(file);
			}
		}
		return kept;
	}

	/** Leaves the partition STOPPED: no file under a final name. */
	private RepeatStatus stop(StepExecution step, ExportRun run) {
		abandon(step, run);
		step.setTerminateOnly();
		return RepeatStatus.CONTINUABLE;
	}

	private void abandon(StepExecution step, ExportRun run) {
		if (this.chunk != null) {
			this.chunk.close();
			this.chunk = null;
		}
		run.progress().abandoned(step.getId());
	}

	/** The step ended however (interrupted between two calls too): an unfinished file is abandoned. */
	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		if (this.chunk != null) {
			log.debug("Partition {} ended with its file unfinished; abandoning it", stepExecution.getStepName());
			this.chunk.close();
			this.chunk = null;
			ExportRun run = this.runs.get(stepExecution.getJobExecutionId());
			if (run != null) {
				run.progress().abandoned(stepExecution.getId());
			}
		}
		return null;
	}

	private static String describe(ExecutionContext context) {
		if (!Partitions.isData(context)) {
			return "schema of database " + context.getString(Partitions.DATABASE);
		}
		Chunk chunk = Partitions.chunk(context);
		return "table " + chunk.database() + "." + chunk.table() + " chunk " + chunk.index();
	}

	private static String reason(Exception ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	/** A partition's failure, naming what it was writing. */
	static final class PartitionFailedException extends RuntimeException {

		PartitionFailedException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
