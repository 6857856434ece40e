package dev.ferry.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tidb tool chain end to end. dumpling, tidb-lightning and TiDB cannot run here: the clusters are the MariaDB
 * instances registered as kind TIDB, and {@code tiup} is the STAND-IN from batch-jobs' test resources
 * ({@code tidb/standin/tiup}), which checks the arguments Ferry builds and delegates to mydumper/myloader.
 */
class TidbChainFunctionalTests extends FunctionalTest {

	static final String DB = TestDatabases.uniqueName("tidb");

	static final String USER = TestDatabases.uniqueName("ti");

	/** ASCII only: the stand-in hands it to mydumper's command line, whose option parser rejects other bytes. */
	static final String PASSWORD = "Ti pass 'quoted' \"x\" $HOME;";

	@BeforeAll
	static void createSourceDatabase() throws Exception {
		TrickyDatabase.create(TestDatabases.sourcePort(), DB, 200);
		for (int port : new int[] { TestDatabases.sourcePort(), TestDatabases.targetPort() }) {
			TestDatabases.execute(port, "CREATE USER '" + USER + "'@'%' IDENTIFIED BY " + TestDatabases.literal(PASSWORD),
					"GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%'");
		}
	}

	@Test
	void exportWithDumplingAndReImportWithLightningKeepEveryTable() throws Exception {
		String source = registerTidb(TestDatabases.sourcePort());
		String target = registerTidb(TestDatabases.targetPort());

		var started = this.api.post("/api/v1/clusters/export",
				Map.of("clusterId", source, "storageType", "nfs", "fileType", "sql", "filter", DB + ".*"));
		assertThat(started.code()).as(started.body().toString()).isZero();
		JsonNode export = this.api.awaitRecord(started.data().path("recordId").asString(), Duration.ofMinutes(2));

		assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("Finished");
		Path recordDir = Path.of(export.path("filePath").asString()).getParent();
		assertThat(recordDir.resolve("data").resolve(DB + ".orders-schema.sql")).exists();
		assertThat(Files.readString(recordDir.resolve("dumpling.log"))).doesNotContain(PASSWORD);
		String stepContext = stepContext(export.path("recordId").asString(), "exportDataFromCluster");
		assertThat(stepContext).contains("dumpling").contains("-p '******'").contains("--filter").doesNotContain("Ti pass");

		var imported = this.api.post("/api/v1/clusters/import",
				Map.of("clusterId", target, "recordId", export.path("recordId").asString()));
		assertThat(imported.code()).as(imported.body().toString()).isZero();
		JsonNode record = this.api.awaitRecord(imported.data().path("recordId").asString(), Duration.ofMinutes(2));

		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		assertThat(record.path("verification").asString()).startsWith("verified: 3 tables");
		assertThat(TestDatabases.checksums(TestDatabases.targetPort(), DB))
			.isEqualTo(TestDatabases.checksums(TestDatabases.sourcePort(), DB));
		Path importDir = HOME.resolve("import").resolve(target).resolve(record.path("recordId").asString() + "-nfs");
		assertThat(importDir.resolve("tidb-lightning.toml")).as("the TOML holds the password: removed after the run")
			.doesNotExist();
		assertThat(stepContext(record.path("recordId").asString(), "importDataToCluster"))
			.contains("tidb-lightning -config").doesNotContain("Ti pass");
	}

	@Test
	void aToolThatExitsNonZeroFailsTheRecordWithItsMessage() throws Exception {
		String source = registerTidb(TestDatabases.sourcePort());

		// csv is valid for dumpling, but the stand-in cannot produce it with mydumper and exits 2
		var started = this.api.post("/api/v1/clusters/export",
				Map.of("clusterId", source, "storageType", "nfs", "fileType", "csv", "filter", DB + ".*"));
		JsonNode record = this.api.awaitRecord(started.data().path("recordId").asString(), Duration.ofMinutes(1));

		assertThat(record.path("status").asString()).isEqualTo("Failed");
		assertThat(record.path("message").asString()).contains("dumpling exited with code 2").contains("csv");
	}

	@Test
	void backendLocalNeedsPdAndOverwriteNeedsBackendTidb() {
		String target = registerTidb(TestDatabases.targetPort());

		var local = this.api.post("/api/v1/clusters/import",
				Map.of("clusterId", target, "recordId", "1", "backend", "local"));
		assertThat(local.message()).contains("backend local needs the cluster's pdAddress and statusPort");
		var bad = this.api.post("/api/v1/clusters/import", Map.of("clusterId", target, "recordId", "1", "backend", "x"));
		assertThat(bad.message()).contains("backend 'x' is invalid");
		var chain = this.api.post("/api/v1/clusters/export",
				Map.of("clusterId", target, "storageType", "nfs", "fileType", "sql", "toolChain", "oracle"));
		assertThat(chain.message()).contains("toolChain 'oracle' is invalid");
		var sqlWithoutCsv = this.api.post("/api/v1/clusters/export",
				Map.of("clusterId", target, "storageType", "nfs", "fileType", "sql", "sql", "SELECT 1"));
		assertThat(sqlWithoutCsv.message()).contains("sql is used only with fileType csv");
	}

	private String registerTidb(int port) {
		var reply = this.api.post("/api/v1/clusters", Map.of("name", TestDatabases.uniqueName("ti"), "kind", "TIDB",
				"host", "127.0.0.1", "port", port, "user", USER, "password", PASSWORD));
		assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
		return reply.data().path("clusterId").asString();
	}

	private String stepContext(String recordId, String step) throws Exception {
		try (Connection connection = TestDatabases.root(TestDatabases.targetPort());
				Statement statement = connection.createStatement();
				var rs = statement.executeQuery("SELECT c.SHORT_CONTEXT FROM " + REPOSITORY_DB
						+ ".BATCH_STEP_EXECUTION_CONTEXT c JOIN " + REPOSITORY_DB + ".BATCH_STEP_EXECUTION s"
						+ " ON s.STEP_EXECUTION_ID = c.STEP_EXECUTION_ID JOIN " + REPOSITORY_DB
						+ ".BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID WHERE e.JOB_INSTANCE_ID = "
						+ Long.parseLong(recordId) + " AND s.STEP_NAME = '" + step + "'")) {
			assertThat(rs.next()).isTrue();
			return rs.getString(1);
		}
	}

}
