package dev.ferry.web.launch;

import org.jspecify.annotations.Nullable;

import dev.ferry.transfer.ImportRequest;

/**
 * What the import form submits: the target, exactly one source ({@code upload}: an uploadId from
 * {@code POST /transfers/import/upload}; {@code record}: an earlier NFS export; {@code s3}), overwrite, the
 * tidb-lightning backend (TiDB clusters only) and a comment. Secrets are never rendered back.
 */
class ImportForm {

	private @Nullable String clusterId;

	private @Nullable String userName;

	private @Nullable String password;

	private String source = "upload";

	private @Nullable String uploadId;

	private @Nullable String recordId;

	private @Nullable String endpointUrl;

	private @Nullable String bucketUrl;

	private @Nullable String accessKey;

	private @Nullable String secretAccessKey;

	private boolean overwrite;

	private @Nullable String backend;

	private @Nullable String comment;

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

	public @Nullable String getClusterId() {
		return this.clusterId;
	}

	public void setClusterId(@Nullable String clusterId) {
		this.clusterId = clusterId;
	}

	public @Nullable String getUserName() {
		return this.userName;
	}

	public void setUserName(@Nullable String userName) {
		this.userName = userName;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
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

	public @Nullable String getEndpointUrl() {
		return this.endpointUrl;
	}

	public void setEndpointUrl(@Nullable String endpointUrl) {
		this.endpointUrl = endpointUrl;
	}

	public @Nullable String getBucketUrl() {
		return this.bucketUrl;
	}

	public void setBucketUrl(@Nullable String bucketUrl) {
		this.bucketUrl = bucketUrl;
	}

	public @Nullable String getAccessKey() {
		return this.accessKey;
	}

	public void setAccessKey(@Nullable String accessKey) {
		this.accessKey = accessKey;
	}

	public @Nullable String getSecretAccessKey() {
		return this.secretAccessKey;
	}

	public void setSecretAccessKey(@Nullable String secretAccessKey) {
		this.secretAccessKey = secretAccessKey;
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

	public @Nullable String getComment() {
		return this.comment;
	}

	public void setComment(@Nullable String comment) {
		this.comment = comment;
	}

}
