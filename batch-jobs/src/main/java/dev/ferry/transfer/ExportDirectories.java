package dev.ferry.transfer;

import java.nio.file.Path;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import dev.ferry.storage.RecordDirectory;

/** An export's record directory, from its job parameters and its record id. */
final class ExportDirectories {

	private ExportDirectories() {
	}

	static RecordDirectory record(StepExecution stepExecution) {
		JobParameters parameters = stepExecution.getJobParameters();
		return RecordDirectory.of(Path.of(parameters.getString(TransferParameters.STORAGE_ROOT)),
				parameters.getString(TransferParameters.CLUSTER_ID),
				stepExecution.getJobExecution().getJobInstance().getInstanceId(),
				parameters.getString(TransferParameters.STORAGE_TYPE));
	}

}
