package dev.ferry.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ferry.s3.S3AccessException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * How {@link S3Probe} reports S3's credential errors. S3Mock does not check credentials (see
 * {@link S3ProbeTests#s3MockAcceptsAnyCredentials()}), so this uses a minimal HTTP server that answers like S3 does
 * for wrong keys: HeadBucket gets a bare 403 (HEAD answers have no body), ListObjectsV2 a 403 with S3's XML error.
 * It tests the SDK's parsing of those answers and the probe's mapping, not a real store's credential checks.
 */
class S3ProbeErrorMappingTests {

	private static HttpServer server;

	private static URI endpoint;

	private static volatile String errorCode = "AccessDenied";

	private static final List<String> requests = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", (exchange) -> {
			requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
			exchange.getResponseHeaders().add("x-amz-request-id", "stub");
			exchange.getResponseHeaders().add("Connection", "close");
			if (exchange.getRequestMethod().equals("HEAD")) {
				exchange.sendResponseHeaders(403, -1);
				exchange.close();
				return;
			}
			byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + errorCode
					+ "</Code><Message>S3 says no</Message><RequestId>stub</RequestId></Error>")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/xml");
			exchange.sendResponseHeaders(403, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
		endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	@AfterAll
	static void stop() {
		server.stop(0);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"InvalidAccessKeyId    | WRONG_CREDENTIALS | S3 rejected the keys: the endpoint %s does not know the access key 'AKIDWRONG'",
			"SignatureDoesNotMatch | WRONG_CREDENTIALS | S3 rejected the keys: the secret key does not match the access key 'AKIDWRONG' at %s",
			"AccessDenied          | ACCESS_DENIED     | S3 denied access: the access key 'AKIDWRONG' may not access s3://bucket/p at %s" })
	void mapsS3CredentialErrors(String code, Reason reason, String message) {
		errorCode = code;
		requests.clear();
		S3Location location = new S3Location(endpoint, "bucket", "p");

		S3AccessException failure = catchThrowableOfType(S3AccessException.class,
				() -> S3Probe.check(location, new S3Credentials("AKIDWRONG", "wrong-secret")));

		assertThat(failure.reason()).isEqualTo(reason);
		assertThat(failure).hasMessage(message.formatted(endpoint));
		assertThat(failure.getMessage()).doesNotContain("wrong-secret").doesNotContain("S3 says no");
		assertThat(requests).first().asString().startsWith("HEAD /bucket");
		assertThat(requests).anyMatch((request) -> request.startsWith("GET /bucket?list-type=2"));
	}

}
