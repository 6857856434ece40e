package dev.ferry.s3;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link S3Cleaner} against the real S3Mock of ops/test.sh. */
class S3CleanerTests {

	private static S3Clients clients;

	private static String bucket;

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
	void deletesOnlyTheObjectsUnderThePrefixInBatches() {
		String bucket = S3TestServer.newBucket(clients);
		List<String> mine = List.of("exports/r1/a.sql", "exports/r1/b.sql", "exports/r1/c.sql", "exports/r1/d.sql",
				"exports/r1/sub/e.sql", "exports/r1/sub/deeper/f.sql", "exports/r1/g.sql");
		List<String> others = List.of("exports/r10/keep.sql", "exports/r1x", "exports/r1", "other/exports/r1/x.sql");
		for (String key : mine) {
			S3TestServer.put(clients, bucket, key, key.getBytes());
		}
		for (String key : others) {
			S3TestServer.put(clients, bucket, key, key.getBytes());
		}

		long deleted = S3Cleaner.deletePrefix(clients, S3TestServer.location(bucket, "exports/r1"), 3);

		assertThat(deleted).isEqualTo(mine.size());
		assertThat(S3TestServer.keys(clients, bucket, "")).containsExactlyInAnyOrderElementsOf(others);
	}

	@Test
	void deletesWithItsOwnClients() {
		S3TestServer.put(clients, bucket, "own/r2/a.sql", "a".getBytes());

		assertThat(S3Cleaner.deletePrefix(S3TestServer.location(bucket, "own/r2"), S3TestServer.CREDENTIALS))
			.isEqualTo(1);
		assertThat(S3TestServer.keys(clients, bucket, "own/")).isEmpty();
	}

	@Test
	void deletesNothingUnderAnEmptyPrefix() {
		assertThat(S3Cleaner.deletePrefix(clients, S3TestServer.location(bucket, "nothing/here"))).isZero();
	}

	@Test
	void refusesToEmptyAWholeBucket() {
		S3TestServer.put(clients, bucket, "root.sql", "x".getBytes());

		assertThatIllegalArgumentException()
			.isThrownBy(() -> S3Cleaner.deletePrefix(clients, S3TestServer.location(bucket, "")))
			.withMessage("refusing to delete every object of bucket '" + bucket + "': the location has no prefix");
		assertThat(S3TestServer.keys(clients, bucket, "root.sql")).containsExactly("root.sql");
	}

}
