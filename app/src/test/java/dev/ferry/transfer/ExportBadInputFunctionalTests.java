package dev.ferry.transfer;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every bad export request gets the seed's envelope with its code and a clear message, and creates nothing. */
class ExportBadInputFunctionalTests extends FunctionalTest {

	private String clusterId;

	@BeforeEach
	void registerCluster() {
		this.clusterId = registerCluster(TestDatabases.uniqueName("bad"), TestDatabases.sourcePort(), "root", "");
	}

	static Stream<Arguments> badRequests() {
		return Stream.of(
				arguments("unknown cluster", Map.of("clusterId", "987654"), 404, 10003, "cluster 987654 not found"),
				arguments("non-numeric cluster", Map.of("clusterId", "../1"), 404, 10003, "not found"),
				arguments("missing cluster", Map.of("clusterId", ""), 400, 10001, "clusterId is required"),
				arguments("empty user", Map.of("userName", ""), 400, 10001, "userName is empty"),
				arguments("blank user", Map.of("userName", "   "), 400, 10001, "userName is empty"),
				arguments("other user without password", Map.of("userName", "someone"), 400, 10001,
						"password is required"),
				arguments("empty password", Map.of("password", ""), 400, 10001, "password is empty"),
				arguments("bad storageType", Map.of("storageType", "ftp"), 400, 10001, "storageType 'ftp' is invalid"),
				arguments("missing storageType", Map.of("storageType", ""), 400, 10001, "storageType is required"),
				arguments("bad fileType", Map.of("fileType", "parquet"), 400, 10001, "fileType 'parquet' is invalid"),
				arguments("csv on the mysql chain", Map.of("fileType", "csv"), 400, 10001, "mydumper 0.10 writes SQL only"),
				arguments("zipName with ../", Map.of("zipName", "../../etc/x.zip"), 400, 10001, "zipName"),
				arguments("zipName with /", Map.of("zipName", "a/b.zip"), 400, 10001, "zipName"),
				arguments("reversed range in a filter", Map.of("filter", "[z-a].*"), 400, 10001,
						"filter rule '[z-a].*' has the range z-a, whose start comes after its end"),
				arguments("empty negated set in a filter", Map.of("filter", "a.[!]"), 400, 10001,
						"filter rule 'a.[!]' has an unclosed ["),
				arguments("empty caret set in a filter", Map.of("filter", "a.[^]"), 400, 10001,
						"filter rule 'a.[^]' has an unclosed ["),
				arguments("POSIX class in a filter", Map.of("filter", "a.[[:alpha:]]"), 400, 10001,
						"filter rule 'a.[[:alpha:]]' uses a class such as [:alpha:], which is not supported"),
				arguments("userName that is an option", Map.of("userName", "--help", "password", "x"), 400, 10001,
						"userName '--help' starts with '-'"),
				arguments("filter rule that is an option", Map.of("filter", "--output=/tmp.x"), 400, 10001,
						"filter rule '--output=/tmp.x' starts with '-'"),
				arguments("endpointUrl too long even for nfs", Map.of("endpointUrl", "h".repeat(513)), 400, 10001,
						"endpointUrl is longer than 512 characters"),
				arguments("secretAccessKey too long even for nfs", Map.of("secretAccessKey", "k".repeat(1001)), 400,
						10001, "secretAccessKey is longer than 1000 characters"),
				arguments("comment too long", Map.of("comment", "x".repeat(1001)), 400, 10001, "comment is longer"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRequests")
	void badRequestIsRejectedAndCreatesNothing(String name, Map<String, String> override, int status, int code,
			String message) throws Exception {
		long recordsBefore = total();
		long secretsBefore = secrets();
		Map<String, String> request = new HashMap<>(
				Map.of("clusterId", this.clusterId, "storageType", "nfs", "fileType", "sql"));
		request.putAll(override);

		var reply = this.api.post("/api/v1/clusters/export", request);

		assertThat(reply.status()).as(reply.body().toString()).isEqualTo(status);
		assertThat(reply.code()).isEqualTo(code);
		assertThat(reply.message()).contains(message);
		assertThat(reply.body().has("data")).as("no data on errors").isFalse();
		assertThat(total()).as("no record created").isEqualTo(recordsBefore);
		assertThat(secrets()).as("no secret stored").isEqualTo(secretsBefore);
	}

	@Test
	void malformedJsonIsRejected() {
		var reply = this.api.post("/api/v1/clusters/export", "{\"clusterId\": ");

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.code()).isEqualTo(10001);
		assertThat(reply.message()).contains("not valid JSON");
	}

	@Test
	void recordQueryRejectsBadFilters() {
		assertThat(this.api.get("/api/v1/clusters/transport?page=0").code()).isEqualTo(10001);
		assertThat(this.api.get("/api/v1/clusters/transport?pageSize=100000").message()).contains("pageSize");
		assertThat(this.api.get("/api/v1/clusters/transport?status=Done").message()).contains("status 'Done'");
		assertThat(this.api.get("/api/v1/clusters/transport?transportType=copy").message()).contains("transportType");
		assertThat(this.api.get("/api/v1/clusters/transport?startTime=yesterday").message()).contains("startTime");
		assertThat(this.api.get("/api/v1/clusters/transport?startTime=20&endTime=10").message())
			.contains("before startTime");
	}

	@Test
	void unknownCallsAndMethodsGetTheEnvelopeToo() {
		var unknown = this.api.get("/api/v1/clusters/transport/exports/nope");

		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.code()).isEqualTo(10001);
		assertThat(unknown.message()).isEqualTo("no API call GET /api/v1/clusters/transport/exports/nope (see /swagger-ui.html)");

		var wrongMethod = this.api.raw(this.api.request("/api/v1/clusters").method("PATCH",
				java.net.http.HttpRequest.BodyPublishers.noBody()));

		assertThat(wrongMethod.statusCode()).isEqualTo(405);
		assertThat(wrongMethod.headers().firstValue("Allow")).hasValueSatisfying((allow) -> assertThat(allow)
			.contains("GET").contains("POST"));
		assertThat(wrongMethod.body()).contains("\"code\":10001").contains("PATCH is not allowed on /api/v1/clusters");
	}

	@Test
	void apiRequiresAuthentication() {
		var anonymous = this.api.raw(this.api.unauthenticated("/api/v1/clusters/transport").GET());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		var wrong = this.api.raw(this.api.unauthenticated("/api/v1/clusters/transport")
			.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:nope".getBytes()))
			.GET());
		assertThat(wrong.statusCode()).isEqualTo(401);
		var health = this.api.raw(this.api.unauthenticated("/actuator/health").GET());
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"db\"").contains("\"storage\"");
	}

	private long total() {
		return this.api.get("/api/v1/clusters/transport?pageSize=1").body().path("page").path("total").asLong();
	}

	private long secrets() throws Exception {
		return TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM " + REPOSITORY_DB + ".FERRY_SECRET");
	}

}
