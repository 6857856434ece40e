package dev.ferry.transfer;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.TaskletStep;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import dev.ferry.config.FerryProperties;
import dev.ferry.engine.export.ExportRuns;
import dev.ferry.engine.export.NativeExportRecord;
import dev.ferry.engine.export.NativeExportSteps;
import dev.ferry.secret.SecretStore;
import dev.ferry.tool.ToolMetrics;
import dev.ferry.tool.ToolProcessTasklet;

/**
 * The {@code exportData} job. Its steps are the seed's workflow nodes:
 * {@code exportDataFromCluster} (polling the tool, or the native engine's partitioned step: {@link ChainStep}) →
 * {@code updateDataExportRecord} → end; any failure →
 * {@code exportDataFailed} → job FAILED, restartable from the failed step.
 */
@Configuration(proxyBeanMethods = false)
class ExportDataJobConfiguration {

	@Bean(TransferParameters.EXPORT_JOB)
	Job exportDataJob(JobRepository jobRepository, Step exportDataFromCluster, Step updateDataExportRecord,
			Step exportDataFailed, TransferOutcomeLogger outcomes, TransferMetrics metrics) {
		return new JobBuilder(TransferParameters.EXPORT_JOB, jobRepository).listener(outcomes).listener(metrics).start(exportDataFromCluster)
			.on("FAILED").to(exportDataFailed)
			.from(exportDataFromCluster).on("*").to(updateDataExportRecord)
			.from(updateDataExportRecord).on("FAILED").to(exportDataFailed)
			.from(exportDataFailed).on("*").fail()
			.end()
			.build();
	}

	/** The tool step (mydumper or dumpling) or the native engine's partitioned step, by the record's tool chain. */
	@Bean
	Step exportDataFromCluster(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ToolProcessTasklet exportDataTasklet, @Qualifier(NativeExportSteps.MANAGER_BEAN) Step nativeStep,
			ExportRuns nativeRuns, ObjectProvider<ObservationRegistry> observations) {
		// not a bean of its own, so Batch's observability post-processor does not reach it: give it the registry here
		TaskletStep toolStep = new StepBuilder(NativeExportSteps.STEP_NAME, jobRepository)
			.observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP))
			.tasklet(exportDataTasklet, transactionManager)
			.listener((org.springframework.batch.core.listener.StepExecutionListener) exportDataTasklet)
			.build();
		return new ChainStep(NativeExportSteps.STEP_NAME, toolStep, nativeStep, nativeRuns);
	}

	@Bean
	@StepScope
	ToolProcessTasklet exportDataTasklet(ExportInvocation invocation, FerryProperties properties,
			ToolMetrics toolMetrics) {
		return new ToolProcessTasklet(invocation, properties.tools().stopGrace(), toolMetrics);
	}

	@Bean
	Step updateDataExportRecord(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ManifestScans manifests, S3Uploads uploads, SecretStore secrets, NativeExportRecord nativeRecord) {
		return new StepBuilder("updateDataExportRecord", jobRepository)
			.tasklet(new UpdateExportRecordTasklet(manifests, uploads, secrets, nativeRecord), transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	Step exportDataFailed(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
		return new StepBuilder("exportDataFailed", jobRepository)
			.tasklet(new TransferFailedTasklet(jobRepository), transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

}
