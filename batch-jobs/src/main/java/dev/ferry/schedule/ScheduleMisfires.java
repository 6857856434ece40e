package dev.ferry.schedule;

import java.time.LocalDateTime;
import java.time.ZoneId;

import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.TriggerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Ferry's one Quartz trigger listener (Quartz keeps one list of global listeners, so there is only one): counts
 * misfires of schedules ({@link ScheduleMetrics}) and reports them as {@link ScheduleMissed}: no node fired the schedule on time (all were down
 * or busy for longer than {@code misfireThreshold}). Quartz then fires it once, late (fire-and-proceed); the fire
 * times in between are lost, which is what this tells.
 */
@Component
class ScheduleMisfires implements TriggerListener, SchedulerFactoryBeanCustomizer {

	static final String MISFIRED = "MISFIRED";

	private static final Logger log = LoggerFactory.getLogger(ScheduleMisfires.class);

	private final ScheduleStore store;

	private final ApplicationEventPublisher events;

	private final ScheduleMetrics metrics;

	ScheduleMisfires(ScheduleStore store, ApplicationEventPublisher events, ScheduleMetrics metrics) {
		this.store = store;
		this.events = events;
		this.metrics = metrics;
	}

	@Override
	public void customize(SchedulerFactoryBean factory) {
		factory.setGlobalTriggerListeners(this);
	}

	@Override
	public String getName() {
		return "ferry-schedule-misfires";
	}

	@Override
	public void triggerMisfired(Trigger trigger) {
		if (!ScheduleTriggers.GROUP.equals(trigger.getJobKey().getGroup())
				|| !trigger.getJobKey().getName().startsWith("schedule-")) {
			return;
		}
		this.metrics.misfired();
		try {
			long scheduleId = Long.parseLong(trigger.getJobKey().getName().substring("schedule-".length()));
			LocalDateTime missed = trigger.getNextFireTime() == null ? null
					: LocalDateTime.ofInstant(trigger.getNextFireTime().toInstant(), ZoneId.systemDefault());
			this.store.find(scheduleId).ifPresent((schedule) -> {
				log.warn("Schedule {} ({}) misfired: no node fired it at {}", scheduleId, schedule.name(), missed);
				this.events.publishEvent(new ScheduleMissed(scheduleId, schedule.name(), missed, MISFIRED,
						"no Ferry node fired it on time (all down or busy longer than Quartz's misfire threshold);"
								+ " it fires once now, fire times in between are lost"));
			});
		}
		catch (RuntimeException ex) {
			log.warn("Could not report the misfire of {}: {}", trigger.getKey(), ex.getMessage());
		}
	}

	@Override
	public void triggerFired(Trigger trigger, JobExecutionContext context) {
	}

	@Override
	public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
		return false;
	}

	@Override
	public void triggerComplete(Trigger trigger, JobExecutionContext context,
			Trigger.CompletedExecutionInstruction instruction) {
	}

}
