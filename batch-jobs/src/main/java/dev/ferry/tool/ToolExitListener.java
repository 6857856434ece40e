package dev.ferry.tool;

/**
 * Told how each tool run of a {@link ToolProcessTasklet} ended (e.g. to count exit codes). Called on the transfer's
 * thread; must not throw.
 */
@FunctionalInterface
public interface ToolExitListener {

	/** Exit code of a run that Ferry ended because of its timeout. */
	int NO_EXIT_CODE = ToolFailedException.NO_EXIT_CODE;

	ToolExitListener NONE = (command, exitCode, timedOut) -> {
	};

	/**
	 * @param command the run's command ({@link ToolCommand#displayName()} names the tool)
	 * @param exitCode the process's exit code, or {@link #NO_EXIT_CODE}
	 * @param timedOut true if Ferry ended it because it exceeded its timeout
	 */
	void ended(ToolCommand command, int exitCode, boolean timedOut);

}
