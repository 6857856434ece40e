package dev.ferry.transfer;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

/** A re-import reads its source export in place: that export must not be deleted while the re-import runs. */
@Component
class ReImportGuard {

	private final JobRepository jobRepository;

	ReImportGuard(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	void checkNotInUse(String exportRecordId) {
		for (JobExecution running : this.jobRepository.findRunningJobExecutions(TransferParameters.IMPORT_JOB)) {
			String source = running.getJobParameters().getString(TransferParameters.SOURCE_RECORD_ID);
			if (exportRecordId.equals(source)) {
				throw new FerryException(ErrorCode.TRANSFER_CONFLICT, "record " + exportRecordId
						+ " is being re-imported by record " + running.getJobInstance().getInstanceId()
						+ "; delete it after that import ends");
			}
		}
	}

}
