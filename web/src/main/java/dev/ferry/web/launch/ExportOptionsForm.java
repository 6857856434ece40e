package dev.ferry.web.launch;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The options of an export as a form posts them: shared by the one-off export form and the schedule form (which adds
 * its cron, zone and retention). Filter rules come one per row ({@code filters}); secrets are never rendered back.
 */
public abstract class ExportOptionsForm {

	protected @Nullable String clusterId;

	protected @Nullable String userName;

	protected @Nullable String password;

	protected String storageType = "nfs";

	protected @Nullable String zipName;

	protected @Nullable String endpointUrl;

	protected @Nullable String bucketUrl;

	protected @Nullable String accessKey;

	protected @Nullable String secretAccessKey;

	protected String fileType = "sql";

	protected String tables = "all";

	protected List<String> filters = new ArrayList<>(List.of(""));

	protected @Nullable String sql;

	protected @Nullable String comment;

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

	/** A copy, with empty rows for missing ones (a row the browser sent without a value). */
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
