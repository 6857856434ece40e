package dev.ferry.transfer;

import org.jspecify.annotations.Nullable;

import dev.ferry.cluster.Cluster;

/**
 * A checked export request, ready to become job parameters. {@code compression} is {@code none} on the external tool
 * chains; {@code chunkRows} is null unless the request set it (native chain only).
 */
record ExportPlan(Cluster cluster, String userName, CredentialSource credential, String storageType, String fileType,
		String zipName, String comment, String filter, ToolChain chain, String sql, @Nullable S3Target s3,
		String compression, @Nullable Long chunkRows) {

	/** Where the password comes from: the cluster's stored secret or one given with the request. */
	record CredentialSource(boolean fromRequest, String requestPassword) {

		@Override
		public String toString() {
			return "CredentialSource[fromRequest=" + this.fromRequest + "]";
		}

	}

}
