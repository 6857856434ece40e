package dev.ferry.tool;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Runs the tool – or a chain of runs, see {@link ToolInvocation#next} – for one step execution. The first {@link #execute} call starts the tool and every later call
 * polls it for up to {@link ToolCommand#pollInterval()}, returning {@link RepeatStatus#CONTINUABLE} while it runs:
 * each poll is a chunk, so the step execution context – with the progress – is committed on every poll.
 * <p>
 * A stop ({@code JobOperator.stop}, or {@link RunningTools#terminateAll()}) terminates the process tree; the next
 * poll then marks the step execution terminate-only and Spring Batch ends the step, and so the job, as STOPPED.
 * One instance per step execution: declare it {@code @StepScope}.
 */
public class ToolProcessTasklet implements StoppableTasklet, StepExecutionListener {

	public static final String PID_KEY = "tool.pid";

	/**
	 * When the process of {@link #PID_KEY} started (epoch millis, as the OS reports it): with the pid it identifies
	 * the process across a crash of this JVM, so that a restarted node can end its orphaned tools without ever
	 * signalling an unrelated process that got the pid later.
	 */
	public static final String PID_STARTED_AT_KEY = "tool.pidStartedAt";

	public static final String COMMAND_KEY = "tool.command";

	public static final String STARTED_AT_KEY = "tool.startedAt";

	public static final String POLLED_AT_KEY = "tool.polledAt";

	public static final String EXIT_CODE_KEY = "tool.exitCode";

	public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(ToolProcessTasklet.class);

	private final ToolInvocation invocation;

	private final Duration stopGrace;

	private final ToolExitListener exits;

	private final Object lock = new Object();

	private @Nullable Long stepExecutionId;

	private @Nullable ToolRun run;

	private boolean stopped;

	private @Nullable StopHandshake handshake;

	public ToolProcessTasklet(ToolInvocation invocation) {
		this(invocation, DEFAULT_STOP_GRACE);
	}

	/** @param stopGrace how long a stopped or timed-out tool gets between SIGTERM and SIGKILL */
	public ToolProcessTasklet(ToolInvocation invocation, Duration stopGrace) {
		this(invocation, stopGrace, ToolExitListener.NONE);
	}

	/** @param exits told how each run ended (its exit code, or its timeout) */
	public ToolProcessTasklet(ToolInvocation invocation, Duration stopGrace, ToolExitListener exits) {
		this.invocation = Objects.requireNonNull(invocation, "invocation");
		this.stopGrace = Objects.requireNonNull(stopGrace, "stopGrace");
		this.exits = Objects.requireNonNull(exits, "exits");
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		StepExecution stepExecution = contribution.getStepExecution();
		ToolRun current;
		synchronized (this.lock) {
			if (!switchTo(stepExecution.getId())) {
				throw new IllegalStateException("Already running a tool for step execution " + this.stepExecutionId
						+ ": one ToolProcessTasklet per step execution (@StepScope)");
			}
			if (this.run == null && !this.stopped) {
				this.run = ToolRun.start(this.invocation, stepExecution, this::markStopped);
				return RepeatStatus.CONTINUABLE;
			}
			current = this.run;
		}
		if (current == null) {
			stepExecution.setTerminateOnly(); // stopped before it started
			return RepeatStatus.CONTINUABLE;
		}
		return poll(current, stepExecution);
	}

	/** Terminates the tool's process tree (SIGTERM, SIGKILL after the grace period); safe to call repeatedly. */
	@Override
	public void stop(StepExecution stepExecution) {
		ToolRun target;
		StopHandshake handshake = new StopHandshake();
		synchronized (this.lock) {
			if (!switchTo(stepExecution.getId())) {
				log.warn("Not stopping step execution {}: running a tool for step execution {}",
						stepExecution.getId(), this.stepExecutionId);
				return;
			}
			this.stopped = true;
			this.handshake = handshake;
			target = this.run;
		}
		try {
			terminate(target);
		}
		finally {
			handshake.stopReturned();
		}
	}

	/**
	 * The step ended – normally, failed, or interrupted because another node set the job execution STOPPING in
	 * the database – while the tool may still run: never leave it behind. (Register the tasklet as a listener of
	 * its step.)
	 */
	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		ToolRun current;
		synchronized (this.lock) {
			current = (this.stepExecutionId != null && this.stepExecutionId == stepExecution.getId()) ? this.run
					: null;
		}
		if (current != null && current.process().isAlive()) {
			log.warn("Step {} ended ({}) while {} (pid {}) still ran; terminating it", stepExecution.getStepName(),
					stepExecution.getStatus(), current.command().displayName(), current.process().pid());
			current.terminate(this.stopGrace, this.invocation);
		}
		return null;
	}

	/** Like {@link #stop(StepExecution)} for the current step execution. */
	@Override
	@Deprecated
	@SuppressWarnings("removal")
	public void stop() {
		terminate(markStopped());
	}

	private @Nullable ToolRun markStopped() {
		synchronized (this.lock) {
			this.stopped = true;
			return this.run;
		}
	}

	private void terminate(@Nullable ToolRun target) {
		if (target != null) {
			target.terminate(this.stopGrace, this.invocation);
		}
	}

	/**
	 * Forgets a finished earlier step execution, should this instance be reused (e.g. on a restart); false if the
	 * tool of another step execution is still running (the instance is shared: it must be {@code @StepScope}).
	 */
	private boolean switchTo(long id) {
		if (this.stepExecutionId != null && this.stepExecutionId != id) {
			if (this.run != null && !this.run.endIfGone(this.invocation)) {
				return false;
			}
			this.run = null;
			this.stopped = false;
			this.handshake = null;
		}
		this.stepExecutionId = id;
		return true;
	}

	private RepeatStatus poll(ToolRun current, StepExecution stepExecution) throws Exception {
		ToolCommand command = current.command();
		ExecutionContext context = stepExecution.getExecutionContext();
		try {
			boolean exited = current.awaitExit();
			boolean stopRequested = isStopped();
			if (exited && (current.process().exitValue() == 0 || !stopRequested)) {
				current.endIfGone(this.invocation);
				int exitCode = current.process().exitValue();
				context.putInt(EXIT_CODE_KEY, exitCode);
				this.exits.ended(command, exitCode, false);
				log.info("{} (pid {}) exited with code {}", command.displayName(), current.process().pid(), exitCode);
				if (exitCode == 0) {
					return startNext(stepExecution, command);
				}
				throw ToolFailedException.exited(command, exitCode, LogTail.read(command.logFile()));
			}
			context.putLong(POLLED_AT_KEY, System.currentTimeMillis());
			if (stopRequested) {
				current.endIfGone(this.invocation);
				awaitStopHandshake();
				stepExecution.setTerminateOnly();
				return RepeatStatus.CONTINUABLE;
			}
			if (current.timedOut()) {
				log.warn("{} (pid {}) exceeded its timeout {}", command.displayName(), current.process().pid(),
						command.timeout());
				current.terminate(this.stopGrace, this.invocation);
				this.exits.ended(command, ToolExitListener.NO_EXIT_CODE, true);
				throw new ToolTimeoutException(command.displayName(), command.timeout(),
						LogTail.read(command.logFile()));
			}
			this.invocation.recordProgress(stepExecution, command, context);
			return RepeatStatus.CONTINUABLE;
		}
		catch (InterruptedException ex) {
			current.terminate(this.stopGrace, this.invocation);
			Thread.currentThread().interrupt();
			throw new JobInterruptedException(command.displayName() + " was interrupted; stopped");
		}
		catch (RuntimeException | Error ex) {
			current.terminate(this.stopGrace, this.invocation); // leave nothing running behind a failure
			throw ex;
		}
	}

	/** After a successful run: the invocation's next command (e.g. the next database), else FINISHED. */
	private RepeatStatus startNext(StepExecution stepExecution, ToolCommand finished) throws Exception {
		ToolCommand next = this.invocation.next(stepExecution, finished);
		if (next == null) {
			return RepeatStatus.FINISHED;
		}
		synchronized (this.lock) {
			if (this.stopped) {
				ToolRun.cleanup(this.invocation, stepExecution, next);
				stepExecution.setTerminateOnly();
				return RepeatStatus.CONTINUABLE;
			}
			this.run = ToolRun.launch(this.invocation, stepExecution, next, this::markStopped);
		}
		return RepeatStatus.CONTINUABLE;
	}

	private void awaitStopHandshake() throws InterruptedException {
		StopHandshake current;
		synchronized (this.lock) {
			current = this.handshake;
		}
		if (current != null) {
			current.awaitReturned(this.stopGrace);
		}
	}

	private boolean isStopped() {
		synchronized (this.lock) {
			return this.stopped;
		}
	}

}
