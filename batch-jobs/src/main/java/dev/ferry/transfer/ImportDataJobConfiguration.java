package dev.ferry.transfer;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import dev.ferry.cluster.ClusterService;
import dev.ferry.config.FerryProperties;
import dev.ferry.secret.SecretStore;
import dev.ferry.tool.ToolMetrics;
import dev.ferry.tool.ToolProcessTasklet;

/**
 * The {@code importData} job, the seed's nodes as steps: {@code buildDataImportConfig} →
 * {@code importDataToCluster} (polling the tool) → {@code updateDataImportRecord} → end; any failure →
 * {@code importDataFailed} → job FAILED, restartable from the failed step. As it ends, it releases its target
 * cluster's import lock ({@link TransferLocks}). A restore drill is this job with drill parameters
 * ({@link RestoreDrills}); {@link RestoreDrillOutcome} records its outcome when it ends.
 */
@Configuration(proxyBeanMethods = false)
class ImportDataJobConfiguration {

	@Bean(TransferParameters.IMPORT_JOB)
	Job importDataJob(JobRepository jobRepository, Step buildDataImportConfig, Step importDataToCluster,
			Step updateDataImportRecord, Step importDataFailed, TransferOutcomeLogger outcomes, TransferLocks locks,
			TransferMetrics metrics, RestoreDrillOutcome drills) {
		return new JobBuilder(TransferParameters.IMPORT_JOB, jobRepository).listener(outcomes)
			.listener(metrics)
			.listener((org.springframework.batch.core.listener.JobExecutionListener) locks)
			.listener(drills)
			.start(buildDataImportConfig)
			.on("FAILED").to(importDataFailed)
			.from(buildDataImportConfig).on("*").to(importDataToCluster)
			.from(importDataToCluster).on("FAILED").to(importDataFailed)
			.from(importDataToCluster).on("*").to(updateDataImportRecord)
			.from(updateDataImportRecord).on("FAILED").to(importDataFailed)
			.from(importDataFailed).on("*").fail()
			.end()
			.build();
	}

	@Bean
	Step buildDataImportConfig(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ClusterService clusters, SecretStore secrets, UploadSource uploads) {
		return new StepBuilder("buildDataImportConfig", jobRepository)
			.tasklet(new BuildImportConfigTasklet(clusters, secrets, uploads), transactionManager)
			.build();
	}

	@Bean
	Step importDataToCluster(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ToolProcessTasklet importDataTasklet) {
		// a restart after a failed verification loads again: the load it verified is what was wrong
		return new StepBuilder("importDataToCluster", jobRepository).tasklet(importDataTasklet, transactionManager)
			.listener((org.springframework.batch.core.listener.StepExecutionListener) importDataTasklet)
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	@StepScope
	ToolProcessTasklet importDataTasklet(ImportInvocation invocation, FerryProperties properties,
			ToolMetrics toolMetrics) {
		return new ToolProcessTasklet(invocation, properties.tools().stopGrace(), toolMetrics);
	}

	@Bean
	Step updateDataImportRecord(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ClusterService clusters, SecretStore secrets) {
		return new StepBuilder("updateDataImportRecord", jobRepository)
			.tasklet(new UpdateImportRecordTasklet(clusters, secrets), transactionManager)
			.build();
	}

	@Bean
	Step importDataFailed(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
		return new StepBuilder("importDataFailed", jobRepository)
			.tasklet(new TransferFailedTasklet(jobRepository), transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

}
