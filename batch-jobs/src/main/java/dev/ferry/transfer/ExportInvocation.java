package dev.ferry.transfer;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

import dev.ferry.tool.ToolCommand;

/** The export tool of the record's chain (dumpling for tidb, mydumper for mysql); follows the dump with the manifest. */
@Component
class ExportInvocation extends ChainedInvocation {

	private final ManifestScans manifests;

	ExportInvocation(MydumperExportInvocation mydumper, DumplingExportInvocation dumpling, ManifestScans manifests) {
		super(mydumper, dumpling);
		this.manifests = manifests;
	}

	@Override
	public void recordProgress(StepExecution stepExecution, ToolCommand command, ExecutionContext progress) {
		super.recordProgress(stepExecution, command, progress);
		this.manifests.catchUp(stepExecution.getJobExecutionId(), ExportDirectories.record(stepExecution).data());
	}

}
