package dev.ferry.tool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run: an argument list (never a string split on spaces), an explicit working directory and environment,
 * the log file that receives stdout and stderr, a mandatory timeout and the poll interval.
 * <p>
 * Only {@link #display()} is ever shown (logs, the step execution context); it is the argument list itself unless
 * the tool offers no other way for a secret than its command line (dumpling's {@code -p}): then the caller gives a
 * masked copy. Pass secrets in a defaults file or in {@link #environment()} (whose values are never logged) wherever
 * the tool allows it.
 */
public record ToolCommand(String displayName, List<String> command, Path workingDir, Map<String, String> environment,
		Path logFile, Duration timeout, Duration pollInterval, List<String> display) {

	public ToolCommand(String displayName, List<String> command, Path workingDir, Map<String, String> environment,
			Path logFile, Duration timeout, Duration pollInterval) {
		this(displayName, command, workingDir, environment, logFile, timeout, pollInterval, command);
	}

	public ToolCommand {
		Objects.requireNonNull(displayName, "displayName");
		if (displayName.isBlank()) {
			throw new IllegalArgumentException("displayName must not be blank");
		}
		command = List.copyOf(Objects.requireNonNull(command, "command"));
		if (command.isEmpty() || command.get(0).isBlank()) {
			throw new IllegalArgumentException(displayName + ": command must name an executable");
		}
		Objects.requireNonNull(workingDir, "workingDir");
		environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
		Objects.requireNonNull(logFile, "logFile");
		requirePositive(displayName, "timeout", timeout);
		requirePositive(displayName, "pollInterval", pollInterval);
		display = List.copyOf(Objects.requireNonNull(display, "display"));
		if (display.size() != command.size()) {
			throw new IllegalArgumentException(displayName + ": display must mask the command, not change it");
		}
	}

	/** The executable: the first entry of the argument list. */
	public String executable() {
		return this.command.get(0);
	}

	/** The argument list joined for display, quoted like a shell would need it; never contains the environment. */
	public String displayCommandLine() {
		return CommandLineText.join(this.display);
	}

	/** Shows the environment's names only: its values may be secrets. */
	@Override
	public String toString() {
		return "ToolCommand[" + this.displayName + ": " + displayCommandLine() + " in " + this.workingDir
				+ ", env " + this.environment.keySet() + ", log " + this.logFile + ", timeout " + this.timeout
				+ ", poll " + this.pollInterval + "]";
	}

	private static void requirePositive(String displayName, String what, Duration duration) {
		Objects.requireNonNull(duration, what);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(displayName + ": " + what + " must be positive, was " + duration);
		}
	}

}
