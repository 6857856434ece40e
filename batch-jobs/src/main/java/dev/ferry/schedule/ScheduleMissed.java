package dev.ferry.schedule;

import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/**
 * Published (as an application event) when a fire of a schedule launched no export: it was skipped (the previous
 * export still ran, or another fire held the lock) or the export could not be started.
 *
 * @param scheduleId the schedule
 * @param scheduleName its name
 * @param scheduledFor when Quartz meant it to fire (null for run-now)
 * @param outcome SKIPPED or FAILED
 * @param reason why, for people
 */
public record ScheduleMissed(long scheduleId, String scheduleName, @Nullable LocalDateTime scheduledFor,
		String outcome, String reason) {
}
