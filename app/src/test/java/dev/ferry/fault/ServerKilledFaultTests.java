package dev.ferry.fault;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ferry.manifest.Manifest;
import dev.ferry.support.Processes;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The source server, then the target server, killed with SIGKILL while mydumper, resp. myloader, moves data: a
 * MariaDB instance of the test's own (port 35140, under {@code target/fault-mariadb}) with two tables of 300 000
 * rows. The record ends Failed naming the lost server, leaves no password file and nothing that passes for a complete
 * export; once the server is back, a restart through the API finishes and the data equals the source.
 */
class ServerKilledFaultTests extends FaultTest {

	static final int PORT = 35140;

	static final int ROWS = 300_000;

	static final String USER = TestDatabases.uniqueName("fault");

	static OwnMariaDb server;

	@BeforeAll
	static void startOwnServer() throws SQLException {
		server = OwnMariaDb.start("killed", PORT);
		createUser(PORT, USER);
	}

	@BeforeEach
	void serverRunning() {
		server.start(); // reuses the running instance; starts it again if an earlier test left it killed
	}

	@AfterAll
	static void removeOwnServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void sourceKilledMidExportFailsAndARestartFinishesWithEqualData() throws Exception {
		String database = TestDatabases.uniqueName("killsrc");
		fill(PORT, database, ROWS);
		String source = registerCluster(TestDatabases.uniqueName("own"), PORT, USER, CLUSTER_PASSWORD);
		String recordId = startExport(Map.of("clusterId", source, "storageType", "nfs", "fileType", "sql", "filter",
				database + ".*"));
		Path data = HOME.resolve("export").resolve(source).resolve(recordId + "-nfs").resolve("data");

		long mydumper = pauseTool(data);
		server.kill();
		signal(mydumper, "CONT");

		JsonNode failed = awaitStatus(recordId, "Failed", Duration.ofMinutes(2));
		assertThat(failed.path("message").asString()).contains("exportDataFromCluster")
			.contains("mydumper exited with code")
			.containsAnyOf("Server has gone away", "Lost connection", "Can't connect")
			.doesNotContain(CLUSTER_PASSWORD);
		assertThat(data.resolve(Manifest.FILE_NAME)).as("no manifest of a partial dump").doesNotExist();
		assertThat(Processes.commandLinesContaining(data.toString())).as("no tool left running").isEmpty();
		assertNoPasswordFileLeft();
		String target = registerCluster(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root", "");
		assertNotReImportable(target, recordId);

		server.start();
		JsonNode finished = restartToFinished(recordId);

		assertThat(Path.of(finished.path("filePath").asString()).resolve(Manifest.FILE_NAME)).exists();
		assertThat(finished.path("message").isNull()).isTrue();
		assertNoPasswordFileLeft();
		String imported = startImport(Map.of("clusterId", target, "recordId", recordId));
		assertThat(awaitStatus(imported, "Finished", Duration.ofMinutes(3)).path("verification").asString())
			.startsWith("verified: 3 tables");
		assertSameData(PORT, TestDatabases.targetPort(), database);
		TestDatabases.execute(TestDatabases.targetPort(), "DROP DATABASE `" + database + "`");
	}

	@Test
	void targetKilledMidImportFailsAndARestartFinishesWithEqualData() throws Exception {
		String database = TestDatabases.uniqueName("killdst");
		fill(PORT, database, ROWS);
		Map<String, Long> sourceSums = TestDatabases.checksums(PORT, database);
		String cluster = registerCluster(TestDatabases.uniqueName("own"), PORT, USER, CLUSTER_PASSWORD);
		String exportId = startExport(Map.of("clusterId", cluster, "storageType", "nfs", "fileType", "sql", "filter",
				database + ".*"));
		awaitStatus(exportId, "Finished", Duration.ofMinutes(3));
		TestDatabases.execute(PORT, "DROP DATABASE `" + database + "`"); // the target is now without it

		String recordId = startImport(Map.of("clusterId", cluster, "recordId", exportId));
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
			.until(() -> rowsLoaded(database) > 20_000);
		server.kill();

		JsonNode failed = awaitStatus(recordId, "Failed", Duration.ofMinutes(2));
		// myloader 0.10 exits 0 when its server dies under it: the verification step is what fails the record
		assertThat(failed.path("message").asString()).containsAnyOf("importDataToCluster", "updateDataImportRecord")
			.containsAnyOf("Could not connect to 127.0.0.1:" + PORT, "Server has gone away", "Lost connection")
			.doesNotContain(CLUSTER_PASSWORD);
		assertThat(failed.path("verification").asString()).doesNotStartWith("verified");
		assertNoPasswordFileLeft();

		server.start();
		JsonNode finished = restartToFinished(recordId);

		assertThat(finished.path("verification").asString()).startsWith("verified: 3 tables");
		assertThat(finished.path("message").isNull()).as("the earlier attempt's reason is gone").isTrue();
		assertNoPasswordFileLeft();
		assertThat(TestDatabases.checksums(PORT, database)).isEqualTo(sourceSums);
		assertThat(TestDatabases.count(PORT, "SELECT COUNT(*) FROM `" + database + "`.t1")).isEqualTo(ROWS);
		assertThat(TestDatabases.count(PORT, "SELECT COUNT(*) FROM `" + database + "`.t2")).isEqualTo(ROWS);
	}

	/** Rows committed so far in the import's tables (0 while they do not exist). */
	private static long rowsLoaded(String database) {
		try {
			return TestDatabases.count(PORT, "SELECT COALESCE(SUM(TABLE_ROWS), 0) FROM information_schema.TABLES"
					+ " WHERE TABLE_SCHEMA = '" + database + "'");
		}
		catch (SQLException ex) {
			return 0;
		}
	}

	/**
	 * Stops this export's mydumper (SIGSTOP) as soon as it runs, so that the server dies under a running dump
	 * whatever the machine's speed: a quiet machine dumps the test data in under a second, and a dump stepped on until
	 * a file has grown may already hold every row it needs from the server.
	 */
	private static long pauseTool(Path data) {
		long pid = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(2))
			.until(() -> toolPid(data), java.util.Objects::nonNull);
		signal(pid, "STOP");
		return pid;
	}

	private static Long toolPid(Path data) {
		return ProcessHandle.allProcesses()
			.filter((p) -> p.info().commandLine().map((line) -> line.contains(data.toString())).orElse(false))
			.map(ProcessHandle::pid)
			.findFirst()
			.orElse(null);
	}

	private static void signal(long pid, String signal) {
		try {
			new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
