package dev.ferry.transfer;

import io.swagger.v3.oas.annotations.media.Schema;

/** The answer to a launch: the record (JobInstance id) and the workflow (JobExecution id). */
@Schema(description = "The record and the workflow a transfer call concerns.")
public record TransferStarted(
		@Schema(description = "The transfer record: its Spring Batch job instance id. Use it to read (GET /api/v1/clusters/transport?recordId=), stop, restart, delete or download the record.", example = "42") String recordId,
		@Schema(description = "The workflow: the id of the record's latest job execution (a restart makes a new one).", example = "57") String workFlowId) {

	static TransferStarted of(long instanceId, long executionId) {
		return new TransferStarted(Long.toString(instanceId), Long.toString(executionId));
	}

}
