package dev.ferry.transfer;

import java.nio.file.Path;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import dev.ferry.storage.RecordDirectory;

/** Where an import's files are: its own record directory, and the dump it loads (its own data/ or a source's). */
final class ImportDirectories {

	static final String DATA_DIR = "import.dataDir";

	private ImportDirectories() {
	}

	static RecordDirectory record(StepExecution stepExecution) {
		JobParameters parameters = stepExecution.getJobParameters();
		return RecordDirectory.of(Path.of(parameters.getString(TransferParameters.STORAGE_ROOT)),
				parameters.getString(TransferParameters.CLUSTER_ID),
				stepExecution.getJobExecution().getJobInstance().getInstanceId(), "nfs");
	}

	/** The dump being loaded, as the buildDataImportConfig step decided. */
	static Path data(StepExecution stepExecution) {
		return Path.of(stepExecution.getJobExecution().getExecutionContext().getString(DATA_DIR));
	}

}
