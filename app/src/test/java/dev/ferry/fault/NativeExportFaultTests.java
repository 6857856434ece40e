package dev.ferry.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import dev.ferry.manifest.Manifest;
import dev.ferry.support.FerryClient;
import dev.ferry.support.Myloader;
import dev.ferry.support.NativeDump;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults while the native engine exports ({@code toolChain: native}): the source server killed, the transfer stopped
 * through the API, the export root full. The source is a MariaDB server of the test's own (port 36200, under
 * {@code target/fault-mariadb}) holding two tables of {@value #ROWS} rows, exported in chunks of
 * {@value #CHUNK_ROWS} rows: about ten data files a table, one partition each. The export root is a real
 * {@code tmpfs} ({@link TmpfsRoot}).
 * <p>
 * The fault comes at a known point, whatever the machine's speed: the test waits until the export has committed its
 * first data file and then freezes the source with SIGSTOP, so every worker waits for the server with the rest of
 * the chunks still to read (a stop is sent then, and the server goes on once the job repository has it); the disk is
 * full because the test leaves only {@value #FREE_BYTES} bytes free, less than
 * the export needs and more than a chunk does.
 * <p>
 * After each fault: the record ends Failed (with the reason) or Stopped; every file with a final data-file name is
 * whole (it decompresses to its end and ends after a whole statement) and there are fewer of them than the finished
 * export has, so the fault did hit mid-export; no manifest exists. A restart through the API finishes; the files
 * written before the fault are kept as they were; the manifest matches every file's bytes; and the export, loaded
 * with myloader 0.10 into the {@code target} server, has the source's row counts and {@code CHECKSUM TABLE}.
 */
class NativeExportFaultTests extends FaultTest {

	static final int PORT = 36200;

	static final int ROWS = 20_000;

	static final int CHUNK_ROWS = 2_000;

	static final long FREE_BYTES = 3L * 1024 * 1024;

	static final String USER = TestDatabases.uniqueName("fault");

	static final TmpfsRoot MOUNT = TmpfsRoot.mount("native-fault-", "64m");

	static final Path ROOT = MOUNT.path();

	static OwnMariaDb server;

	@DynamicPropertySource
	static void exportRootOnTmpfs(DynamicPropertyRegistry registry) {
		registry.add("ferry.export-root", ROOT::toString);
		registry.add("ferry.transfers.space-margin", () -> "0"); // the space preflight would refuse the disk-full one
	}

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
	static void cleanUp() {
		if (server != null) {
			server.close();
		}
		MOUNT.close();
	}

	@Test
	void sourceKilledMidExportFailsAndARestartFinishesWithEqualData() throws Exception {
		NativeExport export = startNativeExport("natkill", "none");
		export.awaitFirstChunkThenFreezeSource();

		server.kill();

		JsonNode failed = awaitStatus(export.recordId, "Failed", Duration.ofMinutes(2));
		assertThat(failed.path("message").asString()).contains("exportDataFromCluster")
			.containsAnyOf("Connection reset", "Socket error", "unexpected end of stream", "Lost connection",
					"Server has gone away", "Communications link failure", "Connection refused")
			.doesNotContain(CLUSTER_PASSWORD);
		Map<String, NativeDump.FileState> beforeRestart = export.assertOnlyWholeFilesAndNoManifest();
		assertNoPasswordFileLeft();

		server.start();
		export.restartAndAssertFinishedKeeping(beforeRestart);
	}

	@Test
	void stoppedMidExportThroughTheApiEndsStoppedAndARestartFinishesWithEqualData() throws Exception {
		NativeExport export = startNativeExport("natstop", "gzip");
		export.awaitFirstChunkThenFreezeSource();

		// the stop reaches the export while its workers wait for the frozen server; once the repository has it, the
		// server goes on (a stop waits up to 30 s for the steps to end, which a frozen server would make it do)
		var client = newClient();
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

	@Test
	void fullExportRootFailsSayingSoAndARestartAfterFreeingSpaceFinishesWithEqualData() throws Exception {
		Path ballast = ROOT.resolve("ballast");
		long free = Files.getFileStore(ROOT).getUsableSpace();
		TmpfsRoot.run("fallocate", "-l", Long.toString(free - FREE_BYTES), ballast.toString());
		NativeExport export;
		try {
			export = startNativeExport("natfull", "none");

			JsonNode failed = awaitStatus(export.recordId, "Failed", Duration.ofMinutes(2));
			assertThat(failed.path("message").asString()).contains("exportDataFromCluster")
				.containsIgnoringCase("no space left on device")
				.doesNotContain(CLUSTER_PASSWORD);
		}
		finally {
			Files.delete(ballast);
		}
		Map<String, NativeDump.FileState> beforeRestart = export.assertOnlyWholeFilesAndNoManifest();
		assertThat(beforeRestart).as("chunks written before the disk was full").isNotEmpty();

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

	private NativeExport startNativeExport(String prefix, String compression) throws SQLException {
		String database = TestDatabases.uniqueName(prefix);
		fill(PORT, database, ROWS);
		String cluster = registerCluster(TestDatabases.uniqueName("own"), PORT, USER, CLUSTER_PASSWORD);
		Map<String, Object> body = new HashMap<>(Map.of("clusterId", cluster, "storageType", "nfs", "fileType", "sql",
				"filter", database + ".*", "toolChain", "native", "compression", compression));
		body.put("chunkRows", Integer.toString(CHUNK_ROWS));
		String recordId = startExport(body);
		return new NativeExport(database, cluster, recordId,
				ROOT.resolve(cluster).resolve(recordId + "-nfs").resolve("data"));
	}

	/** One native export of a test and what is checked of it. */
	private final class NativeExport {

		final String database;

		final String clusterId;

		final String recordId;

		final Path data;

		NativeExport(String database, String clusterId, String recordId, Path data) {
			this.database = database;
			this.clusterId = clusterId;
			this.recordId = recordId;
			this.data = data;
		}

		/** Waits (polling every 2 ms) for the first committed data file, then freezes the source server. */
		void awaitFirstChunkThenFreezeSource() throws IOException {
			await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(2))
				.until(() -> !NativeDump.dataFiles(this.data).isEmpty());
			server.pause();
		}

		/**
		 * Every final-named data file is whole, and no manifest claims the export complete.
		 * @return the final-named data files with their CRC32C
		 */
		Map<String, NativeDump.FileState> assertOnlyWholeFilesAndNoManifest() {
			assertThat(this.data.resolve(Manifest.FILE_NAME)).as("no manifest of a partial export").doesNotExist();
			Map<String, NativeDump.FileState> files = NativeDump.dataFiles(this.data);
			for (String name : files.keySet()) {
				NativeDump.assertWhole(this.data.resolve(name));
			}
			String target = registerCluster(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root", "");
			assertNotReImportable(target, this.recordId);
			return files;
		}

		/**
		 * Restarts the record to Finished and checks the result: the files from before kept byte for byte, more files
		 * now than before (the fault was mid-export), a manifest that matches the bytes, and equal data after myloader.
		 */
		void restartAndAssertFinishedKeeping(Map<String, NativeDump.FileState> beforeRestart) throws Exception {
			JsonNode finished = restartToFinished(this.recordId);

			assertThat(finished.path("message").isNull()).as("the earlier attempt's reason is gone").isTrue();
			assertThat(Path.of(finished.path("filePath").asString())).isEqualTo(this.data);
			Manifest manifest = NativeDump.assertMatchesManifest(this.data);
			Map<String, NativeDump.FileState> after = NativeDump.dataFiles(this.data);
			assertThat(after).as("the chunks committed before the fault are kept as they were")
				.containsAllEntriesOf(beforeRestart);
			assertThat(beforeRestart.size()).as("the fault hit mid-export").isLessThan(after.size());
			assertThat(manifest.tables()).extracting(Manifest.Table::table).containsOnly("notes", "t1", "t2");
			assertThat(manifest.snapshots()).as("the chunks left were read in a new snapshot, and the manifest says so")
				.hasSize(2);
			assertThat(manifest.consistent()).isFalse();
			assertNoPasswordFileLeft();

			Myloader.load(this.data, TestDatabases.targetPort());
			try {
				assertSameData(PORT, TestDatabases.targetPort(), this.database);
			}
			finally {
				TestDatabases.execute(TestDatabases.targetPort(), "DROP DATABASE IF EXISTS `" + this.database + "`");
			}
		}

	}

}
