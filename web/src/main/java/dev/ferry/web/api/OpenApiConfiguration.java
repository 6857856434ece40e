package dev.ferry.web.api;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}, both open without
 * login). Fields, operations and their error codes are documented with annotations on the records and controllers;
 * this adds what annotations cannot say: the document's info, HTTP Basic for every call, the error envelope of every
 * 4xx/5xx answer, 401 and 9999 on every call, and the keys of the answers whose {@code data} is a map.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BASIC_AUTH = "basicAuth";

	static final String ERROR_SCHEMA = "ErrorResponse";

	// Error descriptions the controllers' @ApiResponse annotations use (README, "Error codes").

	static final String PARAMETER_INVALID = "10001 PARAMETER_INVALID: ";

	static final String CLUSTER_NOT_FOUND = "10003 CLUSTER_NOT_FOUND: the clusterId is unknown.";

	static final String CONFIG_INVALID = "60101 TIEM_TRANSPORT_SYSTEM_CONFIG_INVALID: a setting is wrong, e.g. the tool "
			+ "binary is not installed.";

	static final String RECORD_NOT_FOUND = "60102 TIEM_TRANSPORT_RECORD_NOT_FOUND: the recordId is unknown.";

	static final String RECORD_CREATE_FAILED = "60103 TIEM_TRANSPORT_RECORD_CREATE_FAILED: the job could not be "
			+ "launched.";

	static final String RECORD_DELETE_FAILED = "60104 TIEM_TRANSPORT_RECORD_DELETE_FAILED: the record could not be "
			+ "deleted.";

	static final String FILE_DELETE_FAILED = "60106 TIEM_TRANSPORT_FILE_DELETE_FAILED: the record's files (or S3 "
			+ "objects) could not be removed.";

	static final String PATH_CREATE_FAILED = "60107 TIEM_TRANSPORT_PATH_CREATE_FAILED: a storage directory cannot be "
			+ "created or written.";

	static final String FILE_SIZE_INVALID = "60108 TIEM_TRANSPORT_FILE_SIZE_INVALID: the upload is larger than "
			+ "FERRY_MAX_UPLOAD_BYTES.";

	static final String FILE_UPLOAD_FAILED = "60109 TIEM_TRANSPORT_FILE_UPLOAD_FAILED: the upload could not be "
			+ "stored.";

	static final String FILE_DOWNLOAD_FAILED = "60110 TIEM_TRANSPORT_FILE_DOWNLOAD_FAILED: the export's files are "
			+ "gone or could not be read.";

	static final String TRANSFER_LIMITED = "60111 TIEM_TRANSPORT_FILE_TRANSFER_LIMITED: too many uploads/downloads "
			+ "at once; try again later.";

	static final String INTERNAL_ERROR = "9999 (internal error): anything unexpected; details only in the server log.";

	private static final String DESCRIPTION = """
			Ferry moves data out of and into TiDB and MySQL/MariaDB clusters (Spring Batch jobs around \
			dumpling/tidb-lightning and mydumper/myloader), with TiUniManager's transfer API.

			**Envelope.** Every JSON answer is `{code, message, data}`; lists add `page {page, pageSize, total}`. \
			`code` 0 is OK; on an error `data` is absent and `message` says what went wrong.

			**Authentication.** Every call needs HTTP Basic authentication (`-u user:password`); the API is \
			stateless. Only this description, Swagger UI and `/actuator/health` are open.

			**Error codes**

			| code | name | HTTP | when |
			|---|---|---|---|
			| 10001 | PARAMETER_INVALID | 400 | any field, query parameter or JSON body that is wrong; the message names it |
			| 10003 | CLUSTER_NOT_FOUND | 404 | unknown `clusterId` |
			| 60100 | TIEM_TRANSPORT_SYSTEM_CONFIG_NOT_FOUND | 404 | a needed setting is missing |
			| 60101 | TIEM_TRANSPORT_SYSTEM_CONFIG_INVALID | 400 | a setting is wrong, e.g. the tool binary is not installed |
			| 60102 | TIEM_TRANSPORT_RECORD_NOT_FOUND | 404 | unknown record |
			| 60103 | TIEM_TRANSPORT_RECORD_CREATE_FAILED | 500 | the job could not be launched |
			| 60104 | TIEM_TRANSPORT_RECORD_DELETE_FAILED | 500 | a record could not be deleted |
			| 60105 | TIEM_TRANSPORT_RECORD_QUERY_FAILED | 500 | records could not be read |
			| 60106 | TIEM_TRANSPORT_FILE_DELETE_FAILED | 500 | a record's files could not be removed |
			| 60107 | TIEM_TRANSPORT_PATH_CREATE_FAILED | 500 | a storage directory cannot be created or written |
			| 60108 | TIEM_TRANSPORT_FILE_SIZE_INVALID | 400 | an upload is too large |
			| 60109 | TIEM_TRANSPORT_FILE_UPLOAD_FAILED | 500 | an upload failed |
			| 60110 | TIEM_TRANSPORT_FILE_DOWNLOAD_FAILED | 500 | a download failed |
			| 60111 | TIEM_TRANSPORT_FILE_TRANSFER_LIMITED | 400 | too many uploads/downloads at once |
			| 60200 | SCHEDULE_NOT_FOUND | 404 | unknown `scheduleId` (Ferry's own code) |
			| 70650 | RBAC_PERMISSION_CHECK_FAILED | 403 | the caller's role does not allow the call (TiUniManager's code) |
			| 9999 | (internal error) | 500 | anything unexpected; details only in the server log |

			Every answer is JSON, whatever `Accept` asks (a download answers its zip): `Accept: application/xml` \
			gets the same JSON answer, never an empty 406. A request that the HTTP server refuses before Ferry \
			sees it (headers larger than it accepts, a malformed request line) gets 400 with code 10001 too.
			""";

	/** What the {@code data} map of an operation's answer holds: its keys, each with a schema. */
	private record MapAnswer(String method, String path, String schemaName, String description,
			Map<String, Schema<?>> keys) {
	}

	@Bean
	OpenAPI ferryOpenApi(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		String version = (properties != null && properties.getVersion() != null) ? properties.getVersion() : "v1";
		return new OpenAPI()
			.info(new Info().title("Ferry API")
				.version(version)
				.description(DESCRIPTION)
				.license(new License().name("Apache-2.0")))
			.components(new Components()
				.addSecuritySchemes(BASIC_AUTH,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("basic")
							.description("HTTP Basic with a Ferry user (the first one is admin, password from "
									+ "FERRY_ADMIN_PASSWORD or printed once at the first start).")))
			.addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
	}

	@Bean
	OpenApiCustomizer ferryOpenApiCustomizer() {
		return (openApi) -> {
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			openApi.getComponents().addSchemas(ERROR_SCHEMA, errorSchema());
			mapAnswers().forEach((answer) -> describeMapAnswer(openApi, answer));
			if (openApi.getPaths() != null) {
				openApi.getPaths().forEach((path, item) -> {
					if (path.startsWith("/api/")) {
						item.readOperations().forEach(OpenApiConfiguration::completeResponses);
					}
				});
			}
			dropUnreferencedSchemas(openApi);
		};
	}

	private static Schema<Object> errorSchema() {
		return object().description("The envelope of a refused or failed call: no data, an error code and a message.")
			.addProperty("code", type("integer").format("int32")
				.description("Ferry's error code (see the table in the API description): 10001, 10003, 60100-60111, "
						+ "60200, 70650 or 9999.")
				.example(10001))
			.addProperty("message", type("string").description("What went wrong, naming the field, parameter or record.")
				.example("clusterId is required"));
	}

	private static List<MapAnswer> mapAnswers() {
		Map<String, Schema<?>> upload = new LinkedHashMap<>();
		upload.put("uploadId", type("string")
			.description("Id of the staged upload (a UUID): pass it as the uploadId of POST /api/v1/clusters/import. "
					+ "Kept 24 hours, used once.")
			.example("0b8e4f6c-3f7d-4a51-9a3e-1f2d3c4b5a69"));
		upload.put("clusterId", type("string").description("The cluster the upload is for; only an import into it may "
				+ "use it.").example("2"));
		upload.put("size", type("integer").format("int64").description("Bytes of the zip.").example(1048576));
		upload.put("entries", type("integer").format("int32")
			.description("Files in the zip (directories and __MACOSX entries not counted).")
			.example(24));
		upload.put("unpackedBytes", type("integer").format("int64")
			.description("Declared size of those files once unpacked.")
			.example(8388608));
		return List.of(
				new MapAnswer("GET", "/api/v1/clusters", "ClusterList", "The registered clusters.",
						Map.of("clusters", array("ClusterView", "Every registered cluster (passwords never)."))),
				new MapAnswer("DELETE", "/api/v1/clusters/{clusterId}", "ClusterDeleted", "The deleted cluster.",
						Map.of("clusterId", type("string").description("Id of the deleted cluster.").example("1"))),
				new MapAnswer("GET", "/api/v1/clusters/transport", "TransportRecordList",
						"One page of transfer records, newest first.",
						Map.of("transportRecords", array("TransportRecord", "The records of this page, newest first."))),
				new MapAnswer("DELETE", "/api/v1/clusters/transport/{recordId}", "TransportRecordDeleted",
						"The deleted record.",
						Map.of("recordId", type("string").description("Id of the deleted record.").example("42"))),
				new MapAnswer("POST", "/api/v1/clusters/import/upload", "UploadResult",
						"The staged upload, to be named by an import.", upload),
				new MapAnswer("GET", "/api/v1/schedules", "ScheduleList", "The schedules.",
						Map.of("schedules", array("Schedule", "Every schedule, oldest first."))),
				new MapAnswer("DELETE", "/api/v1/schedules/{scheduleId}", "ScheduleDeleted", "The deleted schedule.",
						Map.of("scheduleId", type("string").description("Id of the deleted schedule.").example("3"))),
				new MapAnswer("GET", "/api/v1/schedules/{scheduleId}/runs", "ScheduleRunList",
						"The schedule's run history.",
						Map.of("runs", array("ScheduleRun", "Its last 200 fires, newest first."))));
	}

	/**
	 * Replaces the answer schema springdoc derives from {@code ApiResponse<Map<...>>} (a map without keys) by a named
	 * copy whose {@code data} lists the keys.
	 */
	private static void describeMapAnswer(OpenAPI openApi, MapAnswer answer) {
		Operation operation = operation(openApi, answer.path(), answer.method());
		if (operation == null || operation.getResponses() == null) {
			return;
		}
		operation.getResponses().forEach((status, response) -> {
			if (!status.startsWith("2") || response.getContent() == null) {
				return;
			}
			response.getContent().values().forEach((media) -> {
				Schema<?> envelope = resolve(openApi, media.getSchema());
				if (envelope == null || envelope.getProperties() == null) {
					return;
				}
				Schema<Object> answerSchema = object().description(envelope.getDescription());
				envelope.getProperties().forEach(answerSchema::addProperty);
				Schema<Object> data = object().description(answer.description());
				answer.keys().forEach(data::addProperty);
				answerSchema.addProperty("data", data);
				openApi.getComponents().addSchemas(answer.schemaName(), answerSchema);
				media.setSchema(new Schema<>().$ref("#/components/schemas/" + answer.schemaName()));
			});
		});
	}

	/**
	 * Every API call: JSON answers declared as such, the error envelope on every 4xx/5xx answer, 401 for missing or
	 * wrong credentials and 9999 for the unexpected.
	 */
	private static void completeResponses(Operation operation) {
		ApiResponses responses = operation.getResponses();
		if (responses == null) {
			responses = new ApiResponses();
			operation.setResponses(responses);
		}
		responses.forEach((status, response) -> {
			Content content = response.getContent();
			if (content != null && content.containsKey("*/*")) {
				content.put("application/json", content.remove("*/*"));
			}
			if (status.startsWith("4") || status.startsWith("5")) {
				response.setContent(new Content().addMediaType("application/json",
						new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA))));
			}
		});
		if (!responses.containsKey("401")) {
			responses.addApiResponse("401", new io.swagger.v3.oas.models.responses.ApiResponse()
				.description("No or wrong HTTP Basic credentials (answered by Spring Security, with a "
						+ "WWW-Authenticate header; the body is not the envelope)."));
		}
		io.swagger.v3.oas.models.responses.ApiResponse internal = responses.get("500");
		if (internal == null) {
			responses.addApiResponse("500", new io.swagger.v3.oas.models.responses.ApiResponse()
				.description(INTERNAL_ERROR)
				.content(new Content().addMediaType("application/json",
						new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA)))));
		}
		else if (internal.getDescription() == null || !internal.getDescription().contains("9999")) {
			internal.setDescription((internal.getDescription() == null ? "" : internal.getDescription() + "\n\n")
					+ INTERNAL_ERROR);
		}
	}

	/** Schemas that no operation reaches any more (those the map answers replaced). */
	private static void dropUnreferencedSchemas(OpenAPI openApi) {
		Map<String, Schema> schemas = openApi.getComponents() == null ? null : openApi.getComponents().getSchemas();
		if (schemas == null || openApi.getPaths() == null) {
			return;
		}
		Set<String> reached = new HashSet<>();
		Deque<String> pending = new ArrayDeque<>(references(Json31.pretty(openApi.getPaths())));
		while (!pending.isEmpty()) {
			String name = pending.pop();
			if (reached.add(name) && schemas.containsKey(name)) {
				pending.addAll(references(Json31.pretty(schemas.get(name))));
			}
		}
		schemas.keySet().removeIf((name) -> !reached.contains(name));
	}

	private static Set<String> references(String json) {
		Set<String> names = new HashSet<>();
		Matcher matcher = Pattern.compile("#/components/schemas/([^\"]+)\"").matcher(json);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	private static @Nullable Operation operation(OpenAPI openApi, String path, String method) {
		PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
		return item == null ? null : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
	}

	private static @Nullable Schema<?> resolve(OpenAPI openApi, @Nullable Schema<?> schema) {
		if (schema == null || schema.get$ref() == null || openApi.getComponents() == null
				|| openApi.getComponents().getSchemas() == null) {
			return schema;
		}
		String ref = schema.get$ref();
		return openApi.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
	}

	// OpenAPI 3.1 reads "types", 3.0 reads "type": set both so that either output is right.

	private static Schema<Object> object() {
		return type("object");
	}

	private static Schema<Object> type(String type) {
		Schema<Object> schema = new Schema<>();
		schema.type(type);
		schema.addType(type);
		return schema;
	}

	private static Schema<Object> array(String itemSchema, String description) {
		Schema<Object> schema = type("array").description(description);
		schema.setItems(new Schema<>().$ref("#/components/schemas/" + itemSchema));
		return schema;
	}

}
