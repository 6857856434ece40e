package dev.ferry.tool;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Joins an argument list into one line for display, single-quoting the arguments a POSIX shell would split. */
final class CommandLineText {

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

	private CommandLineText() {
	}

	static String join(List<String> arguments) {
		return arguments.stream().map(CommandLineText::quote).collect(Collectors.joining(" "));
	}

	static String quote(String argument) {
		if (SAFE.matcher(argument).matches()) {
			return argument;
		}
		return "'" + argument.replace("'", "'\"'\"'") + "'";
	}

}
