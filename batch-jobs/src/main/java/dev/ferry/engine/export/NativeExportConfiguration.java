package dev.ferry.engine.export;

import java.time.Clock;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The native chain's {@code exportDataFromCluster}: a partitioned step. Its manager takes the snapshot and plans
 * ({@link ExportPartitioner}), its partitions run on the export's own threads ({@link ExportPartitionHandler}), each a
 * {@link PartitionTasklet} writing one file. The transfer's export job runs it in place of the tool step when the
 * record's {@code toolChain} is {@code native}.
 * <p>
 * The partitions' tasklet steps use a resourceless transaction manager: they write no data to Ferry's database
 * themselves (their step executions and contexts are saved by the job repository in its own transactions), so a
 * running export holds no connection of Ferry's pool while it reads the source.
 */
@Configuration(proxyBeanMethods = false)
class NativeExportConfiguration {

	static final String WORKER_STEP = "exportDataPartition";

	private static final Clock CLOCK = Clock.systemUTC();

	@Bean(NativeExportSteps.MANAGER_BEAN)
	Step nativeExportDataFromCluster(JobRepository jobRepository, @Qualifier(WORKER_STEP) Step worker,
			ExportPartitioner partitioner, ExportPartitionHandler exportPartitionHandler, ExportRuns runs) {
		return new StepBuilder(NativeExportSteps.STEP_NAME, jobRepository).partitioner(worker)
			.splitter(partitioner)
			.partitionHandler(exportPartitionHandler)
			.listener(new EndOfRun(runs))
			.allowStartIfComplete(true)
			.build();
	}

	@Bean(WORKER_STEP)
	Step exportDataPartition(JobRepository jobRepository, PartitionTasklet exportPartitionTasklet) {
		return new StepBuilder(WORKER_STEP, jobRepository)
			.tasklet(exportPartitionTasklet, new ResourcelessTransactionManager())
			.listener((StepExecutionListener) exportPartitionTasklet)
			.build();
	}

	@Bean
	@StepScope
	PartitionTasklet exportPartitionTasklet(ExportRuns runs) {
		return new PartitionTasklet(runs);
	}

	@Bean
	@StepScope
	ExportPartitionHandler exportPartitionHandler(@Qualifier(WORKER_STEP) Step worker, ExportEnvironment environment,
			ExportRuns runs, JobRepository jobRepository) {
		return new ExportPartitionHandler(worker, environment, runs, jobRepository, CLOCK);
	}

	@Bean
	ExportPartitioner exportPartitioner(JobRepository jobRepository, ExportEnvironment environment, ExportRuns runs,
			EngineProperties properties) {
		return new ExportPartitioner(jobRepository, environment, runs, properties, CLOCK);
	}

	@Bean
	NativeExportRecord nativeExportRecord(JobRepository jobRepository, ExportEnvironment environment) {
		return new NativeExportRecord(jobRepository, environment, CLOCK);
	}

	/** Closes the export's snapshot connections when its manager step ends, however it ends. */
	private record EndOfRun(ExportRuns runs) implements StepExecutionListener {

		@Override
		public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
			this.runs.end(stepExecution.getJobExecutionId());
			return null;
		}

	}

}
