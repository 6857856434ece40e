package dev.ferry.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link DirectoryUploader} against the real S3Mock of ops/test.sh, with a real producer process: a bash script that
 * writes files, keeps some open (itself and in a child process) and waits for the test before it closes them.
 */
class DirectoryUploaderTests {

	private static final int BIG = 20 * 1024 * 1024;

	private static final String PRODUCER = """
			set -e
			dir="$1"; control="$2"
			printf 'first file\\n' > "$dir/a.sql"
			mkdir -p "$dir/sub"
			head -c %d /dev/urandom > "$dir/sub/big.dat"
			exec 3>"$dir/open.sql"
			printf 'part one\\n' >&3
			( exec 4>"$dir/child-open.sql"
			  printf 'child start\\n' >&4
			  while [ ! -e "$control/release" ]; do sleep 0.05; done
			  printf 'child end\\n' >&4 ) &
			printf 'metadata in progress\\n' > "$dir/metadata.partial"
			touch "$control/written"
			while [ ! -e "$control/release" ]; do sleep 0.05; done
			printf 'part two\\n' >&3
			exec 3>&-
			wait
			mv "$dir/metadata.partial" "$dir/metadata"
			""".formatted(BIG);

	private static S3Clients clients;

	private static String bucket;

	@TempDir
	Path temp;

	private Process producer;

	@BeforeAll
	static void createBucket() {
		clients = S3TestServer.clients();
		bucket = S3TestServer.newBucket(clients);
	}

	@AfterAll
	static void closeClients() {
		if (clients != null) {
			clients.close();
		}
	}

	@AfterEach
	void stopProducer() throws IOException {
		if (this.producer != null) {
			Files.createDirectories(this.temp.resolve("control"));
			Files.writeString(this.temp.resolve("control/release"), "");
			this.producer.descendants().forEach(ProcessHandle::destroyForcibly);
			this.producer.destroyForcibly();
		}
	}

	@Test
	void uploadsClosedFilesWhileTheProducerRunsAndTheRestAtTheEnd() throws Exception {
		Path dir = Files.createDirectories(this.temp.resolve("data"));
		Path control = Files.createDirectories(this.temp.resolve("control"));
		S3Location location = S3TestServer.location(bucket, "exports/r1");
		this.producer = start(PRODUCER, dir, control);

		try (DirectoryUploader uploader = new DirectoryUploader(clients, location, dir, this.producer.toHandle(),
				UploadOptions.defaults())) {
			await(() -> Files.exists(control.resolve("written")), Duration.ofSeconds(20), "producer wrote its files");
			pollUntil(uploader, () -> uploader.uploadedFiles().containsAll(Set.of(Path.of("a.sql"), Path.of("sub/big.dat"))),
					Duration.ofSeconds(30));
			assertThat(this.producer.isAlive()).as("producer still running").isTrue();

			// let open.sql and child-open.sql get older than the quiet period (measured from their own last write, so
			// a slow, loaded machine cannot fake it): from then on only being open keeps them back
			Instant lastWrite = Collections.max(List.of(Files.getLastModifiedTime(dir.resolve("open.sql")).toInstant(),
					Files.getLastModifiedTime(dir.resolve("child-open.sql")).toInstant()));
			pollFor(uploader, Duration.between(Instant.now(), lastWrite.plusMillis(1500)).plusMillis(200));
			pollFor(uploader, Duration.ofMillis(1700));
			Instant quietSince = Instant.now().minusMillis(1500);
			assertThat(Files.getLastModifiedTime(dir.resolve("open.sql"))).isLessThan(FileTime.from(quietSince));
			assertThat(Files.getLastModifiedTime(dir.resolve("child-open.sql")))
				.isLessThan(FileTime.from(quietSince));
			assertThat(this.producer.isAlive()).as("producer still running").isTrue();
			assertThat(S3TestServer.keys(clients, bucket, "exports/r1/"))
				.containsExactly("exports/r1/a.sql", "exports/r1/sub/big.dat");
			assertThat(uploader.progress().filesDone()).isEqualTo(2);
			assertSameContent(dir, "a.sql", location);
			assertSameContent(dir, "sub/big.dat", location);
			assertThat(S3TestServer.eTag(clients, bucket, "exports/r1/sub/big.dat"))
				.as("a 20 MiB file, below the multipart threshold, goes as one PUT: the ETag is its MD5")
				.matches("\"?[0-9a-f]{32}\"?");

			Files.writeString(control.resolve("release"), "");
			assertThat(this.producer.waitFor()).isZero();
			TransferProgress done = uploader.finish();

			assertThat(S3TestServer.keys(clients, bucket, "exports/r1/")).containsExactly("exports/r1/a.sql",
					"exports/r1/child-open.sql", "exports/r1/metadata", "exports/r1/open.sql",
					"exports/r1/sub/big.dat");
			for (String file : List.of("a.sql", "child-open.sql", "metadata", "open.sql", "sub/big.dat")) {
				assertSameContent(dir, file, location);
			}
			assertThat(new String(S3TestServer.get(clients, bucket, "exports/r1/open.sql")))
				.isEqualTo("part one\npart two\n");
			long total = Files.size(dir.resolve("a.sql")) + BIG + Files.size(dir.resolve("open.sql"))
					+ Files.size(dir.resolve("child-open.sql")) + Files.size(dir.resolve("metadata"));
			assertThat(done).isEqualTo(new TransferProgress(5, total, 0, 0));
		}
	}

	@Test
	void deletesLocalFilesAfterTheirUpload() throws Exception {
		Path dir = Files.createDirectories(this.temp.resolve("data"));
		Path control = Files.createDirectories(this.temp.resolve("control"));
		S3Location location = S3TestServer.location(bucket, "exports/r2");
		this.producer = start("""
				dir="$1"; control="$2"
				for i in 1 2 3; do printf "file $i\\n" > "$dir/t.0000$i.sql"; done
				touch "$control/written"
				while [ ! -e "$control/release" ]; do sleep 0.05; done
				printf 'late\\n' > "$dir/t.00004.sql"
				""", dir, control);

		try (DirectoryUploader uploader = new DirectoryUploader(clients, location, dir, this.producer.toHandle(),
				UploadOptions.defaults().withDeleteLocalAfterUpload(true).withQuietPeriod(Duration.ofMillis(300)))) {
			await(() -> Files.exists(control.resolve("written")), Duration.ofSeconds(20), "producer wrote its files");
			pollUntil(uploader, () -> uploader.progress().filesDone() == 3, Duration.ofSeconds(30));

			assertThat(this.producer.isAlive()).isTrue();
			try (var files = Files.list(dir)) {
				assertThat(files).isEmpty();
			}
			assertThat(new String(S3TestServer.get(clients, bucket, "exports/r2/t.00002.sql"))).isEqualTo("file 2\n");

			Files.writeString(control.resolve("release"), "");
			assertThat(this.producer.waitFor()).isZero();
			assertThat(uploader.finish().filesDone()).isEqualTo(4);
			assertThat(S3TestServer.keys(clients, bucket, "exports/r2/")).hasSize(4);
			try (var files = Files.list(dir)) {
				assertThat(files).isEmpty();
			}
		}
	}

	@Test
	void uploadsFilesFromTheMultipartThresholdOnInParts() throws Exception {
		Path dir = Files.createDirectories(this.temp.resolve("data"));
		byte[] big = new byte[12 * 1024 * 1024 + 17];
		new java.util.Random(7).nextBytes(big);
		Files.write(dir.resolve("big.sql"), big);
		Files.write(dir.resolve("small.sql"), java.util.Arrays.copyOf(big, 5 * 1024 * 1024 - 1));
		S3Location location = S3TestServer.location(bucket, "exports/r5");
		S3ClientSettings parts = S3ClientSettings.defaults().withMultipart(5 * 1024 * 1024, 5 * 1024 * 1024);

		try (S3Clients own = S3Clients.open(S3TestServer.endpoint(), S3TestServer.CREDENTIALS, parts);
				DirectoryUploader uploader = new DirectoryUploader(own, location, dir, null, UploadOptions.defaults())) {
			assertThat(uploader.finish()).isEqualTo(new TransferProgress(2, big.length + 5 * 1024 * 1024 - 1, 0, 0));
		}
		assertSameContent(dir, "big.sql", location);
		assertSameContent(dir, "small.sql", location);
		assertThat(S3TestServer.eTag(clients, bucket, "exports/r5/big.sql")).as("three 5 MiB parts: <md5>-3")
			.matches("\"?[0-9a-f]{32}-3\"?");
		assertThat(S3TestServer.eTag(clients, bucket, "exports/r5/small.sql")).as("below the threshold: one PUT")
			.matches("\"?[0-9a-f]{32}\"?");
	}

	@Test
	void reportsAFailedUploadWithItsKey() throws Exception {
		Path dir = Files.createDirectories(this.temp.resolve("data"));
		Files.writeString(dir.resolve("x.sql"), "x");
		S3Location location = S3TestServer.location("ferry-missing-bucket", "p");

		try (DirectoryUploader uploader = new DirectoryUploader(clients, location, dir, null,
				UploadOptions.defaults())) {
			S3TransferException failure = catchThrowableOfType(S3TransferException.class, uploader::finish);

			assertThat(failure.key()).isEqualTo("p/x.sql");
			assertThat(failure).hasMessageContaining("upload of " + dir.toRealPath().resolve("x.sql")
					+ " to s3://ferry-missing-bucket/p/x.sql at " + S3TestServer.endpoint() + " failed: HTTP 404 NoSuchBucket");
			// later calls keep failing
			assertThat(catchThrowableOfType(S3TransferException.class, uploader::poll)).isSameAs(failure);
		}
	}

	@Test
	void uploadsALastFileOnlyWhenFinishingAfterEveryOtherFile() throws Exception {
		Path dir = Files.createDirectories(this.temp.resolve("data"));
		Files.writeString(dir.resolve("manifest.json"), "{}");
		Files.writeString(dir.resolve("a.sql"), "a");
		S3Location location = S3TestServer.location(bucket, "exports/r4");

		try (DirectoryUploader uploader = new DirectoryUploader(clients, location, dir, null,
				UploadOptions.defaults().withQuietPeriod(Duration.ZERO).withLastFileNames(Set.of("manifest.json")))) {
			pollUntil(uploader, () -> uploader.uploadedFiles().contains(Path.of("a.sql")), Duration.ofSeconds(30));
			pollFor(uploader, Duration.ofMillis(500));
			assertThat(uploader.uploadedFiles()).containsExactly(Path.of("a.sql"));
			assertThat(uploader.finish().filesDone()).isEqualTo(2);
		}
		assertThat(S3TestServer.keys(clients, bucket, "exports/r4/")).containsExactlyInAnyOrder("exports/r4/a.sql",
				"exports/r4/manifest.json");
	}

	@Test
	void aLastFileIsNotUploadedAfterAnotherFileFailed() throws Exception {
		Path dir = Files.createDirectories(this.temp.resolve("data"));
		Files.writeString(dir.resolve("manifest.json"), "{}"); // the older file: it would go first
		Files.writeString(dir.resolve("a.sql"), "a");
		S3Location location = S3TestServer.location("ferry-missing-bucket", "p");

		try (DirectoryUploader uploader = new DirectoryUploader(clients, location, dir, null,
				UploadOptions.defaults().withLastFileNames(Set.of("manifest.json")))) {
			S3TransferException failure = catchThrowableOfType(S3TransferException.class, uploader::finish);

			assertThat(failure.key()).as("the manifest's upload never started").isEqualTo("p/a.sql");
		}
	}

	@Test
	void waitsForAQuietPeriodWithoutProducer() throws Exception {
		Path dir = Files.createDirectories(this.temp.resolve("data"));
		Files.writeString(dir.resolve("fresh.sql"), "fresh");
		S3Location location = S3TestServer.location(bucket, "exports/r3");

		try (DirectoryUploader uploader = new DirectoryUploader(clients, location, dir, null,
				UploadOptions.defaults().withQuietPeriod(Duration.ofSeconds(30)))) {
			uploader.poll();
			assertThat(uploader.progress()).isEqualTo(new TransferProgress(0, 0, 0, 0));
			assertThat(uploader.finish()).isEqualTo(new TransferProgress(1, 5, 0, 0));
		}
		assertThat(S3TestServer.keys(clients, bucket, "exports/r3/")).containsExactly("exports/r3/fresh.sql");
	}

	private Process start(String script, Path dir, Path control) throws IOException {
		Path file = this.temp.resolve("producer.sh");
		Files.writeString(file, script);
		return new ProcessBuilder("bash", file.toString(), dir.toString(), control.toString()).redirectErrorStream(true)
			.redirectOutput(this.temp.resolve("producer.log").toFile())
			.start();
	}

	private void assertSameContent(Path dir, String file, S3Location location) throws IOException {
		byte[] local = Files.readAllBytes(dir.resolve(file));
		byte[] remote = S3TestServer.get(clients, bucket, location.key(file));
		assertThat(S3TestServer.sha256(remote)).as(file).isEqualTo(S3TestServer.sha256(local));
	}

	private static void pollUntil(DirectoryUploader uploader, BooleanSupplier condition, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not reached within " + timeout + "; uploaded " + uploader.uploadedFiles()
						+ ", progress " + uploader.progress());
			}
			uploader.poll();
			Thread.sleep(100);
		}
	}

	private static void pollFor(DirectoryUploader uploader, Duration duration) throws InterruptedException {
		long end = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < end) {
			uploader.poll();
			Thread.sleep(100);
		}
	}

	private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting until " + what);
			}
			Thread.sleep(20);
		}
	}

}
