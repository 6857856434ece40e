package dev.ferry.transfer;

/** The answer to a launch: the record (JobInstance id) and the workflow (JobExecution id). */
public record TransferStarted(String recordId, String workFlowId) {

	static TransferStarted of(long instanceId, long executionId) {
		return new TransferStarted(Long.toString(instanceId), Long.toString(executionId));
	}

}
