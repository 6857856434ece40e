package dev.ferry.transfer;

import org.jspecify.annotations.Nullable;

/**
 * An export as the API takes it: TiUniManager's {@code DataExportReq}, every field a string. {@code userName} and
 * {@code password} default to the cluster's stored credentials when omitted; {@code toolChain} ({@code tidb} or
 * {@code mysql}) defaults to the cluster kind's.
 */
public record ExportRequest(@Nullable String clusterId, @Nullable String userName, @Nullable String password,
		@Nullable String fileType, @Nullable String filter, @Nullable String sql, @Nullable String storageType,
		@Nullable String zipName, @Nullable String endpointUrl, @Nullable String bucketUrl,
		@Nullable String accessKey, @Nullable String secretAccessKey, @Nullable String comment,
		@Nullable String toolChain) {

	@Override
	public String toString() {
		return "ExportRequest[clusterId=" + this.clusterId + ", userName=" + this.userName + ", fileType="
				+ this.fileType + ", storageType=" + this.storageType + ", zipName=" + this.zipName + "]";
	}

}
