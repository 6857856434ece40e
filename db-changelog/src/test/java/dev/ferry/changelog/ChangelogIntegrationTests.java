package dev.ferry.changelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Applies the master changelog to a fresh H2 file database and a fresh MariaDB database, exactly the
 * way Spring Boot does ({@link SpringLiquibase} with {@code classpath:db/changelog/db.changelog-master.yaml}),
 * re-applies it (must be a no-op) and proves the resulting schema works for Spring Batch 6, Quartz and
 * Ferry's own tables.
 *
 * <p>MariaDB: {@code ops/test.sh} starts a private instance and exports {@code FERRY_IT_SOURCE_PORT}
 * (127.0.0.1, user root, empty password). Without it the MariaDB test fails; it is never skipped.
 */
class ChangelogIntegrationTests {

	static final String CHANGE_LOG = "classpath:db/changelog/db.changelog-master.yaml";

	static final String MARIADB_PORT_ENV = "FERRY_IT_SOURCE_PORT";

	static final List<String> FERRY_CHANGESETS = List.of("ferry-0001-create-secret", "ferry-0002-create-cluster",
			"ferry-0003-create-setting", "ferry-0004-create-user", "ferry-0005-create-audit",
			"ferry-0006-idx-audit-occurred-at", "ferry-0007-idx-batch-job-instance-name",
			"ferry-0008-idx-batch-job-execution-instance", "ferry-0009-idx-batch-job-execution-status",
			"ferry-0010-idx-batch-job-execution-params-name", "ferry-0011-idx-batch-job-execution-params-value-%s",
			"ferry-0101-create-schedule", "ferry-0102-uk-schedule-name", "ferry-0103-create-schedule-run", "ferry-0104-idx-schedule-run-schedule", "ferry-0105-create-node", "ferry-0106-create-execution-node", "ferry-0107-idx-execution-node-node",
			"ferry-tokens-0001-create-api-token", "ferry-security-0001-create-login-throttle",
			"ferry-security-0002-add-user-credentials-version",
			"ferry-locks-0001-create-transfer-lock", "ferry-drill-0001-create-schedule-drill",
			"ferry-drill-0002-create-restore-drill",
			"ferry-notify-0001-create-notify-target",
			"ferry-notify-0002-create-notify-delivery", "ferry-notify-0003-idx-notify-delivery-due");

	static final List<String> QUARTZ_TABLES = List.of("QRTZ_JOB_DETAILS", "QRTZ_TRIGGERS", "QRTZ_SIMPLE_TRIGGERS",
			"QRTZ_CRON_TRIGGERS", "QRTZ_SIMPROP_TRIGGERS", "QRTZ_BLOB_TRIGGERS", "QRTZ_CALENDARS",
			"QRTZ_PAUSED_TRIGGER_GRPS", "QRTZ_FIRED_TRIGGERS", "QRTZ_SCHEDULER_STATE", "QRTZ_LOCKS");

	static final List<String> FERRY_TABLES = List.of("FERRY_SECRET", "FERRY_CLUSTER", "FERRY_SETTING", "FERRY_USER",
			"FERRY_AUDIT", "FERRY_SCHEDULE", "FERRY_SCHEDULE_RUN", "FERRY_NODE", "FERRY_EXECUTION_NODE", "FERRY_API_TOKEN",
			"FERRY_LOGIN_THROTTLE", "FERRY_TRANSFER_LOCK", "FERRY_SCHEDULE_DRILL", "FERRY_RESTORE_DRILL",
			"FERRY_NOTIFY_TARGET", "FERRY_NOTIFY_DELIVERY");

	@Test
	void h2() throws Exception {
		Path dir = Path.of("target", "h2-it").toAbsolutePath();
		Files.createDirectories(dir);
		// Fresh file database per run; no URL options, i.e. H2's default (REGULAR) compatibility mode.
		String url = "jdbc:h2:file:" + dir.resolve("ferry-" + UUID.randomUUID());
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "sa", "");
		// H2 closes a file database when its last connection closes. Keep one connection open so the
		// database is not closed and reopened around every statement, except once between the two Liquibase
		// runs (like an application restart).
		Connection[] keeper = { dataSource.getConnection() };
		try {
			verifyChangelog(dataSource, Dbms.H2, () -> {
				keeper[0].close();
				keeper[0] = dataSource.getConnection();
			});
			// Everything is durable: close the database and reopen it from the file.
			keeper[0].close();
			keeper[0] = dataSource.getConnection();
			JdbcTemplate reopened = new JdbcTemplate(dataSource);
			assertThat(reopened.queryForObject("SELECT COUNT(*) FROM DATABASECHANGELOG", Integer.class))
				.isEqualTo(Dbms.H2.expectedChangesets().size());
			assertThat(reopened.queryForObject("SELECT COUNT(*) FROM FERRY_CLUSTER", Integer.class)).isEqualTo(2);
		}
		finally {
			keeper[0].close();
		}
	}

	@Test
	void mariadb() throws Exception {
		String port = System.getenv(MARIADB_PORT_ENV);
		if (port == null || port.isBlank()) {
			fail("start MariaDB with ops/test.sh (" + MARIADB_PORT_ENV + " unset)");
		}
		String serverUrl = "jdbc:mariadb://127.0.0.1:" + port.trim() + "/";
		String database = "ferry_changelog_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		JdbcTemplate admin = new JdbcTemplate(new DriverManagerDataSource(serverUrl, "root", ""));
		admin.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
		try {
			verifyChangelog(new DriverManagerDataSource(serverUrl + database, "root", ""), Dbms.MARIADB, () -> {
			});
		}
		finally {
			admin.execute("DROP DATABASE IF EXISTS " + database);
		}
	}

	enum Dbms {

		H2("h2"), MARIADB("mariadb");

		final String changesetSuffix;

		Dbms(String changesetSuffix) {
			this.changesetSuffix = changesetSuffix;
		}

		List<String> expectedChangesets() {
			List<String> ids = new ArrayList<>();
			ids.add("batch-6.0-schema-" + this.changesetSuffix);
			ids.add("quartz-2.5-tables-" + this.changesetSuffix);
			FERRY_CHANGESETS.forEach((id) -> ids.add(id.replace("%s", this.changesetSuffix)));
			return ids;
		}

	}

	interface Restart {

		void run() throws Exception;

	}

	private void verifyChangelog(DataSource dataSource, Dbms dbms, Restart restart) throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);

		// 1. First run applies everything, in the master changelog's order, and nothing else.
		runLiquibase(dataSource);
		List<Map<String, Object>> applied = changelogRows(jdbc);
		assertThat(applied).extracting(row -> row.get("ID")).containsExactlyElementsOf(dbms.expectedChangesets());
		assertThat(applied).extracting(row -> row.get("EXECTYPE")).containsOnly("EXECUTED");
		System.out.printf("[%s] applied changesets (FILENAME, ID): %s%n", dbms,
				applied.stream().map(row -> row.get("FILENAME") + " " + row.get("ID")).toList());

		// 2. Second run (after a "restart") is a no-op: the DATABASECHANGELOG table is unchanged.
		restart.run();
		runLiquibase(dataSource);
		assertThat(changelogRows(jdbc)).isEqualTo(applied);

		// 3. Spring Batch 6 works on the pinned schema.
		verifySpringBatch(dataSource);

		// 4. Quartz and Ferry tables exist.
		for (String table : QUARTZ_TABLES) {
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class)).as(table).isZero();
		}
		for (String table : FERRY_TABLES) {
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class)).as(table).isZero();
		}

		// 5. Indexes Ferry relies on.
		assertThat(indexNames(dataSource, "BATCH_JOB_INSTANCE")).contains("IDX_BATCH_JOB_INST_NAME_ID");
		assertThat(indexNames(dataSource, "BATCH_JOB_EXECUTION")).contains("IDX_BATCH_JOB_EXEC_INST_ID",
				"IDX_BATCH_JOB_EXEC_STATUS");
		assertThat(indexNames(dataSource, "BATCH_JOB_EXECUTION_PARAMS")).contains("IDX_BATCH_JOB_PARAMS_NAME_EXEC");
		assertThat(indexNames(dataSource, "FERRY_AUDIT")).contains("IDX_FERRY_AUDIT_OCCURRED_AT");
		assertThat(indexNames(dataSource, "FERRY_SCHEDULE_RUN")).contains("IDX_FERRY_SCHED_RUN_SCHED_ID");
		assertThat(indexNames(dataSource, "FERRY_EXECUTION_NODE")).contains("IDX_FERRY_EXEC_NODE_NODE_ID");
		assertThat(indexNames(dataSource, "FERRY_NOTIFY_DELIVERY")).contains("IDX_FERRY_NOTIFY_DUE");
		assertThat(indexNames(dataSource, "FERRY_SCHEDULE")).contains("UK_FERRY_SCHEDULE_NAME");

		// 6. Column types are what the application expects on both databases.
		verifyColumnTypes(jdbc, dbms);

		// 7. Ferry tables behave: generated keys, FK, unique name, defaults, microsecond timestamps.
		verifyFerryTables(jdbc);
	}

	private void runLiquibase(DataSource dataSource) throws Exception {
		SpringLiquibase liquibase = new SpringLiquibase();
		liquibase.setDataSource(dataSource);
		liquibase.setChangeLog(CHANGE_LOG);
		liquibase.setResourceLoader(new DefaultResourceLoader());
		liquibase.afterPropertiesSet();
	}

	private List<Map<String, Object>> changelogRows(JdbcTemplate jdbc) {
		return jdbc.queryForList("SELECT ID, AUTHOR, FILENAME, MD5SUM, EXECTYPE, ORDEREXECUTED, DATEEXECUTED"
				+ " FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED");
	}

	private void verifySpringBatch(DataSource dataSource) throws Exception {
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(new JdbcTransactionManager(dataSource));
		factory.afterPropertiesSet();
		JobRepository repository = factory.getObject();

		JobParameters parameters = new JobParametersBuilder().addString("source", "tidb-prod")
			.addLong("run.id", 42L)
			.addString("note", "not identifying", false)
			.toJobParameters();
		JobInstance instance = repository.createJobInstance("ferryTransferJob", parameters);
		JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now());
		execution.setStatus(BatchStatus.STARTED);
		repository.update(execution);

		StepExecution step = repository.createStepExecution("dump", execution);
		step.setStartTime(LocalDateTime.now());
		step.setReadCount(3);
		step.setWriteCount(3);
		step.setStatus(BatchStatus.COMPLETED);
		step.setExitStatus(ExitStatus.COMPLETED);
		step.setEndTime(LocalDateTime.now());
		repository.update(step);
		step.getExecutionContext().putString("checkpoint", "done");
		repository.updateExecutionContext(step);

		execution.setStatus(BatchStatus.COMPLETED);
		execution.setExitStatus(ExitStatus.COMPLETED);
		execution.setEndTime(LocalDateTime.now());
		repository.update(execution);
		execution.getExecutionContext().putString("files", "3");
		repository.updateExecutionContext(execution);

		JobExecution read = repository.getJobExecution(execution.getId());
		assertThat(read).isNotNull();
		assertThat(read.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(read.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
		assertThat(read.getJobInstance().getJobName()).isEqualTo("ferryTransferJob");
		assertThat(read.getJobParameters().getString("source")).isEqualTo("tidb-prod");
		assertThat(read.getJobParameters().getLong("run.id")).isEqualTo(42L);
		assertThat(read.getJobParameters().getString("note")).isEqualTo("not identifying");
		assertThat(read.getExecutionContext().getString("files")).isEqualTo("3");
		assertThat(repository.getLastJobExecution("ferryTransferJob", parameters).getId())
			.isEqualTo(execution.getId());
		assertThat(repository.getJobInstance("ferryTransferJob", parameters).getId()).isEqualTo(instance.getId());
		StepExecution readStep = repository.getStepExecution(step.getId());
		assertThat(readStep.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(readStep.getWriteCount()).isEqualTo(3);
		assertThat(readStep.getExecutionContext().getString("checkpoint")).isEqualTo("done");

		// A second instance proves the sequences/identities keep handing out new ids.
		JobParameters second = new JobParametersBuilder().addString("source", "tidb-prod")
			.addLong("run.id", 43L)
			.toJobParameters();
		JobInstance instance2 = repository.createJobInstance("ferryTransferJob", second);
		JobExecution execution2 = repository.createJobExecution(instance2, second, new ExecutionContext());
		assertThat(instance2.getId()).isNotEqualTo(instance.getId());
		assertThat(execution2.getId()).isNotEqualTo(execution.getId());
		assertThat(repository.getJobInstances("ferryTransferJob", 0, 10)).hasSize(2);

		// The shape of the transfer-record list query (latest execution per instance, parameter by name).
		List<Map<String, Object>> records = new JdbcTemplate(dataSource).queryForList("""
				SELECT I.JOB_INSTANCE_ID, E.JOB_EXECUTION_ID, E.STATUS, P.PARAMETER_VALUE AS SOURCE
				FROM BATCH_JOB_INSTANCE I
				JOIN BATCH_JOB_EXECUTION E ON E.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID
				 AND E.JOB_EXECUTION_ID = (SELECT MAX(E2.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION E2
				                           WHERE E2.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID)
				LEFT JOIN BATCH_JOB_EXECUTION_PARAMS P ON P.JOB_EXECUTION_ID = E.JOB_EXECUTION_ID
				 AND P.PARAMETER_NAME = 'source'
				WHERE I.JOB_NAME = ?
				ORDER BY I.JOB_INSTANCE_ID DESC""", "ferryTransferJob");
		assertThat(records).hasSize(2);
		assertThat(records.get(1).get("STATUS")).isEqualTo("COMPLETED");
		assertThat(records).extracting(row -> row.get("SOURCE")).containsOnly("tidb-prod");
	}

	/**
	 * Portable description of Ferry's columns. {@code ID} = auto-generated BIGINT key, {@code TS} = the
	 * timestamp type, {@code BOOL} = the boolean type; both are resolved per database below.
	 */
	static final String[][] FERRY_COLUMNS = {
			{ "FERRY_AUDIT.ID", "ID" }, { "FERRY_AUDIT.OCCURRED_AT", "TS NOT NULL" },
			{ "FERRY_AUDIT.ACTOR", "VARCHAR(64) NULL" }, { "FERRY_AUDIT.ACTION", "VARCHAR(64) NOT NULL" },
			{ "FERRY_AUDIT.TARGET", "VARCHAR(255) NULL" }, { "FERRY_AUDIT.DETAIL", "VARCHAR(2048) NULL" },
			{ "FERRY_CLUSTER.ID", "ID" }, { "FERRY_CLUSTER.NAME", "VARCHAR(128) NOT NULL" },
			{ "FERRY_CLUSTER.KIND", "VARCHAR(16) NOT NULL" }, { "FERRY_CLUSTER.HOST", "VARCHAR(255) NOT NULL" },
			{ "FERRY_CLUSTER.PORT", "INT NOT NULL" }, { "FERRY_CLUSTER.STATUS_PORT", "INT NULL" },
			{ "FERRY_CLUSTER.PD_ADDRESS", "VARCHAR(255) NULL" }, { "FERRY_CLUSTER.DB_USER", "VARCHAR(128) NOT NULL" },
			{ "FERRY_CLUSTER.PASSWORD_SECRET_ID", "BIGINT NULL" }, { "FERRY_CLUSTER.CREATED_AT", "TS NOT NULL" },
			{ "FERRY_CLUSTER.UPDATED_AT", "TS NOT NULL" }, { "FERRY_SECRET.ID", "ID" },
			{ "FERRY_SECRET.PURPOSE", "VARCHAR(64) NOT NULL" }, { "FERRY_SECRET.CIPHERTEXT", "VARCHAR(4096) NOT NULL" },
			{ "FERRY_SECRET.CREATED_AT", "TS NOT NULL" }, { "FERRY_SETTING.SETTING_KEY", "VARCHAR(128) NOT NULL" },
			{ "FERRY_SETTING.SETTING_VALUE", "VARCHAR(2048) NOT NULL" }, { "FERRY_SETTING.UPDATED_AT", "TS NOT NULL" },
			{ "FERRY_USER.ID", "ID" }, { "FERRY_USER.USERNAME", "VARCHAR(64) NOT NULL" },
			{ "FERRY_USER.PASSWORD_HASH", "VARCHAR(255) NOT NULL" }, { "FERRY_USER.ROLE", "VARCHAR(16) NOT NULL" },
			{ "FERRY_USER.ENABLED", "BOOL NOT NULL DEFAULT TRUE" }, { "FERRY_USER.CREATED_AT", "TS NOT NULL" },
			{ "FERRY_USER.CREDENTIALS_VERSION", "INT NOT NULL DEFAULT 0" },
			{ "FERRY_TRANSFER_LOCK.LOCK_KEY", "VARCHAR(160) NOT NULL" },
			{ "FERRY_TRANSFER_LOCK.LOCK_TOKEN", "VARCHAR(36) NOT NULL" },
			{ "FERRY_TRANSFER_LOCK.NODE_ID", "VARCHAR(128) NOT NULL" },
			{ "FERRY_TRANSFER_LOCK.PURPOSE", "VARCHAR(255) NOT NULL" },
			{ "FERRY_TRANSFER_LOCK.JOB_EXECUTION_ID", "BIGINT NULL" }, { "FERRY_TRANSFER_LOCK.RECORD_ID", "BIGINT NULL" },
			{ "FERRY_TRANSFER_LOCK.LOCKED_AT", "TS NOT NULL" },
			{ "FERRY_SCHEDULE.ID", "ID" },
			{ "FERRY_SCHEDULE.NAME", "VARCHAR(128) NOT NULL" },
			{ "FERRY_SCHEDULE.CLUSTER_ID", "BIGINT NOT NULL" },
			{ "FERRY_SCHEDULE.CRON_EXPRESSION", "VARCHAR(120) NOT NULL" },
			{ "FERRY_SCHEDULE.TIME_ZONE", "VARCHAR(80) NOT NULL" },
			{ "FERRY_SCHEDULE.ENABLED", "BOOL NOT NULL" },
			{ "FERRY_SCHEDULE.KEEP_LAST", "INT NULL" },
			{ "FERRY_SCHEDULE.MAX_AGE_SECONDS", "BIGINT NULL" },
			{ "FERRY_SCHEDULE.USER_NAME", "VARCHAR(128) NULL" },
			{ "FERRY_SCHEDULE.PASSWORD_SECRET_ID", "BIGINT NULL" },
			{ "FERRY_SCHEDULE.FILE_TYPE", "VARCHAR(8) NOT NULL" },
			{ "FERRY_SCHEDULE.TABLE_FILTER", "VARCHAR(2000) NULL" },
			{ "FERRY_SCHEDULE.SQL_TEXT", "VARCHAR(2000) NULL" },
			{ "FERRY_SCHEDULE.STORAGE_TYPE", "VARCHAR(8) NOT NULL" },
			{ "FERRY_SCHEDULE.ZIP_NAME", "VARCHAR(128) NULL" },
			{ "FERRY_SCHEDULE.ENDPOINT_URL", "VARCHAR(512) NULL" },
			{ "FERRY_SCHEDULE.BUCKET_URL", "VARCHAR(1024) NULL" },
			{ "FERRY_SCHEDULE.S3_SECRET_ID", "BIGINT NULL" },
			{ "FERRY_SCHEDULE.COMMENT_TEXT", "VARCHAR(1000) NULL" },
			{ "FERRY_SCHEDULE.TOOL_CHAIN", "VARCHAR(8) NULL" },
			{ "FERRY_SCHEDULE.FIRE_LOCK_UNTIL", "TS NULL" },
			{ "FERRY_SCHEDULE.CREATED_BY", "VARCHAR(64) NOT NULL" },
			{ "FERRY_SCHEDULE.CREATED_AT", "TS NOT NULL" },
			{ "FERRY_SCHEDULE.UPDATED_AT", "TS NOT NULL" },
			{ "FERRY_SCHEDULE_RUN.ID", "ID" },
			{ "FERRY_SCHEDULE_RUN.SCHEDULE_ID", "BIGINT NOT NULL" },
			{ "FERRY_SCHEDULE_RUN.FIRED_AT", "TS NOT NULL" },
			{ "FERRY_SCHEDULE_RUN.SCHEDULED_FOR", "TS NULL" },
			{ "FERRY_SCHEDULE_RUN.TRIGGER_KIND", "VARCHAR(16) NOT NULL" },
			{ "FERRY_SCHEDULE_RUN.OUTCOME", "VARCHAR(16) NOT NULL" },
			{ "FERRY_SCHEDULE_RUN.RECORD_ID", "BIGINT NULL" },
			{ "FERRY_SCHEDULE_RUN.MESSAGE", "VARCHAR(2000) NULL" },
			{ "FERRY_SCHEDULE_RUN.NODE_ID", "VARCHAR(128) NOT NULL" },
			{ "FERRY_NODE.NODE_ID", "VARCHAR(128) NOT NULL" },
			{ "FERRY_NODE.HOST", "VARCHAR(255) NOT NULL" },
			{ "FERRY_NODE.PID", "BIGINT NOT NULL" },
			{ "FERRY_NODE.DATA_DIR", "VARCHAR(1024) NOT NULL" },
			{ "FERRY_NODE.STARTED_AT", "TS NOT NULL" },
			{ "FERRY_NODE.HEARTBEAT_AT", "TS NOT NULL" },
			{ "FERRY_NODE.STOPPED_AT", "TS NULL" },
			{ "FERRY_EXECUTION_NODE.JOB_EXECUTION_ID", "BIGINT NOT NULL" },
			{ "FERRY_EXECUTION_NODE.NODE_ID", "VARCHAR(128) NOT NULL" },
			{ "FERRY_EXECUTION_NODE.CLAIMED_AT", "TS NOT NULL" },
			{ "FERRY_EXECUTION_NODE.STOP_REQUESTED_AT", "TS NULL" },
			{ "FERRY_EXECUTION_NODE.STOP_REQUESTED_BY", "VARCHAR(64) NULL" },
			{ "FERRY_API_TOKEN.ID", "ID" }, { "FERRY_API_TOKEN.USER_ID", "BIGINT NOT NULL" },
			{ "FERRY_API_TOKEN.NAME", "VARCHAR(64) NOT NULL" }, { "FERRY_API_TOKEN.TOKEN_PREFIX", "VARCHAR(16) NOT NULL" },
			{ "FERRY_API_TOKEN.TOKEN_HASH", "VARCHAR(64) NOT NULL" }, { "FERRY_API_TOKEN.CREATED_AT", "TS NOT NULL" },
			{ "FERRY_API_TOKEN.EXPIRES_AT", "TS NULL" }, { "FERRY_API_TOKEN.LAST_USED_AT", "TS NULL" },
			{ "FERRY_API_TOKEN.REVOKED_AT", "TS NULL" }, { "FERRY_LOGIN_THROTTLE.SCOPE", "VARCHAR(8) NOT NULL" },
			{ "FERRY_LOGIN_THROTTLE.THROTTLE_KEY", "VARCHAR(255) NOT NULL" },
			{ "FERRY_LOGIN_THROTTLE.FAILURES", "INT NOT NULL" }, { "FERRY_LOGIN_THROTTLE.LOCKS", "INT NOT NULL" },
			{ "FERRY_LOGIN_THROTTLE.LOCKED_UNTIL", "TS NOT NULL" }, { "FERRY_LOGIN_THROTTLE.LAST_FAILURE", "TS NOT NULL" },
			{ "FERRY_SCHEDULE_DRILL.SCHEDULE_ID", "BIGINT NOT NULL" },
			{ "FERRY_SCHEDULE_DRILL.DRILL_CLUSTER_ID", "BIGINT NOT NULL" },
			{ "FERRY_SCHEDULE_DRILL.DROP_AFTER", "BOOL NOT NULL" },
			{ "FERRY_RESTORE_DRILL.EXPORT_RECORD_ID", "BIGINT NOT NULL" },
			{ "FERRY_RESTORE_DRILL.DRILL_RECORD_ID", "BIGINT NULL" },
			{ "FERRY_RESTORE_DRILL.DRILL_CLUSTER_ID", "VARCHAR(64) NOT NULL" },
			{ "FERRY_RESTORE_DRILL.SCHEDULE_ID", "BIGINT NULL" }, { "FERRY_RESTORE_DRILL.STATE", "VARCHAR(16) NOT NULL" },
			{ "FERRY_RESTORE_DRILL.SUMMARY", "VARCHAR(2000) NOT NULL" },
			{ "FERRY_RESTORE_DRILL.TABLE_COUNT", "INT NULL" }, { "FERRY_RESTORE_DRILL.ROW_COUNT", "BIGINT NULL" },
			{ "FERRY_RESTORE_DRILL.UPDATED_AT", "TS NOT NULL" },
			{ "FERRY_NOTIFY_TARGET.SCOPE_KEY", "VARCHAR(40) NOT NULL" }, { "FERRY_NOTIFY_TARGET.EVENTS", "VARCHAR(200) NOT NULL" },
			{ "FERRY_NOTIFY_TARGET.WEBHOOK_URL", "VARCHAR(1024) NULL" }, { "FERRY_NOTIFY_TARGET.WEBHOOK_SECRET_ID", "BIGINT NULL" },
			{ "FERRY_NOTIFY_TARGET.EMAIL_TO", "VARCHAR(1000) NULL" }, { "FERRY_NOTIFY_TARGET.UPDATED_BY", "VARCHAR(64) NOT NULL" },
			{ "FERRY_NOTIFY_TARGET.UPDATED_AT", "TS NOT NULL" }, { "FERRY_NOTIFY_DELIVERY.ID", "ID" },
			{ "FERRY_NOTIFY_DELIVERY.EVENT_NAME", "VARCHAR(40) NOT NULL" }, { "FERRY_NOTIFY_DELIVERY.RECORD_ID", "BIGINT NULL" },
			{ "FERRY_NOTIFY_DELIVERY.SCHEDULE_ID", "BIGINT NULL" }, { "FERRY_NOTIFY_DELIVERY.CHANNEL", "VARCHAR(16) NOT NULL" },
			{ "FERRY_NOTIFY_DELIVERY.DESTINATION", "VARCHAR(1024) NOT NULL" }, { "FERRY_NOTIFY_DELIVERY.SECRET_ID", "BIGINT NULL" },
			{ "FERRY_NOTIFY_DELIVERY.PAYLOAD", "VARCHAR(4000) NOT NULL" }, { "FERRY_NOTIFY_DELIVERY.STATUS", "VARCHAR(16) NOT NULL" },
			{ "FERRY_NOTIFY_DELIVERY.ATTEMPTS", "INT NOT NULL" }, { "FERRY_NOTIFY_DELIVERY.NEXT_ATTEMPT_AT", "TS NOT NULL" },
			{ "FERRY_NOTIFY_DELIVERY.CLAIMED_BY", "VARCHAR(128) NULL" }, { "FERRY_NOTIFY_DELIVERY.CLAIMED_UNTIL", "TS NULL" },
			{ "FERRY_NOTIFY_DELIVERY.LAST_ERROR", "VARCHAR(1000) NULL" }, { "FERRY_NOTIFY_DELIVERY.CREATED_AT", "TS NOT NULL" },
			{ "FERRY_NOTIFY_DELIVERY.UPDATED_AT", "TS NOT NULL" } };

	private void verifyColumnTypes(JdbcTemplate jdbc, Dbms dbms) {
		Map<String, String> actual = new TreeMap<>();
		if (dbms == Dbms.H2) {
			jdbc.query("""
					SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, DATETIME_PRECISION,
					       IS_NULLABLE, COLUMN_DEFAULT, IS_IDENTITY
					FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_NAME LIKE 'FERRY\\_%'
					""", (ResultSet rs) -> {
				String type = rs.getString("DATA_TYPE");
				if (type.equals("CHARACTER VARYING")) {
					type = "VARCHAR(" + rs.getLong("CHARACTER_MAXIMUM_LENGTH") + ")";
				}
				else if (type.startsWith("TIMESTAMP")) {
					type += "(" + rs.getInt("DATETIME_PRECISION") + ")";
				}
				actual.put(rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME"), describe(type,
						rs.getString("IS_NULLABLE"), rs.getString("COLUMN_DEFAULT"),
						"YES".equals(rs.getString("IS_IDENTITY")) ? "IDENTITY" : ""));
			});
		}
		else {
			jdbc.query("""
					SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA
					FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'FERRY\\_%'
					""", (ResultSet rs) -> {
				actual.put(rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME"),
						describe(rs.getString("COLUMN_TYPE"), rs.getString("IS_NULLABLE"), rs.getString("COLUMN_DEFAULT"),
								rs.getString("EXTRA")));
			});
		}
		actual.forEach((column, type) -> System.out.printf("[%s] %-32s %s%n", dbms, column, type));

		// H2: TIMESTAMP(6) / BOOLEAN / identity. MariaDB: DATETIME(6) (no time zone conversion, no 2038
		// limit, no implicit DEFAULT/ON UPDATE CURRENT_TIMESTAMP) / TINYINT(1) (= MariaDB's BOOLEAN) / AUTO_INCREMENT.
		Map<String, String> expected = new TreeMap<>();
		for (String[] column : FERRY_COLUMNS) {
			String type = column[1];
			if (dbms == Dbms.H2) {
				type = type.equals("ID") ? "BIGINT NOT NULL IDENTITY" : type.replace("TS ", "TIMESTAMP(6) ")
					.replace("BOOL ", "BOOLEAN ");
			}
			else {
				type = type.equals("ID") ? "BIGINT NOT NULL AUTO_INCREMENT" : type.replace("TS ", "DATETIME(6) ")
					.replace("BOOL ", "TINYINT(1) ")
					.replace("DEFAULT TRUE", "DEFAULT 1");
			}
			expected.put(column[0], type);
		}
		assertThat(actual).isEqualTo(expected);
	}

	private static String describe(String type, String nullable, String columnDefault, String extra) {
		String normalized = type.toUpperCase(Locale.ROOT)
			.replace("INTEGER", "INT")
			.replaceAll("^INT\\(\\d+\\)", "INT")
			.replaceAll("^BIGINT\\(\\d+\\)", "BIGINT");
		StringBuilder description = new StringBuilder(normalized);
		description.append("YES".equals(nullable) ? " NULL" : " NOT NULL");
		if (columnDefault != null && !"NULL".equalsIgnoreCase(columnDefault)) {
			description.append(" DEFAULT ").append(columnDefault);
		}
		if (extra != null && !extra.isBlank()) {
			description.append(" ").append(extra.toUpperCase(Locale.ROOT));
		}
		return description.toString();
	}

	private void verifyFerryTables(JdbcTemplate jdbc) {
		LocalDateTime created = LocalDateTime.of(2025, 1, 2, 3, 4, 5, 123_456_000);
		long secretId = insert(jdbc, "INSERT INTO FERRY_SECRET (PURPOSE, CIPHERTEXT, CREATED_AT) VALUES (?, ?, ?)",
				"cluster-password", "aXYxMjM0NTY3ODkwY2lwaGVydGV4dA==", created);
		long clusterId = insert(jdbc, """
				INSERT INTO FERRY_CLUSTER (NAME, KIND, HOST, PORT, STATUS_PORT, PD_ADDRESS, DB_USER,
				                           PASSWORD_SECRET_ID, CREATED_AT, UPDATED_AT)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", "prod-tidb", "TIDB", "10.0.0.5", 4000, 10080,
				"10.0.0.6:2379", "ferry", secretId, created, created);
		assertThat(clusterId).isPositive();

		Map<String, Object> cluster = jdbc.queryForMap("""
				SELECT C.NAME, C.PORT, C.STATUS_PORT, C.PD_ADDRESS, C.CREATED_AT, S.PURPOSE, S.CIPHERTEXT
				FROM FERRY_CLUSTER C JOIN FERRY_SECRET S ON S.ID = C.PASSWORD_SECRET_ID WHERE C.ID = ?""", clusterId);
		assertThat(cluster.get("NAME")).isEqualTo("prod-tidb");
		assertThat(((Number) cluster.get("PORT")).intValue()).isEqualTo(4000);
		assertThat(((Number) cluster.get("STATUS_PORT")).intValue()).isEqualTo(10080);
		assertThat(cluster.get("PURPOSE")).isEqualTo("cluster-password");
		assertThat(cluster.get("CIPHERTEXT")).isEqualTo("aXYxMjM0NTY3ODkwY2lwaGVydGV4dA==");
		assertThat(jdbc.queryForObject("SELECT CREATED_AT FROM FERRY_CLUSTER WHERE ID = ?", LocalDateTime.class,
				clusterId))
			.as("microsecond precision survives the round trip")
			.isEqualTo(created);

		// UPDATED_AT must not change behind the application's back (no ON UPDATE CURRENT_TIMESTAMP).
		jdbc.update("UPDATE FERRY_CLUSTER SET HOST = ? WHERE ID = ?", "10.0.0.7", clusterId);
		assertThat(jdbc.queryForObject("SELECT UPDATED_AT FROM FERRY_CLUSTER WHERE ID = ?", LocalDateTime.class,
				clusterId))
			.isEqualTo(created);

		// Cluster without a password secret.
		insert(jdbc, """
				INSERT INTO FERRY_CLUSTER (NAME, KIND, HOST, PORT, DB_USER, CREATED_AT, UPDATED_AT)
				VALUES (?, ?, ?, ?, ?, ?, ?)""", "staging-mariadb", "MARIADB", "db.staging", 3306, "root", created,
				created);

		// NAME is unique.
		assertThatThrownBy(() -> jdbc.update("""
				INSERT INTO FERRY_CLUSTER (NAME, KIND, HOST, PORT, DB_USER, CREATED_AT, UPDATED_AT)
				VALUES (?, ?, ?, ?, ?, ?, ?)""", "prod-tidb", "MYSQL", "other", 3306, "root", created, created))
			.isInstanceOf(DataIntegrityViolationException.class);
		// PASSWORD_SECRET_ID must reference an existing secret.
		assertThatThrownBy(() -> jdbc.update("""
				INSERT INTO FERRY_CLUSTER (NAME, KIND, HOST, PORT, DB_USER, PASSWORD_SECRET_ID, CREATED_AT, UPDATED_AT)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", "dangling", "MYSQL", "other", 3306, "root", secretId + 1000,
				created, created))
			.isInstanceOf(DataIntegrityViolationException.class);
		// A secret in use cannot be deleted.
		assertThatThrownBy(() -> jdbc.update("DELETE FROM FERRY_SECRET WHERE ID = ?", secretId))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM FERRY_CLUSTER", Long.class)).isEqualTo(2);

		// FERRY_USER: ENABLED defaults to true, USERNAME is unique.
		insert(jdbc, "INSERT INTO FERRY_USER (USERNAME, PASSWORD_HASH, ROLE, CREATED_AT) VALUES (?, ?, ?, ?)", "admin",
				"{bcrypt}$2a$10$abcdefghijklmnopqrstuv", "ADMIN", created);
		assertThat(jdbc.queryForObject("SELECT ENABLED FROM FERRY_USER WHERE USERNAME = ?", Boolean.class, "admin"))
			.isTrue();
		jdbc.update("UPDATE FERRY_USER SET ENABLED = ? WHERE USERNAME = ?", false, "admin");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM FERRY_USER WHERE ENABLED = FALSE", Long.class))
			.isEqualTo(1);
		assertThatThrownBy(() -> jdbc.update(
				"INSERT INTO FERRY_USER (USERNAME, PASSWORD_HASH, ROLE, ENABLED, CREATED_AT) VALUES (?, ?, ?, ?, ?)",
				"admin", "x", "VIEWER", true, created))
			.isInstanceOf(DataIntegrityViolationException.class);

		// FERRY_SETTING: natural key.
		jdbc.update("INSERT INTO FERRY_SETTING (SETTING_KEY, SETTING_VALUE, UPDATED_AT) VALUES (?, ?, ?)",
				"dumpling.threads", "8", created);
		assertThat(jdbc.queryForObject("SELECT SETTING_VALUE FROM FERRY_SETTING WHERE SETTING_KEY = ?", String.class,
				"dumpling.threads"))
			.isEqualTo("8");
		assertThatThrownBy(
				() -> jdbc.update("INSERT INTO FERRY_SETTING (SETTING_KEY, SETTING_VALUE, UPDATED_AT) VALUES (?, ?, ?)",
						"dumpling.threads", "4", created))
			.isInstanceOf(DataIntegrityViolationException.class);

		// FERRY_AUDIT: newest first.
		insert(jdbc, "INSERT INTO FERRY_AUDIT (OCCURRED_AT, ACTOR, ACTION, TARGET, DETAIL) VALUES (?, ?, ?, ?, ?)",
				created, "admin", "CLUSTER_CREATE", "prod-tidb", null);
		insert(jdbc, "INSERT INTO FERRY_AUDIT (OCCURRED_AT, ACTOR, ACTION, TARGET, DETAIL) VALUES (?, ?, ?, ?, ?)",
				created.plusSeconds(1), null, "LOGIN_FAILED", null, "bad password");
		assertThat(jdbc.queryForList("SELECT ACTION FROM FERRY_AUDIT ORDER BY OCCURRED_AT DESC", String.class))
			.containsExactly("LOGIN_FAILED", "CLUSTER_CREATE");
	}

	private static long insert(JdbcTemplate jdbc, String sql, Object... args) {
		KeyHolder keys = new GeneratedKeyHolder();
		jdbc.update(connection -> {
			PreparedStatement statement = connection.prepareStatement(sql, new String[] { "ID" });
			for (int i = 0; i < args.length; i++) {
				statement.setObject(i + 1, args[i]);
			}
			return statement;
		}, keys);
		Number key = (keys.getKeyList().isEmpty()) ? null : (Number) keys.getKeyList().get(0).values().iterator().next();
		return (key != null) ? key.longValue() : -1;
	}

	private static List<String> indexNames(DataSource dataSource, String table) throws Exception {
		List<String> names = new ArrayList<>();
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			try (ResultSet rs = metaData.getIndexInfo(connection.getCatalog(), connection.getSchema(), table, false,
					false)) {
				while (rs.next()) {
					String name = rs.getString("INDEX_NAME");
					if (name != null && !names.contains(name.toUpperCase(Locale.ROOT))) {
						names.add(name.toUpperCase(Locale.ROOT));
					}
				}
			}
		}
		return names;
	}

}
