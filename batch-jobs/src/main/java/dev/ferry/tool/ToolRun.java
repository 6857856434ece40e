package dev.ferry.tool;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.ferry.storage.FileModes;

/** One started tool process of one step execution, and the once-only end of it (cleanup, deregistration). */
final class ToolRun {

	private static final Logger log = LoggerFactory.getLogger(ToolRun.class);

	private static final Duration REAP_WAIT = Duration.ofSeconds(5);

	private final StepExecution stepExecution;

	private final ToolCommand command;

	private final Process process;

	private final long startNanos = System.nanoTime();

	private final AtomicBoolean ended = new AtomicBoolean();

	/**
	 * Prepares and starts the tool, registers it in {@link RunningTools} and records pid, command line and start
	 * time in the step execution context. If it cannot be started, cleans up and throws {@link ToolFailedException}.
	 */
	static ToolRun start(ToolInvocation invocation, StepExecution stepExecution, Runnable onTerminate)
			throws Exception {
		return launch(invocation, stepExecution, invocation.prepare(stepExecution), onTerminate);
	}

	/** Starts an already prepared command (the first one, or the next one of a chain). */
	static ToolRun launch(ToolInvocation invocation, StepExecution stepExecution, ToolCommand command,
			Runnable onTerminate) {
		Process process;
		try {
			process = ToolProcessLauncher.launch(command);
		}
		catch (IOException ex) {
			cleanup(invocation, stepExecution, command);
			throw ToolFailedException.cannotStart(command, ex);
		}
		RunningTools.register(process.toHandle(), command.displayName(), onTerminate);
		ExecutionContext context = stepExecution.getExecutionContext();
		context.putLong(ToolProcessTasklet.PID_KEY, process.pid());
		context.putLong(ToolProcessTasklet.PID_STARTED_AT_KEY, ProcessTrees.startMillis(process.toHandle()));
		context.putString(ToolProcessTasklet.COMMAND_KEY, command.displayCommandLine());
		if (!context.containsKey(ToolProcessTasklet.STARTED_AT_KEY)) { // the first command of a chain
			context.putLong(ToolProcessTasklet.STARTED_AT_KEY, System.currentTimeMillis());
		}
		context.remove(ToolProcessTasklet.EXIT_CODE_KEY);
		log.info("Started {} (pid {}) in {}, log {}: {}", command.displayName(), process.pid(), command.workingDir(),
				command.logFile(), command.displayCommandLine());
		return new ToolRun(stepExecution, command, process);
	}

	private ToolRun(StepExecution stepExecution, ToolCommand command, Process process) {
		this.stepExecution = stepExecution;
		this.command = command;
		this.process = process;
	}

	ToolCommand command() {
		return this.command;
	}

	Process process() {
		return this.process;
	}

	boolean timedOut() {
		return System.nanoTime() - this.startNanos > this.command.timeout().toNanos();
	}

	/** Waits up to the poll interval, but not past the timeout; true if the process has exited. */
	boolean awaitExit() throws InterruptedException {
		long untilTimeout = this.command.timeout().toNanos() - (System.nanoTime() - this.startNanos);
		long wait = Math.min(this.command.pollInterval().toNanos(), Math.max(untilTimeout, 0));
		return this.process.waitFor(wait, TimeUnit.NANOSECONDS);
	}

	/**
	 * Once the process is gone: forgets it in {@link RunningTools} and calls {@link ToolInvocation#cleanup} – the
	 * first call only. Does nothing (returns false) while the process is still alive.
	 */
	boolean endIfGone(ToolInvocation invocation) {
		if (this.process.isAlive()) {
			return false;
		}
		if (this.ended.compareAndSet(false, true)) {
			RunningTools.unregister(this.process.toHandle());
			cleanup(invocation, this.stepExecution, this.command);
		}
		return true;
	}

	/** Terminates the process tree (if still running), waits for the JVM to reap the process, ends the run. */
	void terminate(Duration grace, ToolInvocation invocation) {
		if (this.process.isAlive()) {
			log.info("Terminating {} (pid {})", this.command.displayName(), this.process.pid());
			ProcessTrees.terminate(this.process.toHandle(), grace);
			try {
				this.process.waitFor(REAP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (!endIfGone(invocation)) {
			log.error("{} (pid {}) survived termination", this.command.displayName(), this.process.pid());
		}
	}

	static void cleanup(ToolInvocation invocation, StepExecution stepExecution, ToolCommand command) {
		try {
			invocation.cleanup(stepExecution, command);
		}
		catch (RuntimeException ex) {
			log.warn("Cleanup after {} failed", command.displayName(), ex);
		}
		FileModes.restrictTree(command.workingDir()); // the tool wrote with the process umask
	}

}
