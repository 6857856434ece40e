package dev.ferry.record;

import java.time.LocalDateTime;
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
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

import dev.ferry.transfer.TransferParameters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running record's progress as the API reads it, on Ferry's real schema in H2 with steps written through Batch's
 * own JobRepository: the step that records the result reports nothing itself, and the record keeps showing the
 * dump's last progress (phase finishing) instead of going blank.
 */
class TransportRecordQueryProgressTests {

	JobRepository repository;

	TransportRecordQuery query;

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
		this.query = new TransportRecordQuery(new NamedParameterJdbcTemplate(dataSource), serializer,
				new RecordCountCache(new JdbcTemplate(dataSource)));
	}

	@Test
	void theRecordStepKeepsTheDumpsLastProgressUntilTheRecordFinishes() {
		JobParameters parameters = new JobParametersBuilder()
			.addString(TransferParameters.TRANSFER_ID, UUID.randomUUID().toString())
			.addString(TransferParameters.CLUSTER_ID, "1", false)
			.toJobParameters();
		JobInstance instance = this.repository.createJobInstance(TransferParameters.EXPORT_JOB, parameters);
		JobExecution execution = this.repository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now());
		execution.setStatus(BatchStatus.STARTED);
		this.repository.update(execution);
		String recordId = Long.toString(instance.getInstanceId());

		StepExecution dump = this.repository.createStepExecution("exportDataFromCluster", execution);
		assertThat(progress(recordId).phase()).as("nothing reported yet").isEqualTo("starting");

		ExecutionContext context = dump.getExecutionContext();
		context.putString(ProgressContext.PHASE, "dumping");
		context.putLong(ProgressContext.ROWS, 2_000_000L);
		context.putLong(ProgressContext.ROWS_TOTAL, 3_000_000L);
		context.putLong(ProgressContext.TABLES_DONE, 0L);
		context.putLong(ProgressContext.TABLES_TOTAL, 1L);
		context.putLong(ProgressContext.BYTES, 512L);
		ProgressContext.estimate(context, 2_000_000, 3_000_000, 20_000);
		this.repository.updateExecutionContext(dump);
		Progress dumping = progress(recordId);
		assertThat(dumping.phase()).isEqualTo("dumping");
		assertThat(dumping.percent()).isEqualTo(66);
		assertThat(dumping.etaSeconds()).isEqualTo(10);
		assertThat(dumping.rows()).isEqualTo(2_000_000L);
		assertThat(dumping.rowsTotal()).isEqualTo(3_000_000L);
		assertThat(dumping.tablesDone()).as("a table being dumped is not done").isZero();

		dump.setStatus(BatchStatus.COMPLETED);
		this.repository.update(dump);
		StepExecution record = this.repository.createStepExecution("updateDataExportRecord", execution);

		Progress finishing = progress(recordId);
		assertThat(finishing.phase()).isEqualTo("finishing");
		assertThat(finishing.step()).isEqualTo("updateDataExportRecord");
		assertThat(finishing.percent()).as("never lower").isEqualTo(66);
		assertThat(finishing.rows()).isEqualTo(2_000_000L);
		assertThat(finishing.bytes()).isEqualTo(512L);
		assertThat(finishing.etaSeconds()).isPositive();

		record.setStatus(BatchStatus.COMPLETED);
		this.repository.update(record);
		execution.setStatus(BatchStatus.COMPLETED);
		execution.setEndTime(LocalDateTime.now());
		execution.getExecutionContext().putLong("result.rows", 3_000_000L);
		this.repository.update(execution);
		this.repository.updateExecutionContext(execution);

		Progress finished = progress(recordId);
		assertThat(finished.phase()).isEqualTo("finished");
		assertThat(finished.percent()).isEqualTo(100);
		assertThat(finished.etaSeconds()).isZero();
		assertThat(finished.rows()).isEqualTo(3_000_000L);
	}

	private Progress progress(String recordId) {
		return this.query.get(recordId).progress();
	}

}
