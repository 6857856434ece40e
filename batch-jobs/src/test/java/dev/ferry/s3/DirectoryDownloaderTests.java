package dev.ferry.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link DirectoryDownloader} against the real S3Mock of ops/test.sh. */
class DirectoryDownloaderTests {

	private static S3Clients clients;

	private static String bucket;

	@TempDir
	Path temp;

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

	@Test
	void downloadsEveryObjectUnderThePrefix() throws IOException {
		byte[] big = new byte[10 * 1024 * 1024 + 17];
		new Random(42).nextBytes(big);
		S3TestServer.put(clients, bucket, "imports/r1/a.sql", "a\n".getBytes());
		S3TestServer.put(clients, bucket, "imports/r1/sub/dir/b.sql", "b\n".getBytes());
		S3TestServer.put(clients, bucket, "imports/r1/big.dat", big);
		S3TestServer.put(clients, bucket, "imports/r1/empty.sql", new byte[0]);
		S3TestServer.put(clients, bucket, "imports/r1/folder/", new byte[0]);
		S3TestServer.put(clients, bucket, "imports/r10/not-mine.sql", "no".getBytes());
		S3TestServer.put(clients, bucket, "imports/r1x", "no".getBytes());
		Path target = this.temp.resolve("data");

		DownloadResult result = DirectoryDownloader.download(clients, S3TestServer.location(bucket, "imports/r1"),
				target);

		assertThat(result).isEqualTo(new DownloadResult(4, 2 + 2 + big.length));
		assertThat(files(target)).containsExactly("a.sql", "big.dat", "empty.sql", "sub/dir/b.sql");
		assertThat(Files.readString(target.resolve("sub/dir/b.sql"))).isEqualTo("b\n");
		assertThat(S3TestServer.sha256(Files.readAllBytes(target.resolve("big.dat"))))
			.isEqualTo(S3TestServer.sha256(big));
		assertThat(Files.size(target.resolve("empty.sql"))).isZero();
	}

	@Test
	void refusesAKeyThatWouldEscapeTheDirectoryBeforeWritingAnything() throws IOException {
		S3TestServer.put(clients, bucket, "imports/evil/a.sql", "a".getBytes());
		S3TestServer.put(clients, bucket, "imports/evil/../../escaped.sql", "evil".getBytes());
		assertThat(S3TestServer.keys(clients, bucket, "imports/evil/")).as("S3Mock keeps the key as sent")
			.contains("imports/evil/../../escaped.sql");
		Path target = this.temp.resolve("deep/data");

		S3TransferException failure = catchThrowableOfType(S3TransferException.class,
				() -> DirectoryDownloader.download(clients, S3TestServer.location(bucket, "imports/evil"), target));

		assertThat(failure.key()).isEqualTo("imports/evil/../../escaped.sql");
		assertThat(failure).hasMessageContaining("refusing to download s3://" + bucket
				+ "/imports/evil/../../escaped.sql into " + target + ": key: relative name '../../escaped.sql' "
				+ "must not contain '..' segments");
		assertThat(target).doesNotExist();
		assertThat(files(this.temp)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "p/../x", "p/a/../../x", "p//x", "p/./x", "p//", "p/a\u0001b" })
	void refusesOddKeys(String key) {
		S3Location location = S3TestServer.location(bucket, "p");
		List<S3Object> objects = List.of(S3Object.builder().key(key).size(1L).build());

		S3TransferException failure = catchThrowableOfType(S3TransferException.class,
				() -> DirectoryDownloader.plan(location, this.temp, objects));

		assertThat(failure.key()).isEqualTo(key);
	}

	@Test
	void downloadsAWholeBucketForAnEmptyPrefix() throws IOException {
		S3Clients own = S3TestServer.clients();
		String other = S3TestServer.newBucket(own);
		S3TestServer.put(own, other, "x/y.sql", "y".getBytes());
		S3TestServer.put(own, other, "z.sql", "z".getBytes());

		DownloadResult result = DirectoryDownloader.download(own, S3TestServer.location(other, ""), this.temp);
		own.close();

		assertThat(result).isEqualTo(new DownloadResult(2, 2));
		assertThat(files(this.temp)).containsExactly("x/y.sql", "z.sql");
	}

	@Test
	void reportsAMissingBucket() {
		S3TransferException failure = catchThrowableOfType(S3TransferException.class, () -> DirectoryDownloader
			.download(clients, S3TestServer.location("ferry-missing-bucket", "p"), this.temp.resolve("d")));

		assertThat(failure).hasMessageStartingWith("cannot list s3://ferry-missing-bucket/p at "
				+ S3TestServer.endpoint() + ": HTTP 404 NoSuchBucket");
	}

	private static List<String> files(Path root) throws IOException {
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter(Files::isRegularFile).map((file) -> root.relativize(file).toString()).sorted().toList();
		}
	}

}
