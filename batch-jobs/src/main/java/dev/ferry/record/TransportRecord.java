package dev.ferry.record;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A transfer record as the API shows it (TiUniManager's {@code DataImportExportRecordInfo} plus {@code workFlowId},
 * {@code message} (why it failed), {@code progress}, {@code verification} (an import checked against the
 * export's manifest), {@code restoreDrill} (an export's latest restore drill), and the tool chain with, for native
 * exports, their compression and consistency). It is read from the Batch tables: the JobInstance and its latest execution.
 */
@Schema(description = "A transfer record: TiUniManager's DataImportExportRecordInfo plus workFlowId, message, "
		+ "progress and verification. A record is a Spring Batch job instance, shown with its latest execution.")
public record TransportRecord(
		@Schema(description = "The record: its Spring Batch job instance id.", example = "42") String recordId,
		@Schema(description = "The id of the record's latest job execution (a restart makes a new one).", example = "57") String workFlowId,
		@Schema(description = "The cluster exported from or imported into.", example = "1") String clusterId,
		@Schema(description = "export, import, or drill (a restore drill: an import of an export into a drill cluster).", allowableValues = { "export", "import", "drill" }, example = "export") String transportType,
		@Schema(description = "Where the record's files are: for nfs its data directory on Ferry's storage; for s3 the bucket URL (an export's objects are below <bucketUrl>/ferry-export-<recordId>). Empty when unknown.", example = "/var/lib/ferry/export/1/42/data") String filePath,
		@Schema(description = "File name of an export's download (data.zip unless the request named one); empty for imports.", example = "data.zip") String zipName,
		@Schema(description = "nfs or s3.", allowableValues = { "nfs", "s3" }, example = "nfs") String storageType,
		@Schema(description = "The request's comment; empty when none was given.", example = "nightly copy of shop") String comment,
		@Schema(description = "Queued (waiting for a free transfer slot), Processing, Finished, Failed (restartable) or Stopped (restartable).", allowableValues = { "Queued", "Processing", "Finished", "Failed", "Stopped" }, example = "Finished") String status,
		@Schema(description = "When the latest execution started; null while it is queued.", example = "2024-05-01T10:15:30+02:00") @Nullable OffsetDateTime startTime,
		@Schema(description = "When the latest execution ended; null while it is queued or running.", example = "2024-05-01T10:17:02+02:00") @Nullable OffsetDateTime endTime,
		@Schema(description = "When the latest execution was created.", example = "2024-05-01T10:15:29+02:00") OffsetDateTime createTime,
		@Schema(description = "When the latest execution was last updated.", example = "2024-05-01T10:17:02+02:00") OffsetDateTime updateTime,
		@Schema(description = "Why it failed: the tool's exit code and the tail of its log, or the driver's error. Only on Failed records, else null.", example = "exportDataFromCluster: mydumper exited with 1: ...") @Nullable String message,
		@Schema(description = "How far the transfer is, as committed by its tool step on every poll; null for Failed and Stopped records.") @Nullable Progress progress,
		@Schema(description = "Imports: the result of comparing the target's row counts with the export's data/manifest.json, or why it was not verified; null otherwise.", example = "verified: 12 tables, 184467 rows match the manifest") @Nullable String verification,
		@Schema(description = "Exports: the latest restore drill (README \"Restore drills\"); null if the export was never drilled.") @Nullable RestoreDrill restoreDrill,
		@Schema(description = "The tool chain that moves the data: tidb, mysql or native.", allowableValues = { "tidb", "mysql", "native" }, example = "native") @Nullable String toolChain,
		@Schema(description = "Native exports: the compression of the data files (none, gzip or zstd); null on the other chains.", allowableValues = { "none", "gzip", "zstd" }, example = "zstd") @Nullable String compression,
		@Schema(description = "Native exports: true when every table was read at one point in time; false when the export spans several snapshots (it was resumed), could not take the global read lock, or read non-transactional tables outside the snapshot (see consistency); null on the other chains and before the snapshot was taken.", example = "true") @Nullable Boolean consistent,
		@Schema(description = "Native exports: why the export is not consistent; null when it is.", example = "spans 2 snapshots: it was resumed, and the chunks read after a restart come from a later point in time (each file names its snapshot in the manifest)") @Nullable String consistency) {

	/** A record with its restore drill but without the native chain's fields. */
	public TransportRecord(String recordId, String workFlowId, String clusterId, String transportType, String filePath,
			String zipName, String storageType, String comment, String status, @Nullable OffsetDateTime startTime,
			@Nullable OffsetDateTime endTime, OffsetDateTime createTime, OffsetDateTime updateTime,
			@Nullable String message, @Nullable Progress progress, @Nullable String verification,
			@Nullable RestoreDrill restoreDrill) {
		this(recordId, workFlowId, clusterId, transportType, filePath, zipName, storageType, comment, status, startTime,
				endTime, createTime, updateTime, message, progress, verification, restoreDrill, null, null, null, null);
	}

	/** A record without a restore drill (imports, and exports never drilled). */
	public TransportRecord(String recordId, String workFlowId, String clusterId, String transportType, String filePath,
			String zipName, String storageType, String comment, String status, @Nullable OffsetDateTime startTime,
			@Nullable OffsetDateTime endTime, OffsetDateTime createTime, OffsetDateTime updateTime,
			@Nullable String message, @Nullable Progress progress, @Nullable String verification) {
		this(recordId, workFlowId, clusterId, transportType, filePath, zipName, storageType, comment, status, startTime,
				endTime, createTime, updateTime, message, progress, verification, null);
	}

}
