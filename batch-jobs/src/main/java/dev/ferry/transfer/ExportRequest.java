package dev.ferry.transfer;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * An export as the API takes it: TiUniManager's {@code DataExportReq}, every field a string. {@code userName} and
 * {@code password} default to the cluster's stored credentials when omitted; {@code toolChain} ({@code tidb} or
 * {@code mysql}; {@code native} for Ferry's own engine) defaults to the cluster kind's; {@code compression} and
 * {@code chunkRows} apply to the native engine only.
 */
@Schema(description = "An export: TiUniManager's DataExportReq. Every field is a string; the request is checked "
		+ "completely before anything is created.")
public record ExportRequest(
		@Schema(description = "Id of the registered cluster to export from. Required.", requiredMode = Schema.RequiredMode.REQUIRED, example = "1") @Nullable String clusterId,
		@Schema(description = "User to connect as. Omit it (together with password) to use the cluster's stored user; an empty value is an error. Up to 128 characters.", example = "root") @Nullable String userName,
		@Schema(description = "Password of userName. Omit it to use the cluster's stored password (allowed only when userName is the cluster's user); an empty value is an error. Up to 1000 characters. Write-only: stored encrypted, never returned or logged.", accessMode = Schema.AccessMode.WRITE_ONLY, format = "password", example = "secret") @Nullable String password,
		@Schema(description = "Format of the dump: sql or csv. Required. The mysql tool chain writes sql only (mydumper 0.10); csv needs the tidb chain (dumpling) or the native chain.", requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = { "sql", "csv" }, example = "sql") @Nullable String fileType,
		@Schema(description = "The tables to export: TiDB table-filter rules separated by ';' or line breaks (*, ? and [a-z] wildcards, ! excludes, the last matching rule decides, case-insensitive). Default: every table outside the system schemas. Up to 2000 characters.", example = "shop.*;!shop.tmp_*;crm.customers") @Nullable String filter,
		@Schema(description = "A query to export instead of tables (dumpling --sql): only with fileType csv and without filter, so only on the tidb tool chain (the native chain exports tables only). Up to 2000 characters.", example = "SELECT * FROM shop.orders WHERE created > '2024-01-01'") @Nullable String sql,
		@Schema(description = "Where the dump goes: nfs (Ferry's shared storage, FERRY_EXPORT_ROOT) or s3 (below bucketUrl; needs endpointUrl, bucketUrl, accessKey and secretAccessKey). Required.", requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = { "nfs", "s3" }, example = "nfs") @Nullable String storageType,
		@Schema(description = "File name a download of this export gets. Default data.zip; .zip is appended when missing. A plain file name (no '/', '\\' or '..', not starting or ending with '.'), up to 120 letters, digits, spaces and ._-+().", example = "shop.zip") @Nullable String zipName,
		@Schema(description = "With storageType s3: the S3-compatible endpoint, an absolute http:// or https:// URL with a host and an optional port, nothing else (no path or query). Loopback, link-local and unspecified addresses and Ferry's own port are refused unless ferry.s3.allowed-endpoints allows them.", example = "http://127.0.0.1:9000") @Nullable String endpointUrl,
		@Schema(description = "With storageType s3: s3://bucket or s3://bucket/prefix (s3:// may be omitted). The export writes below <prefix>/ferry-export-<recordId>/.", example = "s3://backups/ferry") @Nullable String bucketUrl,
		@Schema(description = "With storageType s3: the access key id. Write-only: stored encrypted with the record, never returned or logged.", accessMode = Schema.AccessMode.WRITE_ONLY, format = "password", example = "AKIAIOSFODNN7EXAMPLE") @Nullable String accessKey,
		@Schema(description = "With storageType s3: the secret access key. Write-only: stored encrypted with the record, never returned or logged.", accessMode = Schema.AccessMode.WRITE_ONLY, format = "password", example = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") @Nullable String secretAccessKey,
		@Schema(description = "Free text kept with the record, up to 1000 characters.", example = "nightly copy of shop") @Nullable String comment,
		@Schema(description = "Which tools dump: tidb (dumpling), mysql (mydumper) or native (Ferry's own engine: one consistent snapshot, chunked, compressed, checksummed while written; README \"The native tool chain\"). Default: by the cluster's kind (TIDB: tidb, MYSQL: mysql).", allowableValues = { "tidb", "mysql", "native" }, example = "mysql") @Nullable String toolChain,
		@Schema(description = "Compression of the data files: none, gzip (.gz) or zstd (.zst). Default none. Only on the native tool chain.", allowableValues = { "none", "gzip", "zstd" }, example = "zstd") @Nullable String compression,
		@Schema(description = "About how many rows go into one data file (one chunk, one partition of the export), a whole number from 100 to 100000000. Default: the setting FERRY_CHUNK_ROWS. Only on the native tool chain.", example = "250000") @Nullable String chunkRows) {

	/** An export without the native engine's options (compression, chunkRows): the fields of the external tool chains. */
	public ExportRequest(@Nullable String clusterId, @Nullable String userName, @Nullable String password,
			@Nullable String fileType, @Nullable String filter, @Nullable String sql, @Nullable String storageType,
			@Nullable String zipName, @Nullable String endpointUrl, @Nullable String bucketUrl,
			@Nullable String accessKey, @Nullable String secretAccessKey, @Nullable String comment,
			@Nullable String toolChain) {
		this(clusterId, userName, password, fileType, filter, sql, storageType, zipName, endpointUrl, bucketUrl,
				accessKey, secretAccessKey, comment, toolChain, null, null);
	}

	@Override
	public String toString() {
		return "ExportRequest[clusterId=" + this.clusterId + ", userName=" + this.userName + ", fileType="
				+ this.fileType + ", storageType=" + this.storageType + ", zipName=" + this.zipName + ", toolChain="
				+ this.toolChain + ", compression=" + this.compression + ", chunkRows=" + this.chunkRows + "]";
	}

}
