package dev.ferry.transfer;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.ferry.tool.ToolCommand;
import dev.ferry.tool.ToolInvocation;

/** Hands each call to the invocation of the record's tool chain ({@code toolChain} job parameter). */
abstract class ChainedInvocation implements ToolInvocation {

	private final ToolInvocation mysql;

	private final ToolInvocation tidb;

	ChainedInvocation(ToolInvocation mysql, ToolInvocation tidb) {
		this.mysql = mysql;
		this.tidb = tidb;
	}

	private ToolInvocation of(StepExecution stepExecution) {
		return ToolChain.of(stepExecution.getJobParameters().getString(TransferParameters.TOOL_CHAIN)) == ToolChain.TIDB
				? this.tidb : this.mysql;
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
