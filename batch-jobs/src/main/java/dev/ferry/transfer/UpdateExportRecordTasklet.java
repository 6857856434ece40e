package dev.ferry.transfer;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.io.IOException;

import dev.ferry.engine.export.NativeExportRecord;
import dev.ferry.manifest.Manifest;
import dev.ferry.storage.RecordDirectory;

/**
 * The seed's {@code updateDataExportRecord} node: writes the verification manifest ({@code data/manifest.json}:
 * tables, rows, files with their CRC32C) and records where the export is and how big it is.
 */
class UpdateExportRecordTasklet implements Tasklet {

	private final ManifestScans manifests;

	private final S3Uploads uploads;

	private final dev.ferry.secret.SecretStore secrets;

	private final NativeExportRecord nativeRecord;

	UpdateExportRecordTasklet(ManifestScans manifests, S3Uploads uploads, dev.ferry.secret.SecretStore secrets,
			NativeExportRecord nativeRecord) {
		this.manifests = manifests;
		this.uploads = uploads;
		this.secrets = secrets;
		this.nativeRecord = nativeRecord;
	}

	static final String FILE_PATH = "result.filePath";

	static final String BYTES = "result.bytes";

	static final String FILES = "result.files";

	static final String TABLES = "result.tables";

	static final String ROWS = "result.rows";

	/** Native chain: whether every table was read at one point in time. */
	static final String CONSISTENT = "result.consistent";

	/** Native chain: why it was not (several snapshots, no global read lock, tables outside the snapshot). */
	static final String CONSISTENCY = "result.consistency";

	/** Native chain: how many snapshots the export's files were read in. */
	static final String SNAPSHOTS = "result.snapshots";


	private static long recordId(org.springframework.batch.core.step.StepExecution stepExecution) {
		return stepExecution.getJobExecution().getJobInstance().getInstanceId();
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		var stepExecution = chunkContext.getStepContext().getStepExecution();
		RecordDirectory dir = ExportDirectories.record(stepExecution);
		var parameters = stepExecution.getJobParameters();
		ToolChain chain = ToolChain.of(parameters.getString(TransferParameters.TOOL_CHAIN));
		boolean tidb = chain == ToolChain.TIDB;
		boolean s3 = "s3".equals(parameters.getString(TransferParameters.STORAGE_TYPE));
		ExecutionContext result = stepExecution.getJobExecution().getExecutionContext();
		if (chain == ToolChain.NATIVE) {
			NativeExportRecord.Result finished = this.nativeRecord.finish(stepExecution);
			result.putString(FILE_PATH, finished.location());
			result.putString(CONSISTENT, Boolean.toString(finished.consistent()));
			if (finished.consistency() != null) {
				result.putString(CONSISTENCY, finished.consistency());
			}
			result.putInt(SNAPSHOTS, finished.manifest().snapshots().size());
			putSize(result, finished.manifest());
			return RepeatStatus.FINISHED;
		}
		if (s3 && tidb) { // dumpling wrote straight to S3: nothing local to describe
			result.putString(FILE_PATH, S3Target.exportLocation(parameters, recordId(stepExecution)).s3Url());
			return RepeatStatus.FINISHED;
		}
		Manifest manifest = this.manifests.take(stepExecution.getJobExecutionId(), dir.data())
			.finish(tidb ? "dumpling" : "mydumper");
		result.putString(FILE_PATH, dir.data().toString());
		if (s3) {
			var location = S3Target.exportLocation(parameters, recordId(stepExecution));
			this.uploads.finish(stepExecution.getJobExecutionId(), S3Target.of(parameters, this.secrets), location,
					dir.data());
			org.springframework.util.FileSystemUtils.deleteRecursively(dir.data()); // the staging copy
			result.putString(FILE_PATH, location.s3Url());
		}
		putSize(result, manifest);
		return RepeatStatus.FINISHED;
	}

	private static void putSize(ExecutionContext result, Manifest manifest) {
		result.putLong(BYTES, manifest.totalBytes());
		result.putLong(FILES, manifest.files().size());
		result.putInt(TABLES, manifest.tables().size());
		result.putLong(ROWS, manifest.totalRows());
		result.remove(TransferFailedTasklet.ERROR);
	}

}
