package dev.ferry.transfer;

import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

import dev.ferry.record.ProgressContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** How long the least progressing running transfer has shown no change of its counts or step. */
class TransferProgressWatchTests {

	private final TransferProgressWatch watch = new TransferProgressWatch();

	@Test
	void noChangeCountsFromTheStepStartAndAChangeResetsIt() {
		JobExecution execution = MetaDataInstanceFactory.createJobExecution("exportData", 1L, 11L);
		StepExecution step = running(execution, "exportDataFromCluster", 21L, 60);
		step.getExecutionContext().putLong(ProgressContext.BYTES, 100L);
		step.getExecutionContext().putLong(ProgressContext.UPDATED_AT, 1L);

		assertThat(this.watch.stalledSeconds(List.of(execution))).isCloseTo(60, within(2.0));
		step.getExecutionContext().putLong(ProgressContext.UPDATED_AT, 2L); // a poll, not progress
		assertThat(this.watch.stalledSeconds(List.of(execution))).isCloseTo(60, within(2.0));

		step.getExecutionContext().putLong(ProgressContext.BYTES, 200L);
		assertThat(this.watch.stalledSeconds(List.of(execution))).isLessThan(1);
	}

	@Test
	void theNextStepIsProgressAndTheMostStalledTransferCounts() {
		JobExecution first = MetaDataInstanceFactory.createJobExecution("exportData", 1L, 11L);
		StepExecution dump = running(first, "exportDataFromCluster", 21L, 300);
		JobExecution second = MetaDataInstanceFactory.createJobExecution("importData", 2L, 12L);
		running(second, "importDataToCluster", 22L, 120);
		assertThat(this.watch.stalledSeconds(List.of(first, second))).isCloseTo(300, within(2.0));

		dump.setStatus(BatchStatus.COMPLETED);
		running(first, "updateDataExportRecord", 23L, 0);

		assertThat(this.watch.stalledSeconds(List.of(first, second))).isCloseTo(120, within(2.0));
		assertThat(this.watch.stalledSeconds(List.of())).isZero();
	}

	private static StepExecution running(JobExecution execution, String name, long id, int startedSecondsAgo) {
		StepExecution step = new StepExecution(id, name, execution);
		step.setStatus(BatchStatus.STARTED);
		step.setStartTime(LocalDateTime.now().minusSeconds(startedSecondsAgo));
		execution.addStepExecutions(List.of(step));
		return step;
	}

}
