package dev.ferry.web.schedules;

import java.time.Duration;

/** Retention's maximum age as the console shows and takes it: a whole number of days, hours or minutes. */
public record MaxAge(long amount, String unit) {

	/** The largest unit that divides the ISO-8601 duration the service keeps. */
	static MaxAge of(String iso) {
		long minutes = Duration.parse(iso).toMinutes();
		if (minutes % (24 * 60) == 0) {
			return new MaxAge(minutes / (24 * 60), "days");
		}
		return minutes % 60 == 0 ? new MaxAge(minutes / 60, "hours") : new MaxAge(minutes, "minutes");
	}

	/** The ISO-8601 duration the service takes (a negative or zero amount is refused there). */
	String iso() {
		return switch (this.unit) {
			case "hours" -> "PT" + this.amount + "H";
			case "minutes" -> "PT" + this.amount + "M";
			default -> "P" + this.amount + "D";
		};
	}

}
