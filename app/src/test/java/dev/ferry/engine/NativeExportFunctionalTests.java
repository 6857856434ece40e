package dev.ferry.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.S3Objects;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The native tool chain's export end to end over the HTTP API, against the shared {@code source} MariaDB, onto
 * Ferry's NFS storage: the files, their manifest (checked against the files, which the test re-reads), and a load
 * of the dump with the real myloader 0.10 into the {@code target} server with equal checksums.
 */
class NativeExportFunctionalTests extends FunctionalTest {

	static final String DB_A = TestDatabases.uniqueName("job_nat_a");

	static final String DB_B = TestDatabases.uniqueName("job_nat_b");

	static final String FILTER = DB_A + ".*\n" + DB_B + ".*";

	static final String BUCKET = "job-native";

	@BeforeAll
	static void createSource() throws Exception {
		int source = TestDatabases.sourcePort();
		TestDatabases.execute(source, "CREATE DATABASE " + DB_A, "CREATE DATABASE " + DB_B, "USE " + DB_A,
				"CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(40), total DECIMAL(10,2), "
						+ "note TEXT, created DATETIME(6)) CHARACTER SET utf8mb4",
				"INSERT INTO orders SELECT seq, CONCAT('Zoë 🚀 ', seq), seq / 7, "
						+ "CONCAT('it''s \"', seq, '\"\\n\\\\ line'), '2024-01-01' + INTERVAL seq SECOND FROM seq_1_to_3000",
				"CREATE TABLE tags (name VARCHAR(20), n INT, PRIMARY KEY (name, n))",
				"INSERT INTO tags SELECT ELT(1 + seq % 4, '', 'a', 'B', 'zz top'), seq FROM seq_1_to_1200",
				"CREATE TABLE nokey (v INT, t VARCHAR(10))", "INSERT INTO nokey SELECT seq, 'x' FROM seq_1_to_700",
				"CREATE TABLE empty_table (id INT PRIMARY KEY)",
				"CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100",
				"USE " + DB_B, "CREATE TABLE items (id INT PRIMARY KEY, b VARBINARY(16))",
				"INSERT INTO items SELECT seq, UNHEX(LPAD(HEX(seq % 256), 2, '0')) FROM seq_1_to_900",
				"ANALYZE TABLE " + DB_A + ".orders, " + DB_A + ".tags, " + DB_A + ".nokey, " + DB_B + ".items");
	}

	/** Databases tests created besides the two above. */
	static final List<String> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();

	@AfterAll
	static void dropSource() throws Exception {
		for (int port : new int[] { TestDatabases.sourcePort(), TestDatabases.targetPort() }) {
			TestDatabases.execute(port, "DROP DATABASE IF EXISTS " + DB_A, "DROP DATABASE IF EXISTS " + DB_B);
			for (String db : CREATED) {
				TestDatabases.execute(port, "DROP DATABASE IF EXISTS " + db);
			}
		}
	}

	@Test
	void severalDatabasesInOneSnapshotChunkedWithAManifestOfTheirFilesThatMyloaderLoads() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("nat"), TestDatabases.sourcePort(), "root", "");

		JsonNode record = finished(export(clusterId, Map.of("chunkRows", "500")));

		assertThat(record.path("toolChain").asString()).isEqualTo("native");
		assertThat(record.path("compression").asString()).isEqualTo("none");
		assertThat(record.path("consistent").asBoolean()).as(record.toString()).isTrue();
		assertThat(record.path("consistency").isNull()).isTrue();
		assertThat(record.path("progress").path("rows").asLong()).isEqualTo(3000 + 1200 + 700 + 900);
		Path data = Path.of(record.path("filePath").asString());
		assertThat(data).isEqualTo(HOME.resolve("export").resolve(clusterId)
			.resolve(record.path("recordId").asString() + "-nfs").resolve("data"));
		assertThat(data.resolve("metadata")).content().startsWith("Started dump at: ").contains("Finished dump at: ");
		assertThat(data.resolve(DB_A + "-schema-create.sql")).exists();
		assertThat(data.resolve(DB_A + ".orders-schema.sql")).exists();
		for (int chunk = 0; chunk < 6; chunk++) {
			assertThat(data.resolve(DB_A + ".orders.0000" + chunk + ".sql")).exists();
		}
		assertThat(data.resolve(DB_A + ".orders.00006.sql")).doesNotExist();
		assertThat(data.resolve(DB_A + ".nokey.00000.sql")).exists();
		assertThat(data.resolve(DB_A + ".nokey.00001.sql")).doesNotExist();
		try (Stream<Path> files = Files.list(data)) {
			assertThat(files.map(Path::toString)).noneMatch((name) -> name.endsWith(".partial"));
		}
		NativeDumps.assertManifestMatchesFiles(data);
		JsonNode manifest = NativeDumps.manifest(data);
		assertThat(manifest.path("format").asInt()).isEqualTo(2);
		assertThat(manifest.path("tool").asString()).isEqualTo("native");
		assertThat(manifest.path("engine").path("name").asString()).isEqualTo("ferry-native");
		assertThat(manifest.path("snapshots")).hasSize(1);
		assertThat(manifest.path("snapshots").get(0).path("kind").asString()).isEqualTo("mariadb");
		assertThat(manifest.path("snapshots").get(0).path("consistent").asBoolean()).isTrue();
		assertThat(rowsByTable(manifest)).isEqualTo(Map.of(DB_A + ".orders", 3000L, DB_A + ".tags", 1200L,
				DB_A + ".nokey", 700L, DB_A + ".empty_table", 0L, DB_B + ".items", 900L));
		assertThat(rowsOfFiles(manifest, DB_A + ".orders.")).isEqualTo(3000);
		for (JsonNode file : manifest.path("files")) {
			if (file.path("path").asString().matches(".*\\.\\d{5}\\.sql")) {
				assertThat(file.path("snapshot").asInt()).isZero();
				assertThat(file.path("compression").asString()).isEqualTo("none");
			}
		}

		NativeDumps.myloader(data);

		assertSameChecksums(DB_A, List.of("empty_table", "nokey", "orders", "tags"));
		assertSameChecksums(DB_B, List.of("items"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "gzip", "zstd" })
	void compressedExportsHoldTheSameRowsAndLoadOnceDecompressed(String compression) throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("nat"), TestDatabases.sourcePort(), "root", "");

		JsonNode record = finished(export(clusterId, Map.of("chunkRows", "1000", "compression", compression)));

		assertThat(record.path("compression").asString()).isEqualTo(compression);
		Path data = Path.of(record.path("filePath").asString());
		String suffix = compression.equals("gzip") ? ".sql.gz" : ".sql.zst";
		assertThat(data.resolve(DB_A + ".orders.00000" + suffix)).exists();
		assertThat(data.resolve(DB_A + ".orders.00000.sql")).doesNotExist();
		assertThat(data.resolve(DB_A + ".orders-schema.sql")).as("schema files stay plain").exists();
		NativeDumps.assertManifestMatchesFiles(data);
		JsonNode manifest = NativeDumps.manifest(data);
		for (JsonNode file : manifest.path("files")) {
			if (file.path("rows").isNumber()) {
				assertThat(file.path("compression").asString()).isEqualTo(compression);
				assertThat(file.path("path").asString()).endsWith(suffix);
			}
		}
		assertThat(rowsOfFiles(manifest, DB_A + ".orders.")).isEqualTo(3000);

		TestDatabases.execute(TestDatabases.targetPort(), "DROP DATABASE IF EXISTS " + DB_A,
				"DROP DATABASE IF EXISTS " + DB_B);
		NativeDumps.myloader(NativeDumps.decompressed(data, data.resolveSibling("plain")));

		assertSameChecksums(DB_A, List.of("empty_table", "nokey", "orders", "tags"));
		assertSameChecksums(DB_B, List.of("items"));
	}

	@Test
	void anS3ExportStreamsEveryFileToTheBucketWithNothingStagedLocally() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("nat"), TestDatabases.sourcePort(), "root", "");
		String prefix = TestDatabases.uniqueName("native");
		NativeDumps.createBucket(BUCKET);

		JsonNode record = finished(export(clusterId, Map.of("chunkRows", "1000", "compression", "zstd", "storageType",
				"s3", "endpointUrl", S3Objects.endpoint(), "bucketUrl", "s3://" + BUCKET + "/" + prefix, "accessKey",
				"k", "secretAccessKey", "s")));

		String exportPrefix = prefix + "/ferry-export-" + record.path("recordId").asString() + "/";
		assertThat(record.path("filePath").asString()).isEqualTo("s3://" + BUCKET + "/" + exportPrefix
			.substring(0, exportPrefix.length() - 1));
		assertThat(S3Objects.keys(BUCKET, exportPrefix)).contains("manifest.json", "metadata",
				DB_A + ".orders.00000.sql.zst", DB_A + ".orders-schema.sql");
		Path recordDir = HOME.resolve("export").resolve(clusterId).resolve(record.path("recordId").asString() + "-s3");
		assertThat(recordDir.resolve("data")).as("nothing staged").doesNotExist();
		Path downloaded = NativeDumps.download(BUCKET, exportPrefix, HOME.resolve("s3-" + prefix));
		NativeDumps.assertManifestMatchesFiles(downloaded);

		TestDatabases.execute(TestDatabases.targetPort(), "DROP DATABASE IF EXISTS " + DB_A,
				"DROP DATABASE IF EXISTS " + DB_B);
		NativeDumps.myloader(NativeDumps.decompressed(downloaded, downloaded.resolveSibling(prefix + "-plain")));

		assertSameChecksums(DB_A, List.of("empty_table", "nokey", "orders", "tags"));
	}

	@Test
	void withoutTheReloadPrivilegeAndWithAnAriaTableTheRecordAndManifestSayWhyItIsNotConsistent() throws Exception {
		String db = TestDatabases.uniqueName("job_nat_aria");
		String user = TestDatabases.uniqueName("job_nat");
		TestDatabases.execute(TestDatabases.sourcePort(), "CREATE DATABASE " + db,
				"CREATE TABLE " + db + ".log (id INT PRIMARY KEY, line VARCHAR(20)) ENGINE=Aria",
				"CREATE TABLE " + db + ".facts (id INT PRIMARY KEY) ENGINE=InnoDB",
				"INSERT INTO " + db + ".log VALUES (1, 'a'), (2, 'b')", "INSERT INTO " + db + ".facts VALUES (1)",
				"CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'", "GRANT SELECT ON " + db + ".* TO '" + user + "'@'%'");
		CREATED.add(db);
		String clusterId = registerCluster(TestDatabases.uniqueName("nat"), TestDatabases.sourcePort(), user, "pw");

		JsonNode record = finished(export(clusterId, Map.of("filter", db + ".*")));

		assertThat(record.path("consistent").asBoolean()).isFalse();
		assertThat(record.path("consistency").asString()).contains("RELOAD")
			.contains("1 non-transactional table was read outside the snapshot: " + db + ".log");
		JsonNode snapshot = NativeDumps.manifest(Path.of(record.path("filePath").asString())).path("snapshots").get(0);
		assertThat(snapshot.path("consistent").asBoolean()).isFalse();
		assertThat(snapshot.path("outside").get(0).asString()).isEqualTo(db + ".log");
		assertThat(rowsByTable(NativeDumps.manifest(Path.of(record.path("filePath").asString()))))
			.isEqualTo(Map.of(db + ".log", 2L, db + ".facts", 1L));
	}

	@Test
	void csvFilesHoldEveryRowAndLoadWithLoadData() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("nat"), TestDatabases.sourcePort(), "root", "");

		JsonNode record = finished(export(clusterId, Map.of("chunkRows", "1000", "fileType", "csv")));

		Path data = Path.of(record.path("filePath").asString());
		assertThat(data.resolve(DB_A + ".orders.00000.csv")).exists();
		assertThat(data.resolve(DB_A + ".orders.00000.sql")).doesNotExist();
		NativeDumps.assertManifestMatchesFiles(data);
		JsonNode manifest = NativeDumps.manifest(data);
		assertThat(rowsByTable(manifest)).containsEntry(DB_A + ".orders", 3000L).containsEntry(DB_B + ".items", 900L);

		String copy = TestDatabases.uniqueName("job_nat_csv");
		CREATED.add(copy);
		NativeDumps.loadCsv(data, DB_A, copy);

		Map<String, Long> expected = TestDatabases.checksums(TestDatabases.sourcePort(), DB_A);
		assertThat(TestDatabases.checksums(TestDatabases.targetPort(), copy)).isEqualTo(expected);
	}

	@Test
	void aStopEndsTheWorkersMidFileLeavesNoFileUnderAFinalNameAndClosesTheConnections() throws Exception {
		String db = TestDatabases.uniqueName("job_nat_stop");
		String user = TestDatabases.uniqueName("job_nat");
		TestDatabases.execute(TestDatabases.sourcePort(), "CREATE DATABASE " + db,
				"CREATE TABLE " + db + ".big (id INT PRIMARY KEY, filler VARCHAR(200))",
				"INSERT INTO " + db + ".big SELECT seq, REPEAT('x', 190) FROM " + DB_A + ".seq_1_to_60000",
				"ANALYZE TABLE " + db + ".big", "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'",
				"GRANT RELOAD ON *.* TO '" + user + "'@'%'", "GRANT SELECT ON " + db + ".* TO '" + user + "'@'%'");
		CREATED.add(db);
		try (PausingProxy proxy = new PausingProxy(TestDatabases.sourcePort(), 1 << 20)) {
			String clusterId = registerCluster(TestDatabases.uniqueName("nat"), proxy.port(), user, "pw");
			JsonNode started = export(clusterId, Map.of("filter", db + ".*", "chunkRows", "1000000"));
			String recordId = started.path("recordId").asString();
			await().atMost(Duration.ofMinutes(1)).until(() -> proxy.stalled() > 0);
			JsonNode running = this.api.get("/api/v1/clusters/transport?recordId=" + recordId).data()
				.path("transportRecords").get(0);
			assertThat(running.path("status").asString()).isEqualTo("Processing");
			assertThat(running.path("progress").path("phase").asString()).isEqualTo("dumping");
			assertThat(running.path("progress").path("chunksTotal").asLong()).isEqualTo(1);
			assertThat(running.path("progress").path("chunksDone").asLong()).isZero();
			assertThat(running.path("progress").path("rowsTotal").asLong()).isGreaterThanOrEqualTo(30000);
			assertThat(running.path("progress").path("percent").asInt()).isLessThan(100);

			var stop = this.api.post("/api/v1/clusters/transport/" + recordId + "/stop", Map.of());

			assertThat(stop.code()).as(stop.body().toString()).isZero();
			JsonNode record = this.api.awaitRecord(recordId, Duration.ofSeconds(30));
			assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Stopped");
			Path data = Path.of(record.path("filePath").asString());
			try (Stream<Path> files = Files.list(data)) {
				assertThat(files.map((p) -> p.getFileName().toString()).toList())
					.noneMatch((name) -> name.startsWith(db + ".big.") || name.endsWith(".partial"));
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> TestDatabases.count(TestDatabases.sourcePort(),
					"SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = '" + user + "'") == 0);
		}
	}

	@Test
	void aRestartRunsOnlyThePartitionsThatFailedInANewSnapshotAndKeepsTheCompletedFiles() throws Exception {
		Failing failing = failingExport();
		Map<String, Object> before = fileKeys(failing.data());
		assertThat(before).containsKey(DB_A + ".orders.00003.sql").doesNotContainKey(failing.db() + ".victim.00000.sql");
		TestDatabases.execute(TestDatabases.sourcePort(),
				"GRANT SELECT ON " + failing.db() + ".victim TO '" + failing.user() + "'@'%'");

		var restarted = this.api.post("/api/v1/clusters/transport/" + failing.recordId() + "/restart", Map.of());

		assertThat(restarted.code()).as(restarted.body().toString()).isZero();
		JsonNode record = finished(restarted.data());
		assertThat(record.path("consistent").asBoolean()).isFalse();
		assertThat(record.path("consistency").asString()).startsWith("spans 2 snapshots");
		Map<String, Object> after = fileKeys(failing.data());
		before.forEach((name, key) -> assertThat(after.get(name)).as(name + " untouched").isEqualTo(key));
		assertThat(partitionsRun(restarted.data().path("workFlowId").asLong())).as("only the failed partition ran")
			.containsExactly(failing.victimPartition());
		JsonNode manifest = NativeDumps.manifest(failing.data());
		assertThat(manifest.path("snapshots")).hasSize(2);
		for (JsonNode file : manifest.path("files")) {
			if (file.path("rows").isNumber()) {
				assertThat(file.path("snapshot").asInt()).as(file.toString())
					.isEqualTo(file.path("path").asString().contains(".victim.") ? 1 : 0);
			}
		}
		NativeDumps.assertManifestMatchesFiles(failing.data());
		assertThat(rowsByTable(manifest)).containsEntry(failing.db() + ".victim", 40L)
			.containsEntry(DB_A + ".orders", 3000L);
	}

	@Test
	void aFreshRestartDeletesEveryFileAndExportsEverythingAgainInOneSnapshot() throws Exception {
		Failing failing = failingExport();
		Map<String, Object> before = fileKeys(failing.data());
		TestDatabases.execute(TestDatabases.sourcePort(),
				"GRANT SELECT ON " + failing.db() + ".victim TO '" + failing.user() + "'@'%'");

		var restarted = this.api.post("/api/v1/clusters/transport/" + failing.recordId() + "/restart?fresh=true",
				Map.of());

		assertThat(restarted.code()).as(restarted.body().toString()).isZero();
		JsonNode record = finished(restarted.data());
		assertThat(record.path("consistent").asBoolean()).as(record.toString()).isTrue();
		Map<String, Object> after = fileKeys(failing.data());
		assertThat(after.get(DB_A + ".orders.00003.sql")).as("written again").isNotEqualTo(before.get(DB_A + ".orders.00003.sql"));
		assertThat(partitionsRun(restarted.data().path("workFlowId").asLong())).hasSize(failing.partitions());
		JsonNode manifest = NativeDumps.manifest(failing.data());
		assertThat(manifest.path("snapshots")).hasSize(1);
		NativeDumps.assertManifestMatchesFiles(failing.data());
	}

	/**
	 * An export whose one partition fails, deterministically: its user may insert into {@code victim} but not read
	 * it (so the table is planned, and its chunk's SELECT is refused), while it reads everything else.
	 */
	Failing failingExport() throws Exception {
		String db = TestDatabases.uniqueName("job_nat_c");
		String user = TestDatabases.uniqueName("job_nat");
		TestDatabases.execute(TestDatabases.sourcePort(), "CREATE DATABASE " + db,
				"CREATE TABLE " + db + ".victim (id INT PRIMARY KEY)",
				"INSERT INTO " + db + ".victim SELECT seq FROM " + DB_A + ".seq_1_to_40",
				"CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'", "GRANT RELOAD ON *.* TO '" + user + "'@'%'",
				"GRANT SELECT, SHOW VIEW ON " + DB_A + ".* TO '" + user + "'@'%'",
				"GRANT SELECT, SHOW VIEW ON " + DB_B + ".* TO '" + user + "'@'%'",
				"GRANT INSERT ON " + db + ".victim TO '" + user + "'@'%'");
		CREATED.add(db);
		String clusterId = registerCluster(TestDatabases.uniqueName("nat"), TestDatabases.sourcePort(), user, "pw");
		JsonNode started = export(clusterId, Map.of("chunkRows", "500", "filter", FILTER + "\n" + db + ".*"));
		JsonNode record = this.api.awaitRecord(started.path("recordId").asString(), Duration.ofMinutes(3));
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Failed");
		assertThat(record.path("message").asString()).contains("table " + db + ".victim chunk 0")
			.containsIgnoringCase("SELECT command denied");
		long execution = started.path("workFlowId").asLong();
		List<String> ran = partitionsRun(execution);
		String victim = failedPartitions(execution).get(0);
		return new Failing(started.path("recordId").asString(), db, user,
				Path.of(record.path("filePath").asString()), victim, ran.size());
	}

	record Failing(String recordId, String db, String user, Path data, String victimPartition, int partitions) {
	}

	/** Each file's identity and time: an untouched file keeps both. */
	static Map<String, Object> fileKeys(Path data) throws Exception {
		Map<String, Object> keys = new HashMap<>();
		try (Stream<Path> files = Files.list(data)) {
			for (Path file : files.toList()) {
				var attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
				keys.put(file.getFileName().toString(), List.of(attributes.fileKey(), attributes.lastModifiedTime(),
						NativeDumps.crc32c(file)));
			}
		}
		return keys;
	}

	/** The partitions an execution ran (its step executions named exportDataFromCluster:p…). */
	static List<String> partitionsRun(long execution) throws Exception {
		return stepNames(execution, "");
	}

	static List<String> failedPartitions(long execution) throws Exception {
		return stepNames(execution, " AND STATUS = 'FAILED'");
	}

	private static List<String> stepNames(long execution, String condition) throws Exception {
		List<String> names = new java.util.ArrayList<>();
		try (var connection = TestDatabases.root(TestDatabases.targetPort());
				var statement = connection.prepareStatement("SELECT STEP_NAME FROM " + REPOSITORY_DB
						+ ".BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME LIKE 'exportDataFromCluster:p%'"
						+ condition + " ORDER BY STEP_NAME")) {
			statement.setLong(1, execution);
			try (var rs = statement.executeQuery()) {
				while (rs.next()) {
					names.add(rs.getString(1));
				}
			}
		}
		return names;
	}

	JsonNode export(String clusterId, Map<String, String> extra) {
		Map<String, Object> body = new HashMap<>(Map.of("clusterId", clusterId, "storageType", "nfs", "fileType",
				"sql", "filter", FILTER, "toolChain", "native"));
		body.putAll(extra);
		var started = this.api.post("/api/v1/clusters/export", body);
		assertThat(started.code()).as(started.body().toString()).isZero();
		return started.data();
	}

	JsonNode finished(JsonNode started) throws InterruptedException {
		JsonNode record = this.api.awaitRecord(started.path("recordId").asString(), Duration.ofMinutes(3));
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		return record;
	}

	static Map<String, Long> rowsByTable(JsonNode manifest) {
		Map<String, Long> rows = new HashMap<>();
		for (JsonNode table : manifest.path("tables")) {
			rows.put(table.path("database").asString() + "." + table.path("table").asString(),
					table.path("rows").asLong());
		}
		return rows;
	}

	static long rowsOfFiles(JsonNode manifest, String prefix) {
		long rows = 0;
		for (JsonNode file : manifest.path("files")) {
			if (file.path("path").asString().startsWith(prefix)) {
				rows += file.path("rows").asLong();
			}
		}
		return rows;
	}

	static void assertSameChecksums(String database, List<String> tables) throws Exception {
		Map<String, Long> expected = TestDatabases.checksums(TestDatabases.sourcePort(), database);
		assertThat(expected).containsOnlyKeys(tables);
		assertThat(TestDatabases.checksums(TestDatabases.targetPort(), database)).isEqualTo(expected);
	}

}
