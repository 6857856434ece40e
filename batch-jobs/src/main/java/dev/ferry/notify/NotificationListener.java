package dev.ferry.notify;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.ferry.cluster.ClusterService;
import dev.ferry.record.TransportRecord;
import dev.ferry.record.TransportRecordQuery;
import dev.ferry.schedule.ScheduleMissed;
import dev.ferry.schedule.ScheduleService;
import dev.ferry.transfer.RestoreDrillEnded;
import dev.ferry.transfer.TransferEnded;
import dev.ferry.transfer.TransferFailures;

/**
 * Turns Ferry's events into notifications: it only writes deliveries to the outbox (a few inserts), so a transfer is
 * not held up, and whatever goes wrong here is logged and never reaches the transfer.
 */
@Component
class NotificationListener {

	private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

	private static final String VERIFICATION_FAILED = "verification failed";

	private final NotificationService notifications;

	private final JobRepository jobRepository;

	private final TransportRecordQuery records;

	private final ClusterService clusters;

	private final ScheduleService schedules;

	NotificationListener(NotificationService notifications, JobRepository jobRepository,
			TransportRecordQuery records, ClusterService clusters, ScheduleService schedules) {
		this.notifications = notifications;
		this.jobRepository = jobRepository;
		this.records = records;
		this.clusters = clusters;
		this.schedules = schedules;
	}

	@EventListener
	void transferEnded(TransferEnded ended) {
		try {
			JobInstance instance = this.jobRepository.getJobInstance(ended.recordId());
			JobExecution last = instance == null ? null : this.jobRepository.getLastJobExecution(instance);
			if (!ended.completed() && last != null
					&& (last.getStatus() == BatchStatus.STOPPING || last.getStatus() == BatchStatus.STOPPED)) {
				return; // stopped by a person: not a failure to report
			}
			TransportRecord record = this.records.get(Long.toString(ended.recordId()));
			String reason = last == null ? "" : TransferFailures.reason(last).orElse("");
			NotificationEvent event;
			if (ended.completed()) {
				event = NotificationEvent.TRANSFER_SUCCEEDED;
			}
			else if (reason.contains(VERIFICATION_FAILED)
					|| (record.verification() != null && record.verification().startsWith(VERIFICATION_FAILED))) {
				event = NotificationEvent.VERIFICATION_FAILED;
			}
			else {
				event = NotificationEvent.TRANSFER_FAILED;
			}
			String message = ended.completed() ? (record.verification() != null ? record.verification() : "finished")
					: reason.isEmpty() ? "failed" : reason;
			this.notifications.send(event, new Notification(event.wireName(), ended.recordId(),
					ended.export() ? "export" : "import", record.clusterId(), clusterName(record.clusterId()),
					ended.scheduleId(), scheduleName(ended.scheduleId()), ended.completed() ? "Finished" : "Failed",
					message, format(record.startTime()), format(OffsetDateTime.now()), format(OffsetDateTime.now()),
					this.notifications.link("/transfers/" + ended.recordId())));
		}
		catch (RuntimeException ex) {
			log.warn("Could not queue the notification of record {}: {}", ended.recordId(), ex.getMessage(), ex);
		}
	}

	@EventListener
	void drillEnded(RestoreDrillEnded drill) {
		if (drill.restorable()) {
			return;
		}
		try {
			TransportRecord record = this.records.get(Long.toString(drill.exportRecordId()));
			NotificationEvent event = NotificationEvent.DRILL_FAILED;
			this.notifications.send(event, new Notification(event.wireName(), drill.exportRecordId(), "export",
					record.clusterId(), clusterName(record.clusterId()), drill.scheduleId(),
					scheduleName(drill.scheduleId()), "not restorable", drill.summary(), format(record.startTime()),
					format(record.endTime()), format(OffsetDateTime.now()),
					this.notifications.link("/transfers/" + drill.exportRecordId())));
		}
		catch (RuntimeException ex) {
			log.warn("Could not queue the notification of the drill of record {}: {}", drill.exportRecordId(),
					ex.getMessage(), ex);
		}
	}

	@EventListener
	void scheduleMissed(ScheduleMissed missed) {
		try {
			NotificationEvent event = NotificationEvent.SCHEDULE_MISSED;
			String clusterId = null;
			try {
				clusterId = this.schedules.get(Long.toString(missed.scheduleId())).clusterId();
			}
			catch (RuntimeException ex) {
				// deleted meanwhile: notify without the cluster
			}
			this.notifications.send(event, new Notification(event.wireName(), null, "export", clusterId,
					clusterName(clusterId), missed.scheduleId(), missed.scheduleName(), missed.outcome(),
					missed.reason(), format(missed.scheduledFor()), null, format(OffsetDateTime.now()),
					this.notifications.link("/schedules/" + missed.scheduleId())));
		}
		catch (RuntimeException ex) {
			log.warn("Could not queue the notification of schedule {}: {}", missed.scheduleId(), ex.getMessage(), ex);
		}
	}

	private @Nullable String clusterName(@Nullable String clusterId) {
		if (clusterId == null || clusterId.isEmpty()) {
			return null;
		}
		try {
			return this.clusters.get(clusterId).name();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private @Nullable String scheduleName(@Nullable Long scheduleId) {
		if (scheduleId == null) {
			return null;
		}
		try {
			return this.schedules.get(Long.toString(scheduleId)).name();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable String format(@Nullable OffsetDateTime time) {
		return time == null ? null : time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
	}

	private static @Nullable String format(@Nullable LocalDateTime time) {
		return time == null ? null : format(time.atZone(ZoneId.systemDefault()).toOffsetDateTime());
	}

}
