package dev.ferry.web.launch;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.ferry.transfer.ExportRequest;

/**
 * What the export form submits. Filter rules come one per row ({@code filters}); they reach the engine one per line,
 * each its own rule (TiUniManager joined them with {@code ;} into one flag). Secrets (the database password and the
 * S3 secret key) are never rendered back: {@link #forgetSecrets()} runs before the form is shown again.
 */
class ExportForm {

	private @Nullable String clusterId;

	private @Nullable String userName;

	private @Nullable String password;

	private String storageType = "nfs";

	private @Nullable String zipName;

	private @Nullable String endpointUrl;

	private @Nullable String bucketUrl;

	private @Nullable String accessKey;

	private @Nullable String secretAccessKey;

	private String fileType = "sql";

	private String tables = "all";

	private List<String> filters = new ArrayList<>(List.of(""));

	private @Nullable String sql;

	private @Nullable String comment;

	/** The filter rows that hold a rule, stripped. */
	List<String> rules() {
		return this.filters.stream()
			.filter(java.util.Objects::nonNull)
			.map(String::strip)
			.filter((rule) -> !rule.isEmpty())
			.toList();
	}

	boolean isS3() {
		return "s3".equals(this.storageType);
	}

	ExportRequest toRequest() {
		boolean byRules = "rules".equals(this.tables);
		boolean bySql = "sql".equals(this.tables);
		return new ExportRequest(this.clusterId, blankToNull(this.userName), emptyToNull(this.password), this.fileType,
				byRules && !rules().isEmpty() ? String.join("\n", rules()) : null, bySql ? blankToNull(this.sql) : null,
				this.storageType, isS3() ? null : blankToNull(this.zipName), isS3() ? blankToNull(this.endpointUrl) : null,
				isS3() ? blankToNull(this.bucketUrl) : null, isS3() ? blankToNull(this.accessKey) : null,
				isS3() ? emptyToNull(this.secretAccessKey) : null, blankToNull(this.comment), null);
	}

	void forgetSecrets() {
		this.password = null;
		this.secretAccessKey = null;
	}

	static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	static @Nullable String emptyToNull(@Nullable String value) {
		return value == null || value.isEmpty() ? null : value;
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

	public String getStorageType() {
		return this.storageType;
	}

	public void setStorageType(String storageType) {
		this.storageType = storageType;
	}

	public @Nullable String getZipName() {
		return this.zipName;
	}

	public void setZipName(@Nullable String zipName) {
		this.zipName = zipName;
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

	public String getFileType() {
		return this.fileType;
	}

	public void setFileType(String fileType) {
		this.fileType = fileType;
	}

	public String getTables() {
		return this.tables;
	}

	public void setTables(String tables) {
		this.tables = tables;
	}

	public List<String> getFilters() {
		return this.filters;
	}

	public void setFilters(List<String> filters) {
		this.filters = new ArrayList<>(filters);
		this.filters.replaceAll((rule) -> rule == null ? "" : rule);
	}

	public @Nullable String getSql() {
		return this.sql;
	}

	public void setSql(@Nullable String sql) {
		this.sql = sql;
	}

	public @Nullable String getComment() {
		return this.comment;
	}

	public void setComment(@Nullable String comment) {
		this.comment = comment;
	}

}
