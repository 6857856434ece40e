/**
 * The console's schedule screens: the list with each schedule's cron in words, zone, next run and last outcome; the
 * create and edit form with a live cron preview; the detail page with the run history; and the schedule actions
 * (pause, resume, run now, delete). Everything goes through {@link dev.ferry.schedule.ScheduleService}.
 */
@NullMarked
package dev.ferry.web.schedules;

import org.jspecify.annotations.NullMarked;
