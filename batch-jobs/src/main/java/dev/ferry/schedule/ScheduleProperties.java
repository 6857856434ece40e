package dev.ferry.schedule;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on schedules ({@code ferry.schedules.*}).
 *
 * @param minInterval the shortest time allowed between two fire times of a schedule's cron
 * ({@code FERRY_SCHEDULE_MIN_INTERVAL}, default 5 minutes): a cron that fires more often is refused
 */
@Validated
@ConfigurationProperties("ferry.schedules")
record ScheduleProperties(@DefaultValue("5m") @NotNull Duration minInterval) {
}
