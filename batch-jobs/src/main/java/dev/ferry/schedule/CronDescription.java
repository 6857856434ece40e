package dev.ferry.schedule;

import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A cron expression explained: in words, and its next fire times in its time zone. */
@Schema(description = "A Quartz cron expression explained.")
public record CronDescription(
		@Schema(description = "The Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year]).", example = "0 0 2 * * ?") String cron,
		@Schema(description = "The time zone the expression is read in (IANA name).", example = "Europe/Berlin") String timeZone,
		@Schema(description = "The expression in words (English).", example = "at 02:00") String description,
		@Schema(description = "The next five fire times, with the zone's offset.") List<OffsetDateTime> nextFireTimes) {
}
