package dev.ferry.transfer;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.ferry.storage.DirectoryStats;
import dev.ferry.storage.RecordDirectory;

/** The seed's {@code updateDataExportRecord} node: records where the export is and how big it is. */
class UpdateExportRecordTasklet implements Tasklet {

	static final String FILE_PATH = "result.filePath";

	static final String BYTES = "result.bytes";

	static final String FILES = "result.files";

	private final MydumperExportInvocation invocation;

	UpdateExportRecordTasklet(MydumperExportInvocation invocation) {
		this.invocation = invocation;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		var stepExecution = chunkContext.getStepContext().getStepExecution();
		RecordDirectory dir = this.invocation.recordDirectory(stepExecution);
		DirectoryStats stats = DirectoryStats.of(dir.data());
		ExecutionContext result = stepExecution.getJobExecution().getExecutionContext();
		result.putString(FILE_PATH, dir.data().toString());
		result.putLong(BYTES, stats.bytes());
		result.putLong(FILES, stats.files());
		result.remove(TransferFailedTasklet.ERROR);
		return RepeatStatus.FINISHED;
	}

}
