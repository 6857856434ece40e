package dev.ferry.web.schedules;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

import dev.ferry.schedule.Schedule;
import dev.ferry.schedule.ScheduleRun;

/** A schedule as the console shows it: with its cluster's name and its latest run, if it has fired at all. */
public record ScheduleRow(Schedule schedule, String clusterName, @Nullable ScheduleRun lastRun) {

	public @Nullable OffsetDateTime nextRun() {
		return this.schedule.nextFireTimes().isEmpty() ? null : this.schedule.nextFireTimes().get(0);
	}

	public @Nullable MaxAge maxAge() {
		return this.schedule.maxAge() == null ? null : MaxAge.of(this.schedule.maxAge());
	}

}
