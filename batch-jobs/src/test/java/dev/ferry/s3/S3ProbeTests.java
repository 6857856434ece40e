package dev.ferry.s3;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ferry.s3.S3AccessException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link S3Probe} against the real S3Mock of ops/test.sh (and a closed port / an unknown host). */
class S3ProbeTests {

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
	void passesForAnExistingBucketAndLeavesNoProbeObject() {
		S3Location location = S3TestServer.location(bucket, "exports/c1");

		assertThatNoException().isThrownBy(() -> S3Probe.check(location, S3TestServer.CREDENTIALS));
		assertThatNoException().isThrownBy(() -> S3Probe.checkReadable(location, S3TestServer.CREDENTIALS));
		assertThat(S3TestServer.keys(clients, bucket, "")).isEmpty();
	}

	@Test
	void reportsAMissingBucket() {
		S3Location location = S3TestServer.location("ferry-no-such-bucket", "x");

		S3AccessException failure = catchThrowableOfType(S3AccessException.class,
				() -> S3Probe.check(location, S3TestServer.CREDENTIALS));

		assertThat(failure.reason()).isEqualTo(Reason.NO_SUCH_BUCKET);
		assertThat(failure).hasMessage(
				"S3 bucket 'ferry-no-such-bucket' does not exist at " + S3TestServer.endpoint());
		assertThat(catchThrowableOfType(S3AccessException.class,
				() -> S3Probe.checkReadable(location, S3TestServer.CREDENTIALS))
			.reason()).isEqualTo(Reason.NO_SUCH_BUCKET);
	}

	@Test
	void reportsARefusedConnection() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort(); // free once closed: nothing listens there
		}
		S3Location location = new S3Location(URI.create("http://127.0.0.1:" + port), "bucket", "");

		S3AccessException failure = catchThrowableOfType(S3AccessException.class,
				() -> S3Probe.check(location, S3TestServer.CREDENTIALS));

		assertThat(failure.reason()).isEqualTo(Reason.ENDPOINT_UNREACHABLE);
		assertThat(failure).hasMessage("S3 endpoint http://127.0.0.1:" + port + ": cannot connect");
	}

	@Test
	void reportsAnUnknownHost() {
		S3Location location = S3Location.parse("http://ferry-no-such-host.invalid:9000", "bucket");

		S3AccessException failure = catchThrowableOfType(S3AccessException.class,
				() -> S3Probe.check(location, S3TestServer.CREDENTIALS));

		assertThat(failure.reason()).isEqualTo(Reason.ENDPOINT_UNREACHABLE);
		assertThat(failure).as("the same answer as a closed port")
			.hasMessage("S3 endpoint http://ferry-no-such-host.invalid:9000: cannot connect");
	}

	/**
	 * S3Mock checks no credentials and no signatures: any access key / secret key pair works. This test pins that
	 * down, so that wrong keys are tested against S3Mock once it starts checking them; until then the mapping of S3's
	 * credential errors is tested in {@link S3ProbeErrorMappingTests}.
	 */
	@Test
	void s3MockAcceptsAnyCredentials() {
		S3Location location = S3TestServer.location(bucket, "");

		assertThatNoException().isThrownBy(
				() -> S3Probe.check(location, new S3Credentials("no-such-access-key", "wrong-secret")));
	}

}
