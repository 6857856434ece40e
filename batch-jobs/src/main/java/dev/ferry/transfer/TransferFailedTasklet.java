package dev.ferry.transfer;

import java.util.Comparator;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The seed's {@code exportDataFailed}/{@code importDataFailed} node: copies the failed step's message into the job
 * execution context so the record can show why it failed. The job then ends FAILED.
 * <p>
 * When a flow moves on from a failed step, Spring Batch marks that step ABANDONED, which would make a restart skip
 * it and fail again at once. A transfer's restart must re-run the failed step, so this node sets it back to FAILED.
 */
class TransferFailedTasklet implements Tasklet {

	static final String ERROR = "result.error";

	private static final int MAX_MESSAGE = 2000;

	/**
	 * The cause, not its echo: the failed step that ended first. A partitioned step's partitions end before their
	 * manager, and the first partition to fail holds the cause (a full disk, a lost server); the ones failing after it
	 * only report what followed (their connections cut off).
	 */
	private static final Comparator<StepExecution> FIRST_TO_FAIL = Comparator
		.comparing(StepExecution::getEndTime, Comparator.nullsLast(Comparator.naturalOrder()))
		.thenComparing(StepExecution::getId);

	private final JobRepository jobRepository;

	TransferFailedTasklet(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution self = chunkContext.getStepContext().getStepExecution();
		Optional<StepExecution> failed = self.getJobExecution()
			.getStepExecutions()
			.stream()
			.filter((step) -> step.getId() != self.getId() && isFailure(step))
			.min(FIRST_TO_FAIL);
		self.getJobExecution()
			.getStepExecutions()
			.stream()
			.filter((step) -> step.getId() != self.getId() && isFailure(step)
					&& step.getStatus() == BatchStatus.ABANDONED)
			.forEach((step) -> {
				step.setStatus(BatchStatus.FAILED);
				this.jobRepository.update(step);
			});
		String message = failed.map((step) -> node(step.getStepName()) + ": " + reason(step)).orElse("failed");
		self.getJobExecution().getExecutionContext().putString(ERROR, truncate(message));
		return RepeatStatus.FINISHED;
	}

	/** The exception's own message (never a stack trace); the exit description only when there is none. */
	private static String reason(StepExecution step) {
		return step.getFailureExceptions()
			.stream()
			.reduce((first, second) -> second)
			.map((ex) -> ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName())
			.orElseGet(() -> firstLine(step.getExitStatus().getExitDescription()));
	}

	/** The workflow node a step belongs to: a partition {@code exportDataFromCluster:p00003} is its manager's. */
	private static String node(String stepName) {
		int partition = stepName.indexOf(':');
		return partition < 0 ? stepName : stepName.substring(0, partition);
	}

	private static String firstLine(String text) {
		int newline = text.indexOf('\n');
		return newline < 0 ? text : text.substring(0, newline);
	}

	private static boolean isFailure(StepExecution step) {
		return step.getStatus() == BatchStatus.FAILED || (step.getStatus() == BatchStatus.ABANDONED
				&& ExitStatus.FAILED.getExitCode().equals(step.getExitStatus().getExitCode()));
	}

	private static String truncate(String message) {
		return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
	}

}
