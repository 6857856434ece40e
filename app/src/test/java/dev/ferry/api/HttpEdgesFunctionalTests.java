package dev.ferry.api;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ferry.support.FerryClient;
import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edges of HTTP on the whole stack (Tomcat included): a refused role has its own code, a request Tomcat
 * refuses itself gets the envelope on the API and a plain page on the console, {@code /error} is no page, an empty
 * body says so without naming Java methods, and the API answers JSON whatever {@code Accept} asks.
 */
class HttpEdgesFunctionalTests extends FunctionalTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String BIG = "x".repeat(10 * 1024);

	@Test
	void aCallTheRoleDoesNotAllowIsA403WithTheRbacCode() throws Exception {
		String viewer = TestDatabases.uniqueName("viewer");
		createUser(viewer, "viewer-Password-1", "VIEWER");

		var refused = new FerryClient(baseUrl(), viewer, "viewer-Password-1").post("/api/v1/clusters/export",
				Map.of("clusterId", "1", "storageType", "nfs"));

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.code()).as(refused.body().toString()).isEqualTo(70650);
		assertThat(refused.message()).isEqualTo("access denied: your role does not allow POST /api/v1/clusters/export");
	}

	@Test
	void aTenKilobyteHeaderGetsTheEnvelopeOnTheApiAndAPlainPageOnTheConsole() {
		HttpResponse<String> api = this.api.raw(this.api.request("/api/v1/clusters").header("X-Big", BIG).GET());
		assertThat(api.statusCode()).isEqualTo(400);
		assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
		JsonNode body = JSON.readTree(api.body());
		assertThat(body.path("code").asInt()).isEqualTo(10001);
		assertThat(body.path("message").asString()).contains("headers larger than the server accepts");

		HttpResponse<String> page = this.api.raw(this.api.unauthenticated("/login").header("X-Big", BIG).GET());
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(page.body()).contains("<h1>Bad Request</h1>").doesNotContain("Tomcat").doesNotContain("<style");
	}

	@Test
	void errorRequestedDirectlyIsNotFound() {
		HttpResponse<String> json = this.api.raw(this.api.request("/error").header("Accept", "application/json").GET());
		assertThat(json.statusCode()).isEqualTo(404);
		assertThat(json.body()).contains("\"status\":404").doesNotContain("500");

		HttpResponse<String> page = this.api.raw(this.api.unauthenticated("/error").header("Accept", "text/html").GET());
		assertThat(page.statusCode()).isEqualTo(404);

		HttpResponse<String> posted = this.api
			.raw(this.api.request("/error").POST(HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(posted.statusCode()).isEqualTo(404);
	}

	@Test
	void anEmptyBodySaysSoWithoutAJavaSignature() {
		var empty = this.api.post("/api/v1/clusters", "");

		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.code()).isEqualTo(10001);
		assertThat(empty.message()).isEqualTo("request body is missing or not valid JSON");
	}

	@Test
	void acceptXmlIsAnsweredInJson() {
		HttpResponse<String> list = this.api
			.raw(this.api.request("/api/v1/clusters").header("Accept", "application/xml").GET());
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
		assertThat(JSON.readTree(list.body()).path("code").asInt()).isZero();

		HttpResponse<String> missing = this.api
			.raw(this.api.request("/api/v1/no-such-call").header("Accept", "application/xml").GET());
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(JSON.readTree(missing.body()).path("code").asInt()).as(missing.body()).isEqualTo(10001);

		HttpResponse<String> invalid = this.api.raw(this.api.request("/api/v1/clusters")
			.header("Accept", "application/xml")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"\"}")));
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(invalid.body()).path("code").asInt()).as(invalid.body()).isEqualTo(10001);
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

}
