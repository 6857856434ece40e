package dev.ferry.tool;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepLocator;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
import org.springframework.batch.core.step.tasklet.TaskletStep;
import org.springframework.stereotype.Component;

/**
 * Stops a job execution that runs on this node, like {@code JobOperator.stop} but without its race. Spring Batch 6's
 * stop saves the running step's execution from the caller's thread, from a copy; when the step's own thread saves
 * it at the same moment (each poll commits), one of the two loses the optimistic lock and the job ends
 * {@code UNKNOWN} instead of {@code STOPPED}. Here the caller saves only the job execution (the repository makes it
 * {@code STOPPED}) and tells the running tasklet; the step's own thread then saves its step, after the repository
 * has synchronized it with the stopped job. A step that is {@link StoppableWork} (a step choosing its work by the
 * record's tool chain) is told through it. The stop returns once that step has ended (bounded), so that a record
 * shown Stopped has no tool left and can be restarted at once.
 */
@Component
public class ExecutionStopper {

	private static final Logger log = LoggerFactory.getLogger(ExecutionStopper.class);

	/** How long a stop waits for the told step to end. */
	static final Duration STEP_END_WAIT = Duration.ofSeconds(30);

	private static final Duration POLL = Duration.ofMillis(50);

	private final JobRepository jobRepository;

	private final List<Job> jobs;

	ExecutionStopper(JobRepository jobRepository, List<Job> jobs) {
		this.jobRepository = jobRepository;
		this.jobs = jobs;
	}

	public void stop(JobExecution execution) throws JobExecutionNotRunningException {
		BatchStatus status = execution.getStatus();
		if (status != BatchStatus.STARTED && status != BatchStatus.STARTING) {
			throw new JobExecutionNotRunningException("job execution " + execution.getId() + " is " + status);
		}
		log.info("Stopping job execution {} of record {}", execution.getId(),
				execution.getJobInstance().getInstanceId());
		execution.setStatus(BatchStatus.STOPPING);
		execution.setExitStatus(ExitStatus.STOPPED);
		execution.setEndTime(LocalDateTime.now());
		this.jobRepository.update(execution);
		StepLocator steps = stepLocator(execution.getJobInstance().getJobName());
		if (steps == null) {
			return;
		}
		boolean told = false;
		for (StepExecution stepExecution : execution.getStepExecutions()) {
			if (!stepExecution.getStatus().isRunning()) {
				continue;
			}
			Step step = steps.getStep(stepExecution.getStepName());
			if (step instanceof StoppableWork work) {
				StepSynchronizationManager.register(stepExecution); // resolves step-scoped beans
				try {
					told |= work.stopWork(stepExecution);
				}
				finally {
					StepSynchronizationManager.release();
				}
			}
			else if (step instanceof TaskletStep taskletStep
					&& taskletStep.getTasklet() instanceof StoppableTasklet tasklet) {
				StepSynchronizationManager.register(stepExecution); // resolves the step-scoped tasklet
				try {
					tasklet.stop(stepExecution);
					told = true;
				}
				finally {
					StepSynchronizationManager.release();
				}
			}
		}
		if (told) {
			awaitStepsEnded(execution.getId());
		}
	}

	/**
	 * The job execution is STOPPED in the repository at once, but its step winds down on its own thread: waiting
	 * for it means that a stop answered is a step ended (and a restart right after it is accepted).
	 */
	private void awaitStepsEnded(long executionId) {
		long deadline = System.nanoTime() + STEP_END_WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			JobExecution current = this.jobRepository.getJobExecution(executionId);
			if (current == null || current.getStepExecutions().stream().noneMatch((s) -> s.getStatus().isRunning())) {
				return;
			}
			try {
				Thread.sleep(POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		log.warn("Job execution {} was told to stop but its step still ran after {}", executionId, STEP_END_WAIT);
	}

	private @Nullable StepLocator stepLocator(String jobName) {
		for (Job job : this.jobs) {
			if (job.getName().equals(jobName) && job instanceof StepLocator locator) {
				return locator;
			}
		}
		return null;
	}

}
