package dev.ferry.engine.export;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import dev.ferry.record.ProgressContext;

/**
 * Runs the partitions of one native export on threads of its own (the export's thread count, at most one per
 * partition), and while they run commits the export's summed progress into the manager step's context at the
 * progress interval – where the record, the API and the console read it. One instance per manager step execution.
 */
class ExportPartitionHandler extends TaskExecutorPartitionHandler {

	private static final Logger log = LoggerFactory.getLogger(ExportPartitionHandler.class);

	private final ExportEnvironment environment;

	private final ExportRuns runs;

	private final JobRepository jobRepository;

	private final Clock clock;

	ExportPartitionHandler(Step worker, ExportEnvironment environment, ExportRuns runs, JobRepository jobRepository,
			Clock clock) {
		this.environment = environment;
		this.runs = runs;
		this.jobRepository = jobRepository;
		this.clock = clock;
		setStep(worker);
		setGridSize(Math.max(1, environment.threads()));
	}

	@Override
	protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
		if (partitions.isEmpty()) {
			return partitions;
		}
		int threads = Math.max(1, Math.min(this.environment.threads(), partitions.size()));
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(threads);
		executor.setMaxPoolSize(threads);
		executor.setThreadNamePrefix("export-" + manager.getJobExecutionId() + "-");
		executor.initialize();
		setTaskExecutor(executor);
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "export-" + manager.getJobExecutionId() + "-progress");
			thread.setDaemon(true);
			return thread;
		});
		long interval = Math.max(100, this.environment.progressInterval().toMillis());
		ticker.scheduleWithFixedDelay(() -> publish(manager), 0, interval, TimeUnit.MILLISECONDS);
		try {
			return super.doHandle(manager, partitions);
		}
		finally {
			ticker.shutdownNow();
			ticker.awaitTermination(10, TimeUnit.SECONDS);
			executor.shutdown();
			publish(manager);
		}
	}

	/** Commits the summed progress into the manager's context. */
	private void publish(StepExecution manager) {
		ExportRun run = this.runs.get(manager.getJobExecutionId());
		if (run == null) {
			return;
		}
		try {
			long now = this.clock.millis();
			ProgressTally.Snapshot progress = run.progress().now(now);
			ExecutionContext context = manager.getExecutionContext();
			context.putString(ProgressContext.PHASE, "dumping");
			context.putLong(ProgressContext.ROWS, progress.rows());
			context.putLong(ProgressContext.ROWS_TOTAL, progress.rowsTotal());
			context.putLong(ProgressContext.BYTES, progress.bytes());
			context.putLong(ProgressContext.CHUNKS_DONE, progress.chunksDone());
			context.putLong(ProgressContext.CHUNKS_TOTAL, progress.chunksTotal());
			context.putLong(ProgressContext.BYTES_PER_SECOND, progress.bytesPerSecond());
			if (progress.percent() != null) {
				context.putInt(ProgressContext.PERCENT,
						Math.max(progress.percent(), context.getInt(ProgressContext.PERCENT, 0)));
			}
			if (progress.etaSeconds() != null) {
				context.putLong(ProgressContext.ETA_SECONDS, progress.etaSeconds());
			}
			else {
				context.remove(ProgressContext.ETA_SECONDS);
			}
			context.putLong(ProgressContext.UPDATED_AT, now);
			this.jobRepository.updateExecutionContext(manager);
		}
		catch (RuntimeException ex) {
			log.debug("Could not commit the progress of job execution {}: {}", manager.getJobExecutionId(),
					ex.getMessage());
		}
	}

}
