package dev.ferry.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Filtered exports and re-imports with the real mydumper and myloader: the export of one database is loaded into
 * the other MariaDB instance and compared table by table; the pre-check, overwrite and the manifest check.
 */
class ImportFunctionalTests extends FunctionalTest {

	static final String DB = TestDatabases.uniqueName("imp");

	private String sourceCluster;

	private String targetCluster;

	@BeforeAll
	static void createSourceDatabase() throws Exception {
		TrickyDatabase.create(TestDatabases.sourcePort(), DB, 800);
	}

	@BeforeEach
	void registerClusters() {
		this.sourceCluster = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");
		this.targetCluster = registerCluster(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root", "");
	}

	@Test
	void twoFilterRulesExportExactlyTheMatchingTables() throws Exception {
		JsonNode record = export(DB + ".orders;" + DB + ".empty_tab*");

		Path data = Path.of(record.path("filePath").asString());
		try (Stream<Path> files = Files.list(data)) {
			assertThat(files.map((f) -> f.getFileName().toString()).filter((n) -> n.startsWith(DB + ".")))
				.containsExactlyInAnyOrder(DB + ".orders-schema.sql", DB + ".orders.sql",
						DB + ".orders-schema-triggers.sql", DB + ".empty_table-schema.sql");
		}
		String manifest = Files.readString(data.resolve("manifest.json"));
		assertThat(manifest).contains("\"table\" : \"orders\"").contains("\"rows\" : 1600").doesNotContain("customers");
	}

	@Test
	void reImportLoadsTheExportIntoAnotherServerWithEqualChecksums() throws Exception {
		String exportId = export(DB + ".*").path("recordId").asString();

		JsonNode imported = importRecord(exportId, false);

		assertThat(imported.path("status").asString()).as(imported.toString()).isEqualTo("Finished");
		assertThat(imported.path("transportType").asString()).isEqualTo("import");
		assertThat(imported.path("verification").asString())
			.isEqualTo("verified: 3 tables, 2400 rows match the manifest");
		assertThat(TestDatabases.checksums(TestDatabases.targetPort(), DB))
			.isEqualTo(TestDatabases.checksums(TestDatabases.sourcePort(), DB))
			.containsOnlyKeys("customers", "orders", "empty_table");
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM information_schema.VIEWS"
				+ " WHERE TABLE_SCHEMA = '" + DB + "'")).isEqualTo(1);
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM information_schema.TRIGGERS"
				+ " WHERE TRIGGER_SCHEMA = '" + DB + "'")).isEqualTo(1);

		// the target now holds the rows: a second import is refused before anything starts, naming the tables
		long before = total();
		var refused = this.api.post("/api/v1/clusters/import",
				Map.of("clusterId", this.targetCluster, "recordId", exportId));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.message()).contains("target tables already hold data")
			.contains(DB + ".customers")
			.contains(DB + ".orders")
			.doesNotContain("empty_table")
			.contains("overwrite=true");
		assertThat(total()).as("nothing created").isEqualTo(before);

		JsonNode overwritten = importRecord(exportId, true);
		assertThat(overwritten.path("status").asString()).as(overwritten.toString()).isEqualTo("Finished");
		assertThat(TestDatabases.checksums(TestDatabases.targetPort(), DB))
			.isEqualTo(TestDatabases.checksums(TestDatabases.sourcePort(), DB));
	}

	@Test
	void anImportThatDoesNotMatchTheManifestFailsNamingTheTable() throws Exception {
		String tamperedDb = TestDatabases.uniqueName("tamper");
		TrickyDatabase.create(TestDatabases.sourcePort(), tamperedDb, 50);
		JsonNode export = export(tamperedDb + ".*");
		Path manifest = Path.of(export.path("filePath").asString()).resolve("manifest.json");
		Files.writeString(manifest, Files.readString(manifest).replace("\"rows\" : 100", "\"rows\" : 99"));

		JsonNode imported = importRecord(export.path("recordId").asString(), false);

		assertThat(imported.path("status").asString()).isEqualTo("Failed");
		assertThat(imported.path("message").asString()).contains("updateDataImportRecord")
			.contains("table " + tamperedDb + ".orders has 100 rows, the export has 99")
			.doesNotContain("\tat ");
		assertThat(imported.path("verification").asString()).startsWith("verification failed");
	}

	@Test
	void aDataFileChangedAfterTheExportIsRefusedBeforeAnythingIsLoaded() throws Exception {
		String changedDb = TestDatabases.uniqueName("crc");
		TrickyDatabase.create(TestDatabases.sourcePort(), changedDb, 50);
		JsonNode export = export(changedDb + ".*");
		Path data = Path.of(export.path("filePath").asString());
		assertThat(Files.readString(data.resolve("manifest.json"))).contains("\"format\" : 2")
			.containsPattern("\"crc32c\" : \"[0-9a-f]{8}\"")
			.doesNotContain("sha256");
		Path orders = data.resolve(changedDb + ".orders.sql");
		byte[] bytes = Files.readAllBytes(orders);
		bytes[bytes.length / 2] ^= 1;
		Files.write(orders, bytes);

		JsonNode imported = importRecord(export.path("recordId").asString(), false);

		assertThat(imported.path("status").asString()).isEqualTo("Failed");
		assertThat(imported.path("message").asString()).contains("buildDataImportConfig")
			.contains(changedDb + ".orders.sql does not match its CRC32C");
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM information_schema.SCHEMATA"
				+ " WHERE SCHEMA_NAME = '" + changedDb + "'")).as("nothing loaded").isZero();
	}

	@Test
	void badImportRequestsAreRejectedAndCreateNothing() throws Exception {
		JsonNode failedExport = failedExport();
		String ownDb = TestDatabases.uniqueName("impbad");
		TrickyDatabase.create(TestDatabases.sourcePort(), ownDb, 20);
		String importRecord = importRecord(export(ownDb + ".customers").path("recordId").asString(), true)
			.path("recordId")
			.asString();
		long before = total();
		Map<String, Object[]> cases = new HashMap<>();
		cases.put("unknown record", new Object[] { Map.of("recordId", "987654"), 404, 60102, "not found" });
		cases.put("import as source", new Object[] { Map.of("recordId", importRecord), 400, 10001, "is an import" });
		cases.put("failed export", new Object[] { Map.of("recordId", failedExport.path("recordId").asString()), 400,
				10001, "is Failed" });
		cases.put("no source", new Object[] { Map.of(), 400, 10001, "exactly one source" });
		cases.put("two sources", new Object[] { Map.of("recordId", "1", "uploadId", "x"), 400, 10001,
				"exactly one source" });
		cases.put("bad storageType", new Object[] { Map.of("recordId", "1", "storageType", "ftp"), 400, 10001,
				"storageType 'ftp' is invalid" });
		cases.put("empty user", new Object[] { Map.of("recordId", "1", "userName", ""), 400, 10001,
				"userName is empty" });
		for (var entry : cases.entrySet()) {
			Map<String, Object> body = new HashMap<>((Map<String, Object>) entry.getValue()[0]);
			body.put("clusterId", this.targetCluster);
			var reply = this.api.post("/api/v1/clusters/import", body);
			assertThat(reply.status()).as(entry.getKey() + ": " + reply.body()).isEqualTo(entry.getValue()[1]);
			assertThat(reply.code()).as(entry.getKey()).isEqualTo(entry.getValue()[2]);
			assertThat(reply.message()).as(entry.getKey()).contains((String) entry.getValue()[3]);
		}
		var unknownCluster = this.api.post("/api/v1/clusters/import", Map.of("clusterId", "424242", "recordId", "1"));
		assertThat(unknownCluster.code()).isEqualTo(10003);
		assertThat(total()).as("nothing created").isEqualTo(before);

		// a deleted export can no longer be re-imported
		String deleted = export(ownDb + ".orders").path("recordId").asString();
		this.api.delete("/api/v1/clusters/transport/" + deleted);
		var gone = this.api.post("/api/v1/clusters/import", Map.of("clusterId", this.targetCluster, "recordId", deleted));
		assertThat(gone.code()).isEqualTo(60102);
	}

	private JsonNode export(String filter) throws InterruptedException {
		return finishedExportRecord(this.sourceCluster, filter);
	}

	private JsonNode failedExport() throws InterruptedException {
		String wrong = registerCluster(TestDatabases.uniqueName("bad"), TestDatabases.sourcePort(), "nobody", "x");
		var started = this.api.post("/api/v1/clusters/export",
				Map.of("clusterId", wrong, "storageType", "nfs", "fileType", "sql"));
		return this.api.awaitRecord(started.data().path("recordId").asString(), Duration.ofMinutes(1));
	}

	private JsonNode importRecord(String exportId, boolean overwrite) throws InterruptedException {
		return endedImport(this.targetCluster, exportId, overwrite);
	}

	private long total() {
		return recordTotal();
	}

}
