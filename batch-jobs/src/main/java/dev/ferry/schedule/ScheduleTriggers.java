package dev.ferry.schedule;

import java.util.Set;
import java.util.TimeZone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps Quartz in step with {@code FERRY_SCHEDULE}: an enabled schedule has a job and a cron trigger (misfire: fire
 * once now), a paused or deleted one has neither. Quartz shares the application's data source and transactions, so a
 * change of a schedule and of its trigger commit together.
 */
@Component
class ScheduleTriggers {

	static final String GROUP = "ferry-schedules";

	private static final Logger log = LoggerFactory.getLogger(ScheduleTriggers.class);

	private final Scheduler scheduler;

	private final ScheduleStore store;

	ScheduleTriggers(Scheduler scheduler, ScheduleStore store) {
		this.scheduler = scheduler;
		this.store = store;
	}

	void sync(StoredSchedule schedule) {
		try {
			if (!schedule.enabled()) {
				this.scheduler.deleteJob(jobKey(schedule.id()));
				return;
			}
			JobDetail job = JobBuilder.newJob(ScheduleFireJob.class)
				.withIdentity(jobKey(schedule.id()))
				.withDescription(schedule.name())
				.usingJobData(ScheduleFireJob.SCHEDULE_ID, Long.toString(schedule.id()))
				.build();
			Trigger trigger = TriggerBuilder.newTrigger()
				.withIdentity(TriggerKey.triggerKey(jobKey(schedule.id()).getName(), GROUP))
				.forJob(job)
				.withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron())
					.inTimeZone(TimeZone.getTimeZone(CronRules.zone(schedule.timeZone())))
					.withMisfireHandlingInstructionFireAndProceed())
				.build();
			this.scheduler.scheduleJob(job, Set.of(trigger), true);
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Quartz could not (un)schedule schedule " + schedule.id() + ": "
					+ ex.getMessage(), ex);
		}
	}

	void delete(long scheduleId) {
		try {
			this.scheduler.deleteJob(jobKey(scheduleId));
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Quartz could not delete schedule " + scheduleId, ex);
		}
	}

	/** At startup: adds missing triggers of enabled schedules and drops Quartz jobs of deleted or paused ones. */
	@EventListener(ApplicationReadyEvent.class)
	void reconcile() {
		try {
			Set<JobKey> known = this.scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP));
			java.util.Set<JobKey> wanted = new java.util.HashSet<>();
			for (StoredSchedule schedule : this.store.list()) {
				if (schedule.enabled()) {
					wanted.add(jobKey(schedule.id()));
					if (!known.contains(jobKey(schedule.id()))) {
						log.info("Schedule {} had no Quartz trigger; adding it", schedule.id());
						sync(schedule);
					}
				}
			}
			for (JobKey key : known) {
				if (!wanted.contains(key)) {
					log.info("Dropping Quartz job {} of no enabled schedule", key);
					this.scheduler.deleteJob(key);
				}
			}
		}
		catch (SchedulerException | RuntimeException ex) {
			log.warn("Could not reconcile Quartz with the schedules: {}", ex.getMessage(), ex);
		}
	}

	static JobKey jobKey(long scheduleId) {
		return JobKey.jobKey("schedule-" + scheduleId, GROUP);
	}

}
