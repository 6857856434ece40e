package dev.ferry.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for Ferry's API, as a user's script would call it (Basic auth, JSON). */
public final class FerryClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final String authorization;

	public FerryClient(String baseUrl, String user, String password) {
		this.baseUrl = baseUrl;
		this.authorization = "Basic " + Base64.getEncoder()
			.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	public record Reply(int status, JsonNode body) {

		public int code() {
			return this.body.path("code").asInt(-1);
		}

		public JsonNode data() {
			return this.body.path("data");
		}

		public String message() {
			return this.body.path("message").asString();
		}

	}

	public Reply get(String path) {
		return send(request(path).GET());
	}

	public Reply post(String path, Object body) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
	}

	public Reply put(String path, Object body) {
		return send(request(path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
	}

	public Reply delete(String path) {
		return send(request(path).DELETE());
	}

	public HttpResponse<String> raw(HttpRequest.Builder builder) {
		try {
			return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public HttpRequest.Builder unauthenticated(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(Duration.ofSeconds(60));
	}

	public HttpRequest.Builder request(String path) {
		return unauthenticated(path).header("Authorization", this.authorization);
	}

	private Reply send(HttpRequest.Builder builder) {
		HttpResponse<String> response = raw(builder);
		String body = response.body();
		return new Reply(response.statusCode(), JSON.readTree(body == null || body.isEmpty() ? "{}" : body));
	}

	/** Polls the record until it leaves Queued/Processing or the timeout passes. */
	public JsonNode awaitRecord(String recordId, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		JsonNode record;
		do {
			record = get("/api/v1/clusters/transport?recordId=" + recordId).data().path("transportRecords").path(0);
			String status = record.path("status").asString();
			if (!status.equals("Queued") && !status.equals("Processing")) {
				return record;
			}
			Thread.sleep(200);
		}
		while (System.nanoTime() < deadline);
		throw new AssertionError("record " + recordId + " still " + record.path("status") + " after " + timeout);
	}

}
