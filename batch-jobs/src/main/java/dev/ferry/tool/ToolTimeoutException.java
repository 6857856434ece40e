package dev.ferry.tool;

import java.time.Duration;

/** A tool ran longer than its {@link ToolCommand#timeout()}; its process tree has been terminated. */
public class ToolTimeoutException extends ToolFailedException {

	private static final long serialVersionUID = 1L;

	private final Duration timeout;

	public ToolTimeoutException(String displayName, Duration timeout, String logTail) {
		super(withTail(displayName + " did not finish within " + format(timeout) + "; stopped", logTail),
				NO_EXIT_CODE);
		this.timeout = timeout;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	/** "300ms", "45s", "2h 5m", "1h 0m 3s". */
	static String format(Duration duration) {
		if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
			return duration.toMillis() + "ms";
		}
		long hours = duration.toHours();
		int minutes = duration.toMinutesPart();
		int seconds = duration.toSecondsPart();
		int millis = duration.toMillisPart();
		StringBuilder text = new StringBuilder();
		if (hours > 0) {
			text.append(hours).append("h ");
		}
		if (hours > 0 || minutes > 0) {
			text.append(minutes).append("m ");
		}
		if (seconds > 0 || millis > 0 || text.length() == 0) {
			text.append(seconds);
			if (millis > 0) {
				text.append('.').append(String.format("%03d", millis));
			}
			text.append('s');
		}
		return text.toString().trim();
	}

}
