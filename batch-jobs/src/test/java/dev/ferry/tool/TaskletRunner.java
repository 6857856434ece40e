package dev.ferry.tool;

import java.time.Duration;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.test.MetaDataInstanceFactory;

/** Calls a tasklet the way a TaskletStep does – repeatedly while it returns CONTINUABLE – without a job. */
class TaskletRunner {

	final StepExecution stepExecution;

	final ToolProcessTasklet tasklet;

	int continuable;

	TaskletRunner(ToolProcessTasklet tasklet) {
		this(tasklet, 1L);
	}

	TaskletRunner(ToolProcessTasklet tasklet, long stepExecutionId) {
		this.tasklet = tasklet;
		this.stepExecution = MetaDataInstanceFactory.createStepExecution("step", stepExecutionId);
	}

	RepeatStatus executeOnce() throws Exception {
		StepContribution contribution = this.stepExecution.createStepContribution();
		RepeatStatus status = this.tasklet.execute(contribution, new ChunkContext(new StepContext(this.stepExecution)));
		if (status == RepeatStatus.CONTINUABLE) {
			this.continuable++;
		}
		return status;
	}

	/** Executes until FINISHED or terminate-only (as TaskletStep would stop there); fails after {@code limit}. */
	RepeatStatus runToEnd(Duration limit) throws Exception {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			RepeatStatus status = executeOnce();
			if (status == RepeatStatus.FINISHED || this.stepExecution.isTerminateOnly()) {
				return status;
			}
		}
		throw new AssertionError("tasklet still CONTINUABLE after " + limit);
	}

	long pid() {
		return this.stepExecution.getExecutionContext().getLong(ToolProcessTasklet.PID_KEY);
	}

}
