package dev.ferry.web.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.AsyncWebRequest;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.DisconnectedClientHelper;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.record.RecordStatus;
import dev.ferry.record.TransportRecord;
import dev.ferry.record.TransportRecordQuery;
import dev.ferry.upload.DirectoryZipper;
import dev.ferry.upload.DownloadSlots;

/**
 * {@code GET /api/v1/clusters/export/download/{recordId}}: the {@code data/} directory of a finished NFS export as a
 * zip built while it is sent ({@link DirectoryZipper}: relative paths, Zip64, no temporary file, no size cap, so no
 * Content-Length). Every check happens before the first byte, so a refusal is the usual envelope. A failure after the
 * first byte can only cut the connection: the client then holds a zip without its central directory and knows it.
 */
@Tag(name = "Files")
@RestController
class ExportDownloadController {

	private static final Logger log = LoggerFactory.getLogger(ExportDownloadController.class);

	private final TransportRecordQuery records;

	private final DownloadSlots slots;

	ExportDownloadController(TransportRecordQuery records, DownloadSlots slots) {
		this.records = records;
		this.slots = slots;
	}

	@Operation(summary = "Download an export as a zip",
			description = "The data/ directory of a Finished NFS export as a zip built while it is sent (relative "
					+ "paths, Zip64, no Content-Length). Every check happens before the first byte, so a refusal is "
					+ "the usual envelope; a failure after the first byte cuts the connection, leaving a zip without "
					+ "its central directory. HEAD answers the headers only. The file name is the export's zipName.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The zip, streamed.",
					headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"<zipName>\" (plus filename* in UTF-8 when the name is not ASCII)", schema = @Schema(type = "string")),
					content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary", description = "The zip of the export's data/ directory."))),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = OpenApiConfiguration.PARAMETER_INVALID + "the record is not an export, not on shared storage (nfs), or not Finished.\n\n" + OpenApiConfiguration.TRANSFER_LIMITED),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = OpenApiConfiguration.RECORD_NOT_FOUND),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "500", description = OpenApiConfiguration.FILE_DOWNLOAD_FAILED) })
	@GetMapping({ "/api/v1/clusters/export/download/{recordId}", "/transfers/{recordId}/download" })
	ResponseEntity<StreamingResponseBody> download(
			@Parameter(description = "Id of the export record (recordId).") @PathVariable String recordId,
			HttpServletRequest request) {
		TransportRecord record = this.records.get(recordId);
		Path data = dataDirectory(record);
		if ("HEAD".equals(request.getMethod())) {
			return headers(record).build();
		}
		DownloadSlots.Slot slot = this.slots.acquire();
		try {
			withoutAsyncTimeout(request);
			StreamingResponseBody body = (out) -> {
				try (slot) {
					DirectoryZipper.Written written = DirectoryZipper.write(data, out);
					log.info("Record {} downloaded: {} files, {} bytes", record.recordId(), written.files(),
							written.bytes());
				}
				catch (IOException | RuntimeException ex) {
					if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
						log.info("Download of record {} stopped: the client went away", record.recordId());
						return;
					}
					throw new DownloadBroken(record.recordId(), ex);
				}
			};
			return headers(record).body(body);
		}
		catch (RuntimeException ex) {
			slot.close();
			throw ex;
		}
	}

	private static ResponseEntity.BodyBuilder headers(TransportRecord record) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(record.zipName()))
			.header(HttpHeaders.CACHE_CONTROL, "no-store");
	}

	/**
	 * A failure while the zip streams. Not committed yet: the envelope. Committed: rethrown past Spring so that the
	 * container closes the connection instead of ending the chunked body as if the zip were complete.
	 */
	@ExceptionHandler(DownloadBroken.class)
	ResponseEntity<ApiResponse<Void>> broken(DownloadBroken ex, HttpServletResponse response) {
		if (response.isCommitted()) {
			log.warn("Download of record {} broke off: {}", ex.recordId, ex.getCause().toString());
			throw ex;
		}
		log.error("Download of record {} failed", ex.recordId, ex.getCause());
		return ResponseEntity.status(ErrorCode.TIEM_TRANSPORT_FILE_DOWNLOAD_FAILED.httpStatus())
			.body(ApiResponse.error(ErrorCode.TIEM_TRANSPORT_FILE_DOWNLOAD_FAILED.code(),
					"download of record " + ex.recordId + " failed: " + ex.getCause().getMessage()));
	}

	private static Path dataDirectory(TransportRecord record) {
		String id = record.recordId();
		if (!"export".equals(record.transportType())) {
			throw FerryException.invalid("record " + id + " is an " + record.transportType()
					+ ": only exports can be downloaded");
		}
		if (!"nfs".equals(record.storageType())) {
			throw FerryException.invalid("record " + id + " was exported to " + record.storageType()
					+ ", not to shared storage (nfs): its files are in the bucket, download them from there");
		}
		if (!RecordStatus.Finished.name().equals(record.status())) {
			throw FerryException.invalid("record " + id + " is " + record.status()
					+ ": only a Finished export can be downloaded, its files are incomplete until then");
		}
		Path data = record.filePath().isEmpty() ? null : Path.of(record.filePath());
		if (data == null || !Files.isDirectory(data)) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_FILE_DOWNLOAD_FAILED,
					"the files of record " + id + " are gone: " + record.filePath() + " does not exist");
		}
		return data;
	}

	/**
	 * A big zip takes longer than the default async timeout (Tomcat's 30 s), which would cut it off; a stalled client
	 * is still dropped by the connector's write timeout.
	 */
	private static void withoutAsyncTimeout(HttpServletRequest request) {
		AsyncWebRequest async = WebAsyncUtils.getAsyncManager(request).getAsyncWebRequest();
		if (async != null) {
			async.setTimeout(-1L);
		}
	}

	/** RFC 6266: a quoted ASCII fallback, plus {@code filename*} (RFC 8187, UTF-8) when the name is not ASCII. */
	static String contentDisposition(String zipName) {
		String name = zipName.isBlank() ? "data.zip" : zipName;
		StringBuilder ascii = new StringBuilder();
		StringBuilder encoded = new StringBuilder();
		boolean plain = true;
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			boolean safe = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%';
			ascii.append(safe ? c : '_');
			plain &= safe;
		}
		for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "!#$&+-.^_`|~".indexOf(c) >= 0) {
				encoded.append(c);
			}
			else {
				encoded.append('%').append(String.format("%02X", b & 0xff));
			}
		}
		return "attachment; filename=\"" + ascii + "\"" + (plain ? "" : "; filename*=UTF-8''" + encoded);
	}

	/** Carries a failure out of the streaming body, with the record it concerns. */
	static final class DownloadBroken extends UncheckedIOException {

		private final String recordId;

		DownloadBroken(String recordId, Exception cause) {
			super("download of record " + recordId + " broke off",
					cause instanceof IOException io ? io : new IOException(cause));
			this.recordId = recordId;
		}

	}

}
