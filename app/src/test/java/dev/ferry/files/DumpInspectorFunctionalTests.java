package dev.ferry.files;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ferry.s3.S3Clients;
import dev.ferry.s3.S3Credentials;
import dev.ferry.s3.S3Location;
import dev.ferry.support.S3Objects;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, item 2 through the real API on MariaDB: a dump that carries SQL outside its files' roles is refused by
 * the dump inspector before anything runs, whether it comes as an upload, from S3 or as an earlier export.
 */
class DumpInspectorFunctionalTests extends FilesFunctionalTest {

	private static final String PAYLOAD = "CREATE TABLE %1$s.pwned AS SELECT CURRENT_USER(); "
			+ "DELETE FROM %1$s.t WHERE id=3;";

	private String victim;

	private String target;

	@BeforeEach
	void victimDatabase() throws Exception {
		this.victim = TestDatabases.uniqueName("other");
		TestDatabases.execute(TestDatabases.targetPort(), "CREATE DATABASE " + this.victim,
				"CREATE TABLE " + this.victim + ".t (id INT PRIMARY KEY)",
				"INSERT INTO " + this.victim + ".t VALUES (1), (2), (3)");
		this.target = registerCluster(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root", "");
	}

	@Test
	void theIssuesCraftedZipIsRefusedAndChangesNothing() throws Exception {
		String db = TestDatabases.uniqueName("x");
		for (String name : new String[] { "x-schema.sql", db + ".x-schema.sql" }) {
			for (boolean overwrite : new boolean[] { false, true }) {
				Path zip = zip(Map.of(name, PAYLOAD.formatted(this.victim)));
				String uploadId = upload(zip).path("data").path("uploadId").asString();
				long before = total();

				var refused = this.api.post("/api/v1/clusters/import",
						Map.of("clusterId", this.target, "uploadId", uploadId, "overwrite", overwrite));

				assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400);
				assertThat(refused.code()).isEqualTo(10001);
				assertThat(refused.message()).startsWith("dump refused: " + name).doesNotContain("\tat ");
				assertThat(total()).as("no record created").isEqualTo(before);
				assertVictimUntouched();
			}
		}
		Path zip = zip(Map.of(db + ".x-schema.sql", PAYLOAD.formatted(this.victim)));
		var refused = this.api.post("/api/v1/clusters/import",
				Map.of("clusterId", this.target, "uploadId", upload(zip).path("data").path("uploadId").asString()));
		assertThat(refused.message()).contains(db + ".x-schema.sql, statement 1 (line 1)")
			.contains("CREATE TABLE " + this.victim + " . pwned AS SELECT")
			.contains("CREATE TABLE with SELECT is refused");
	}

	@Test
	void aDumpAimedAtTheMysqlSchemaIsRefused() throws Exception {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("mysql.pwn-schema.sql", "CREATE TABLE `pwn` (id INT);\n");
		files.put("mysql.pwn.sql", "INSERT INTO `pwn` VALUES (1);\n");
		String uploadId = upload(zip(files)).path("data").path("uploadId").asString();

		var refused = this.api.post("/api/v1/clusters/import",
				Map.of("clusterId", this.target, "uploadId", uploadId, "overwrite", true));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.message()).contains("the system schema 'mysql' cannot be imported into");
		assertThat(TestDatabases.count(TestDatabases.targetPort(),
				"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'mysql' AND TABLE_NAME = 'pwn'"))
			.isZero();
	}

	@Test
	void anS3DumpWithForeignStatementsIsRefused() throws Exception {
		String db = TestDatabases.uniqueName("s3x");
		String prefix = TestDatabases.uniqueName("inspect");
		put(prefix + "/" + db + "-schema-create.sql", "CREATE DATABASE `" + db + "`;\n");
		put(prefix + "/" + db + ".t-schema.sql", "CREATE TABLE `t` (id INT);\n");
		put(prefix + "/" + db + ".t.00000.sql", "INSERT INTO `t` VALUES (1);\nDELETE FROM " + this.victim
				+ ".t WHERE id=3;\n");
		Map<String, Object> request = new HashMap<>(Map.of("clusterId", this.target, "storageType", "s3",
				"endpointUrl", S3Objects.endpoint(), "bucketUrl", "s3://ferry-it/" + prefix, "accessKey", "k",
				"secretAccessKey", "s"));
		long before = total();

		var refused = this.api.post("/api/v1/clusters/import", request);

		assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400);
		assertThat(refused.message()).contains(prefix + "/" + db + ".t.00000.sql, statement 2 (line 2)")
			.contains("DELETE FROM " + this.victim)
			.contains("may only INSERT or REPLACE");
		assertThat(total()).isEqualTo(before);
		assertThat(TestDatabases.count(TestDatabases.targetPort(),
				"SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + db + "'"))
			.as("not even the database of the dump was created").isZero();
		assertVictimUntouched();
	}

	@Test
	void anEarlierExportChangedOnDiskIsRefused() throws Exception {
		String db = TestDatabases.uniqueName("hist");
		TestDatabases.execute(TestDatabases.sourcePort(), "CREATE DATABASE " + db,
				"CREATE TABLE " + db + ".t (id INT PRIMARY KEY, s VARCHAR(20))",
				"INSERT INTO " + db + ".t VALUES (1, 'a;b'), (2, 'it''s')");
		String source = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");
		var export = this.api.post("/api/v1/clusters/export",
				Map.of("clusterId", source, "storageType", "nfs", "fileType", "sql", "filter", db + ".*"));
		JsonNode record = this.api.awaitRecord(export.data().path("recordId").asString(), Duration.ofMinutes(2));
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		Path data = Path.of(record.path("filePath").asString());
		Path schema = data.resolve(db + ".t-schema.sql");
		Files.writeString(schema, Files.readString(schema) + "\nDELETE FROM " + this.victim + ".t WHERE id=3;\n");

		var refused = this.api.post("/api/v1/clusters/import",
				Map.of("clusterId", this.target, "recordId", record.path("recordId").asString()));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.message()).contains(db + ".t-schema.sql, statement")
			.contains("may only create or drop its own table " + db + ".t");
		assertVictimUntouched();
	}

	@Test
	void aRestartThatResumesAtTheToolInspectsTheDumpAgain() throws Exception {
		String db = TestDatabases.uniqueName("rst");
		String user = TestDatabases.uniqueName("imp");
		TestDatabases.execute(TestDatabases.sourcePort(), "CREATE DATABASE " + db,
				"CREATE TABLE " + db + ".t (id INT PRIMARY KEY)", "INSERT INTO " + db + ".t VALUES (1), (2)");
		TestDatabases.execute(TestDatabases.targetPort(), "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'Pw-1'");
		try {
			String source = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");
			var export = this.api.post("/api/v1/clusters/export",
					Map.of("clusterId", source, "storageType", "nfs", "fileType", "sql", "filter", db + ".*"));
			JsonNode exported = this.api.awaitRecord(export.data().path("recordId").asString(), Duration.ofMinutes(2));
			assertThat(exported.path("status").asString()).as(exported.toString()).isEqualTo("Finished");
			// the user may not create anything yet: myloader fails, the record fails at the tool's step
			String weak = registerCluster(TestDatabases.uniqueName("weak"), TestDatabases.targetPort(), user, "Pw-1");
			var started = this.api.post("/api/v1/clusters/import", Map.of("clusterId", weak, "recordId",
					exported.path("recordId").asString(), "overwrite", true));
			assertThat(started.code()).as(started.body().toString()).isZero();
			String importId = started.data().path("recordId").asString();
			JsonNode failed = this.api.awaitRecord(importId, Duration.ofMinutes(2));
			assertThat(failed.path("status").asString()).as(failed.toString()).isEqualTo("Failed");
			assertThat(failed.path("message").asString()).contains("importDataToCluster");

			// meanwhile the export gains a foreign statement, and the user the rights to run it
			Path schema = Path.of(exported.path("filePath").asString()).resolve(db + ".t-schema.sql");
			Files.writeString(schema, Files.readString(schema) + "\nDELETE FROM " + this.victim + ".t WHERE id=3;\n");
			TestDatabases.execute(TestDatabases.targetPort(), "GRANT ALL ON *.* TO '" + user + "'@'%'");
			var restarted = this.api.post("/api/v1/clusters/transport/" + importId + "/restart", "");
			assertThat(restarted.status()).as(restarted.body().toString()).isEqualTo(200);
			JsonNode again = this.api.awaitRecord(importId, Duration.ofMinutes(2));

			assertThat(again.path("status").asString()).as(again.toString()).isEqualTo("Failed");
			assertThat(again.path("message").asString()).contains("dump refused: " + db + ".t-schema.sql, statement");
			assertVictimUntouched();
		}
		finally {
			TestDatabases.execute(TestDatabases.targetPort(), "DROP USER '" + user + "'@'%'");
		}
	}

	private void assertVictimUntouched() throws Exception {
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM " + this.victim + ".t"))
			.as("the foreign row is still there")
			.isEqualTo(3);
		assertThat(TestDatabases.count(TestDatabases.targetPort(),
				"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + this.victim
						+ "' AND TABLE_NAME = 'pwned'"))
			.as("no foreign table created")
			.isZero();
	}

	private static void put(String key, String content) {
		S3Location location = S3Location.parse(S3Objects.endpoint(), "s3://ferry-it");
		try (S3Clients clients = S3Clients.open(location, S3Credentials.of("k", "s"))) {
			clients.s3().putObject((put) -> put.bucket("ferry-it").key(key), AsyncRequestBody.fromString(content)).join();
		}
	}

	private static Path zip(Map<String, String> files) throws Exception {
		Path zip = Files.createTempFile(HOME, "crafted", ".zip");
		try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
			for (var file : files.entrySet()) {
				z.putNextEntry(new ZipEntry(file.getKey()));
				z.write(file.getValue().getBytes(StandardCharsets.UTF_8));
				z.closeEntry();
			}
		}
		return zip;
	}

	private JsonNode upload(Path zip) throws Exception {
		Multipart body = new Multipart().file("file", "data.zip", zip).field("clusterId", this.target);
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/clusters/import/upload"))
				.timeout(Duration.ofMinutes(1))
				.header("Authorization", basicAuthorization())
				.header("Content-Type", Multipart.contentType())
				.POST(body.publisher())
				.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode reply = JsonMapper.builder().build().readTree(response.body());
		assertThat(reply.path("data").path("uploadId").asString()).as(response.body()).isNotBlank();
		return reply;
	}

	private long total() {
		return this.api.get("/api/v1/clusters/transport?pageSize=1").body().path("page").path("total").asLong();
	}

}
