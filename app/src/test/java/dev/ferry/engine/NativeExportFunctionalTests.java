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
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native tool chain's export end to end over the HTTP API, against the shared {@code source} MariaDB, onto
 * Ferry's NFS storage: the files, their manifest (checked against the files, which the test re-reads), and a load
 * of the dump with the real myloader 0.10 into the {@code target} server with equal checksums.
 */
class NativeExportFunctionalTests extends FunctionalTest {

	static final String DB_A = TestDatabases.uniqueName("job_nat_a");

	static final String DB_B = TestDatabases.uniqueName("job_nat_b");

	static final String FILTER = DB_A + ".*\n" + DB_B + ".*";

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

	@AfterAll
	static void dropSource() throws Exception {
		for (int port : new int[] { TestDatabases.sourcePort(), TestDatabases.targetPort() }) {
			TestDatabases.execute(port, "DROP DATABASE IF EXISTS " + DB_A, "DROP DATABASE IF EXISTS " + DB_B);
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
