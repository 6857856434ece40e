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
			.max(Comparator.comparing(StepExecution::getId));
		self.getJobExecution()
			.getStepExecutions()
			.stream()
			.filter((step) -> step.getId() != self.getId() && isFailure(step)
					&& step.getStatus() == BatchStatus.ABANDONED)
			.forEach((step) -> {
				step.setStatus(BatchStatus.FAILED);
				this.jobRepository.update(step);
			});
		String message = failed.map((step) -> step.getStepName() + ": " + reason(step)).orElse("failed");
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
