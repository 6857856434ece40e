package dev.ferry.schedule;

import java.time.LocalDateTime;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.ferry.error.FerryException;
import dev.ferry.node.LocalNode;
import dev.ferry.transfer.TransferParameters;
import dev.ferry.transfer.TransferService;
import dev.ferry.transfer.TransferStarted;

/**
 * One fire of a schedule, from cron or run-now, on whichever node: under the schedule's fire lock, skip it while the
 * schedule's previous export still runs, else launch the export through the transfer service (tagged with the
 * schedule id); write the outcome to the run history either way.
 */
@Component
class ScheduleLauncher {

	static final String CRON = "CRON";

	static final String MANUAL = "MANUAL";

	private static final Logger log = LoggerFactory.getLogger(ScheduleLauncher.class);

	private final ScheduleStore store;

	private final ScheduleRuns runs;

	private final ScheduleSecrets secrets;

	private final TransferService transfers;

	private final JobRepository jobRepository;

	private final LocalNode node;

	private final ScheduleMetrics metrics;

	private final ApplicationEventPublisher events;

	ScheduleLauncher(ScheduleStore store, ScheduleRuns runs, ScheduleSecrets secrets, TransferService transfers,
			JobRepository jobRepository, LocalNode node, ScheduleMetrics metrics, ApplicationEventPublisher events) {
		this.store = store;
		this.runs = runs;
		this.secrets = secrets;
		this.transfers = transfers;
		this.jobRepository = jobRepository;
		this.node = node;
		this.metrics = metrics;
		this.events = events;
	}

	/** The run it recorded; empty if the schedule no longer exists. */
	Optional<Long> fire(long scheduleId, String trigger, @Nullable LocalDateTime scheduledFor) {
		LocalDateTime firedAt = LocalDateTime.now();
		Optional<StoredSchedule> found = this.store.find(scheduleId);
		if (found.isEmpty()) {
			log.warn("Schedule {} fired but no longer exists", scheduleId);
			return Optional.empty();
		}
		StoredSchedule schedule = found.get();
		if (!this.runs.lock(scheduleId)) {
			return Optional.of(record(schedule, firedAt, scheduledFor, trigger, ScheduleRun.Outcome.SKIPPED, null,
					"another fire of this schedule was being launched at the same moment"));
		}
		try {
			Long running = runningRecord(scheduleId);
			if (running != null) {
				return Optional.of(record(schedule, firedAt, scheduledFor, trigger, ScheduleRun.Outcome.SKIPPED, null,
						"the previous export of this schedule (record " + running + ") is still running"));
			}
			try {
				TransferStarted started = this.transfers.export(this.secrets.request(schedule),
						"schedule:" + schedule.id(), schedule.id());
				return Optional.of(record(schedule, firedAt, scheduledFor, trigger, ScheduleRun.Outcome.LAUNCHED,
						Long.parseLong(started.recordId()), null));
			}
			catch (FerryException ex) {
				return Optional.of(record(schedule, firedAt, scheduledFor, trigger, ScheduleRun.Outcome.FAILED, null,
						ex.errorCode().name() + ": " + ex.getMessage()));
			}
			catch (RuntimeException ex) {
				log.error("Schedule {} could not launch its export", scheduleId, ex);
				return Optional.of(record(schedule, firedAt, scheduledFor, trigger, ScheduleRun.Outcome.FAILED, null,
						"could not start the export: " + ex.getMessage()));
			}
		}
		finally {
			this.runs.unlock(scheduleId);
		}
	}

	/** The schedule's export that is queued or running, if any (a restarted one counts too). */
	private @Nullable Long runningRecord(long scheduleId) {
		for (JobExecution execution : this.jobRepository.findRunningJobExecutions(TransferParameters.EXPORT_JOB)) {
			Long id = execution.getJobParameters().getLong(TransferParameters.SCHEDULE_ID);
			if (id != null && id == scheduleId) {
				return execution.getJobInstance().getInstanceId();
			}
		}
		return null;
	}

	private long record(StoredSchedule schedule, LocalDateTime firedAt, @Nullable LocalDateTime scheduledFor,
			String trigger, ScheduleRun.Outcome outcome, @Nullable Long recordId, @Nullable String message) {
		log.info("Schedule {} ({}) fired ({}{}): {}{}", schedule.id(), schedule.name(), trigger,
				scheduledFor == null ? "" : " for " + scheduledFor, outcome,
				recordId != null ? " record " + recordId : message != null ? " - " + message : "");
		long runId = this.runs.record(schedule.id(), firedAt, scheduledFor, trigger, outcome, recordId, message,
				this.node.id());
		this.metrics.fired(trigger, outcome);
		if (outcome != ScheduleRun.Outcome.LAUNCHED) {
			this.events.publishEvent(new ScheduleMissed(schedule.id(), schedule.name(), scheduledFor, outcome.name(),
					message == null ? outcome.name() : message));
		}
		return runId;
	}

}
