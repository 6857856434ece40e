package dev.ferry.web.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.DisconnectedClientHelper;
import org.springframework.web.util.WebUtils;

import dev.ferry.audit.AuditLog;
import dev.ferry.cluster.ClusterService;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.upload.StagedUpload;
import dev.ferry.upload.UploadStore;
import dev.ferry.upload.UploadTicket;

/**
 * Streams a multipart upload, the zip as part {@code file} plus the form field {@code clusterId} in either order, to
 * its staging file in the {@link UploadStore} (commons-fileupload2): never into memory nor the servlet container's
 * temp directory, which is why Spring's multipart resolver must be off ({@code spring.servlet.multipart.enabled=false}).
 * Every refusal is a {@link FerryException} whose message says what was wrong; a staged upload is audited
 * ({@code upload.create}).
 */
@Component
public class MultipartUploadReceiver {

	public static final String FILE = "file";

	public static final String CLUSTER_ID = "clusterId";

	private static final int MAX_FIELD_BYTES = 1024;

	private static final int MAX_PARTS = 16;

	private static final Logger log = LoggerFactory.getLogger(MultipartUploadReceiver.class);

	private final UploadStore uploads;

	private final ClusterService clusters;

	private final AuditLog audit;

	MultipartUploadReceiver(UploadStore uploads, ClusterService clusters, AuditLog audit) {
		this.uploads = uploads;
		this.clusters = clusters;
		this.audit = audit;
	}

	/** The largest zip the store takes. */
	public long maxUploadBytes() {
		return this.uploads.maxUploadBytes();
	}

	/** Reads the request to its end and stages the zip; returns it once checked. */
	public StagedUpload receive(HttpServletRequest request) {
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
			this.audit.record(actor(request), "upload.create", "upload " + staged.uploadId(),
					"cluster " + clusterId + ", " + staged.size() + " bytes, " + staged.entries() + " files");
			return staged;
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

	private static String actor(HttpServletRequest request) {
		return (request.getUserPrincipal() != null) ? request.getUserPrincipal().getName() : "anonymous";
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
