package dev.ferry.api;

import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ferry.support.FunctionalTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description at {@code /v3/api-docs} (open without login): every endpoint is there with a summary,
 * description and its error answers, every field of every schema is described, and no answer shows a secret.
 */
class OpenApiFunctionalTests extends FunctionalTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Map<String, Set<String>> ENDPOINTS = Map.ofEntries(
			Map.entry("/api/v1/clusters", Set.of("get", "post")),
			Map.entry("/api/v1/clusters/{clusterId}", Set.of("get", "put", "delete")),
			Map.entry("/api/v1/clusters/{clusterId}/test", Set.of("post")),
			Map.entry("/api/v1/clusters/export", Set.of("post")),
			Map.entry("/api/v1/clusters/import", Set.of("post")),
			Map.entry("/api/v1/clusters/transport", Set.of("get")),
			Map.entry("/api/v1/clusters/transport/{recordId}", Set.of("delete")),
			Map.entry("/api/v1/clusters/transport/{recordId}/stop", Set.of("post")),
			Map.entry("/api/v1/clusters/transport/{recordId}/restart", Set.of("post")),
			Map.entry("/api/v1/clusters/import/upload", Set.of("post")),
			Map.entry("/api/v1/clusters/export/download/{recordId}", Set.of("get")),
			Map.entry("/api/v1/schedules", Set.of("get", "post")),
			Map.entry("/api/v1/schedules/describe", Set.of("get")),
			Map.entry("/api/v1/schedules/{scheduleId}", Set.of("get", "put", "delete")),
			Map.entry("/api/v1/schedules/{scheduleId}/pause", Set.of("post")),
			Map.entry("/api/v1/schedules/{scheduleId}/resume", Set.of("post")),
			Map.entry("/api/v1/schedules/{scheduleId}/run", Set.of("post")),
			Map.entry("/api/v1/schedules/{scheduleId}/runs", Set.of("get")),
			Map.entry("/api/v1/audit", Set.of("get")));

	private static final Set<String> SECRETS = Set.of("password", "secretAccessKey", "accessKey");

	@Test
	void describesTheApiWithHttpBasicForEveryCall() {
		JsonNode docs = apiDocs();

		assertThat(docs.path("info").path("title").asString()).isEqualTo("Ferry API");
		assertThat(docs.path("info").path("version").asString()).isNotBlank();
		assertThat(docs.path("info").path("description").asString()).contains("{code, message, data}")
			.contains("HTTP Basic")
			.contains("10001")
			.contains("60111");
		JsonNode scheme = docs.path("components").path("securitySchemes").path("basicAuth");
		assertThat(scheme.path("type").asString()).isEqualTo("http");
		assertThat(scheme.path("scheme").asString()).isEqualTo("basic");
		assertThat(docs.path("security").toString()).contains("basicAuth");
	}

	@Test
	void everyEndpointIsDocumentedWithItsErrors() {
		JsonNode paths = apiDocs().path("paths");
		List<String> problems = new ArrayList<>();

		ENDPOINTS.forEach((path, methods) -> methods.forEach((method) -> {
			JsonNode operation = paths.path(path).path(method);
			String name = method.toUpperCase() + " " + path;
			if (operation.isMissingNode()) {
				problems.add(name + ": missing");
				return;
			}
			for (String field : List.of("summary", "description")) {
				if (operation.path(field).asString("").isBlank()) {
					problems.add(name + ": no " + field);
				}
			}
			if (operation.path("tags").isEmpty()) {
				problems.add(name + ": no tag");
			}
			for (JsonNode parameter : operation.path("parameters")) {
				if (parameter.path("description").asString("").isBlank()) {
					problems.add(name + ": parameter " + parameter.path("name").asString() + " has no description");
				}
			}
			JsonNode responses = operation.path("responses");
			if (responses.properties().stream().noneMatch((entry) -> entry.getKey().startsWith("2"))) {
				problems.add(name + ": no success answer");
			}
			for (String status : List.of("401", "500")) {
				if (responses.path(status).isMissingNode()) {
					problems.add(name + ": no " + status + " answer");
				}
			}
			for (var entry : responses.properties()) {
				if (entry.getValue().path("description").asString("").isBlank()) {
					problems.add(name + ": answer " + entry.getKey() + " has no description");
				}
				if (entry.getKey().matches("[45]\\d\\d") && !entry.getKey().equals("401") && !entry.getValue()
					.path("content")
					.path("application/json")
					.path("schema")
					.path("$ref")
					.asString("")
					.endsWith("/ErrorResponse")) {
					problems.add(name + ": answer " + entry.getKey() + " is not the error envelope");
				}
			}
		}));

		assertThat(problems).isEmpty();
		JsonNode getCluster = paths.path("/api/v1/clusters/{clusterId}").path("get").path("responses");
		assertThat(getCluster.path("404").path("description").asString()).contains("10003");
		assertThat(getCluster.path("500").path("description").asString()).contains("9999");
		JsonNode upload = paths.path("/api/v1/clusters/import/upload").path("post").path("responses");
		assertThat(upload.path("400").path("description").asString()).contains("10001").contains("60108").contains("60111");
		JsonNode download = paths.path("/api/v1/clusters/export/download/{recordId}").path("get").path("responses");
		assertThat(download.path("200").path("content").has("application/zip")).isTrue();
		assertThat(download.path("404").path("description").asString()).contains("60102");
	}

	@Test
	void everyFieldOfEverySchemaIsDescribed() {
		JsonNode docs = apiDocs();
		List<String> undescribed = new ArrayList<>();

		JsonNode schemas = docs.path("components").path("schemas");
		assertThat(schemas.size()).isGreaterThan(5);
		for (var schema : schemas.properties()) {
			collectUndescribed(schema.getValue(), schema.getKey(), undescribed);
		}
		// schemas written inline in an operation (the upload's multipart form, the download's zip)
		for (var path : docs.path("paths").properties()) {
			for (var operation : path.getValue().properties()) {
				String where = operation.getKey().toUpperCase() + " " + path.getKey();
				for (var media : operation.getValue().path("requestBody").path("content").properties()) {
					collectUndescribed(media.getValue().path("schema"), where + " request " + media.getKey(),
							undescribed);
				}
				for (var response : operation.getValue().path("responses").properties()) {
					for (var media : response.getValue().path("content").properties()) {
						collectUndescribed(media.getValue().path("schema"),
								where + " " + response.getKey() + " " + media.getKey(), undescribed);
					}
				}
			}
		}

		assertThat(undescribed).as("properties without a description").isEmpty();
		assertThat(unresolvedReferences(docs)).as("references to missing schemas").isEmpty();
	}

	@Test
	void secretsAreWriteOnlyInputsAndNoAnswerShowsThem() {
		JsonNode docs = apiDocs();
		JsonNode schemas = docs.path("components").path("schemas");

		Set<String> answerProperties = new LinkedHashSet<>();
		for (JsonNode schema : answerSchemas(docs)) {
			collectPropertyNames(schema, answerProperties);
		}
		assertThat(answerProperties).contains("clusterId", "recordId", "transportRecords", "uploadId")
			.doesNotContainAnyElementsOf(SECRETS);

		for (String input : List.of("ExportRequest", "ImportRequest", "ClusterRequest")) {
			JsonNode properties = schemas.path(input).path("properties");
			assertThat(properties.isObject()).as(input).isTrue();
			for (var property : properties.properties()) {
				if (SECRETS.contains(property.getKey())) {
					assertThat(property.getValue().path("writeOnly").asBoolean()).as(input + "." + property.getKey())
						.isTrue();
					assertThat(property.getValue().path("format").asString()).as(input + "." + property.getKey())
						.isEqualTo("password");
				}
			}
		}
		assertThat(schemas.path("ExportRequest").path("properties").has("secretAccessKey")).isTrue();
		assertThat(schemas.path("ClusterRequest").path("properties").has("password")).isTrue();
	}

	@Test
	void swaggerUiIsOpenWithoutLogin() {
		HttpResponse<String> ui = this.api.raw(this.api.unauthenticated("/swagger-ui/index.html").GET());

		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.body()).containsIgnoringCase("swagger");
	}

	private JsonNode apiDocs() {
		HttpResponse<String> response = this.api.raw(this.api.unauthenticated("/v3/api-docs").GET());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	/** Adds {@code where.property} for every property (at any depth) whose description is missing or blank. */
	private static void collectUndescribed(JsonNode schema, String where, List<String> undescribed) {
		if (!schema.isObject()) {
			return;
		}
		for (var property : schema.path("properties").properties()) {
			String name = where + "." + property.getKey();
			if (property.getValue().path("description").asString("").isBlank()) {
				undescribed.add(name);
			}
			collectUndescribed(property.getValue(), name, undescribed);
		}
		collectUndescribed(schema.path("items"), where + "[]", undescribed);
		collectUndescribed(schema.path("additionalProperties"), where + "{}", undescribed);
		for (String combination : List.of("allOf", "anyOf", "oneOf")) {
			int i = 0;
			for (JsonNode part : schema.path(combination)) {
				collectUndescribed(part, where + "." + combination + "[" + i++ + "]", undescribed);
			}
		}
	}

	/** Every schema an answer (any status) can contain: the answers' own, and all they reference, transitively. */
	private static List<JsonNode> answerSchemas(JsonNode docs) {
		JsonNode components = docs.path("components").path("schemas");
		List<JsonNode> found = new ArrayList<>();
		Deque<JsonNode> pending = new ArrayDeque<>();
		for (JsonNode path : docs.path("paths")) {
			for (JsonNode operation : path) {
				for (JsonNode response : operation.path("responses")) {
					for (JsonNode media : response.path("content")) {
						pending.add(media.path("schema"));
					}
				}
			}
		}
		Set<String> seen = new HashSet<>();
		while (!pending.isEmpty()) {
			JsonNode schema = pending.pop();
			found.add(schema);
			for (String ref : references(schema)) {
				String name = ref.substring(ref.lastIndexOf('/') + 1);
				if (seen.add(name)) {
					pending.add(components.path(name));
				}
			}
		}
		return found;
	}

	private static Set<String> unresolvedReferences(JsonNode docs) {
		Set<String> missing = new LinkedHashSet<>();
		for (String ref : references(docs)) {
			if (!ref.startsWith("#/components/schemas/")
					|| docs.path("components").path("schemas").path(ref.substring(21)).isMissingNode()) {
				missing.add(ref);
			}
		}
		return missing;
	}

	private static Set<String> references(JsonNode node) {
		Set<String> refs = new LinkedHashSet<>();
		collectReferences(node, refs);
		return refs;
	}

	private static void collectReferences(JsonNode node, Set<String> refs) {
		if (node.isObject()) {
			for (var entry : node.properties()) {
				if (entry.getKey().equals("$ref") && entry.getValue().isString()) {
					refs.add(entry.getValue().asString());
				}
				else {
					collectReferences(entry.getValue(), refs);
				}
			}
		}
		else if (node.isArray()) {
			for (JsonNode element : node) {
				collectReferences(element, refs);
			}
		}
	}

	private static void collectPropertyNames(JsonNode schema, Set<String> names) {
		if (!schema.isObject()) {
			return;
		}
		for (var property : schema.path("properties").properties()) {
			names.add(property.getKey());
			collectPropertyNames(property.getValue(), names);
		}
		collectPropertyNames(schema.path("items"), names);
		collectPropertyNames(schema.path("additionalProperties"), names);
		for (String combination : List.of("allOf", "anyOf", "oneOf")) {
			for (JsonNode part : schema.path(combination)) {
				collectPropertyNames(part, names);
			}
		}
	}

}
