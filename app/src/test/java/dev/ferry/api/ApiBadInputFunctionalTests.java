package dev.ferry.api;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the OpenAPI description ({@code /v3/api-docs}) and sends every operation bad input: path ids of the wrong
 * type, negative, zero and beyond {@code long}; query parameters of the wrong type, out of range, huge and unknown;
 * bodies that are empty, malformed, of the wrong JSON type, and each field (nested ones too) of the wrong type, null,
 * out of range, 100 KB long or an unknown enum value. No answer may be a 5xx; every answer must be the envelope
 * {@code {code, message}}, and a refusal a 4xx with a message that shows no Java, SQL or stack trace.
 * <p>
 * It works on its own things only: a cluster whose MariaDB user may touch nothing but a private database, and a
 * paused schedule of that cluster. Ids it does not own are ones no test creates (negative, zero, huge), and it sends
 * no valid DELETE, stop, restart, run or drill.
 */
class ApiBadInputFunctionalTests extends FunctionalTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final String PRIVATE = TestDatabases.uniqueName("bi");

	private static final String PRIVATE_PASSWORD = "Bi-input-9";

	private static final AtomicLong SENT = new AtomicLong();

	private static final AtomicLong REFUSED = new AtomicLong();

	private static final AtomicLong WRONG = new AtomicLong();

	/** An id no test creates. */
	private static final String NO_SUCH_ID = "987654321";

	private static final String HUGE_TEXT = "x".repeat(100 * 1024);

	/** Long, but below Tomcat's 8 KiB request-line limit (see {@link #EXCLUDED}). */
	private static final String LONG_URL_TEXT = "y".repeat(4000);

	private static final List<String> BAD_IDS = List.of("abc", "-1", "0", "1.5", "1e3", "0x10",
			"9223372036854775808", "-9223372036854775809", "99999999999999999999999999", LONG_URL_TEXT, "%00",
			"%27%20OR%201%3D1", "..%2F..", "%E2%80%AE", "null");

	/** Integer query values: wrong type, negative, beyond int and long, huge. */
	private static final List<String> BAD_NUMBERS = List.of("abc", "", "-1", "0", "1.5", "2147483647", "2147483648",
			"-2147483649", "9223372036854775808", "1e309", "NaN", LONG_URL_TEXT);

	private static final List<String> BAD_TEXT = List.of("", "%00", "%27%22%3B--", "*", LONG_URL_TEXT, "NO_SUCH_VALUE");

	private static final List<String> BAD_BOOLEANS = List.of("maybe", "2", "", "-1", LONG_URL_TEXT);

	/** Bodies that are not the object a call takes. */
	private static final List<String> BAD_BODIES = List.of("{", "}", "[]", "null", "\"text\"", "42", "true",
			"{\"a\":", "{'single':'quotes'}", "{\"x\":1,}", "[".repeat(5000) + "]".repeat(5000),
			"{\"a\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001), "\u0000\u0001", "{\"name\":\"\\ud800\"}");

	/**
	 * Cases left out on purpose, each with the reason (none today). Each key is {@code <kind>:<detail>} as
	 * {@link #excluded} builds it.
	 */
	private static final Map<String, String> EXCLUDED = Map.of(); // all issue 11 items are merged: nothing excluded

	/** Path values Tomcat itself refuses (see {@link #EXCLUDED}, key {@code tomcat-html}). */
	private static final Set<String> TOMCAT_REFUSES = Set.of("%00", "..%2F..");

	private static String clusterId;

	private static String scheduleId;

	/** An API token of the admin: checked by its SHA-256, so a thousand calls cost no thousand BCrypt checks. */
	private static String token;

	@BeforeEach
	void ownThings() throws Exception {
		if (clusterId != null) {
			return;
		}
		TestDatabases.execute(TestDatabases.sourcePort(), "CREATE DATABASE " + PRIVATE,
				"CREATE TABLE " + PRIVATE + ".t (id INT PRIMARY KEY, v VARCHAR(20))",
				"INSERT INTO " + PRIVATE + ".t VALUES (1, 'one')");
		for (String host : List.of("%", "localhost", "127.0.0.1")) {
			TestDatabases.execute(TestDatabases.sourcePort(),
					"CREATE USER '" + PRIVATE + "'@'" + host + "' IDENTIFIED BY '" + PRIVATE_PASSWORD + "'",
					"GRANT ALL ON " + PRIVATE + ".* TO '" + PRIVATE + "'@'" + host + "'");
		}
		byte[] random = new byte[32];
		new java.security.SecureRandom().nextBytes(random);
		token = "fry_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		String hash = java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		TestDatabases.execute(TestDatabases.targetPort(), "INSERT INTO " + REPOSITORY_DB
				+ ".FERRY_API_TOKEN (USER_ID, NAME, TOKEN_PREFIX, TOKEN_HASH, CREATED_AT) SELECT ID, 'bad-input', "
				+ TestDatabases.literal(token.substring(0, 10)) + ", " + TestDatabases.literal(hash) + ", NOW(6) FROM "
				+ REPOSITORY_DB + ".FERRY_USER WHERE USERNAME = 'admin'");
		clusterId = registerCluster(PRIVATE, TestDatabases.sourcePort(), PRIVATE, PRIVATE_PASSWORD);
		var schedule = this.api.post("/api/v1/schedules", scheduleBody());
		assertThat(schedule.status()).as(schedule.body().toString()).isEqualTo(201);
		scheduleId = schedule.data().path("scheduleId").asString();
	}

	@AfterAll
	static void report() throws Exception {
		System.out.println("ApiBadInputFunctionalTests: sent " + SENT.get() + " bad inputs, " + REFUSED.get()
				+ " refused with a 4xx envelope, " + WRONG.get() + " answered wrongly (5xx, not the envelope, a leak)");
		for (String host : List.of("%", "localhost", "127.0.0.1")) {
			TestDatabases.execute(TestDatabases.sourcePort(), "DROP USER IF EXISTS '" + PRIVATE + "'@'" + host + "'");
		}
		TestDatabases.execute(TestDatabases.sourcePort(), "DROP DATABASE IF EXISTS " + PRIVATE);
	}

	@TestFactory
	Stream<DynamicTest> everyOperationAnswersBadInputWithA4xxEnvelope() {
		JsonNode docs = apiDocs();
		List<DynamicTest> tests = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : docs.path("paths").properties()) {
			if (!path.getKey().startsWith("/api/")) {
				continue; // a console path the description also lists (the export download): login and HTML
			}
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				String method = operation.getKey().toUpperCase();
				if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
					continue;
				}
				Operation op = new Operation(method, path.getKey(), operation.getValue(), docs);
				tests.add(DynamicTest.dynamicTest(method + " " + path.getKey(), () -> op.walk(this)));
			}
		}
		assertThat(tests).as("operations in the description").hasSizeGreaterThan(20);
		return tests.stream();
	}

	/** One operation of the description and the bad inputs it gets. */
	private record Operation(String method, String template, JsonNode spec, JsonNode docs) {

		void walk(ApiBadInputFunctionalTests test) {
			List<String> problems = new ArrayList<>();
			sendAll(test, problems);
			assertThat(problems).as(this.method + " " + this.template).isEmpty();
		}

		private void sendAll(ApiBadInputFunctionalTests test, List<String> problems) {
			boolean safe = !this.method.equals("DELETE") && !this.template.endsWith("/run")
					&& !this.template.endsWith("/restart") && !this.template.endsWith("/stop")
					&& !this.template.endsWith("/drill");
			Map<String, String> pathBaseline = pathBaseline(safe);
			Map<String, JsonNode> queryParameters = new LinkedHashMap<>();
			Map<String, String> queryBaseline = new LinkedHashMap<>();
			for (JsonNode parameter : this.spec.path("parameters")) {
				String name = parameter.path("name").asString();
				if (parameter.path("in").asString().equals("query")) {
					queryParameters.put(name, parameter.path("schema"));
					if (parameter.path("required").asBoolean()) {
						queryBaseline.put(name, requiredQueryValue(name));
					}
				}
			}
			JsonNode bodySchema = bodySchema();
			String body = (bodySchema == null) ? null : baselineBody(bodySchema);
			boolean multipart = this.spec.path("requestBody").path("content").has("multipart/form-data");

			// path ids of the wrong type, out of range, huge
			for (String name : pathBaseline.keySet()) {
				for (String bad : BAD_IDS) {
					if (TOMCAT_REFUSES.contains(bad) && excluded("tomcat-html")) {
						continue;
					}
					Map<String, String> path = new LinkedHashMap<>(pathBaseline);
					path.put(name, bad);
					send(test, problems, "path " + name + "=" + shorten(bad), url(path, queryBaseline), body,
							"application/json");
				}
			}
			if (!excluded("accept:xml")) {
				send(test, problems, "Accept: application/xml", url(pathBaseline, queryBaseline), body,
						"application/json", "application/xml");
			}
			// query parameters
			queryParameters.forEach((name, schema) -> {
				String type = schema.path("type").asString();
				List<String> values = switch (type) {
					case "integer", "number" -> BAD_NUMBERS;
					case "boolean" -> BAD_BOOLEANS;
					default -> BAD_TEXT;
				};
				for (String bad : values) {
					if (name.equals("page") && bad.equals("2147483647") && excluded("overflow:page")) {
						continue;
					}
					Map<String, String> query = new LinkedHashMap<>(queryBaseline);
					query.put(name, bad);
					send(test, problems, "query " + name + "=" + shorten(bad), url(pathBaseline, query), body,
							"application/json");
				}
			});
			if (multipart) {
				for (String bad : List.of("", "--x\r\n", "not multipart")) {
					send(test, problems, "multipart body " + shorten(bad), url(pathBaseline, queryBaseline), bad,
							"multipart/form-data; boundary=x");
				}
				send(test, problems, "json instead of multipart", url(pathBaseline, queryBaseline), "{}",
						"application/json");
				send(test, problems, "multipart without file", url(pathBaseline, queryBaseline),
						"--x\r\nContent-Disposition: form-data; name=\"clusterId\"\r\n\r\n" + clusterId + "\r\n--x--\r\n",
						"multipart/form-data; boundary=x");
				send(test, problems, "multipart with a bad cluster", url(pathBaseline, queryBaseline),
						"--x\r\nContent-Disposition: form-data; name=\"clusterId\"\r\n\r\n-1\r\n--x\r\n"
								+ "Content-Disposition: form-data; name=\"file\"; filename=\"a.zip\"\r\n"
								+ "Content-Type: application/zip\r\n\r\nPK\u0003\u0004broken\r\n--x--\r\n",
						"multipart/form-data; boundary=x");
			}
			if (bodySchema == null) {
				return;
			}
			// whole bodies
			String url = url(pathBaseline, queryBaseline);
			if (!excluded("empty-body")) {
				send(test, problems, "empty body", url, "", "application/json");
			}
			for (String bad : BAD_BODIES) {
				if (bad.equals("null") && excluded("empty-body")) {
					continue;
				}
				send(test, problems, "body " + shorten(bad), url, bad, "application/json");
			}
			send(test, problems, "body as text/plain", url, body, "text/plain");
			send(test, problems, "body as form", url, "a=b", "application/x-www-form-urlencoded");
			send(test, problems, "body of 2 MB", url, "{\"name\":\"" + "z".repeat(2 * 1024 * 1024) + "\"}",
					"application/json");
			// each field, nested ones too
			ObjectNode baseline = (ObjectNode) JSON.readTree(body);
			for (String[] field : fields(bodySchema, "")) {
				String pointer = field[0];
				JsonNode schema = JSON.readTree(field[1]);
				for (JsonNode bad : badValues(schema)) {
					ObjectNode mutated = baseline.deepCopy();
					put(mutated, pointer, bad);
					send(test, problems, "field " + pointer + "=" + shorten(bad.toString()), url,
							JSON.writeValueAsString(mutated), "application/json");
				}
			}
		}

		private void send(ApiBadInputFunctionalTests test, List<String> problems, String input, String url,
				String body, String contentType) {
			send(test, problems, input, url, body, contentType, "application/json");
		}

		private void send(ApiBadInputFunctionalTests test, List<String> problems, String input, String url,
				String body, String contentType, String accept) {
			HttpRequest.Builder request = test.api.unauthenticated(url)
				.header("Authorization", "Bearer " + token)
				.header("Accept", accept);
			HttpRequest.BodyPublisher publisher = (body == null) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(body);
			if (body != null) {
				request.header("Content-Type", contentType);
			}
			request.method(this.method, publisher);
			HttpResponse<String> response = test.api.raw(request);
			SENT.incrementAndGet();
			String problem = problem(response);
			if (problem != null) {
				WRONG.incrementAndGet();
				problems.add(input + " -> " + problem);
			}
			else if (response.statusCode() >= 400) {
				REFUSED.incrementAndGet();
			}
		}

		/** Why an answer is wrong, or null. */
		private static String problem(HttpResponse<String> response) {
			int status = response.statusCode();
			String text = response.body();
			String shown = status + " " + shorten(text);
			if (status >= 500) {
				return "5xx: " + shown;
			}
			JsonNode envelope;
			try {
				envelope = JSON.readTree(text);
			}
			catch (RuntimeException ex) {
				return "not JSON: " + shown;
			}
			if (!envelope.isObject() || !envelope.path("code").isInt() || !envelope.path("message").isString()) {
				return "not the envelope: " + shown;
			}
			if (status >= 400) {
				if (!Set.of(400, 404, 405, 409, 413, 415, 422).contains(status)) {
					return "not a sensible 4xx: " + shown;
				}
				if (envelope.path("code").asInt() == 0) {
					return "an error with code 0: " + shown;
				}
				String message = envelope.path("message").asString();
				for (String leak : List.of("Exception", "java.", "tools.jackson", "org.springframework", "SELECT ",
						"\tat ", "internal error")) {
					if (message.contains(leak)) {
						return "message shows '" + leak.strip() + "': " + shown;
					}
				}
			}
			return null;
		}

		private static boolean excluded(String key) {
			return EXCLUDED.containsKey(key);
		}

		/** Own things for safe calls; for DELETE, stop, restart, run and drill, ids that do not exist. */
		private Map<String, String> pathBaseline(boolean safe) {
			Map<String, String> values = new LinkedHashMap<>();
			for (JsonNode parameter : this.spec.path("parameters")) {
				if (parameter.path("in").asString().equals("path")) {
					String name = parameter.path("name").asString();
					values.put(name, !safe ? NO_SUCH_ID : switch (name) {
						case "clusterId" -> clusterId;
						case "scheduleId" -> scheduleId;
						default -> NO_SUCH_ID;
					});
				}
			}
			return values;
		}

		private static String requiredQueryValue(String name) {
			return name.equals("cron") ? "0 0 2 * * ?" : "1";
		}

		private String url(Map<String, String> path, Map<String, String> query) {
			String url = this.template;
			for (Map.Entry<String, String> entry : path.entrySet()) {
				url = url.replace("{" + entry.getKey() + "}", encodePath(entry.getValue()));
			}
			StringBuilder q = new StringBuilder();
			query.forEach((name, value) -> q.append(q.isEmpty() ? "?" : "&").append(name).append('=')
				.append(value.contains("%") ? value : URLEncoder.encode(value, StandardCharsets.UTF_8)));
			return url + q;
		}

		/** Values with a {@code %} are sent as they are (already encoded on purpose). */
		private static String encodePath(String value) {
			return value.contains("%") ? value : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
		}

		private JsonNode bodySchema() {
			JsonNode schema = this.spec.path("requestBody").path("content").path("application/json").path("schema");
			return schema.isMissingNode() ? null : resolve(schema);
		}

		private JsonNode resolve(JsonNode schema) {
			String ref = schema.path("$ref").asString("");
			if (ref.isEmpty()) {
				return schema;
			}
			return this.docs.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
		}

		private String baselineBody(JsonNode schema) {
			Set<String> properties = new java.util.HashSet<>();
			schema.path("properties").propertyNames().forEach(properties::add);
			if (properties.contains("cron")) {
				return scheduleBody().toString();
			}
			if (properties.contains("host")) {
				ObjectNode cluster = NODES.objectNode();
				cluster.put("name", PRIVATE);
				cluster.put("kind", "MYSQL");
				cluster.put("host", "127.0.0.1");
				cluster.put("port", TestDatabases.sourcePort());
				cluster.put("user", PRIVATE);
				return cluster.toString();
			}
			if (properties.contains("recordId") || properties.contains("uploadId")) {
				ObjectNode importRequest = NODES.objectNode();
				importRequest.put("clusterId", clusterId);
				importRequest.put("recordId", NO_SUCH_ID);
				importRequest.put("storageType", "nfs");
				return importRequest.toString();
			}
			if (properties.contains("fileType")) {
				return exportBody().toString();
			}
			if (properties.contains("dropAfterwards")) { // a restore drill (of a record that does not exist)
				ObjectNode drill = NODES.objectNode();
				drill.put("clusterId", clusterId);
				drill.put("dropAfterwards", true);
				return drill.toString();
			}
			if (properties.contains("webhookUrl")) { // notification targets: events, no channel
				ObjectNode target = NODES.objectNode();
				target.putArray("events").add("transfer.failed");
				return target.toString();
			}
			throw new AssertionError("no baseline body for " + this.method + " " + this.template + ": " + schema);
		}

		/** JSON pointers of the schema's fields with their (resolved) schemas, nested objects included. */
		private List<String[]> fields(JsonNode schema, String prefix) {
			List<String[]> fields = new ArrayList<>();
			for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
				JsonNode resolved = resolve(property.getValue());
				String pointer = prefix + "/" + property.getKey();
				fields.add(new String[] { pointer, resolved.toString() });
				if (resolved.path("properties").isObject() && prefix.isEmpty()) {
					fields.addAll(fields(resolved, pointer));
				}
			}
			return fields;
		}

		private static List<JsonNode> badValues(JsonNode schema) {
			List<JsonNode> values = new ArrayList<>();
			values.add(NODES.nullNode());
			values.add(NODES.objectNode().put("nested", 1));
			values.add(NODES.arrayNode().add(1).add("two"));
			switch (schema.path("type").asString("object")) {
				case "integer", "number" -> {
					values.add(NODES.stringNode("abc"));
					values.add(NODES.numberNode(3306.5));
					values.add(NODES.numberNode(-1));
					values.add(NODES.numberNode(0));
					values.add(NODES.numberNode(2147483648L));
					values.add(NODES.numberNode(new java.math.BigInteger("9223372036854775808")));
					values.add(NODES.numberNode(new java.math.BigDecimal("1e400")));
					values.add(NODES.booleanNode(true));
				}
				case "boolean" -> {
					values.add(NODES.stringNode("maybe"));
					values.add(NODES.numberNode(2));
				}
				case "string" -> {
					values.add(NODES.stringNode(""));
					values.add(NODES.stringNode(HUGE_TEXT));
					values.add(NODES.stringNode("-" + "-help"));
					values.add(NODES.stringNode("../../etc/passwd"));
					values.add(NODES.stringNode("NO_SUCH_VALUE"));
					values.add(NODES.numberNode(new java.math.BigInteger("9223372036854775808")));
					values.add(NODES.numberNode(-1));
				}
				default -> {
					values.add(NODES.stringNode("not an object"));
					values.add(NODES.numberNode(7));
				}
			}
			return values;
		}

		private static void put(ObjectNode root, String pointer, JsonNode value) {
			String[] parts = pointer.substring(1).split("/");
			ObjectNode target = root;
			for (int i = 0; i < parts.length - 1; i++) {
				JsonNode next = target.path(parts[i]);
				if (!next.isObject()) {
					next = target.putObject(parts[i]);
				}
				target = (ObjectNode) next;
			}
			target.set(parts[parts.length - 1], value);
		}

	}

	private static ObjectNode exportBody() {
		ObjectNode export = NODES.objectNode();
		export.put("clusterId", clusterId);
		export.put("storageType", "nfs");
		export.put("fileType", "sql");
		export.put("filter", PRIVATE + ".*");
		return export;
	}

	private static ObjectNode scheduleBody() {
		ObjectNode schedule = NODES.objectNode();
		schedule.put("name", PRIVATE + "-" + System.nanoTime());
		schedule.put("cron", "0 0 2 * * ?");
		schedule.put("timeZone", "UTC");
		schedule.put("enabled", false);
		schedule.set("export", exportBody());
		return schedule;
	}

	private static String shorten(String text) {
		String oneLine = (text == null) ? "" : text.replace('\n', ' ');
		return (oneLine.length() > 160) ? oneLine.substring(0, 160) + "… (" + oneLine.length() + " chars)" : oneLine;
	}

	private JsonNode apiDocs() {
		HttpResponse<String> response = this.api.raw(this.api.unauthenticated("/v3/api-docs").GET());
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

}
