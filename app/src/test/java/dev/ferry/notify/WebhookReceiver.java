package dev.ferry.notify;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local webhook receiver (the JDK's HTTP server): it answers 500 to the first {@code failures} calls, then 200, and
 * keeps every call with whether its signature was valid.
 */
final class WebhookReceiver implements AutoCloseable {

	record Call(int answered, String body, String timestamp, String signature, boolean signatureValid) {
	}

	private final HttpServer server;

	private final String secret;

	private final AtomicInteger failuresLeft = new AtomicInteger();

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	WebhookReceiver(int port, String secret) throws IOException {
		this.secret = secret;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		this.server.createContext("/hook", this::handle);
		this.server.start();
	}

	void failNext(int failures) {
		this.failuresLeft.set(failures);
	}

	List<Call> calls() {
		return List.copyOf(this.calls);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		String timestamp = String.valueOf(exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER));
		String signature = String.valueOf(exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER));
		boolean valid;
		try {
			valid = WebhookSignature.verify(this.secret, Long.parseLong(timestamp), body, signature);
		}
		catch (NumberFormatException ex) {
			valid = false;
		}
		int status = (this.failuresLeft.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) ? 500 : valid ? 200 : 401;
		this.calls.add(new Call(status, body, timestamp, signature, valid));
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
