package dev.ferry.transfer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.batch.core.BatchStatus;

/**
 * One log line per finished attempt: record, job, status, duration and, for failures, why. No parameters. Then
 * {@link TransferEnded} is published (schedules apply their retention on it).
 */
@Component
class TransferOutcomeLogger implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(TransferOutcomeLogger.class);

	private final ApplicationEventPublisher events;

	TransferOutcomeLogger(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Override
	public void afterJob(JobExecution execution) {
		String error = execution.getExecutionContext().getString(TransferFailedTasklet.ERROR, "");
		log.info("Record {} ({}) execution {} ended {}{}", execution.getJobInstance().getInstanceId(),
				execution.getJobInstance().getJobName(), execution.getId(), execution.getStatus(),
				error.isEmpty() ? "" : ": " + error.lines().findFirst().orElse(""));
		try {
			this.events.publishEvent(new TransferEnded(execution.getJobInstance().getInstanceId(),
					TransferParameters.EXPORT_JOB.equals(execution.getJobInstance().getJobName()),
					execution.getStatus() == BatchStatus.COMPLETED,
					execution.getJobParameters().getLong(TransferParameters.SCHEDULE_ID)));
		}
		catch (RuntimeException ex) {
			log.warn("A listener of the end of record {} failed: {}", execution.getJobInstance().getInstanceId(),
					ex.getMessage(), ex);
		}
	}

}
