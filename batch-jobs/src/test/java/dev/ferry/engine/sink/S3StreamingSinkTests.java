package dev.ferry.engine.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.DelegatingS3AsyncClient;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import dev.ferry.s3.S3ClientSettings;
import dev.ferry.s3.S3Clients;
import dev.ferry.s3.S3Credentials;
import dev.ferry.s3.S3Location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link S3StreamingSink} against the real S3Mock of ops/test.sh ({@code FERRY_IT_S3_ENDPOINT}), with small buffers
 * (5 MiB, S3's smallest part) so that multipart uploads need only a few MiB. Each test must end within two minutes
 * (they take seconds): an upload that never completes is a failure, not a hung build.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class S3StreamingSinkTests {

	static final int MIB = 1024 * 1024;

	/** One PUT up to 5 MiB, then 5 MiB parts, two in flight: at most 3 buffers a file. */
	static final StreamingSettings SMALL = new StreamingSettings(5 * MIB, 5 * MIB, 2);

	static S3Clients clients;

	static String bucket;

	@BeforeAll
	static void createBucket() {
		String endpoint = System.getenv("FERRY_IT_S3_ENDPOINT");
		assertThat(endpoint).as("FERRY_IT_S3_ENDPOINT (the S3Mock that ops/test.sh starts)").isNotBlank();
		clients = S3Clients.open(URI.create(endpoint.strip()), new S3Credentials("ferry-it-access", "ferry-it-secret"),
				S3ClientSettings.defaults());
		bucket = "ferry-sink-" + UUID.randomUUID().toString().substring(0, 13).toLowerCase(Locale.ROOT);
		clients.s3().createBucket((create) -> create.bucket(bucket)).join();
	}

	@AfterAll
	static void closeClients() {
		if (clients != null) {
			clients.close();
		}
	}

	@Test
	void aSmallFileIsOnePutThatAppearsOnlyOnCommit() throws IOException {
		S3StreamingSink sink = new S3StreamingSink(clients, location("exports/r1"), true, SMALL);
		byte[] content = random(3 * MIB + 11, 1);

		try (S3PendingFile file = sink.create("db.t.00000.sql")) {
			writeInPieces(file.stream(), content);
			file.stream().close(); // what a compressing stream does: not a commit
			assertThat(keys("exports/r1/")).as("nothing visible before commit").isEmpty();
			assertThat(sink.committed()).isEmpty();

			StoredFile stored = file.commit();

			assertThat(stored).isEqualTo(new StoredFile("db.t.00000.sql", content.length, crc32c(content),
					sha256(content)));
			assertThat(file.multipart()).isFalse();
			assertThat(file.buffersAllocated()).isEqualTo(1);
		}
		assertThat(get("exports/r1/db.t.00000.sql")).isEqualTo(content);
		assertThat(eTag("exports/r1/db.t.00000.sql")).as("one PUT: the ETag is the MD5").matches("\"?[0-9a-f]{32}\"?");
		assertThat(sink.committed()).containsExactly("db.t.00000.sql");
	}

	@Test
	void aBigFileIsAMultipartUploadCompletedOnCommit() throws IOException {
		S3StreamingSink sink = new S3StreamingSink(clients, location("exports/r2"), false, SMALL);
		byte[] content = random(17 * MIB + 3, 2);

		try (S3PendingFile file = sink.create("db.t.00001.sql.zst")) {
			writeInPieces(file.stream(), content);
			assertThat(file.multipart()).isTrue();
			assertThat(keys("exports/r2/")).as("nothing visible before commit").isEmpty();
			assertThat(openUploads("exports/r2/")).containsExactly("exports/r2/db.t.00001.sql.zst");

			StoredFile stored = file.commit();

			assertThat(stored).isEqualTo(new StoredFile("db.t.00001.sql.zst", content.length, crc32c(content), null));
		}
		assertThat(get("exports/r2/db.t.00001.sql.zst")).isEqualTo(content);
		assertThat(eTag("exports/r2/db.t.00001.sql.zst")).as("parts of 5+5+5+2 MiB").matches("\"?[0-9a-f]{32}-4\"?");
		assertThat(openUploads("exports/r2/")).isEmpty();
	}

	@Test
	void aFileOfExactlySinglePutMaxIsStillOnePut() throws IOException {
		S3StreamingSink sink = new S3StreamingSink(clients, location("exports/r3"), false, SMALL);
		byte[] content = random(5 * MIB, 3);

		try (S3PendingFile file = sink.create("exact.sql")) {
			writeInPieces(file.stream(), content);
			assertThat(file.commit().crc32c()).isEqualTo(crc32c(content));
			assertThat(file.multipart()).isFalse();
		}
		assertThat(get("exports/r3/exact.sql")).isEqualTo(content);
	}

	@Test
	void anEmptyFileIsAnEmptyObject() throws IOException {
		S3StreamingSink sink = new S3StreamingSink(clients, location("exports/r8"), true, SMALL);

		try (PendingFile file = sink.create("db.empty.00000.sql")) {
			assertThat(file.commit()).isEqualTo(new StoredFile("db.empty.00000.sql", 0, "00000000", sha256(new byte[0])));
			file.stream().flush(); // a compressing stream closed after the commit
			file.stream().close();
		}
		assertThat(get("exports/r8/db.empty.00000.sql")).isEmpty();
	}

	@Test
	void closingWithoutCommitLeavesNoObjectAndNoOpenUpload() throws IOException {
		S3StreamingSink sink = new S3StreamingSink(clients, location("exports/r4"), false, SMALL);

		try (PendingFile big = sink.create("big.sql"); PendingFile small = sink.create("small.sql")) {
			writeInPieces(big.stream(), random(12 * MIB, 4));
			small.stream().write(random(1000, 5));
			assertThat(openUploads("exports/r4/")).containsExactly("exports/r4/big.sql");
		}

		assertThat(keys("exports/r4/")).isEmpty();
		assertThat(openUploads("exports/r4/")).as("the multipart upload was aborted").isEmpty();
	}

	@Test
	void aCommittedFileCannotBeWrittenAndCommitIsIdempotent() throws IOException {
		S3StreamingSink sink = new S3StreamingSink(clients, location("exports/r5"), false, SMALL);
		try (PendingFile file = sink.create("a.sql")) {
			file.stream().write('x');
			StoredFile stored = file.commit();
			assertThat(file.commit()).isSameAs(stored);
			assertThat(catchThrowableOfType(IOException.class, () -> file.stream().write('y')))
				.hasMessage("file a.sql was already committed");
		}
		assertThat(get("exports/r5/a.sql")).containsExactly('x');
		assertThat(eTag("exports/r5/a.sql")).isNotBlank();
	}

	@Test
	void committedListsTheFinishedFilesAndDeleteRemovesThem() throws IOException {
		S3Location location = location("exports/r6");
		S3StreamingSink sink = new S3StreamingSink(clients, location, false, SMALL);
		for (String name : List.of("db-schema-create.sql", "db.t.00000.sql")) {
			try (PendingFile file = sink.create(name)) {
				file.stream().write(name.getBytes());
				file.commit();
			}
		}
		clients.s3()
			.putObject((put) -> put.bucket(bucket).key("exports/r6/sub/other.sql"), AsyncRequestBody.fromString("x"))
			.join();
		try (PendingFile growing = sink.create("db.t.00001.sql"); PendingFile small = sink.create("db.t.00002.sql")) {
			writeInPieces(growing.stream(), random(6 * MIB, 6)); // a multipart upload under way
			small.stream().write(1); // a small one in memory

			assertThat(sink.committed()).containsExactly("db-schema-create.sql", "db.t.00000.sql");
		}

		sink.delete("db.t.00000.sql");
		sink.delete("db.t.00009.sql"); // not there: no error

		assertThat(sink.committed()).containsExactly("db-schema-create.sql");
		assertThat(keys("exports/r6/")).containsExactly("exports/r6/db-schema-create.sql", "exports/r6/sub/other.sql");
		assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> sink.create("../x.sql")))
			.hasMessageContaining("not a plain file name");
	}

	@Test
	void aFailedUploadIsAnIOExceptionNamingTheKey() throws IOException {
		S3Location missing = new S3Location(endpoint(), "ferry-no-such-bucket-sink", "p");
		S3StreamingSink sink = new S3StreamingSink(clients, missing, false, SMALL);

		try (PendingFile small = sink.create("a.sql"); PendingFile big = sink.create("b.sql")) {
			small.stream().write(1);
			assertThat(catchThrowableOfType(IOException.class, small::commit))
				.hasMessage("cannot store s3://ferry-no-such-bucket-sink/p/a.sql: HTTP 404 NoSuchBucket");
			assertThat(catchThrowableOfType(IOException.class, () -> writeInPieces(big.stream(), random(6 * MIB, 7))))
				.hasMessage("cannot start the upload of s3://ferry-no-such-bucket-sink/p/b.sql: HTTP 404 NoSuchBucket");
		}
	}

	/**
	 * The memory bound: parts are held in flight (their upload waits for a gate) while a writer writes 40 MiB. The
	 * writer must stop after two parts in flight and one full buffer, having allocated 3 buffers, and go on when the
	 * parts are through, reusing them.
	 */
	@Test
	void aWriterWaitsWhenItsPartsAreInFlightAndBuffersAreReused() throws Exception {
		GatedParts gated = new GatedParts();
		S3Location location = location("exports/r7");
		String key = location.key("db.t.00000.sql");
		StreamChecksum checksum = new StreamChecksum(false);
		byte[] content = random(40 * MIB, 8);
		AtomicLong accepted = new AtomicLong();
		AtomicReference<Throwable> writerFailure = new AtomicReference<>();

		try (S3PendingFile file = new S3PendingFile(gated, bucket, key, "db.t.00000.sql", checksum, SMALL)) {
			Thread writer = new Thread(() -> {
				try {
					for (int offset = 0; offset < content.length; offset += 64 * 1024) {
						file.stream().write(content, offset, Math.min(64 * 1024, content.length - offset));
						accepted.addAndGet(Math.min(64 * 1024, content.length - offset));
					}
				}
				catch (IOException | RuntimeException ex) {
					writerFailure.set(ex);
				}
			}, "sink-writer");
			writer.start();

			await().atMost(30, TimeUnit.SECONDS)
				.until(() -> gated.waiting.get() == 2 && writer.getState() == Thread.State.WAITING);
			assertThat(file.partsInFlight()).isEqualTo(2);
			assertThat(file.buffersAllocated()).isEqualTo(SMALL.maxBuffers()).isEqualTo(3);
			assertThat(accepted.get()).as("two parts in flight and one full buffer").isEqualTo(15L * MIB);

			gated.open.countDown();
			writer.join(TimeUnit.SECONDS.toMillis(60));
			assertThat(writer.isAlive()).isFalse();
			assertThat(writerFailure.get()).isNull();
			StoredFile stored = file.commit();

			assertThat(stored.size()).isEqualTo(content.length);
			assertThat(stored.crc32c()).isEqualTo(crc32c(content));
			assertThat(file.maxPartsInFlight()).isEqualTo(2);
			assertThat(file.buffersAllocated()).as("8 parts through 3 buffers").isEqualTo(3);
			assertThat(gated.parts.get()).isEqualTo(8);
		}
		assertThat(get(key)).isEqualTo(content);
	}

	/** The real client, with every UploadPart held back until {@link #open} is counted down. */
	static final class GatedParts extends DelegatingS3AsyncClient {

		final CountDownLatch open = new CountDownLatch(1);

		final AtomicInteger waiting = new AtomicInteger();

		final AtomicInteger parts = new AtomicInteger();

		GatedParts() {
			super(clients.s3());
		}

		@Override
		public CompletableFuture<UploadPartResponse> uploadPart(UploadPartRequest request, AsyncRequestBody body) {
			this.parts.incrementAndGet();
			this.waiting.incrementAndGet();
			return CompletableFuture.runAsync(() -> {
				try {
					this.open.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				this.waiting.decrementAndGet();
			}).thenCompose((ignored) -> super.uploadPart(request, body));
		}

		@Override
		public void close() {
			// the shared clients stay open
		}

	}

	static URI endpoint() {
		return URI.create(System.getenv("FERRY_IT_S3_ENDPOINT").strip());
	}

	static S3Location location(String prefix) {
		return new S3Location(endpoint(), bucket, prefix);
	}

	static void writeInPieces(OutputStream out, byte[] content) throws IOException {
		Random sizes = new Random(content.length);
		int offset = 0;
		while (offset < content.length) {
			if (sizes.nextInt(10) == 0) {
				out.write(content[offset++]); // single bytes too
				continue;
			}
			int n = Math.min(1 + sizes.nextInt(200_000), content.length - offset);
			out.write(content, offset, n);
			offset += n;
		}
	}

	static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	static String crc32c(byte[] content) {
		CRC32C crc = new CRC32C();
		crc.update(content);
		return String.format("%08x", crc.getValue());
	}

	static String sha256(byte[] content) throws IOException {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IOException(ex);
		}
	}

	static byte[] get(String key) {
		return clients.s3()
			.getObject((get) -> get.bucket(bucket).key(key), AsyncResponseTransformer.toBytes())
			.join()
			.asByteArray();
	}

	static String eTag(String key) {
		return clients.s3().headObject((head) -> head.bucket(bucket).key(key)).join().eTag();
	}

	static List<String> keys(String prefix) {
		return clients.s3()
			.listObjectsV2((list) -> list.bucket(bucket).prefix(prefix))
			.join()
			.contents()
			.stream()
			.map(S3Object::key)
			.sorted()
			.toList();
	}

	static List<String> openUploads(String prefix) {
		List<String> keys = new ArrayList<>();
		for (MultipartUpload upload : clients.s3()
			.listMultipartUploads((list) -> list.bucket(bucket).prefix(prefix))
			.join()
			.uploads()) {
			keys.add(upload.key());
		}
		return keys;
	}

}
