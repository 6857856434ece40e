package dev.ferry.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.Processes;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export end to end through the API with the real mydumper against the {@code source} MariaDB; the files are then
 * restored with the real myloader into the {@code target} instance and compared table by table.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExportFunctionalTests extends FunctionalTest {

	@Autowired
	JobOperator jobOperator;

	static final String SOURCE_DB = TestDatabases.uniqueName("shop");

	static final String DUMP_USER = TestDatabases.uniqueName("dump");

	/** Spaces, both quotes, a backslash, a hash, unicode and an emoji: it must reach mydumper intact. */
	static final String DUMP_PASSWORD = "S3cr3t pa\"ss 'wörd' \\ #x 🚀";

	@BeforeAll
	static void createSourceDatabase() throws Exception {
		int source = TestDatabases.sourcePort();
		TrickyDatabase.create(source, SOURCE_DB, 1500);
		TestDatabases.execute(source,
				"CREATE USER '" + DUMP_USER + "'@'%' IDENTIFIED BY " + TestDatabases.literal(DUMP_PASSWORD),
				"GRANT ALL PRIVILEGES ON *.* TO '" + DUMP_USER + "'@'%'");
	}

	@Test
	void exportRestoresIntoAnotherServerWithEqualChecksums(CapturedOutput ferryLog) throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), DUMP_USER,
				DUMP_PASSWORD);

		var started = this.api.post("/api/v1/clusters/export",
				Map.of("clusterId", clusterId, "storageType", "nfs", "fileType", "sql", "comment", "nightly 🚀"));

		assertThat(started.status()).as(started.body().toString()).isEqualTo(200);
		assertThat(started.code()).isZero();
		String recordId = started.data().path("recordId").asString();
		assertThat(started.data().path("workFlowId").asString()).isNotBlank();
		JsonNode record = this.api.awaitRecord(recordId, Duration.ofMinutes(2));
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		assertThat(record.path("transportType").asString()).isEqualTo("export");
		assertThat(record.path("storageType").asString()).isEqualTo("nfs");
		assertThat(record.path("zipName").asString()).isEqualTo("data.zip");
		assertThat(record.path("comment").asString()).isEqualTo("nightly 🚀");
		assertThat(record.path("progress").path("phase").asString()).isEqualTo("finished");
		assertThat(record.path("progress").path("bytes").asLong()).isPositive();
		assertThat(record.path("clusterId").asString()).isEqualTo(clusterId);
		Path data = Path.of(record.path("filePath").asString());
		assertThat(data).isEqualTo(HOME.resolve("export").resolve(clusterId).resolve(recordId + "-nfs").resolve("data"));
		assertThat(data.resolve(SOURCE_DB + ".customers-schema.sql")).exists();
		assertThat(data.resolve(SOURCE_DB + ".rich_customers-schema-view.sql")).exists();

		String restoredDb = restoreWithMyloader(data);

		assertThat(restoredDb).isEqualTo(SOURCE_DB);
		Map<String, Long> expected = TestDatabases.checksums(TestDatabases.sourcePort(), SOURCE_DB);
		assertThat(expected).containsOnlyKeys("customers", "orders", "empty_table");
		assertThat(TestDatabases.checksums(TestDatabases.targetPort(), SOURCE_DB)).isEqualTo(expected);
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM information_schema.VIEWS "
				+ "WHERE TABLE_SCHEMA = '" + SOURCE_DB + "' AND TABLE_NAME = 'rich_customers'")).isEqualTo(1);
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM information_schema.TRIGGERS "
				+ "WHERE TRIGGER_SCHEMA = '" + SOURCE_DB + "' AND TRIGGER_NAME = 'orders_total'")).isEqualTo(1);
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM `" + SOURCE_DB
				+ "`.customers WHERE name LIKE 'Zoë 🚀%'")).isGreaterThan(0);
		assertSecretNowhere(DUMP_PASSWORD, data.getParent());
		assertThat(ferryLog.getAll()).as("Ferry's own log")
			.contains("Record " + recordId + " (exportData) execution " + started.data().path("workFlowId").asString()
					+ " ended COMPLETED")
			.doesNotContain(DUMP_PASSWORD)
			.doesNotContain("S3cr3t");
	}

	@Test
	void passwordNeverOnTheToolCommandLine() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), DUMP_USER,
				DUMP_PASSWORD);
		// Hold a write lock so that mydumper blocks in FLUSH TABLES WITH READ LOCK: its process is there to inspect.
		try (Connection lock = TestDatabases.root(TestDatabases.sourcePort());
				Statement statement = lock.createStatement()) {
			statement.execute("LOCK TABLES `" + SOURCE_DB + "`.orders WRITE");
			String recordId = this.api
				.post("/api/v1/clusters/export", Map.of("clusterId", clusterId, "storageType", "nfs", "fileType", "sql"))
				.data()
				.path("recordId")
				.asString();
			String recordDir = HOME.resolve("export").resolve(clusterId).resolve(recordId + "-nfs").toString();

			List<List<String>> commandLines = Processes.await(recordDir, Duration.ofSeconds(30));

			assertThat(commandLines).hasSize(1);
			List<String> argv = commandLines.get(0);
			assertThat(argv.get(0)).endsWith("mydumper");
			assertThat(argv).anyMatch((arg) -> arg.startsWith("--defaults-file="));
			assertThat(String.join(" ", argv)).doesNotContain(DUMP_PASSWORD)
				.doesNotContain("S3cr3t")
				.doesNotContain("--password")
				.doesNotContain(" -p ");
			Path defaultsFile = Path.of(argv.stream()
				.filter((arg) -> arg.startsWith("--defaults-file="))
				.findFirst()
				.orElseThrow()
				.substring("--defaults-file=".length()));
			assertThat(Files.getPosixFilePermissions(defaultsFile))
				.containsExactlyInAnyOrderElementsOf(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
			String progress = awaitCommittedProgress(recordId);
			assertThat(progress).contains("\"tool.pid\":[\"java.lang.Long\"," + findPid(recordDir))
				.contains("progress.tablesTotal")
				.contains("progress.bytes")
				.doesNotContain("S3cr3t");
			statement.execute("UNLOCK TABLES");

			JsonNode record = this.api.awaitRecord(recordId, Duration.ofMinutes(2));
			assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
			assertThat(defaultsFile).as("defaults file removed after the run").doesNotExist();
		}
	}

	@Test
	void wrongPasswordFailsTheRecordWithTheServersMessage(CapturedOutput ferryLog) throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), DUMP_USER,
				"not-the-password");

		String recordId = this.api
			.post("/api/v1/clusters/export", Map.of("clusterId", clusterId, "storageType", "nfs", "fileType", "sql"))
			.data()
			.path("recordId")
			.asString();
		JsonNode record = this.api.awaitRecord(recordId, Duration.ofMinutes(1));

		assertThat(record.path("status").asString()).isEqualTo("Failed");
		assertThat(record.path("message").asString()).contains("exportDataFromCluster")
			.contains("cannot read the databases of cluster")
			.contains("Access denied for user '" + DUMP_USER + "'")
			.doesNotContain("\tat ");
		String recordDir = HOME.resolve("export").resolve(clusterId).resolve(recordId + "-nfs").toString();
		assertThat(Processes.commandLinesContaining(recordDir)).as("no tool process left running").isEmpty();
		try (Stream<Path> run = Files.list(HOME.resolve("run"))) {
			assertThat(run.filter((f) -> f.toString().endsWith(".cnf"))).as("no defaults file left").isEmpty();
		}
		assertThat(ferryLog.getAll()).as("Ferry's own log").contains("Record " + recordId + " (exportData)")
			.doesNotContain("not-the-password");
	}

	@Test
	void failedExportRestartsFromTheFailedStepAndFinishes() throws Exception {
		String name = TestDatabases.uniqueName("src");
		String clusterId = registerCluster(name, TestDatabases.sourcePort(), DUMP_USER, "wrong");
		String recordId = this.api
			.post("/api/v1/clusters/export", Map.of("clusterId", clusterId, "storageType", "nfs", "fileType", "sql"))
			.data()
			.path("recordId")
			.asString();
		assertThat(this.api.awaitRecord(recordId, Duration.ofMinutes(1)).path("status").asString()).isEqualTo("Failed");
		this.api.put("/api/v1/clusters/" + clusterId, Map.of("name", name, "kind", "MYSQL", "host", "127.0.0.1",
				"port", TestDatabases.sourcePort(), "user", DUMP_USER, "password", DUMP_PASSWORD));

		long restarted = this.jobOperator.restart(Long.parseLong(this.api
			.get("/api/v1/clusters/transport?recordId=" + recordId)
			.data()
			.path("transportRecords")
			.path(0)
			.path("workFlowId")
			.asString()));

		JsonNode record = this.api.awaitRecord(recordId, Duration.ofMinutes(2));
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		assertThat(record.path("workFlowId").asString()).isEqualTo(Long.toString(restarted));
		assertThat(record.path("message").isNull()).isTrue();
		assertThat(Path.of(record.path("filePath").asString()).resolve(SOURCE_DB + ".customers-schema.sql")).exists();
	}

	/** The step execution context as another node would read it: committed, from the repository tables. */
	private String awaitCommittedProgress(String recordId) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		String sql = "SELECT c.SHORT_CONTEXT FROM " + REPOSITORY_DB + ".BATCH_STEP_EXECUTION_CONTEXT c JOIN "
				+ REPOSITORY_DB + ".BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID = c.STEP_EXECUTION_ID JOIN "
				+ REPOSITORY_DB + ".BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID"
				+ " WHERE e.JOB_INSTANCE_ID = " + Long.parseLong(recordId) + " AND s.STEP_NAME = 'exportDataFromCluster'";
		while (System.nanoTime() < deadline) {
			try (Connection connection = TestDatabases.root(TestDatabases.targetPort());
					Statement statement = connection.createStatement();
					var rs = statement.executeQuery(sql)) {
				if (rs.next() && rs.getString(1).contains("progress.updatedAt")) {
					return rs.getString(1);
				}
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no progress committed for record " + recordId);
	}

	private static long findPid(String needle) {
		return ProcessHandle.allProcesses()
			.filter((p) -> p.info().arguments().map((a) -> String.join(" ", a).contains(needle)).orElse(false))
			.mapToLong(ProcessHandle::pid)
			.findFirst()
			.orElseThrow();
	}

	/** Restores the dump into the target instance with myloader, the way an operator would. */
	private static String restoreWithMyloader(Path data) throws Exception {
		Process myloader = new ProcessBuilder("myloader", "--host", "127.0.0.1", "--port",
				Integer.toString(TestDatabases.targetPort()), "--user", "root", "--directory", data.toString(),
				"--source-db", SOURCE_DB, "--threads", "2", "--overwrite-tables", "--verbose", "3")
			.redirectErrorStream(true)
			.redirectOutput(data.getParent().resolve("myloader-restore.log").toFile())
			.start();
		assertThat(myloader.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
		assertThat(myloader.exitValue()).as(Files.readString(data.getParent().resolve("myloader-restore.log")))
			.isZero();
		return SOURCE_DB;
	}

	/** The password must not be in any BATCH_* table, in the record directory's files, nor in FERRY_SECRET. */
	private void assertSecretNowhere(String secret, Path recordDir) throws Exception {
		try (Connection connection = TestDatabases.root(TestDatabases.targetPort());
				Statement statement = connection.createStatement()) {
			for (String table : List.of("BATCH_JOB_INSTANCE", "BATCH_JOB_EXECUTION", "BATCH_JOB_EXECUTION_PARAMS",
					"BATCH_JOB_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION", "BATCH_STEP_EXECUTION_CONTEXT",
					"FERRY_SECRET", "FERRY_CLUSTER")) {
				try (var rs = statement.executeQuery("SELECT * FROM " + REPOSITORY_DB + "." + table)) {
					int columns = rs.getMetaData().getColumnCount();
					int rows = 0;
					while (rs.next()) {
						rows++;
						for (int c = 1; c <= columns; c++) {
							assertThat(String.valueOf(rs.getString(c))).as(table + " column " + c)
								.doesNotContain(secret)
								.doesNotContain("S3cr3t");
						}
					}
					if (!table.equals("FERRY_CLUSTER")) {
						assertThat(rows).as(table + " has rows to search").isPositive();
					}
				}
			}
		}
		try (Stream<Path> files = Files.walk(recordDir)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				if (!file.startsWith(recordDir.resolve("data"))) {
					assertThat(Files.readString(file)).as(file.toString()).doesNotContain("S3cr3t");
				}
			}
		}
	}

}
