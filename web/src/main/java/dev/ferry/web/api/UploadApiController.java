package dev.ferry.web.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.ferry.upload.StagedUpload;
import dev.ferry.web.upload.MultipartUploadReceiver;

/**
 * {@code POST /api/v1/clusters/import/upload}: a zip to import, as multipart {@code file} plus the form field
 * {@code clusterId}, in either order, streamed to its staging file by {@link MultipartUploadReceiver} (shared with
 * the console's upload). Answers {@code {uploadId, clusterId, size, entries, unpackedBytes}}; the uploadId goes into
 * the import request.
 */
@Tag(name = "Files", description = "Upload a zip to import, download a finished export as a zip.")
@RestController
class UploadApiController {

	private final MultipartUploadReceiver receiver;

	UploadApiController(MultipartUploadReceiver receiver) {
		this.receiver = receiver;
	}

	@Operation(summary = "Upload a zip to import",
			description = "multipart/form-data with the zip as part 'file' and the form field 'clusterId', in either "
					+ "order (at most 16 parts). The zip is streamed to a staging directory and checked (entries, "
					+ "unpacked size, compression ratio, safe paths); the answer's uploadId goes into POST "
					+ "/api/v1/clusters/import. Uploads are kept 24 hours and used once. Data is {uploadId, "
					+ "clusterId, size, entries, unpackedBytes}.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					description = "The zip and the cluster it is for.",
					content = @Content(mediaType = "multipart/form-data",
							schemaProperties = {
									@SchemaProperty(name = "clusterId", schema = @Schema(type = "string",
											description = "Id of the target cluster; only an import into it may use "
													+ "the upload. Required.",
											requiredMode = Schema.RequiredMode.REQUIRED, example = "2")),
									@SchemaProperty(name = "file", schema = @Schema(type = "string", format = "binary",
											description = "The zip to import: a dump (e.g. an export downloaded from "
													+ "Ferry). Up to FERRY_MAX_UPLOAD_BYTES. Required.",
											requiredMode = Schema.RequiredMode.REQUIRED)) },
							encoding = @Encoding(name = "file", contentType = "application/zip"))))
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "Staged: the upload to name in an import."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = OpenApiConfiguration.PARAMETER_INVALID + "not a multipart request, part file or field clusterId missing or repeated, a malformed or cut-off body, or a zip that is not safe to unpack (too many entries, too large unpacked, suspicious compression ratio or paths).\n\n" + OpenApiConfiguration.FILE_SIZE_INVALID + "\n\n" + OpenApiConfiguration.TRANSFER_LIMITED),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = OpenApiConfiguration.CLUSTER_NOT_FOUND),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "500", description = OpenApiConfiguration.PATH_CREATE_FAILED + "\n\n" + OpenApiConfiguration.FILE_UPLOAD_FAILED) })
	@PostMapping("/api/v1/clusters/import/upload")
	ApiResponse<Map<String, Object>> upload(HttpServletRequest request) {
		StagedUpload staged = this.receiver.receive(request);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("uploadId", staged.uploadId());
		data.put("clusterId", staged.clusterId());
		data.put("size", staged.size());
		data.put("entries", staged.entries());
		data.put("unpackedBytes", staged.unpackedBytes());
		return ApiResponse.ok(data);
	}

}
