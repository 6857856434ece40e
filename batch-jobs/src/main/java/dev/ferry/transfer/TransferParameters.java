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

	/** Whose credential {@link #CREDENTIAL_SECRET_ID} is: the cluster's, or one given with this request. */
	public static final String CREDENTIAL_SCOPE = "credentialScope";

	public static final String CREDENTIAL_OF_REQUEST = "request";

	public static final String CREDENTIAL_OF_CLUSTER = "cluster";

	public static final String SOURCE_RECORD_ID = "sourceRecordId";

	public static final String UPLOAD_ID = "uploadId";

	/** Where a re-import reads the source export's files (in place). */
	public static final String SOURCE_PATH = "sourcePath";

	public static final String OVERWRITE = "overwrite";

	public static final String ENDPOINT_URL = "endpointUrl";

	public static final String BUCKET_URL = "bucketUrl";

	/** The secret holding the S3 access key and secret key (never the keys themselves). */
	public static final String S3_SECRET_ID = "s3SecretId";

	public static final String TOOL_CHAIN = "toolChain";

	/** The native chain's compression of data files: {@code none}, {@code gzip} or {@code zstd}. */
	public static final String COMPRESSION = "compression";

	/** The native chain's rows per chunk, fixed when the export is launched (request or {@code FERRY_CHUNK_ROWS}). */
	public static final String CHUNK_ROWS = "chunkRows";

	/** tidb-lightning's backend ({@code local} or {@code tidb}) on the tidb chain. */
	public static final String BACKEND = "backend";

	public static final String STORAGE_ROOT = "storageRoot";

	public static final String REQUESTED_BY = "requestedBy";

	/** The schedule whose fire launched this export (absent for one-off transfers). */
	public static final String SCHEDULE_ID = "scheduleId";

	/** A restore drill (an import job with {@link #TRANSPORT_TYPE} {@code drill}): the export record it loads. */
	public static final String DRILL_OF = "drillOf";

	/** A restore drill: {@code true} to drop the databases it created when it ends. */
	public static final String DRILL_DROP = "drillDrop";

	/** A restore drill: the schedule whose export it drills (not {@link #SCHEDULE_ID}: that marks the schedule's own records). */
	public static final String DRILL_SCHEDULE_ID = "drillScheduleId";

	public static final String DRILL_TYPE = "drill";

	private TransferParameters() {
	}

	public static boolean isTransferJob(String jobName) {
		return EXPORT_JOB.equals(jobName) || IMPORT_JOB.equals(jobName);
	}

}
