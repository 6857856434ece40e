package dev.ferry.transfer;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

import dev.ferry.tool.ToolCommand;
import dev.ferry.tool.ToolInvocation;

/** The export tool of the record's chain: dumpling (tidb) or mydumper (mysql). */
@Component
class ExportInvocation implements ToolInvocation {

	private final MydumperExportInvocation mydumper;

	private final DumplingExportInvocation dumpling;

	ExportInvocation(MydumperExportInvocation mydumper, DumplingExportInvocation dumpling) {
		this.mydumper = mydumper;
		this.dumpling = dumpling;
	}

	private ToolInvocation of(StepExecution stepExecution) {
		return ToolChain.of(stepExecution.getJobParameters().getString(TransferParameters.TOOL_CHAIN)) == ToolChain.TIDB
				? this.dumpling : this.mydumper;
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
