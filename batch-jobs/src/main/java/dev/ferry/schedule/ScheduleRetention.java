package dev.ferry.schedule;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.ferry.error.FerryException;
import dev.ferry.record.RecordStatus;
import dev.ferry.record.TransportRecord;
import dev.ferry.record.TransportRecordQuery;
import dev.ferry.transfer.TransferAdmin;
import dev.ferry.transfer.TransferEnded;

/**
 * After each successful export of a schedule, deletes the schedule's records its retention no longer keeps, through
 * {@link TransferAdmin#delete} (files, S3 objects of S3 exports, secrets, JobInstance, audit row):
 * <ul>
 * <li>{@code keepLast N}: Finished records older than the newest N;</li>
 * <li>{@code maxAge}: Finished, Failed and Stopped records that ended (or were created) longer ago.</li>
 * </ul>
 * Never the newest Finished record, never a queued or running one, never one a re-import reads (refused, logged).
 */
@Component
class ScheduleRetention {

	private static final Logger log = LoggerFactory.getLogger(ScheduleRetention.class);

	private final ScheduleStore store;

	private final TransportRecordQuery records;

	private final TransferAdmin admin;

	ScheduleRetention(ScheduleStore store, TransportRecordQuery records, TransferAdmin admin) {
		this.store = store;
		this.records = records;
		this.admin = admin;
	}

	@EventListener
	void exportEnded(TransferEnded ended) {
		if (!ended.export() || !ended.completed() || ended.scheduleId() == null) {
			return;
		}
		this.store.find(ended.scheduleId()).ifPresent((schedule) -> apply(schedule, ended.recordId()));
	}

	/**
	 * Applies the policy; {@code justFinished} counts as Finished (its job's end is not saved yet while this runs).
	 * Returns the deleted record ids.
	 */
	List<Long> apply(StoredSchedule schedule, long justFinished) {
		if (schedule.keepLast() == null && schedule.maxAgeSeconds() == null) {
			return List.of();
		}
		List<TransportRecord> all = this.records.ofSchedule(schedule.id());
		List<Long> finished = new ArrayList<>();
		Set<Long> candidates = new LinkedHashSet<>();
		OffsetDateTime cutoff = schedule.maxAgeSeconds() == null ? null
				: OffsetDateTime.now().minusSeconds(schedule.maxAgeSeconds());
		for (TransportRecord record : all) { // newest first
			long id = Long.parseLong(record.recordId());
			String status = id == justFinished ? RecordStatus.Finished.name() : record.status();
			boolean settled = !status.equals(RecordStatus.Queued.name()) && !status.equals(RecordStatus.Processing.name());
			if (status.equals(RecordStatus.Finished.name())) {
				finished.add(id);
				if (schedule.keepLast() != null && finished.size() > schedule.keepLast()) {
					candidates.add(id);
				}
			}
			OffsetDateTime when = record.endTime() != null ? record.endTime() : record.createTime();
			if (cutoff != null && settled && id != justFinished && when.isBefore(cutoff)) {
				candidates.add(id);
			}
		}
		if (!finished.isEmpty()) {
			candidates.remove(finished.get(0)); // never the newest successful export
		}
		List<Long> deleted = new ArrayList<>();
		for (long id : candidates) {
			TransportRecord record = all.stream().filter((r) -> r.recordId().equals(Long.toString(id))).findFirst()
				.orElseThrow();
			try {
				this.admin.delete(Long.toString(id), "s3".equals(record.storageType()),
						"schedule:" + schedule.id() + " retention");
				deleted.add(id);
			}
			catch (FerryException ex) {
				log.warn("Retention of schedule {} could not delete record {}: {}", schedule.id(), id, ex.getMessage());
			}
		}
		if (!deleted.isEmpty()) {
			log.info("Retention of schedule {} ({}) deleted records {}", schedule.id(), schedule.name(), deleted);
		}
		return deleted;
	}

}
