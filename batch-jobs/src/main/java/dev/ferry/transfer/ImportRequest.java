package dev.ferry.transfer;

import org.jspecify.annotations.Nullable;

/**
 * An import as the API takes it: TiUniManager's {@code DataImportReq} plus {@code uploadId} (a zip uploaded with
 * {@code POST /api/v1/clusters/import/upload}) and {@code overwrite} (replace tables that already hold data).
 * {@code toolChain} as for exports; {@code backend} ({@code local} or {@code tidb}) is tidb-lightning's. Exactly one
 * source: {@code recordId} (re-import of an earlier NFS export), {@code uploadId}, or S3 fields.
 */
public record ImportRequest(@Nullable String clusterId, @Nullable String userName, @Nullable String password,
		@Nullable String recordId, @Nullable String uploadId, @Nullable String storageType,
		@Nullable String endpointUrl, @Nullable String bucketUrl, @Nullable String accessKey,
		@Nullable String secretAccessKey, @Nullable String comment, @Nullable Boolean overwrite,
		@Nullable String toolChain, @Nullable String backend) {

	@Override
	public String toString() {
		return "ImportRequest[clusterId=" + this.clusterId + ", recordId=" + this.recordId + ", uploadId="
				+ this.uploadId + ", storageType=" + this.storageType + "]";
	}

}
