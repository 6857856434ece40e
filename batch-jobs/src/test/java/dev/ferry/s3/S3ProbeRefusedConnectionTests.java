package dev.ferry.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ferry.s3.S3AccessException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The flaky "Acquire operation took longer than the configured maximum" of the S3 check of a closed port. Cause:
 * the SDK's Netty pool for an endpoint that has never accepted a connection ({@code HttpOrHttp2ChannelPool}) opens a
 * first connection to learn the protocol; when that connection is refused at once on the pool's own event loop (a
 * closed port on this host, one time in four), the pool fails and replaces its protocol promise before the waiting
 * request has subscribed to it, and the request waits on the new promise until the 60 s acquire timeout. Endpoints
 * that reset the connection or answer 302 played no part in that. A second flake: Netty turns the greeting of a
 * MariaDB-like endpoint into an HTTP status 999, which the check reported as a server error. The check now uses a
 * synchronous client of its own.
 * <p>
 * Each round here probes a MariaDB-like endpoint (greets, then resets), a 302 endpoint that keeps the connection
 * (like Ferry's own listener) and a closed port; before the fix about one closed-port check in ten hung for 60 s. The
 * time limit only catches such a hang: the 90 checks take a second or two.
 */
class S3ProbeRefusedConnectionTests {

	static final URI CLOSED = URI.create("http://127.0.0.1:1");

	HttpServer redirecting;

	ServerSocket resetting;

	@BeforeEach
	void start() throws IOException {
		this.redirecting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.redirecting.createContext("/", (exchange) -> {
			exchange.getResponseHeaders().add("Location", "http://127.0.0.1/login");
			if (exchange.getRequestMethod().equals("HEAD")) {
				exchange.sendResponseHeaders(302, -1);
				exchange.close();
				return;
			}
			byte[] body = "<html>login</html>".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(302, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.redirecting.start();
		this.resetting = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread accept = new Thread(() -> {
			while (!this.resetting.isClosed()) {
				try (Socket socket = this.resetting.accept()) {
					socket.getOutputStream().write("J\0\0\0\n11.4.2-MariaDB\0".getBytes(StandardCharsets.ISO_8859_1));
					socket.getOutputStream().flush();
					socket.getInputStream().read(new byte[512]);
					socket.setSoLinger(true, 0); // reset, as MariaDB does
				}
				catch (IOException ex) {
					// closed
				}
			}
		});
		accept.setDaemon(true);
		accept.start();
	}

	@AfterEach
	void stop() throws IOException {
		this.redirecting.stop(0);
		this.resetting.close();
	}

	@Test
	void aClosedPortIsReportedAtOnceAfterResettingAndRedirectingEndpoints() {
		URI reset = URI.create("http://127.0.0.1:" + this.resetting.getLocalPort());
		URI redirect = URI.create("http://127.0.0.1:" + this.redirecting.getAddress().getPort());

		assertTimeoutPreemptively(Duration.ofSeconds(45), () -> {
			for (int round = 0; round < 30; round++) {
				assertThat(check(reset).reason()).as("round %d", round).isEqualTo(Reason.ENDPOINT_UNREACHABLE);
				assertThat(check(redirect).reason()).as("round %d", round).isEqualTo(Reason.NOT_S3);
				S3AccessException closed = check(CLOSED);
				assertThat(closed.reason()).as("round %d", round).isEqualTo(Reason.ENDPOINT_UNREACHABLE);
				assertThat(closed).hasMessage("S3 endpoint http://127.0.0.1:1: cannot connect");
			}
		});
	}

	@Test
	void aClosedPortIsReportedAtOnceWhenReadingToo() {
		assertTimeoutPreemptively(Duration.ofSeconds(45), () -> {
			for (int round = 0; round < 30; round++) {
				S3AccessException closed = catchThrowableOfType(S3AccessException.class,
						() -> S3Probe.checkReadable(new S3Location(CLOSED, "ferry-it", "x"), S3TestServer.CREDENTIALS));
				assertThat(closed).as("round %d", round).hasMessage("S3 endpoint http://127.0.0.1:1: cannot connect");
			}
		});
	}

	private static S3AccessException check(URI endpoint) {
		S3AccessException failure = catchThrowableOfType(S3AccessException.class,
				() -> S3Probe.check(new S3Location(endpoint, "ferry-it", "ssrf"), S3TestServer.CREDENTIALS));
		assertThat(failure).as(endpoint.toString()).isNotNull();
		return failure;
	}

}
