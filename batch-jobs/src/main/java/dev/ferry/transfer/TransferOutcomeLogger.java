package dev.ferry.transfer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/** One log line per finished attempt: record, job, status, duration and, for failures, why. No parameters. */
@Component
class TransferOutcomeLogger implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(TransferOutcomeLogger.class);

	@Override
	public void afterJob(JobExecution execution) {
		String error = execution.getExecutionContext().getString(TransferFailedTasklet.ERROR, "");
		log.info("Record {} ({}) attempt {} ended {}{}", execution.getJobInstance().getInstanceId(),
				execution.getJobInstance().getJobName(), execution.getId(), execution.getStatus(),
				error.isEmpty() ? "" : ": " + error.lines().findFirst().orElse(""));
	}

}
