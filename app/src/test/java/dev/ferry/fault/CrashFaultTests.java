package dev.ferry.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ferry.support.FerryClient;
import dev.ferry.support.FerryProcess;
import dev.ferry.manifest.Manifest;
import dev.ferry.support.FerryRepository;
import dev.ferry.support.Myloader;
import dev.ferry.support.NativeDump;
import dev.ferry.support.Processes;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault: {@code kill -9} of a Ferry node (its own JVM, MariaDB as repository, at most one transfer at a time) while
 * one export runs and three wait in the queue. After the restart every record is Failed with a reason, no file
 * with the cluster's password is left (not in {@code run/}, not in the export root), nothing partial is taken as
 * finished, and a restart of each record finishes with the source's data. The same for a native export killed
 * mid-export.
 */
class CrashFaultTests {

	static final String PASSWORD = "crash-admin-Pw1";

	/** The cluster user's password: must not survive on disk. */
	static final String CLUSTER_PASSWORD = "Crash-pw-🔑-" + new SecureRandom().nextInt(1_000_000);

	static final String USER = TestDatabases.uniqueName("crash");

	static final String SOURCE_DB = TestDatabases.uniqueName("crash_src");

	static final String REPOSITORY_DB = TestDatabases.uniqueName("ferry_crash");

	static final int PORT = 35040;

	/** The native export's own source server (the faults helper's port range). */
	static final int NATIVE_SOURCE_PORT = 36201;

	static Path home;

	static FerryProcess ferry;

	@BeforeAll
	static void startFerry() throws Exception {
		TrickyDatabase.create(TestDatabases.sourcePort(), SOURCE_DB, 300);
		for (int port : new int[] { TestDatabases.sourcePort(), TestDatabases.targetPort() }) {
			TestDatabases.execute(port,
					"CREATE USER '" + USER + "'@'%' IDENTIFIED BY " + TestDatabases.literal(CLUSTER_PASSWORD),
					"GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%'");
		}
		TestDatabases.execute(TestDatabases.targetPort(), "CREATE DATABASE " + REPOSITORY_DB);
		home = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-fault")).toAbsolutePath(),
				"crash-");
		Map<String, String> environment = FerryRepository.environment(REPOSITORY_DB, PASSWORD);
		Map<String, String> settings = new HashMap<>();
		settings.put("spring.profiles.active", "mariadb");
		settings.put("ferry.node.id", "crash-node");
		settings.put("ferry.home", home.resolve("home").toString());
		settings.put("ferry.max-concurrent-transfers", "1");
		settings.put("ferry.tools.poll-interval", "500ms");
		settings.put("ferry.tools.dump-threads", "2");
		ferry = FerryProcess.start("crash-node", PORT, settings, environment, home.resolve("logs"));
	}

	@AfterAll
	static void stop() throws Exception {
		if (ferry != null) {
			ferry.close();
		}
		TestDatabases.execute(TestDatabases.sourcePort(), "DROP USER IF EXISTS '" + USER + "'@'%'",
				"DROP DATABASE IF EXISTS `" + SOURCE_DB + "`");
		TestDatabases.execute(TestDatabases.targetPort(), "DROP USER IF EXISTS '" + USER + "'@'%'",
				"DROP DATABASE IF EXISTS `" + SOURCE_DB + "`");
	}

	@Test
	void killWithOneRunningAndThreeQueuedLeavesFailedRecordsNoPasswordFileAndRestartsWithEqualData()
			throws Exception {
		String clusterId = register(TestDatabases.sourcePort());
		Path run = home.resolve("home").resolve("run");
		List<String> records = new ArrayList<>();
		String runningDir;
		try (Connection lock = TestDatabases.root(TestDatabases.sourcePort());
				Statement statement = lock.createStatement()) {
			statement.execute("LOCK TABLES `" + SOURCE_DB + "`.orders WRITE"); // mydumper waits in FTWRL
			for (int i = 0; i < 4; i++) {
				var reply = api().post("/api/v1/clusters/export", Map.of("clusterId", clusterId, "storageType",
						"nfs", "fileType", "sql", "filter", SOURCE_DB + ".*"));
				assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
				records.add(reply.data().path("recordId").asString());
			}
			runningDir = recordDir(clusterId, records.get(0)).toString();
			Processes.await(runningDir, Duration.ofSeconds(60));
			FerryRepository.awaitToolPidCommitted(REPOSITORY_DB, records.get(0));
			await().atMost(Duration.ofSeconds(30)).until(() -> secretFiles(run).size() == 1);
			assertThat(Files.readString(secretFiles(run).get(0))).as("the option file mydumper reads")
				.contains(CLUSTER_PASSWORD.substring(0, 8));
			for (String queued : records.subList(1, 4)) {
				assertThat(status(queued)).as("record " + queued).isEqualTo("Queued");
			}
			Path legacy = Files.writeString(run.resolve("mydumper-999999.cnf"), "[client]\npassword=\"old\"\n");

			ferry.kill();
			assertThat(Processes.commandLinesContaining(runningDir)).as("the tool outlives the killed JVM")
				.isNotEmpty();
			assertThat(secretFiles(run)).as("the kill left the password file").hasSize(2);
			long down = System.nanoTime();
			ferry.restart();
			System.out.printf("[fault] kill -9 with 1 running + 3 queued: Ferry up again after %d ms%n",
					(System.nanoTime() - down) / 1_000_000);

			assertThat(secretFiles(run)).as("swept before Ferry serves").isEmpty();
			assertThat(legacy).as("an older version's leftover too").doesNotExist();
			assertThat(Processes.commandLinesContaining(runningDir)).as("the orphaned tool is ended").isEmpty();
			for (String recordId : records) {
				JsonNode record = record(recordId);
				assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Failed");
				assertThat(record.path("message").asString()).as(record.toString())
					.contains("crash-node was restarted")
					.contains("restart the record");
				assertThat(recordDir(clusterId, recordId).resolve("data").resolve("manifest.json"))
					.as("nothing partial is taken as finished").doesNotExist();
			}
			assertNoPasswordOnDisk();
			statement.execute("UNLOCK TABLES");
		}

		for (String recordId : records) {
			var restarted = api().post("/api/v1/clusters/transport/" + recordId + "/restart", "");
			assertThat(restarted.status()).as(restarted.body().toString()).isEqualTo(200);
		}
		Map<String, Long> sourceRows = sourceRows();
		for (String recordId : records) {
			JsonNode record = api().awaitRecord(recordId, Duration.ofMinutes(3));
			assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
			assertThat(manifestRows(Path.of(record.path("filePath").asString()))).as("record " + recordId)
				.isEqualTo(sourceRows);
		}
		assertThat(secretFiles(run)).isEmpty();
		assertNoPasswordOnDisk();

		String target = register(TestDatabases.targetPort());
		var imported = api().post("/api/v1/clusters/import", Map.of("clusterId", target, "recordId", records.get(0)));
		assertThat(imported.status()).as(imported.body().toString()).isEqualTo(200);
		JsonNode importRecord = api().awaitRecord(imported.data().path("recordId").asString(), Duration.ofMinutes(3));
		assertThat(importRecord.path("status").asString()).as(importRecord.toString()).isEqualTo("Finished");
		assertThat(TestDatabases.checksums(TestDatabases.targetPort(), SOURCE_DB))
			.as("the export that was killed, restarted and loaded").isEqualTo(TestDatabases.checksums(
					TestDatabases.sourcePort(), SOURCE_DB));
		assertThat(secretFiles(run)).isEmpty();
	}

	/**
	 * {@code kill -9} of the node while the native engine exports ({@code toolChain: native}, chunks of 2000 rows,
	 * zstd): the source is a MariaDB server of the test's own (port {@value #NATIVE_SOURCE_PORT}), frozen with
	 * SIGSTOP as soon as the first data file is committed, so the node dies mid-export whatever the machine's speed.
	 * After the restart the record is Failed with the reason; the killed writers' temporary files carry no final name,
	 * and every file that does is whole; a restart of the record finishes, keeps the chunks written before the kill,
	 * writes a manifest that matches the bytes, and the export loaded with myloader 0.10 equals the source.
	 */
	@Test
	void killDuringANativeExportLeavesOnlyWholeChunksAndARestartFinishesWithEqualData() throws Exception {
		String database = TestDatabases.uniqueName("crash_nat");
		try (OwnMariaDb source = OwnMariaDb.start("native-crash", NATIVE_SOURCE_PORT)) {
			TestDatabases.execute(NATIVE_SOURCE_PORT,
					"CREATE USER '" + USER + "'@'%' IDENTIFIED BY " + TestDatabases.literal(CLUSTER_PASSWORD),
					"GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%'");
			FaultTest.fill(NATIVE_SOURCE_PORT, database, 20_000);
			String clusterId = register(NATIVE_SOURCE_PORT);
			var reply = api().post("/api/v1/clusters/export", Map.of("clusterId", clusterId, "storageType", "nfs",
					"fileType", "sql", "filter", database + ".*", "toolChain", "native", "compression", "zstd",
					"chunkRows", "2000"));
			assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
			String recordId = reply.data().path("recordId").asString();
			Path data = recordDir(clusterId, recordId).resolve("data");
			await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(2))
				.until(() -> !NativeDump.dataFiles(data).isEmpty());
			source.pause();

			ferry.kill();
			source.resume();
			ferry.restart();

			JsonNode record = record(recordId);
			assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Failed");
			assertThat(record.path("message").asString()).as(record.toString())
				.contains("crash-node was restarted")
				.contains("restart the record");
			assertThat(data.resolve("manifest.json")).as("nothing partial is taken as finished").doesNotExist();
			Map<String, NativeDump.FileState> beforeRestart = NativeDump.dataFiles(data);
			beforeRestart.keySet().forEach((name) -> NativeDump.assertWhole(data.resolve(name)));
			assertNoPasswordOnDisk();

			var restarted = api().post("/api/v1/clusters/transport/" + recordId + "/restart", "");
			assertThat(restarted.status()).as(restarted.body().toString()).isEqualTo(200);
			JsonNode finished = api().awaitRecord(recordId, Duration.ofMinutes(3));
			assertThat(finished.path("status").asString()).as(finished.toString()).isEqualTo("Finished");

			Manifest manifest = NativeDump.assertMatchesManifest(data);
			Map<String, NativeDump.FileState> after = NativeDump.dataFiles(data);
			assertThat(after).as("the chunks committed before the kill are kept").containsAllEntriesOf(beforeRestart);
			assertThat(beforeRestart.size()).as("the kill hit mid-export").isLessThan(after.size());
			assertThat(manifest.snapshots()).as("the rest was read in a new snapshot").hasSize(2);
			Myloader.load(data, TestDatabases.targetPort());
			assertThat(TestDatabases.checksums(TestDatabases.targetPort(), database))
				.isEqualTo(TestDatabases.checksums(NATIVE_SOURCE_PORT, database))
				.containsOnlyKeys("notes", "t1", "t2");
			assertNoPasswordOnDisk();
		}
		finally {
			TestDatabases.execute(TestDatabases.targetPort(), "DROP DATABASE IF EXISTS `" + database + "`");
		}
	}

	private static String register(int port) {
		var reply = api().post("/api/v1/clusters", Map.of("name", TestDatabases.uniqueName("crash"), "kind", "MYSQL",
				"host", "127.0.0.1", "port", port, "user", USER, "password", CLUSTER_PASSWORD));
		assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
		return reply.data().path("clusterId").asString();
	}

	private static Path recordDir(String clusterId, String recordId) {
		return home.resolve("home").resolve("export").resolve(clusterId).resolve(recordId + "-nfs");
	}

	private static JsonNode record(String recordId) {
		return api().get("/api/v1/clusters/transport?recordId=" + recordId).data().path("transportRecords").path(0);
	}

	private static String status(String recordId) {
		return record(recordId).path("status").asString();
	}

	private static List<Path> secretFiles(Path run) throws IOException {
		if (!Files.isDirectory(run)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(run)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	/** No file of this node – home, export root, its log – holds the cluster password. */
	private static void assertNoPasswordOnDisk() throws IOException {
		byte[] secret = CLUSTER_PASSWORD.getBytes(StandardCharsets.UTF_8);
		try (Stream<Path> files = Files.walk(home)) {
			List<Path> leaks = files.filter(Files::isRegularFile).filter((file) -> contains(file, secret)).toList();
			assertThat(leaks).as("files holding the cluster password").isEmpty();
		}
		try (Stream<Path> files = Files.walk(home.resolve("home").resolve("export"))) {
			assertThat(files.map((f) -> f.getFileName().toString()))
				.noneMatch((name) -> name.endsWith(".cnf") || name.endsWith(".toml"));
		}
	}

	private static boolean contains(Path file, byte[] needle) {
		try {
			byte[] bytes = Files.readAllBytes(file);
			outer: for (int i = 0; i + needle.length <= bytes.length; i++) {
				for (int j = 0; j < needle.length; j++) {
					if (bytes[i + j] != needle[j]) {
						continue outer;
					}
				}
				return true;
			}
			return false;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, Long> sourceRows() throws Exception {
		Map<String, Long> rows = new HashMap<>();
		for (String table : TestDatabases.baseTables(TestDatabases.sourcePort(), SOURCE_DB)) {
			rows.put(table, TestDatabases.count(TestDatabases.sourcePort(),
					"SELECT COUNT(*) FROM `" + SOURCE_DB + "`.`" + table + "`"));
		}
		return rows;
	}

	private static Map<String, Long> manifestRows(Path data) throws IOException {
		JsonNode manifest = JsonMapper.builder().build().readTree(Files.readString(data.resolve("manifest.json")));
		Map<String, Long> rows = new HashMap<>();
		for (JsonNode table : manifest.path("tables")) {
			assertThat(table.path("database").asString()).isEqualTo(SOURCE_DB);
			rows.put(table.path("table").asString(), table.path("rows").asLong());
		}
		return rows;
	}

	private static FerryClient api() {
		return ferry.client("admin", PASSWORD);
	}

}
