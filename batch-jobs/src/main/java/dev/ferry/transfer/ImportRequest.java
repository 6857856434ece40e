package dev.ferry.transfer;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * An import as the API takes it: TiUniManager's {@code DataImportReq} plus {@code uploadId} (a zip uploaded with
 * {@code POST /api/v1/clusters/import/upload}) and {@code overwrite} (replace tables that already hold data).
 * {@code toolChain} as for exports; {@code backend} ({@code local} or {@code tidb}) is tidb-lightning's. Exactly one
 * source: {@code recordId} (re-import of an earlier NFS export), {@code uploadId}, or S3 fields.
 */
@Schema(description = "An import: TiUniManager's DataImportReq plus uploadId, overwrite, toolChain and backend. "
		+ "Exactly one source: recordId, uploadId, or storageType s3 with its fields.")
public record ImportRequest(
		@Schema(description = "Id of the target cluster. Required. At most one import runs per target cluster.", requiredMode = Schema.RequiredMode.REQUIRED, example = "2") @Nullable String clusterId,
		@Schema(description = "User to connect as. Omit it (together with password) to use the cluster's stored user; an empty value is an error. Up to 128 characters.", example = "root") @Nullable String userName,
		@Schema(description = "Password of userName. Omit it to use the cluster's stored password (allowed only when userName is the cluster's user); an empty value is an error. Up to 1000 characters. Write-only: stored encrypted, never returned or logged.", accessMode = Schema.AccessMode.WRITE_ONLY, format = "password", example = "secret") @Nullable String password,
		@Schema(description = "Source: the recordId of a Finished NFS export to re-import, read in place (its files must still exist).", example = "42") @Nullable String recordId,
		@Schema(description = "Source: the uploadId answered by POST /api/v1/clusters/import/upload for this same cluster (uploads are kept 24 hours and used once).", example = "0b8e4f6c-3f7d-4a51-9a3e-1f2d3c4b5a69") @Nullable String uploadId,
		@Schema(description = "nfs (default: the source is recordId or uploadId) or s3 (the dump files at bucketUrl; needs endpointUrl, bucketUrl, accessKey and secretAccessKey, and no recordId or uploadId).", allowableValues = { "nfs", "s3" }, example = "nfs") @Nullable String storageType,
		@Schema(description = "With storageType s3: the S3-compatible endpoint, an absolute http:// or https:// URL with a host and an optional port, nothing else (no path or query). Loopback, link-local and unspecified addresses and Ferry's own port are refused unless ferry.s3.allowed-endpoints allows them.", example = "http://127.0.0.1:9000") @Nullable String endpointUrl,
		@Schema(description = "With storageType s3: where the dump files are, s3://bucket or s3://bucket/prefix (s3:// may be omitted), e.g. the filePath of an S3 export.", example = "s3://backups/ferry/ferry-export-42") @Nullable String bucketUrl,
		@Schema(description = "With storageType s3: the access key id. Write-only: stored encrypted with the record, never returned or logged.", accessMode = Schema.AccessMode.WRITE_ONLY, format = "password", example = "AKIAIOSFODNN7EXAMPLE") @Nullable String accessKey,
		@Schema(description = "With storageType s3: the secret access key. Write-only: stored encrypted with the record, never returned or logged.", accessMode = Schema.AccessMode.WRITE_ONLY, format = "password", example = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") @Nullable String secretAccessKey,
		@Schema(description = "Free text kept with the record, up to 1000 characters.", example = "nightly copy of shop") @Nullable String comment,
		@Schema(description = "Default false: if tables of the dump already hold rows in the target, the import is refused naming them. true: replace them (myloader drops and re-creates them; on the tidb chain it needs backend tidb).", defaultValue = "false", example = "false") @Nullable Boolean overwrite,
		@Schema(description = "Which tools load: tidb (tidb-lightning) or mysql (myloader). Default: by the cluster's kind (TIDB: tidb, MYSQL: mysql).", allowableValues = { "tidb", "mysql" }, example = "mysql") @Nullable String toolChain,
		@Schema(description = "tidb-lightning's backend, tidb tool chain only: local (physical; needs the cluster's pdAddress and statusPort, imports into empty tables, no overwrite) or tidb (logical, works against MySQL too). Default: local for a cluster with pdAddress and statusPort unless overwrite, else tidb.", allowableValues = { "local", "tidb" }, example = "tidb") @Nullable String backend) {

	@Override
	public String toString() {
		return "ImportRequest[clusterId=" + this.clusterId + ", recordId=" + this.recordId + ", uploadId="
				+ this.uploadId + ", storageType=" + this.storageType + "]";
	}

}
