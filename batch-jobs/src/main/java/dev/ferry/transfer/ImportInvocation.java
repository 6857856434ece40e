package dev.ferry.transfer;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

import dev.ferry.tool.ToolCommand;
import dev.ferry.tool.ToolInvocation;

/** The import tool of the record's chain: tidb-lightning (tidb) or myloader (mysql). */
@Component
class ImportInvocation implements ToolInvocation {

	private final MyloaderImportInvocation myloader;

	private final LightningImportInvocation lightning;

	ImportInvocation(MyloaderImportInvocation myloader, LightningImportInvocation lightning) {
		this.myloader = myloader;
		this.lightning = lightning;
	}

	private ToolInvocation of(StepExecution stepExecution) {
		return ToolChain.of(stepExecution.getJobParameters().getString(TransferParameters.TOOL_CHAIN)) == ToolChain.TIDB
				? this.lightning : this.myloader;
	}

	@Override
	public ToolCommand prepare(StepExecution stepExecution) throws Exception {
		return of(stepExecution).prepare(stepExecution);
	}

	@Override
	public @Nullable ToolCommand next(StepExecution stepExecution, ToolCommand finished) throws Exception {
		return of(stepExecution).next(stepExecution, finished);
	}

	@Override
	public void recordProgress(StepExecution stepExecution, ToolCommand command, ExecutionContext progress) {
		of(stepExecution).recordProgress(stepExecution, command, progress);
	}

	@Override
	public void cleanup(StepExecution stepExecution, ToolCommand command) {
		of(stepExecution).cleanup(stepExecution, command);
	}

}
