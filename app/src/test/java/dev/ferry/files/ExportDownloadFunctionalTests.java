package dev.ferry.files;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Download of a real export: mydumper dumps the {@code source} MariaDB through the API, then the zip streamed by
 * {@code GET /export/download/{recordId}} must hold every file of the record's {@code data/} directory, byte for byte,
 * under its relative path. Refusals come as the usual envelope.
 */
class ExportDownloadFunctionalTests extends FunctionalTest {

	static final String SOURCE_DB = TestDatabases.uniqueName("dl");

	static final JsonMapper JSON = JsonMapper.builder().build();

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeAll
	static void createSourceDatabase() throws Exception {
		TrickyDatabase.create(TestDatabases.sourcePort(), SOURCE_DB, 300);
	}

	@Test
	void downloadsEveryFileOfAFinishedExportUnderItsRelativePath() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("dl"), TestDatabases.sourcePort(), "root", "");
		String zipName = "nightly 导出.zip";
		String recordId = this.api.post("/api/v1/clusters/export", Map.of("clusterId", clusterId, "storageType", "nfs",
				"fileType", "sql", "zipName", zipName)).data().path("recordId").asString();
		JsonNode record = this.api.awaitRecord(recordId, Duration.ofMinutes(2));
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		Path data = Path.of(record.path("filePath").asString());
		Files.createDirectories(data.resolve("nested").resolve("deeper"));
		Files.writeString(data.resolve("nested").resolve("deeper").resolve("extra.txt"), "kept under its path");

		HttpResponse<InputStream> response = this.http.send(request(recordId),
				HttpResponse.BodyHandlers.ofInputStream());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
		assertThat(response.headers().firstValue("Content-Length")).as("streamed, length unknown").isEmpty();
		String disposition = response.headers().firstValue("Content-Disposition").orElseThrow();
		assertThat(disposition).startsWith("attachment; filename=\"nightly __.zip\"; filename*=UTF-8''");
		assertThat(URLDecoder.decode(disposition.substring(disposition.indexOf("''") + 2), StandardCharsets.UTF_8))
			.isEqualTo(zipName);
		Map<String, byte[]> zipped = new TreeMap<>();
		try (ZipInputStream zip = new ZipInputStream(response.body())) {
			ZipEntry entry;
			while ((entry = zip.getNextEntry()) != null) {
				zipped.put(entry.getName(), zip.readAllBytes());
			}
		}
		Map<String, byte[]> onDisk = files(data);
		assertThat(onDisk).containsKey("nested/deeper/extra.txt")
			.containsKey(SOURCE_DB + ".customers-schema.sql")
			.hasSizeGreaterThan(5);
		assertThat(zipped.keySet()).containsExactlyElementsOf(onDisk.keySet());
		onDisk.forEach((name, bytes) -> assertThat(zipped.get(name)).as(name).isEqualTo(bytes));
	}

	/**
	 * A failure after the first byte cannot become an envelope: the connection must be cut, so that the client sees a
	 * broken transfer instead of a cleanly ended body holding half a zip.
	 */
	@Test
	void aFileVanishingMidDownloadCutsTheConnection() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("dl"), TestDatabases.sourcePort(), "root", "");
		String recordId = this.api
			.post("/api/v1/clusters/export", Map.of("clusterId", clusterId, "storageType", "nfs", "fileType", "sql"))
			.data()
			.path("recordId")
			.asString();
		JsonNode record = this.api.awaitRecord(recordId, Duration.ofMinutes(2));
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		Path data = Path.of(record.path("filePath").asString());
		byte[] noise = new byte[64 * 1024 * 1024];
		new java.util.Random(1).nextBytes(noise);
		Files.write(data.resolve("000-first-and-big.bin"), noise);
		Path doomed = Files.writeString(data.resolve("zzz-last.txt"), "gone before it is read");

		HttpResponse<InputStream> response = this.http.send(request(recordId),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		try (InputStream body = response.body()) {
			body.readNBytes(1024);
			Thread.sleep(500);
			Files.delete(doomed);
			org.assertj.core.api.Assertions.assertThatIOException().isThrownBy(body::readAllBytes);
		}
	}

	@Test
	void aFailedExportCannotBeDownloaded() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("dl"), TestDatabases.sourcePort(), "nobody",
				"wrong password");
		String recordId = this.api
			.post("/api/v1/clusters/export", Map.of("clusterId", clusterId, "storageType", "nfs", "fileType", "sql"))
			.data()
			.path("recordId")
			.asString();
		assertThat(this.api.awaitRecord(recordId, Duration.ofMinutes(1)).path("status").asString()).isEqualTo("Failed");

		HttpResponse<String> response = this.http.send(request(recordId), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.path("code").asInt()).isEqualTo(10001);
		assertThat(body.path("message").asString())
			.isEqualTo("record " + recordId + " is Failed: only a Finished export can be downloaded, its files are "
					+ "incomplete until then");
	}

	@Test
	void anUnknownRecordIsNotFound() throws Exception {
		HttpResponse<String> response = this.http.send(request("987654321"), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(404);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.path("code").asInt()).isEqualTo(60102);
		assertThat(body.path("message").asString()).isEqualTo("record 987654321 not found");
	}

	private HttpRequest request(String recordId) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port
				+ "/api/v1/clusters/export/download/" + recordId))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
			.GET()
			.build();
	}

	/** Every regular file under {@code data}, by its path relative to it with '/' separators. */
	private static Map<String, byte[]> files(Path data) throws IOException {
		Map<String, byte[]> files = new TreeMap<>();
		try (Stream<Path> walk = Files.walk(data)) {
			for (Path file : walk.filter(Files::isRegularFile).toList()) {
				files.put(data.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
			}
		}
		return files;
	}

}
