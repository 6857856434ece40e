package dev.ferry.web.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.DisconnectedClientHelper;
import org.springframework.web.util.WebUtils;

import dev.ferry.cluster.ClusterService;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.upload.StagedUpload;
import dev.ferry.upload.UploadStore;
import dev.ferry.upload.UploadTicket;

/**
 * {@code POST /api/v1/clusters/import/upload}: a zip to import, as multipart {@code file} plus the form field
 * {@code clusterId}, in either order. The body is parsed as a stream (commons-fileupload2): the file goes straight to
 * its staging file, never into memory nor to the servlet container's temp directory, which is why Spring's multipart
 * resolver must be off ({@code spring.servlet.multipart.enabled=false}). Answers {@code {uploadId, clusterId, size,
 * entries, unpackedBytes}}; the uploadId goes into the import request.
 */
@Tag(name = "Files", description = "Upload a zip to import, download a finished export as a zip.")
@RestController
class UploadApiController {

	static final String FILE = "file";

	static final String CLUSTER_ID = "clusterId";

	private static final int MAX_FIELD_BYTES = 1024;

	private static final int MAX_PARTS = 16;

	private static final Logger log = LoggerFactory.getLogger(UploadApiController.class);

	private final UploadStore uploads;

	private final ClusterService clusters;

	UploadApiController(UploadStore uploads, ClusterService clusters) {
		this.uploads = uploads;
		this.clusters = clusters;
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
		if (WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class) != null) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_FILE_UPLOAD_FAILED, "the upload was already parsed by "
					+ "Spring's multipart resolver; set spring.servlet.multipart.enabled=false so that Ferry streams it");
		}
		if (!JakartaServletFileUpload.isMultipartContent(request)) {
			throw FerryException.invalid("an upload must be a multipart/form-data POST with the zip as part '" + FILE
					+ "' and the form field '" + CLUSTER_ID + "', not " + request.getContentType());
		}
		this.uploads.checkRequestLength(request.getContentLengthLong());
		String clusterId = null;
		UploadTicket ticket = null;
		try {
			FileItemInputIterator items = new JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory>()
				.getItemIterator(request);
			int parts = 0;
			while (items.hasNext()) {
				FileItemInput item = items.next();
				if (++parts > MAX_PARTS) {
					throw FerryException.invalid("the upload has more than " + MAX_PARTS + " parts");
				}
				if (item.isFormField()) {
					if (CLUSTER_ID.equals(item.getFieldName())) {
						clusterId = this.clusters.get(field(item)).clusterId();
					}
					continue;
				}
				if (!FILE.equals(item.getFieldName())) {
					throw FerryException.invalid("unexpected file part '" + item.getFieldName() + "': send the zip as '"
							+ FILE + "'");
				}
				if (ticket != null) {
					throw FerryException.invalid("send one zip per upload");
				}
				ticket = this.uploads.begin();
				try (InputStream in = item.getInputStream()) {
					in.transferTo(ticket.output());
				}
			}
			if (ticket == null) {
				throw FerryException.invalid("the upload has no part '" + FILE + "' with the zip");
			}
			if (clusterId == null) {
				throw FerryException.invalid("the upload has no form field '" + CLUSTER_ID + "'");
			}
			StagedUpload staged = ticket.complete(clusterId);
			log.info("Upload {} for cluster {} staged: {} bytes, {} files", staged.uploadId(), clusterId, staged.size(),
					staged.entries());
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("uploadId", staged.uploadId());
			data.put("clusterId", staged.clusterId());
			data.put("size", staged.size());
			data.put("entries", staged.entries());
			data.put("unpackedBytes", staged.unpackedBytes());
			return ApiResponse.ok(data);
		}
		catch (FileUploadException ex) {
			log.info("Upload {} refused: {}", ticket == null ? "(none)" : ticket.uploadId(), ex.toString());
			throw FerryException.invalid("the multipart request is malformed or was cut off: " + ex.getMessage());
		}
		catch (IOException ex) {
			if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
				log.info("Upload {} aborted: the client went away", ticket == null ? "(none)" : ticket.uploadId());
				throw FerryException.invalid("the upload was cut off by the client");
			}
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_FILE_UPLOAD_FAILED,
					"the upload failed: " + ex.getMessage(), ex);
		}
		finally {
			if (ticket != null) {
				ticket.close();
			}
		}
	}

	private static String field(FileItemInput item) throws IOException {
		try (InputStream in = item.getInputStream()) {
			byte[] bytes = in.readNBytes(MAX_FIELD_BYTES + 1);
			if (bytes.length > MAX_FIELD_BYTES) {
				throw FerryException.invalid("form field '" + item.getFieldName() + "' is too long");
			}
			String value = new String(bytes, StandardCharsets.UTF_8).strip();
			if (value.isEmpty()) {
				throw FerryException.invalid("form field '" + item.getFieldName() + "' is empty");
			}
			return value;
		}
	}

}
