package dev.ferry.transfer;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.io.IOException;

import dev.ferry.manifest.Manifest;
import dev.ferry.storage.RecordDirectory;

/**
 * The seed's {@code updateDataExportRecord} node: writes the verification manifest ({@code data/manifest.json}:
 * tables, rows, files, sha256) and records where the export is and how big it is.
 */
class UpdateExportRecordTasklet implements Tasklet {

	private final ManifestScans manifests;

	UpdateExportRecordTasklet(ManifestScans manifests) {
		this.manifests = manifests;
	}

	static final String FILE_PATH = "result.filePath";

	static final String BYTES = "result.bytes";

	static final String FILES = "result.files";

	static final String TABLES = "result.tables";

	static final String ROWS = "result.rows";


	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		var stepExecution = chunkContext.getStepContext().getStepExecution();
		RecordDirectory dir = ExportDirectories.record(stepExecution);
		String tool = ToolChain.of(stepExecution.getJobParameters().getString(TransferParameters.TOOL_CHAIN))
				== ToolChain.TIDB ? "dumpling" : "mydumper";
		Manifest manifest = this.manifests.take(stepExecution.getJobExecutionId(), dir.data()).finish(tool);
		ExecutionContext result = stepExecution.getJobExecution().getExecutionContext();
		result.putString(FILE_PATH, dir.data().toString());
		result.putLong(BYTES, manifest.totalBytes());
		result.putLong(FILES, manifest.files().size());
		result.putInt(TABLES, manifest.tables().size());
		result.putLong(ROWS, manifest.totalRows());
		result.remove(TransferFailedTasklet.ERROR);
		return RepeatStatus.FINISHED;
	}

}
