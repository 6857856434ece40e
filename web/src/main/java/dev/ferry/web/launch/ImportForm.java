package dev.ferry.web.launch;

import org.jspecify.annotations.Nullable;

import dev.ferry.transfer.ImportRequest;

/**
 * What the import form submits: the target, exactly one source ({@code upload}: an uploadId from
 * {@code POST /transfers/import/upload}; {@code record}: an earlier NFS export; {@code s3}), overwrite, the
 * tidb-lightning backend (TiDB clusters only) and a comment. Secrets are never rendered back.
 */
class ImportForm extends TransferForm {

	private String source = "upload";

	private @Nullable String uploadId;

	private @Nullable String recordId;

	private boolean overwrite;

	private @Nullable String backend;

	ImportRequest toRequest() {
		boolean s3 = "s3".equals(this.source);
		return new ImportRequest(this.clusterId, ExportForm.blankToNull(this.userName),
				ExportForm.emptyToNull(this.password),
				"record".equals(this.source) ? ExportForm.blankToNull(this.recordId) : null,
				"upload".equals(this.source) ? ExportForm.blankToNull(this.uploadId) : null, s3 ? "s3" : "nfs",
				s3 ? ExportForm.blankToNull(this.endpointUrl) : null, s3 ? ExportForm.blankToNull(this.bucketUrl) : null,
				s3 ? ExportForm.blankToNull(this.accessKey) : null, s3 ? ExportForm.emptyToNull(this.secretAccessKey) : null,
				ExportForm.blankToNull(this.comment), this.overwrite, null, ExportForm.blankToNull(this.backend));
	}

	boolean hasSecrets() {
		return this.password != null && !this.password.isEmpty()
				|| this.secretAccessKey != null && !this.secretAccessKey.isEmpty();
	}

	void forgetSecrets() {
		this.password = null;
		this.secretAccessKey = null;
	}

	public String getSource() {
		return this.source;
	}

	public void setSource(String source) {
		this.source = source;
	}

	public @Nullable String getUploadId() {
		return this.uploadId;
	}

	public void setUploadId(@Nullable String uploadId) {
		this.uploadId = uploadId;
	}

	public @Nullable String getRecordId() {
		return this.recordId;
	}

	public void setRecordId(@Nullable String recordId) {
		this.recordId = recordId;
	}

	public boolean isOverwrite() {
		return this.overwrite;
	}

	public void setOverwrite(boolean overwrite) {
		this.overwrite = overwrite;
	}

	public @Nullable String getBackend() {
		return this.backend;
	}

	public void setBackend(@Nullable String backend) {
		this.backend = backend;
	}

}
