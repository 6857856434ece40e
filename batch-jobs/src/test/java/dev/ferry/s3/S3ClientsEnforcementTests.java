package dev.ferry.s3;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ferry.s3.S3AccessException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An enforced {@link S3EndpointPolicy} stops every S3 client before it sends anything: when it is opened, and again
 * before each request (what the check before a connection cannot see, such as a host that changed its address).
 */
class S3ClientsEnforcementTests {

	HttpServer server;

	final AtomicInteger requests = new AtomicInteger();

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
		this.server.createContext("/", (exchange) -> {
			this.requests.incrementAndGet();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		S3Clients.enforceNothing();
		this.server.stop(0);
	}

	@Test
	void aRefusedEndpointIsNeverContacted() {
		S3Clients.enforce(S3EndpointPolicy.defaults());
		URI endpoint = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());

		S3AccessException refused = catchThrowableOfType(S3AccessException.class,
				() -> S3Probe.check(new S3Location(endpoint, "bucket", ""), S3TestServer.CREDENTIALS));

		assertThat(refused.reason()).isEqualTo(Reason.ENDPOINT_NOT_ALLOWED);
		assertThat(refused).hasMessageContaining("ferry.s3.allowed-endpoints");
		assertThat(this.requests).hasValue(0);
	}

	@Test
	void everyRequestIsCheckedAgainBeforeItIsSent() throws Exception {
		InetAddress local = nonLoopbackAddress();
		int port = this.server.getAddress().getPort();
		AtomicBoolean ferrysPort = new AtomicBoolean(false);
		S3Clients.enforce(new S3EndpointPolicy(List.of(), () -> ferrysPort.get() ? Set.of(port) : Set.of()));
		URI endpoint = URI.create("http://" + local.getHostAddress() + ":" + port);

		try (S3Clients clients = S3Clients.open(endpoint, S3TestServer.CREDENTIALS,
				S3ClientSettings.defaults().withMaxAttempts(1))) {
			clients.s3().headBucket((head) -> head.bucket("bucket")).join();
			assertThat(this.requests).as("allowed when opened").hasValue(1);

			ferrysPort.set(true); // the same address and port are now refused
			Throwable failure = catchThrowableOfType(RuntimeException.class,
					() -> clients.s3().headBucket((head) -> head.bucket("bucket")).join());

			assertThat(failure).hasRootCauseInstanceOf(S3AccessException.class)
				.rootCause()
				.hasMessageContaining("is this Ferry node's own listener");
			assertThat(this.requests).as("nothing sent").hasValue(1);
		}
	}

	private static InetAddress nonLoopbackAddress() throws IOException {
		for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			for (InetAddress address : Collections.list(nic.getInetAddresses())) {
				if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
					return address;
				}
			}
		}
		throw new AssertionError("this host has no non-loopback IPv4 address (every machine of this kind has one)");
	}

}
