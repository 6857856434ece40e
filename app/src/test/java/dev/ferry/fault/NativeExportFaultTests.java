package dev.ferry.fault;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FerryClient;
import dev.ferry.support.NativeDump;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults while the native engine exports ({@code toolChain: native}): the source server killed, and the transfer
 * stopped through the API (the export root filling up is in {@link DiskFullFaultTests}, kill -9 of the node in
 * {@link CrashFaultTests}). The source is a MariaDB server of the test's own (port 36200, under
 * {@code target/fault-mariadb}); the export is a {@link NativeFaultExport}, checked as described there.
 * <p>
 * The fault comes at a known point, whatever the machine's speed: the test waits until the export has committed its
 * first data file and then freezes the source with SIGSTOP, so every worker waits for the server with the rest of
 * the chunks still to read. The server is then killed; or a stop is sent, and the server goes on once the job
 * repository has the stop (a stop waits up to 30 s for the steps to end, which a frozen server would make it do).
 */
class NativeExportFaultTests extends FaultTest {

	static final int PORT = 36200;

	static final String USER = TestDatabases.uniqueName("fault");

	static final Path ROOT = HOME.resolve("export");

	static OwnMariaDb server;

	@BeforeAll
	static void startOwnServer() throws SQLException {
		server = OwnMariaDb.start("native-faults", PORT);
		createUser(PORT, USER);
	}

	@BeforeEach
	void serverRunning() {
		server.start(); // reuses the running instance; starts it again if an earlier test left it killed
	}

	@AfterEach
	void serverNotFrozen() {
		try {
			server.resume();
		}
		catch (IOException | IllegalStateException ex) {
			// killed: nothing to resume
		}
	}

	@AfterAll
	static void removeOwnServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void sourceKilledMidExportFailsAndARestartFinishesWithEqualData() throws Exception {
		NativeFaultExport export = NativeFaultExport.start(this, PORT, USER, "natkill", "none", ROOT);
		export.awaitFirstChunk();
		server.pause();

		server.kill();

		JsonNode failed = awaitStatus(export.recordId, "Failed", Duration.ofMinutes(2));
		assertThat(failed.path("message").asString()).contains("exportDataFromCluster")
			.containsAnyOf("Connection reset", "Socket error", "unexpected end of stream", "Lost connection",
					"Server has gone away", "Communications link failure", "Connection refused", "Connection is closed", "went away")
			.doesNotContain(CLUSTER_PASSWORD);
		Map<String, NativeDump.FileState> beforeRestart = export.assertOnlyWholeFilesAndNoManifest();
		assertNoPasswordFileLeft();

		server.start();
		export.restartAndAssertFinishedKeeping(beforeRestart);
	}

	@Test
	void stoppedMidExportThroughTheApiEndsStoppedAndARestartFinishesWithEqualData() throws Exception {
		NativeFaultExport export = NativeFaultExport.start(this, PORT, USER, "natstop", "gzip", ROOT);
		export.awaitFirstChunk();
		server.pause();

		FerryClient client = newClient();
		CompletableFuture<FerryClient.Reply> stop = CompletableFuture
			.supplyAsync(() -> client.post("/api/v1/clusters/transport/" + export.recordId + "/stop", ""));
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
			.until(() -> List.of("STOPPING", "STOPPED").contains(batchStatus(export.recordId)));
		server.resume();
		FerryClient.Reply stopped = stop.get(2, TimeUnit.MINUTES);
		assertThat(stopped.status()).as(stopped.body().toString()).isEqualTo(200);

		JsonNode record = awaitStatus(export.recordId, "Stopped", Duration.ofMinutes(2));
		assertThat(record.path("message").isNull()).as("a stop is no failure: no reason to show").isTrue();
		Map<String, NativeDump.FileState> beforeRestart = export.assertOnlyWholeFilesAndNoManifest();

		export.restartAndAssertFinishedKeeping(beforeRestart);
	}

	/** The status of the record's latest execution in the job repository. */
	private static String batchStatus(String recordId) throws SQLException {
		try (Connection connection = TestDatabases.root(TestDatabases.targetPort());
				PreparedStatement query = connection.prepareStatement("SELECT STATUS FROM " + REPOSITORY_DB
						+ ".BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ? ORDER BY JOB_EXECUTION_ID DESC LIMIT 1")) {
			query.setLong(1, Long.parseLong(recordId));
			try (ResultSet rs = query.executeQuery()) {
				return rs.next() ? rs.getString(1) : "";
			}
		}
	}

}
