package dev.ferry.web.security;

import org.jspecify.annotations.Nullable;

/** Text from a request made fit for one log line: control characters replaced, at most 64 characters. */
final class LogSafe {

	private static final int MAX = 64;

	private LogSafe() {
	}

	static String text(@Nullable String value) {
		if (value == null) {
			return "";
		}
		String line = value.replaceAll("\\p{Cntrl}", "?");
		return (line.length() > MAX) ? line.substring(0, MAX) + "…" : line;
	}

}
