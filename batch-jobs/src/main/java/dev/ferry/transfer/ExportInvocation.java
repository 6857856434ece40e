package dev.ferry.transfer;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

import dev.ferry.tool.ToolCommand;
import dev.ferry.tool.ToolInvocation;

/** The export tool of the record's chain (dumpling for tidb, mydumper for mysql); follows the dump with the manifest. */
@Component
class ExportInvocation implements ToolInvocation {

	private final MydumperExportInvocation mydumper;

	private final DumplingExportInvocation dumpling;

	private final ManifestScans manifests;

	ExportInvocation(MydumperExportInvocation mydumper, DumplingExportInvocation dumpling, ManifestScans manifests) {
		this.mydumper = mydumper;
		this.dumpling = dumpling;
		this.manifests = manifests;
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
		this.manifests.catchUp(stepExecution.getJobExecutionId(), ExportDirectories.record(stepExecution).data());
	}

	@Override
	public void cleanup(StepExecution stepExecution, ToolCommand command) {
		of(stepExecution).cleanup(stepExecution, command);
	}

}
