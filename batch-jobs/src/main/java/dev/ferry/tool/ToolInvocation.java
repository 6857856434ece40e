package dev.ferry.tool;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Builds the command for one step execution and reports progress; implemented per tool (mydumper, myloader, ...).
 * Used by {@link ToolProcessTasklet}.
 */
public interface ToolInvocation {

	/**
	 * Builds the command to run. May write files the tool needs (e.g. a 0600 defaults file with the password).
	 * If this throws, nothing was started and {@link #cleanup} is not called: clean up before throwing.
	 */
	ToolCommand prepare(StepExecution stepExecution) throws Exception;

	/**
	 * Called after a command exited with 0: the next command of a chain (e.g. mydumper for the next database), or
	 * {@code null} when the step is done. {@link #cleanup} has already run for {@code finished}; a returned command
	 * gets its own cleanup.
	 */
	default @Nullable ToolCommand next(StepExecution stepExecution, ToolCommand finished) throws Exception {
		return null;
	}

	/**
	 * Called on each poll while the tool is running, inside the chunk transaction; whatever is put in
	 * {@code progress} (the step execution context) is committed to the job repository with that poll.
	 */
	default void recordProgress(StepExecution stepExecution, ToolCommand command, ExecutionContext progress) {
	}

	/**
	 * Called exactly once after {@link #prepare} succeeded, once the process is gone (or could not be started):
	 * after success, failure, timeout and stop. E.g. delete the defaults file. Exceptions are logged, not rethrown.
	 */
	default void cleanup(StepExecution stepExecution, ToolCommand command) {
	}

}
