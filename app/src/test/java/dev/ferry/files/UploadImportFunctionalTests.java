package dev.ferry.files;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The way an operator moves data between sites: export, download the zip, upload it elsewhere, import it. Real
 * mydumper and myloader, real HTTP multipart; the tables must come out equal.
 */
class UploadImportFunctionalTests extends FilesFunctionalTest {

	static final String DB = TestDatabases.uniqueName("upl");

	@BeforeAll
	static void createSourceDatabase() throws Exception {
		TrickyDatabase.create(TestDatabases.sourcePort(), DB, 150);
	}

	@Test
	void downloadedExportUploadedAndImportedElsewhereHasEqualChecksums() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");
		String target = registerCluster(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root", "");
		var export = this.api.post("/api/v1/clusters/export",
				Map.of("clusterId", source, "storageType", "nfs", "fileType", "sql", "filter", DB + ".*"));
		String exportId = export.data().path("recordId").asString();
		assertThat(this.api.awaitRecord(exportId, Duration.ofMinutes(2)).path("status").asString()).isEqualTo("Finished");
		Path zip = Files.createTempFile(HOME, "download", ".zip");
		HttpResponse<Path> download = http().send(request("/api/v1/clusters/export/download/" + exportId).GET().build(),
				HttpResponse.BodyHandlers.ofFile(zip));
		assertThat(download.statusCode()).isEqualTo(200);

		JsonNode uploaded = upload(zip, target);

		String uploadId = uploaded.path("data").path("uploadId").asString();
		assertThat(uploadId).as(uploaded.toString()).isNotBlank();
		var started = this.api.post("/api/v1/clusters/import", Map.of("clusterId", target, "uploadId", uploadId));
		assertThat(started.code()).as(started.body().toString()).isZero();
		JsonNode record = this.api.awaitRecord(started.data().path("recordId").asString(), Duration.ofMinutes(2));
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		assertThat(record.path("verification").asString()).startsWith("verified: 3 tables");
		assertThat(TestDatabases.checksums(TestDatabases.targetPort(), DB))
			.isEqualTo(TestDatabases.checksums(TestDatabases.sourcePort(), DB))
			.containsOnlyKeys("customers", "orders", "empty_table");
		assertThat(Path.of(record.path("filePath").asString()).resolve(DB + ".orders.sql"))
			.as("unpacked into the import record's own data directory").exists();

		var again = this.api.post("/api/v1/clusters/import", Map.of("clusterId", target, "uploadId", uploadId));
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.message()).contains("upload " + uploadId + " not found");

		String otherUpload = upload(zip, target).path("data").path("uploadId").asString();
		var refused = this.api.post("/api/v1/clusters/import", Map.of("clusterId", target, "uploadId", otherUpload));
		assertThat(refused.message()).as("the target now holds the rows").contains("target tables already hold data");
		var wrongCluster = this.api.post("/api/v1/clusters/import", Map.of("clusterId", source, "uploadId", otherUpload));
		assertThat(wrongCluster.message()).contains("was made for cluster " + target);
	}

	private JsonNode upload(Path zip, String clusterId) throws Exception {
		Multipart body = new Multipart().file("file", "data.zip", zip).field("clusterId", clusterId);
		HttpResponse<String> response = http().send(request("/api/v1/clusters/import/upload")
			.header("Content-Type", Multipart.contentType())
			.POST(body.publisher())
			.build(), HttpResponse.BodyHandlers.ofString());
		return JsonMapper.builder().build().readTree(response.body());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofMinutes(1))
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
	}

	private static HttpClient http() {
		return HttpClient.newHttpClient();
	}

}
