package dev.ferry.record;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.dao.JacksonExecutionContextStringSerializer;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

import dev.ferry.transfer.TransferParameters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history series on Ferry's real schema in H2, with records written through Batch's own JobRepository: settled
 * exports only, the latest attempt of a restarted one, sizes from the job's context, oldest first, limited.
 */
class ExportHistoryQueryTests {

	static final LocalDateTime T0 = LocalDateTime.of(2026, 12, 1, 2, 0);

	JobRepository repository;

	ExportHistoryQuery query;

	@BeforeEach
	void schema() throws Exception {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", true);
		SpringLiquibase liquibase = new SpringLiquibase();
		liquibase.setDataSource(dataSource);
		liquibase.setChangeLog("classpath:db/changelog/db.changelog-master.yaml");
		liquibase.setResourceLoader(new DefaultResourceLoader());
		liquibase.afterPropertiesSet();
		ExecutionContextSerializer serializer = new JacksonExecutionContextStringSerializer();
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(new JdbcTransactionManager(dataSource));
		factory.setSerializer(serializer);
		factory.afterPropertiesSet();
		this.repository = factory.getObject();
		this.query = new ExportHistoryQuery(new NamedParameterJdbcTemplate(dataSource), serializer);
	}

	@Test
	void aScheduleSeriesHoldsItsSettledExportsOldestFirst() {
		long first = export("7", "1", 0, BatchStatus.COMPLETED, 60, 1000L);
		long failed = export("7", "1", 1, BatchStatus.FAILED, 5, null);
		long third = export("7", "1", 2, BatchStatus.COMPLETED, 120, 3000L);
		export("7", "1", 3, BatchStatus.STARTED, 0, null); // running: not in the history
		export("7", "1", 4, BatchStatus.STOPPED, 10, null); // stopped: not settled
		export("8", "1", 5, BatchStatus.COMPLETED, 30, 9000L); // another schedule
		long oneOff = export(null, "1", 6, BatchStatus.COMPLETED, 30, 500L);

		List<ExportRun> runs = this.query.ofSchedule("7", 30);

		assertThat(runs).extracting(ExportRun::recordId).containsExactly(first, failed, third);
		assertThat(runs).extracting(ExportRun::failed).containsExactly(false, true, false);
		assertThat(runs).extracting(ExportRun::bytes).containsExactly(1000L, null, 3000L);
		assertThat(runs.get(2).duration().toSeconds()).isEqualTo(120);
		assertThat(runs.get(2).bytesPerSecond()).isEqualTo(25);
		assertThat(this.query.ofSchedule("7", 2)).as("the newest two").extracting(ExportRun::recordId)
			.containsExactly(failed, third);
		assertThat(this.query.ofCluster("1", 30)).hasSize(5).last().extracting(ExportRun::recordId).isEqualTo(oneOff);
		assertThat(this.query.ofCluster("2", 30)).isEmpty();
		assertThat(this.query.endedSince(Instant.parse("2000-01-01T00:00:00Z"))).hasSize(5);
	}

	@Test
	void aRestartedExportCountsWithItsLatestAttempt() {
		JobParameters parameters = parameters("7", "1");
		JobInstance instance = this.repository.createJobInstance(TransferParameters.EXPORT_JOB, parameters);
		settle(this.repository.createJobExecution(instance, parameters, new ExecutionContext()), BatchStatus.FAILED,
				T0, 5, null);
		settle(this.repository.createJobExecution(instance, parameters, new ExecutionContext()), BatchStatus.COMPLETED,
				T0.plusHours(1), 40, 2048L);

		assertThat(this.query.ofSchedule("7", 30)).singleElement().satisfies((run) -> {
			assertThat(run.failed()).isFalse();
			assertThat(run.bytes()).isEqualTo(2048L);
			assertThat(run.duration().toSeconds()).isEqualTo(40);
		});
	}

	private long export(String scheduleId, String clusterId, int day, BatchStatus status, int seconds, Long bytes) {
		JobParameters parameters = parameters(scheduleId, clusterId);
		JobInstance instance = this.repository.createJobInstance(TransferParameters.EXPORT_JOB, parameters);
		JobExecution execution = this.repository.createJobExecution(instance, parameters, new ExecutionContext());
		settle(execution, status, T0.plusDays(day), seconds, bytes);
		return instance.getInstanceId();
	}

	private void settle(JobExecution execution, BatchStatus status, LocalDateTime start, int seconds, Long bytes) {
		execution.setStartTime(start);
		execution.setStatus(status);
		if (status != BatchStatus.STARTED) {
			execution.setEndTime(start.plusSeconds(seconds));
		}
		if (bytes != null) {
			execution.getExecutionContext().putLong("result.bytes", bytes);
		}
		this.repository.update(execution);
		this.repository.updateExecutionContext(execution);
	}

	private static JobParameters parameters(String scheduleId, String clusterId) {
		JobParametersBuilder builder = new JobParametersBuilder()
			.addString(TransferParameters.TRANSFER_ID, UUID.randomUUID().toString())
			.addString(TransferParameters.CLUSTER_ID, clusterId, false);
		if (scheduleId != null) {
			builder.addString(TransferParameters.SCHEDULE_ID, scheduleId, false);
		}
		return builder.toJobParameters();
	}

}
