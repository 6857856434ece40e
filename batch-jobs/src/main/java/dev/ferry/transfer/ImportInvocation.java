package dev.ferry.transfer;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import dev.ferry.manifest.FileChecksums;
import dev.ferry.tool.ToolCommand;

/**
 * The import tool of the record's chain: tidb-lightning (tidb) or myloader (mysql). When a restart resumes at the
 * tool's step (so {@code buildDataImportConfig} did not run in this execution), the dump is inspected again first:
 * its files may have changed since (and are checked against the export's manifest again).
 */
@Component
class ImportInvocation extends ChainedInvocation {

	private static final String BUILD_STEP = "buildDataImportConfig";

	private final TransferContext context;

	ImportInvocation(MyloaderImportInvocation myloader, LightningImportInvocation lightning, TransferContext context) {
		super(myloader, lightning);
		this.context = context;
	}

	@Override
	public ToolCommand prepare(StepExecution stepExecution) throws Exception {
		boolean built = stepExecution.getJobExecution()
			.getStepExecutions()
			.stream()
			.anyMatch((step) -> BUILD_STEP.equals(step.getStepName()));
		if (!built) {
			Path data = ImportDirectories.data(stepExecution);
			DumpSources.inspect(stepExecution.getJobParameters(), data, this.context.secrets());
			if (Files.isDirectory(data)) {
				FileChecksums.require(data);
			}
		}
		return super.prepare(stepExecution);
	}

}
