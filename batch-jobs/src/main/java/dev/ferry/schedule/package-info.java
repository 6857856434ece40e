/**
 * Recurring exports: a schedule is a cluster, the options of a one-off export, a Quartz cron expression and time
 * zone, a retention policy and an enabled flag. Quartz (JDBC job store, clustered) fires each schedule once across
 * all nodes; every fire launches an export through the transfer service, or is skipped while the schedule's previous
 * export still runs, and is written to the schedule's run history. {@link dev.ferry.schedule.ScheduleService} is the
 * feature's public face.
 */
@NullMarked
package dev.ferry.schedule;

import org.jspecify.annotations.NullMarked;
