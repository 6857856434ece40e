package dev.ferry.web.launch;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.ferry.transfer.ExportRequest;

/**
 * What the export form submits. Filter rules come one per row ({@code filters}); they reach the engine one per line,
 * each its own rule (TiUniManager joined them with {@code ;} into one flag). Secrets (the database password and the
 * S3 secret key) are never rendered back: {@link #forgetSecrets()} runs before the form is shown again.
 */
class ExportForm extends ExportOptionsForm {

	/** Blank: by the cluster's kind. */
	private String toolChain = "";

	private String compression = "none";

	private @Nullable String chunkRows;

	public String getToolChain() {
		return this.toolChain;
	}

	public void setToolChain(@Nullable String toolChain) {
		this.toolChain = toolChain == null ? "" : toolChain;
	}

	public String getCompression() {
		return this.compression;
	}

	public void setCompression(@Nullable String compression) {
		this.compression = compression == null ? "none" : compression;
	}

	public @Nullable String getChunkRows() {
		return this.chunkRows;
	}

	public void setChunkRows(@Nullable String chunkRows) {
		this.chunkRows = chunkRows;
	}

	boolean isNative() {
		return "native".equals(this.toolChain);
	}

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
				isS3() ? emptyToNull(this.secretAccessKey) : null, blankToNull(this.comment), blankToNull(this.toolChain),
				isNative() || !"none".equals(this.compression) ? blankToNull(this.compression) : null,
				isNative() ? blankToNull(this.chunkRows) : null);
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

}
