package dev.ferry.schedule;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import org.jspecify.annotations.Nullable;
import org.quartz.CronExpression;

import dev.ferry.error.FerryException;

/** Checks cron expressions and time zones, says them in words, and computes their next fire times. */
final class CronRules {

	static final String FORMAT = "Quartz cron format: seconds minutes hours day-of-month month day-of-week [year], "
			+ "with ? in one of the two day fields, e.g. '0 0 2 * * ?' (every day at 02:00) or '0 */15 * * * ?' "
			+ "(every 15 minutes)";

	private static final CronParser DESCRIBER_PARSER = new CronParser(
			CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

	private CronRules() {
	}

	/** The time zone; omitted → this node's default zone. */
	static ZoneId zone(@Nullable String timeZone) {
		if (timeZone == null || timeZone.isBlank()) {
			return ZoneId.systemDefault();
		}
		try {
			return ZoneId.of(timeZone.strip());
		}
		catch (DateTimeException ex) {
			throw FerryException.invalid("timeZone '" + timeZone + "' is not a valid time zone: use an IANA name "
					+ "such as UTC, Europe/Berlin or America/New_York, or an offset such as +02:00");
		}
	}

	/** The parsed expression, read in {@code zone}; PARAMETER_INVALID with the reason if it is not valid. */
	static CronExpression parse(@Nullable String cron, ZoneId zone) {
		if (cron == null || cron.isBlank()) {
			throw FerryException.invalid("cron is required (" + FORMAT + ")");
		}
		String expression = cron.strip();
		if (expression.length() > 120) {
			throw FerryException.invalid("cron is longer than 120 characters");
		}
		CronExpression parsed;
		try {
			parsed = new CronExpression(expression);
		}
		catch (ParseException | RuntimeException ex) {
			throw FerryException.invalid("cron '" + expression + "' is not a valid Quartz cron expression: "
					+ reason(ex) + " (" + FORMAT + ")");
		}
		parsed.setTimeZone(TimeZone.getTimeZone(zone));
		if (parsed.getNextValidTimeAfter(new Date()) == null) {
			throw FerryException.invalid("cron '" + expression + "' never fires again (a year in the past?)");
		}
		return parsed;
	}

	/** Quartz's reason without the Java exception it may quote ("… (java.lang.NumberFormatException: …)"). */
	private static String reason(Exception ex) {
		String message = (ex instanceof ParseException) ? String.valueOf(ex.getMessage()) : "";
		int java = message.indexOf("(java.");
		if (java >= 0) {
			message = message.substring(0, java).strip();
		}
		return message.isEmpty() || message.contains("Exception") ? "a field holds a value out of range" : message;
	}

	/** How many fire times from now are compared with {@link #checkInterval}. */
	static final int INTERVAL_SAMPLE = 50;

	/**
	 * Refuses a cron two of whose next {@link #INTERVAL_SAMPLE} fire times are closer than {@code min}, naming both
	 * times and the setting.
	 */
	static void checkInterval(CronExpression cron, Duration min) {
		Date previous = cron.getNextValidTimeAfter(new Date());
		for (int i = 1; i < INTERVAL_SAMPLE && previous != null; i++) {
			Date next = cron.getNextValidTimeAfter(previous);
			if (next == null) {
				return;
			}
			Duration gap = Duration.between(previous.toInstant(), next.toInstant());
			if (gap.compareTo(min) < 0) {
				throw FerryException.invalid("cron '" + cron.getCronExpression() + "' fires " + words(gap)
						+ " apart (" + previous.toInstant() + " and " + next.toInstant()
						+ "); schedules may fire at most once every " + words(min)
						+ " (ferry.schedules.min-interval, FERRY_SCHEDULE_MIN_INTERVAL)");
			}
			previous = next;
		}
	}

	private static String words(Duration duration) {
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}

	static CronDescription describe(String cron, ZoneId zone, int count) {
		CronExpression expression = parse(cron, zone);
		List<OffsetDateTime> next = new ArrayList<>(count);
		Date after = new Date();
		for (int i = 0; i < count; i++) {
			Date fire = expression.getNextValidTimeAfter(after);
			if (fire == null) {
				break;
			}
			next.add(fire.toInstant().atZone(zone).toOffsetDateTime());
			after = fire;
		}
		return new CronDescription(expression.getCronExpression(), zone.getId(), words(expression.getCronExpression()),
				next);
	}

	/** cron-utils' English description; the expression itself if cron-utils cannot read it. */
	static String words(String cron) {
		try {
			return CronDescriptor.instance(Locale.ENGLISH).describe(DESCRIBER_PARSER.parse(cron));
		}
		catch (RuntimeException ex) {
			return cron;
		}
	}

}
