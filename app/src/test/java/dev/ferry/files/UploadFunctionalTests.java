package dev.ferry.files;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ferry.support.TestDatabases;
import dev.ferry.upload.SafeUnzipper;
import dev.ferry.upload.UploadStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads over real HTTP to the whole application: multipart bodies built by hand and streamed from a file (the file
 * part first, as TiUniManager's UI sends it), then every way an upload can go wrong, each leaving nothing behind.
 */
class UploadFunctionalTests extends FilesFunctionalTest {

	static final String URL = "/api/v1/clusters/import/upload";

	static final JsonMapper JSON = JsonMapper.builder().build();

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Autowired
	UploadStore uploads;

	@TempDir
	Path dir;

	String clusterId;

	@BeforeEach
	void cluster() {
		this.clusterId = registerCluster(TestDatabases.uniqueName("up"), TestDatabases.sourcePort(), "root", "");
	}

	@AfterEach
	void nothingHalfDone() throws Exception {
		awaitNoUnfinishedUploads();
	}

	@Test
	void uploadsAZipWithTheFileBeforeTheClusterIdAndStagesIt() throws Exception {
		Path zip = zip(this.dir.resolve("dump.zip"), "data/", "", "data/shop-schema-create.sql",
				"CREATE DATABASE `shop`;", "data/shop.t-schema.sql", "CREATE TABLE t (id INT PRIMARY KEY);",
				"data/shop.t.00000.sql", "INSERT INTO t VALUES (1),(2);", "__MACOSX/data/._t.sql", "junk");

		Reply reply = send(new Multipart().file("file", "dump.zip", zip).field("clusterId", this.clusterId).publisher());

		assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
		assertThat(reply.body().path("code").asInt()).isZero();
		JsonNode data = reply.body().path("data");
		String uploadId = data.path("uploadId").asString();
		assertThat(data.path("clusterId").asString()).isEqualTo(this.clusterId);
		assertThat(data.path("size").asLong()).isEqualTo(Files.size(zip));
		assertThat(data.path("entries").asInt()).isEqualTo(3);
		Path staged = HOME.resolve("import").resolve("uploads").resolve(uploadId);
		assertThat(staged.resolve("upload.zip")).hasSameBinaryContentAs(zip);
		assertThat(this.api.get("/api/v1/audit?action=upload.create&pageSize=200").data().path("entries").valueStream()
			.filter((entry) -> entry.path("target").asString().equals("upload " + uploadId))
			.map((entry) -> entry.path("actor").asString() + ": " + entry.path("detail").asString())
			.toList()).as("the upload is audited")
			.containsExactly("admin: cluster " + this.clusterId + ", " + Files.size(zip) + " bytes, 3 files");
		assertThat(staged.resolve("upload.json")).content()
			.contains("\"clusterId\":\"" + this.clusterId + "\"", "\"entries\":3");

		Path target = this.dir.resolve("record").resolve("data");
		SafeUnzipper.ZipContents contents = this.uploads.unpackInto(uploadId, this.clusterId, target);

		assertThat(contents.strippedFolder()).isEqualTo("data");
		assertThat(target.resolve("shop.t.00000.sql")).hasContent("INSERT INTO t VALUES (1),(2);");
		try (Stream<Path> files = Files.list(target)) {
			assertThat(files.map((p) -> p.getFileName().toString())).containsExactlyInAnyOrder(
					"shop-schema-create.sql", "shop.t-schema.sql", "shop.t.00000.sql");
		}
	}

	@Test
	void theClusterIdMayComeFirstAndTheBodyMayBeChunked() throws Exception {
		Path zip = zip(this.dir.resolve("top.zip"), "a.sql", "SELECT 1;");

		Reply reply = send(new Multipart().field("clusterId", this.clusterId).file("file", "top.zip", zip).chunked());

		assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
		assertThat(reply.body().path("data").path("entries").asInt()).isEqualTo(1);
	}

	@Test
	void anUnknownClusterAfterTheFileDiscardsTheUpload() throws Exception {
		Path zip = zip(this.dir.resolve("dump.zip"), "a.sql", "SELECT 1;");

		Reply reply = send(new Multipart().file("file", "dump.zip", zip).field("clusterId", "999999").publisher());

		assertError(reply, 404, 10003, "cluster 999999 not found");
		assertThat(unfinishedUploads()).isEmpty();
	}

	@Test
	void refusesBadRequestsWithTheirCodes() throws Exception {
		Path notAZip = Files.write(this.dir.resolve("x.zip"), "this is no zip".getBytes(StandardCharsets.UTF_8));

		assertError(send(HttpRequest.BodyPublishers.ofString("{\"clusterId\":\"1\"}"), "application/json"), 400, 10001,
				"an upload must be a multipart/form-data POST");
		assertError(send(new Multipart().field("clusterId", this.clusterId).publisher()), 400, 10001,
				"the upload has no part 'file' with the zip");
		assertError(send(new Multipart().file("file", "x.zip", notAZip).field("clusterId", this.clusterId).publisher()),
				400, 10001, "the uploaded file is not a valid zip file: ");
	}

	@Test
	void aFileOverTheLimitIsRefusedWhileItStreams() throws Exception {
		Path big = random(this.dir.resolve("big.zip"), 900 * 1024);

		Reply reply = send(new Multipart().file("file", "big.zip", big).field("clusterId", this.clusterId).chunked());

		assertError(reply, 400, 60108, "the uploaded file is larger than the upload limit of 512 KiB (524288 bytes)");
	}

	@Test
	void aRequestDeclaringMoreThanTheLimitIsRefusedAtOnce() throws Exception {
		Path big = random(this.dir.resolve("big.zip"), 1700 * 1024);

		Reply reply = send(new Multipart().file("file", "big.zip", big).field("clusterId", this.clusterId).publisher());

		assertError(reply, 400, 60108, "the request is 1.66 MiB");
	}

	@Test
	void refusesMoreUploadsThanTheLimitAtOnce() throws Exception {
		Path zip = zip(this.dir.resolve("dump.zip"), "a.sql", "SELECT 1;");
		byte[] body = new Multipart().file("file", "dump.zip", zip).field("clusterId", this.clusterId)
			.stream()
			.readAllBytes();
		try (RawUpload first = new RawUpload(body, 300); RawUpload second = new RawUpload(body, 300)) {
			awaitUnfinishedUploads(MAX_UPLOADS);

			Reply third = send(new Multipart().file("file", "dump.zip", zip).field("clusterId", this.clusterId)
				.publisher());

			assertError(third, 400, 60111, "at most 2 uploads at once");
			assertThat(first.finish()).startsWith("HTTP/1.1 200").contains("\"code\":0");
			assertThat(second.finish()).startsWith("HTTP/1.1 200").contains("\"code\":0");
		}
		assertThat(send(new Multipart().file("file", "dump.zip", zip).field("clusterId", this.clusterId).publisher())
			.status()).as("slots are free again").isEqualTo(200);
	}

	/** An upload over a plain socket that sends the first bytes of its body now and the rest on {@link #finish()}. */
	final class RawUpload implements AutoCloseable {

		private final Socket socket;

		private final byte[] body;

		private final int sent;

		RawUpload(byte[] body, int firstBytes) throws IOException {
			this.body = body;
			this.sent = firstBytes;
			this.socket = new Socket("127.0.0.1", UploadFunctionalTests.this.port);
			this.socket.setSoTimeout(30_000);
			OutputStream out = this.socket.getOutputStream();
			out.write(("POST " + URL + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + basicAuthorization()
					+ "\r\nContent-Type: " + Multipart.contentType() + "\r\nContent-Length: " + body.length
					+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(body, 0, firstBytes);
			out.flush();
		}

		/** Sends the rest and returns the whole response. */
		String finish() throws IOException {
			OutputStream out = this.socket.getOutputStream();
			out.write(this.body, this.sent, this.body.length - this.sent);
			out.flush();
			return new String(this.socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

	@Test
	void aClientThatGoesAwayMidFileLeavesNothing() throws Exception {
		byte[] part = new byte[200 * 1024];
		new Random(7).nextBytes(part);
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + URL + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\nAuthorization: "
					+ basicAuthorization() + "\r\nContent-Type: " + Multipart.contentType()
					+ "\r\nContent-Length: 500000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(Multipart.head("file", "; filename=\"cut.zip\"\r\nContent-Type: application/zip"));
			out.write(part);
			out.flush();
			awaitUnfinishedUploads(1);
		}
		awaitNoUnfinishedUploads();
	}

	record Reply(int status, JsonNode body) {
	}

	private Reply send(HttpRequest.BodyPublisher body) throws Exception {
		return send(body, Multipart.contentType());
	}

	private Reply send(HttpRequest.BodyPublisher body, String contentType) throws Exception {
		HttpResponse<String> response = this.http
			.send(request().header("Content-Type", contentType).POST(body).build(), HttpResponse.BodyHandlers.ofString());
		return new Reply(response.statusCode(), JSON.readTree(response.body().isEmpty() ? "{}" : response.body()));
	}

	private HttpRequest.Builder request() {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + URL))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", basicAuthorization());
	}

	private static void assertError(Reply reply, int status, int code, String message) {
		assertThat(reply.status()).as(reply.body().toString()).isEqualTo(status);
		assertThat(reply.body().path("code").asInt()).as(reply.body().toString()).isEqualTo(code);
		assertThat(reply.body().path("message").asString()).contains(message);
		assertThat(reply.body().has("data")).isFalse();
	}

	private static Path zip(Path file, String... nameThenContent) throws IOException {
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			for (int i = 0; i < nameThenContent.length; i += 2) {
				zip.putNextEntry(new ZipEntry(nameThenContent[i]));
				zip.write(nameThenContent[i + 1].getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		return file;
	}

	private static Path random(Path file, int size) throws IOException {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return Files.write(file, bytes);
	}

	/** Staging directories of uploads in progress (no upload.json yet). */
	private static List<Path> unfinishedUploads() throws IOException {
		Path root = HOME.resolve("import").resolve("uploads");
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (Stream<Path> children = Files.list(root)) {
			return children.filter((d) -> !Files.exists(d.resolve("upload.json"))).toList();
		}
	}

	private static void awaitUnfinishedUploads(int count) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (unfinishedUploads().size() < count) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("expected " + count + " uploads in progress, found " + unfinishedUploads());
			}
			Thread.sleep(20);
		}
	}

	private static void awaitNoUnfinishedUploads() throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!unfinishedUploads().isEmpty()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("staging directories left behind: " + unfinishedUploads());
			}
			Thread.sleep(50);
		}
	}

}
