package dev.ferry.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.NativeDump;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native engine's exports read by the other tool chains' loaders, through Ferry's API: a native export imported
 * on the tidb chain (tidb-lightning's mydumper source; here the STAND-IN {@code tiup}, which routes every file with
 * lightning's default file rules and fails where lightning's loader would, then loads with myloader) in each
 * compression, and re-imported on the mysql chain (myloader 0.10, uncompressed SQL).
 * <p>
 * What lightning reads (https://docs.pingcap.com/tidb/stable/tidb-lightning-data-source/ and
 * {@code pingcap/tidb pkg/lightning/mydump/router.go}): {@code {db}-schema-create.sql}, {@code {db}.{t}-schema.sql},
 * {@code {db}.{v}-schema-view.sql}, data in {@code {db}.{t}.{N}.sql|csv} with an optional compression suffix
 * ({@code .gz}, {@code .zst}, …); {@code -schema-trigger.sql}, {@code -schema-post.sql} and {@code .bak} files are
 * ignored, and a file no rule matches ({@code metadata}, {@code manifest.json}) is skipped. Names are URL-unescaped,
 * which is how the engine escapes names that cannot be file names.
 */
class NativeChainInteropFunctionalTests extends FunctionalTest {

	static final String DB = TestDatabases.uniqueName("natinterop");

	static final String USER = TestDatabases.uniqueName("ni");

	/** ASCII only: the stand-in hands it to myloader's command line. */
	static final String PASSWORD = "Native interop 'pw' \"x\"";

	/** Lightning's default data-file rule (router.go). */
	static final Pattern LIGHTNING_DATA_RULE = Pattern
		.compile("(?i)^(?:[^/]*/)*([^/.]+)\\.(.*?)(?:\\.([0-9]+))?\\.(sql|csv|parquet)(?:\\.(\\w+))?$");

	@BeforeAll
	static void createSourceDatabase() throws SQLException {
		TrickyDatabase.create(TestDatabases.sourcePort(), DB, 300);
		for (int port : new int[] { TestDatabases.sourcePort(), TestDatabases.targetPort() }) {
			TestDatabases.execute(port, "CREATE USER '" + USER + "'@'%' IDENTIFIED BY " + TestDatabases.literal(PASSWORD),
					"GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%'");
		}
	}

	@BeforeEach
	void emptyTarget() throws SQLException {
		TestDatabases.execute(TestDatabases.targetPort(), "DROP DATABASE IF EXISTS `" + DB + "`");
	}

	@AfterAll
	static void dropAll() throws SQLException {
		for (int port : new int[] { TestDatabases.sourcePort(), TestDatabases.targetPort() }) {
			TestDatabases.execute(port, "DROP DATABASE IF EXISTS `" + DB + "`", "DROP USER IF EXISTS '" + USER + "'@'%'");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "none", "gzip", "zstd" })
	void aNativeExportImportsOnTheTidbChainAsALightningMydumperSource(String compression) throws Exception {
		JsonNode export = nativeExport(compression);
		Path data = Path.of(export.path("filePath").asString());
		String suffix = compression.equals("none") ? ".sql" : compression.equals("gzip") ? ".sql.gz" : ".sql.zst";
		assertThat(NativeDump.dataFiles(data)).as("chunked data files").hasSizeGreaterThan(3)
			.allSatisfy((name, file) -> assertThat(name).endsWith(suffix).matches(LIGHTNING_DATA_RULE));

		String target = register("TIDB", TestDatabases.targetPort());
		var started = this.api.post("/api/v1/clusters/import",
				Map.of("clusterId", target, "recordId", export.path("recordId").asString(), "backend", "tidb"));
		assertThat(started.code()).as(started.body().toString()).isZero();
		JsonNode imported = this.api.awaitRecord(started.data().path("recordId").asString(), Duration.ofMinutes(2));

		assertThat(imported.path("status").asString()).as(imported.toString()).isEqualTo("Finished");
		assertThat(imported.path("verification").asString()).startsWith("verified: 3 tables");
		assertThat(TestDatabases.checksums(TestDatabases.targetPort(), DB))
			.isEqualTo(TestDatabases.checksums(TestDatabases.sourcePort(), DB));
		Path importDir = HOME.resolve("import").resolve(target)
			.resolve(imported.path("recordId").asString() + "-nfs");
		try (Stream<Path> logs = Files.list(importDir)) {
			String log = logs.filter((f) -> f.getFileName().toString().startsWith("tidb-lightning"))
				.map(NativeChainInteropFunctionalTests::read)
				.reduce("", String::concat);
			assertThat(log).contains("STAND-IN for tidb-lightning (backend tidb)").doesNotContain(PASSWORD);
		}
	}

	@Test
	void aNativeSqlExportReImportsOnTheMysqlChainWithMyloader() throws Exception {
		JsonNode export = nativeExport("none");

		String target = register("MYSQL", TestDatabases.targetPort());
		var started = this.api.post("/api/v1/clusters/import",
				Map.of("clusterId", target, "recordId", export.path("recordId").asString()));
		assertThat(started.code()).as(started.body().toString()).isZero();
		JsonNode imported = this.api.awaitRecord(started.data().path("recordId").asString(), Duration.ofMinutes(2));

		assertThat(imported.path("status").asString()).as(imported.toString()).isEqualTo("Finished");
		assertThat(imported.path("verification").asString()).startsWith("verified: 3 tables");
		assertThat(TestDatabases.checksums(TestDatabases.targetPort(), DB))
			.isEqualTo(TestDatabases.checksums(TestDatabases.sourcePort(), DB));
	}

	private JsonNode nativeExport(String compression) throws InterruptedException {
		String source = register("MYSQL", TestDatabases.sourcePort());
		Map<String, Object> body = new HashMap<>(Map.of("clusterId", source, "storageType", "nfs", "fileType", "sql",
				"filter", DB + ".*", "toolChain", "native", "compression", compression, "chunkRows", "100"));
		var started = this.api.post("/api/v1/clusters/export", body);
		assertThat(started.code()).as(started.body().toString()).isZero();
		JsonNode export = this.api.awaitRecord(started.data().path("recordId").asString(), Duration.ofMinutes(2));
		assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("Finished");
		NativeDump.assertMatchesManifest(Path.of(export.path("filePath").asString()));
		return export;
	}

	private String register(String kind, int port) {
		var reply = this.api.post("/api/v1/clusters", Map.of("name", TestDatabases.uniqueName("ni"), "kind", kind,
				"host", "127.0.0.1", "port", port, "user", USER, "password", PASSWORD));
		assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
		return reply.data().path("clusterId").asString();
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
