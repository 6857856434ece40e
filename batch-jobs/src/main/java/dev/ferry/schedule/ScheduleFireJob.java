package dev.ferry.schedule;

import java.time.LocalDateTime;
import java.time.ZoneId;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job of a schedule. Quartz's clustered JDBC store hands each fire to exactly one node; the job only
 * starts the export (asynchronous), so it ends at once and never re-fires.
 */
@DisallowConcurrentExecution
class ScheduleFireJob implements Job {

	static final String SCHEDULE_ID = "scheduleId";

	private final ScheduleLauncher launcher;

	ScheduleFireJob(ScheduleLauncher launcher) {
		this.launcher = launcher;
	}

	@Override
	public void execute(JobExecutionContext context) {
		long scheduleId = Long.parseLong(context.getMergedJobDataMap().getString(SCHEDULE_ID));
		LocalDateTime scheduledFor = context.getScheduledFireTime() == null ? null
				: LocalDateTime.ofInstant(context.getScheduledFireTime().toInstant(), ZoneId.systemDefault());
		this.launcher.fire(scheduleId, ScheduleLauncher.CRON, scheduledFor);
	}

}
