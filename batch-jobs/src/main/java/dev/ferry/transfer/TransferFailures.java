package dev.ferry.transfer;

import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;

/** Why a transfer's execution failed, as its failure node recorded it (for listeners outside this package). */
public final class TransferFailures {

	private TransferFailures() {
	}

	/** The failed step and its message, e.g. {@code exportDataFromCluster: nothing to export: ...}; empty if none. */
	public static Optional<String> reason(JobExecution execution) {
		String error = execution.getExecutionContext().getString(TransferFailedTasklet.ERROR, "");
		return error.isEmpty() ? Optional.empty() : Optional.of(error);
	}

}
