package dev.ferry.transfer;

import java.util.Comparator;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The seed's {@code exportDataFailed}/{@code importDataFailed} node: copies the failed step's message into the job
 * execution context so the record can show why it failed. The job then ends FAILED.
 */
class TransferFailedTasklet implements Tasklet {

	static final String ERROR = "result.error";

	private static final int MAX_MESSAGE = 2000;

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution self = chunkContext.getStepContext().getStepExecution();
		String message = self.getJobExecution()
			.getStepExecutions()
			.stream()
			.filter((step) -> step.getStatus() == BatchStatus.FAILED && step.getId() != self.getId())
			.max(Comparator.comparing(StepExecution::getId))
			.map((step) -> step.getStepName() + ": " + step.getExitStatus().getExitDescription())
			.orElse("failed");
		self.getJobExecution().getExecutionContext().putString(ERROR, truncate(message));
		return RepeatStatus.FINISHED;
	}

	private static String truncate(String message) {
		return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
	}

}
