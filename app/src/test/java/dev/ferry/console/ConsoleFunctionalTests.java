package dev.ferry.console;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The console's forms end to end over real HTTP (form login, session cookie, CSRF token from the page), against the
 * real MariaDB instances and the real mydumper/myloader.
 */
class ConsoleFunctionalTests extends FunctionalTest {

	static final String FILTERED_DB = TestDatabases.uniqueName("cf");

	static final String UPLOAD_DB = TestDatabases.uniqueName("cu");

	static final Pattern RECORD = Pattern.compile("^/transfers/(\\d+)$");

	ConsoleForms console;

	@BeforeAll
	static void createSourceDatabases() throws Exception {
		TestDatabases.execute(TestDatabases.sourcePort(), "CREATE DATABASE " + FILTERED_DB,
				"CREATE TABLE " + FILTERED_DB + ".orders (id INT PRIMARY KEY, total INT)",
				"INSERT INTO " + FILTERED_DB + ".orders VALUES (1, 10), (2, 20)",
				"CREATE TABLE " + FILTERED_DB + ".customers (id INT PRIMARY KEY, name VARCHAR(20))",
				"INSERT INTO " + FILTERED_DB + ".customers VALUES (1, 'a')",
				"CREATE TABLE " + FILTERED_DB + ".audit_log (id INT PRIMARY KEY)",
				"INSERT INTO " + FILTERED_DB + ".audit_log VALUES (1)");
		TrickyDatabase.create(TestDatabases.sourcePort(), UPLOAD_DB, 100);
	}

	@BeforeEach
	void login() throws Exception {
		this.console = new ConsoleForms(this.port).login("admin", ADMIN_PASSWORD);
	}

	@Test
	void exportFormWithTwoFilterRulesExportsExactlyThoseTables() throws Exception {
		String cluster = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");
		HttpResponse<String> form = this.console.get("/transfers/export/new?cluster=" + cluster);
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.body()).contains("value=\"root\"");

		HttpResponse<String> launched = this.console.submit("/transfers/export/new?cluster=" + cluster,
				"/transfers/export/new",
				List.of(Map.entry("clusterId", cluster), Map.entry("userName", "root"), Map.entry("password", ""),
						Map.entry("storageType", "nfs"), Map.entry("fileType", "sql"), Map.entry("tables", "rules"),
						Map.entry("filters[0]", FILTERED_DB + ".orders"), Map.entry("filters[1]", FILTERED_DB + ".cust*"),
						Map.entry("comment", "two rules from the console")));

		String recordId = recordOf(launched);
		JsonNode record = this.api.awaitRecord(recordId, Duration.ofMinutes(2));
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		assertThat(record.path("comment").asString()).isEqualTo("two rules from the console");
		assertThat(tablesIn(Path.of(record.path("filePath").asString())))
			.containsExactlyInAnyOrder(FILTERED_DB + ".orders", FILTERED_DB + ".customers");
		assertThat(this.console.get("/transfers/" + recordId).body()).contains("two rules from the console");
	}

	@Test
	void exportFormRefusalKeepsValuesAndNeverEchoesTheSecret() throws Exception {
		String cluster = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");
		HttpResponse<String> refused = this.console.submit("/transfers/export/new", "/transfers/export/new",
				List.of(Map.entry("clusterId", cluster), Map.entry("userName", "root"),
						Map.entry("password", "Never-Echoed-1"), Map.entry("storageType", "nfs"),
						Map.entry("fileType", "csv"), Map.entry("tables", "all"), Map.entry("zipName", "../evil")));
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("fileType csv is not supported by the mysql tool chain")
			.doesNotContain("Never-Echoed-1");
	}

	@Test
	void zipUploadedThroughTheConsoleIsImported() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");
		String target = registerCluster(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root", "");
		var export = this.api.post("/api/v1/clusters/export",
				Map.of("clusterId", source, "storageType", "nfs", "fileType", "sql", "filter", UPLOAD_DB + ".*"));
		String exportId = export.data().path("recordId").asString();
		assertThat(this.api.awaitRecord(exportId, Duration.ofMinutes(2)).path("status").asString()).isEqualTo("Finished");
		Path zip = Files.createTempFile(HOME, "console-upload", ".zip");
		HttpResponse<Path> download = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI
					.create("http://127.0.0.1:" + this.port + "/api/v1/clusters/export/download/" + exportId))
				.header("Authorization", "Basic " + java.util.Base64.getEncoder()
					.encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
				.build(), HttpResponse.BodyHandlers.ofFile(zip));
		assertThat(download.statusCode()).isEqualTo(200);

		String page = this.console.get("/transfers/import/new?cluster=" + target).body();
		HttpResponse<String> uploaded = this.console.upload(this.console.token(page), target, zip);
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
		Matcher uploadId = Pattern.compile("name=\"uploadId\" value=\"([0-9a-f-]{36})\"").matcher(uploaded.body());
		assertThat(uploadId.find()).as(uploaded.body()).isTrue();

		HttpResponse<String> launched = this.console.submit("/transfers/import/new?cluster=" + target,
				"/transfers/import/new", List.of(Map.entry("clusterId", target), Map.entry("userName", "root"),
						Map.entry("source", "upload"), Map.entry("uploadId", uploadId.group(1))));
		JsonNode record = this.api.awaitRecord(recordOf(launched), Duration.ofMinutes(2));
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		assertThat(TestDatabases.checksums(TestDatabases.targetPort(), UPLOAD_DB))
			.isEqualTo(TestDatabases.checksums(TestDatabases.sourcePort(), UPLOAD_DB));
	}

	@Test
	void uploadWithoutTheCsrfHeaderIsForbidden() throws Exception {
		String target = registerCluster(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root", "");
		Path zip = Files.write(Files.createTempFile(HOME, "x", ".zip"), new byte[] { 1, 2, 3 });
		assertThat(this.console.upload("not-the-token", target, zip).statusCode()).isEqualTo(403);
	}

	@Test
	void changedExportRootIsUsedByTheNextExport() throws Exception {
		String cluster = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");
		Path newRoot = HOME.resolve("console-export-root");
		String page = this.console.get("/settings").body();
		List<Map.Entry<String, String>> fields = SettingsForm.fields(page);
		fields.removeIf((field) -> field.getKey().equals("values[exportRoot]"));
		fields.add(Map.entry("values[exportRoot]", newRoot.toString()));
		try {
			HttpResponse<String> saved = this.console.submit("/settings", "/settings", fields);
			assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
			assertThat(this.console.get("/settings").body()).contains("changed in the console")
				.contains("value=\"" + newRoot + "\"");

			var export = this.api.post("/api/v1/clusters/export", Map.of("clusterId", cluster, "storageType", "nfs",
					"fileType", "sql", "filter", FILTERED_DB + ".orders"));
			JsonNode record = this.api.awaitRecord(export.data().path("recordId").asString(), Duration.ofMinutes(2));
			assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
			assertThat(Path.of(record.path("filePath").asString())).startsWith(newRoot);
			assertThat(tablesIn(Path.of(record.path("filePath").asString()))).containsExactly(FILTERED_DB + ".orders");
		}
		finally {
			List<Map.Entry<String, String>> reset = SettingsForm.fields(this.console.get("/settings").body());
			reset.add(Map.entry("reset", "EXPORT_ROOT"));
			assertThat(this.console.submit("/settings", "/settings", reset).statusCode()).isEqualTo(302);
		}
		assertThat(this.console.get("/settings").body()).doesNotContain("value=\"" + newRoot + "\"");
	}

	private static String recordOf(HttpResponse<String> launched) {
		assertThat(launched.statusCode()).as(launched.body()).isEqualTo(302);
		String location = java.net.URI.create(launched.headers().firstValue("Location").orElseThrow()).getPath();
		Matcher record = RECORD.matcher(location);
		assertThat(record.matches()).as(location).isTrue();
		return record.group(1);
	}

	/** db.table of each table schema file in a dump directory. */
	private static List<String> tablesIn(Path data) throws Exception {
		try (Stream<Path> files = Files.list(data)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith("-schema.sql") && !name.endsWith("-schema-create.sql"))
				.map((name) -> name.substring(0, name.length() - "-schema.sql".length()))
				.toList();
		}
	}

}
