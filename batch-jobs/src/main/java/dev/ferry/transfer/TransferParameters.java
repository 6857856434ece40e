package dev.ferry.transfer;

/**
 * Names of the job parameters of the transfer jobs. {@link #TRANSFER_ID} is the only identifying parameter; the rest
 * are the non-secret request fields. Secrets are never parameters: {@link #CREDENTIAL_SECRET_ID} is a reference.
 */
public final class TransferParameters {

	public static final String EXPORT_JOB = "exportData";

	public static final String IMPORT_JOB = "importData";

	public static final String TRANSFER_ID = "transferId";

	public static final String CLUSTER_ID = "clusterId";

	public static final String TRANSPORT_TYPE = "transportType";

	public static final String STORAGE_TYPE = "storageType";

	public static final String FILE_TYPE = "fileType";

	public static final String FILTER = "filter";

	public static final String SQL = "sql";

	public static final String ZIP_NAME = "zipName";

	public static final String COMMENT = "comment";

	public static final String USER_NAME = "userName";

	public static final String CREDENTIAL_SECRET_ID = "credentialSecretId";

	public static final String TOOL_CHAIN = "toolChain";

	public static final String STORAGE_ROOT = "storageRoot";

	public static final String REQUESTED_BY = "requestedBy";

	private TransferParameters() {
	}

}
