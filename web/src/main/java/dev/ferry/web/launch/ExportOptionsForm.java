package dev.ferry.web.launch;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The options of an export as a form posts them: shared by the one-off export form and the schedule form (which adds
 * its cron, zone and retention). Filter rules come one per row ({@code filters}); secrets are never rendered back.
 */
public abstract class ExportOptionsForm extends TransferForm {

	protected String storageType = "nfs";

	protected @Nullable String zipName;

	protected String fileType = "sql";

	protected String tables = "all";

	protected List<String> filters = new ArrayList<>(List.of(""));

	protected @Nullable String sql;

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

}
