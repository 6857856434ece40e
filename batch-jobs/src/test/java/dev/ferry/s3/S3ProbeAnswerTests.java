package dev.ferry.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ferry.s3.S3AccessException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the S3 check says about endpoints that are not S3: only the category (cannot connect, TLS, not an S3
 * endpoint, server error), never what they answered. Each server here answers with a marker text that must not
 * appear in the message.
 */
class S3ProbeAnswerTests {

	static final String MARKER = "internal-secret-text";

	static HttpServer http;

	static ServerSocket mysqlLike;

	static ServerSocket plainHttp;

	static final AtomicBoolean running = new AtomicBoolean(true);

	@BeforeAll
	static void start() throws IOException {
		http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		http.createContext("/redirect", (exchange) -> {
			exchange.getResponseHeaders().add("Location", "http://" + MARKER + "/login");
			answer(exchange, 302, "text/html", "<html>" + MARKER + "</html>");
		});
		http.createContext("/error", (exchange) -> answer(exchange, 500, "application/xml",
				"<?xml version=\"1.0\"?><Error><Code>InternalError</Code><Message>" + MARKER
						+ "</Message></Error>"));
		http.createContext("/teapot", (exchange) -> answer(exchange, 418, "text/plain", MARKER));
		http.start();
		// like MariaDB on 3306: speaks first, then hangs up on anything that is not its protocol
		mysqlLike = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
		Thread accept = new Thread(() -> {
			while (running.get()) {
				try (Socket socket = mysqlLike.accept()) {
					socket.getOutputStream().write(("J\0\0\0\n11.4.2-MariaDB " + MARKER + "\0").getBytes(StandardCharsets.ISO_8859_1));
					socket.getOutputStream().flush();
					socket.setSoLinger(true, 0); // reset, as MariaDB does
				}
				catch (IOException ex) {
					// closed
				}
			}
		});
		accept.setDaemon(true);
		accept.start();
		// a plain HTTP server: answers whatever comes, a TLS ClientHello too, with a 400
		plainHttp = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
		Thread plain = new Thread(() -> {
			while (running.get()) {
				try (Socket socket = plainHttp.accept()) {
					socket.getInputStream().read(new byte[512]);
					socket.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nContent-Length: " + MARKER.length()
							+ "\r\nConnection: close\r\n\r\n" + MARKER).getBytes(StandardCharsets.ISO_8859_1));
					socket.getOutputStream().flush();
				}
				catch (IOException ex) {
					// closed
				}
			}
		});
		plain.setDaemon(true);
		plain.start();
	}

	@AfterAll
	static void stop() throws IOException {
		running.set(false);
		http.stop(0);
		mysqlLike.close();
		plainHttp.close();
	}

	@Test
	void aRedirectIsNotAnS3Endpoint() {
		S3AccessException failure = check(httpEndpoint(), "redirect");

		assertThat(failure.reason()).isEqualTo(Reason.NOT_S3);
		assertThat(failure).hasMessage("S3 endpoint " + httpEndpoint() + ": not an S3 endpoint (its answer is not S3's)");
	}

	@Test
	void anotherAnswerIsNotAnS3Endpoint() {
		S3AccessException failure = check(httpEndpoint(), "teapot");

		assertThat(failure.reason()).isEqualTo(Reason.NOT_S3);
		assertThat(failure.getMessage()).doesNotContain(MARKER).doesNotContain("418");
	}

	@Test
	void aServerErrorSaysSoWithoutItsMessage() {
		S3AccessException failure = check(httpEndpoint(), "error");

		assertThat(failure.reason()).isEqualTo(Reason.FAILED);
		assertThat(failure).hasMessage("S3 check failed: s3://error at " + httpEndpoint()
				+ " answered with a server error; try again later");
	}

	@Test
	void aServerSpeakingAnotherProtocolCannotBeConnectedTo() {
		URI endpoint = URI.create("http://127.0.0.1:" + mysqlLike.getLocalPort());

		S3AccessException failure = check(endpoint, "bucket");

		assertThat(failure.reason()).isIn(Reason.ENDPOINT_UNREACHABLE, Reason.NOT_S3);
		assertThat(failure.getMessage()).startsWith("S3 endpoint " + endpoint + ": ")
			.doesNotContain(MARKER)
			.doesNotContainIgnoringCase("reset")
			.doesNotContainIgnoringCase("MariaDB");
	}

	@Test
	void httpsToAPlainHttpServerSaysNoMore() {
		URI endpoint = URI.create("https://127.0.0.1:" + plainHttp.getLocalPort());

		S3AccessException failure = check(endpoint, "bucket");

		// the SDK reports the plain answer to its TLS handshake as a closed connection
		assertThat(failure.reason()).isIn(Reason.TLS_FAILED, Reason.ENDPOINT_UNREACHABLE);
	}

	@Test
	void anUntrustedCertificateIsATlsFailure(@TempDir Path dir) throws Exception {
		Path keystore = dir.resolve("server.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "s", "-keyalg", "EC", "-dname", "CN=" + MARKER, "-validity", "2",
				"-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit")
			.redirectErrorStream(true)
			.start();
		keytool.getInputStream().readAllBytes();
		assertThat(keytool.waitFor()).isZero();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (var in = Files.newInputStream(keystore)) {
			store.load(in, "changeit".toCharArray());
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, "changeit".toCharArray());
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(keys.getKeyManagers(), null, null);
		try (SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory()
			.createServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			Thread accept = new Thread(() -> {
				try (Socket socket = server.accept()) {
					((javax.net.ssl.SSLSocket) socket).startHandshake();
				}
				catch (IOException ex) {
					// the client gives up on the certificate
				}
			});
			accept.setDaemon(true);
			accept.start();
			URI endpoint = URI.create("https://127.0.0.1:" + server.getLocalPort());

			S3AccessException failure = check(endpoint, "bucket");

			assertThat(failure.reason()).isEqualTo(Reason.TLS_FAILED);
			assertThat(failure).hasMessage("S3 endpoint " + endpoint
					+ ": TLS failed (does it speak https, with a certificate this Java runtime trusts?)");
		}
	}

	private static URI httpEndpoint() {
		return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
	}

	private static S3AccessException check(URI endpoint, String bucket) {
		S3AccessException failure = catchThrowableOfType(S3AccessException.class,
				() -> S3Probe.check(new S3Location(endpoint, bucket, ""), S3TestServer.CREDENTIALS));
		assertThat(failure).isNotNull();
		assertThat(failure.getMessage()).doesNotContain(MARKER);
		return failure;
	}

	private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", type);
		exchange.getResponseHeaders().add("Connection", "close");
		if (exchange.getRequestMethod().equals("HEAD")) {
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
			return;
		}
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
