package dev.ferry.web.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.ferry.record.Progress;

/** Formatting for templates, as {@code ${@fmt.bytes(n)}}: sizes, durations, relative and absolute times, percent. */
@Component("fmt")
public class ConsoleFormat {

	private static final DateTimeFormatter ABSOLUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

	private static final String[] UNITS = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };

	public String bytes(@Nullable Long bytes) {
		if (bytes == null) {
			return "–";
		}
		double value = bytes;
		int unit = 0;
		while (value >= 1024 && unit < UNITS.length - 1) {
			value /= 1024;
			unit++;
		}
		return unit == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", value, UNITS[unit]);
	}

	public String duration(@Nullable Duration duration) {
		if (duration == null) {
			return "–";
		}
		long seconds = Math.max(0, duration.toSeconds());
		if (seconds < 60) {
			return seconds + " s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + " min " + (seconds % 60) + " s";
		}
		return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
	}

	public String seconds(@Nullable Long seconds) {
		return seconds == null ? "–" : duration(Duration.ofSeconds(seconds));
	}

	/** "3 min ago", "in 2 h" (for future times, e.g. the next run of a schedule). */
	public String ago(@Nullable Temporal time) {
		Instant instant = instant(time);
		if (instant == null) {
			return "–";
		}
		Duration between = Duration.between(instant, Instant.now());
		boolean future = between.isNegative();
		long seconds = Math.abs(between.toSeconds());
		String amount;
		if (seconds < 45) {
			return future ? "in a few seconds" : "just now";
		}
		else if (seconds < 3600) {
			amount = Math.max(1, Math.round(seconds / 60.0)) + " min";
		}
		else if (seconds < 86400) {
			amount = Math.round(seconds / 3600.0) + " h";
		}
		else {
			amount = Math.round(seconds / 86400.0) + " d";
		}
		return future ? "in " + amount : amount + " ago";
	}

	public String absolute(@Nullable Temporal time) {
		Instant instant = instant(time);
		return instant == null ? "" : ABSOLUTE.format(instant.atZone(ZoneId.systemDefault()));
	}

	/**
	 * Percent done, or null when neither the tool nor earlier runs of its schedule give a total (the bar is then
	 * indeterminate).
	 */
	public @Nullable Integer percent(@Nullable Progress progress) {
		if (progress == null) {
			return null;
		}
		if ("finished".equals(progress.phase())) {
			return 100;
		}
		if (progress.percent() != null) {
			return progress.percent();
		}
		Long done = progress.tablesTotal() != null ? progress.tablesDone() : progress.files();
		Long total = progress.tablesTotal() != null ? progress.tablesTotal() : progress.filesTotal();
		if (done == null || total == null || total <= 0) {
			return null;
		}
		return (int) Math.min(99, done * 100 / total); // 100 only once finished
	}

	private static @Nullable Instant instant(@Nullable Temporal time) {
		if (time instanceof OffsetDateTime offset) {
			return offset.toInstant();
		}
		if (time instanceof LocalDateTime local) {
			return local.atZone(ZoneId.systemDefault()).toInstant();
		}
		if (time instanceof Instant instant) {
			return instant;
		}
		return null;
	}

}
