package dev.ferry.record;

import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

/** A native export's partitions shown as one line of the record page's steps. */
class PartitionSummaryTests {

	static final JobExecution JOB = new JobExecution(1, new JobInstance(1, "exportData"), new JobParameters());

	@Test
	void countsEachStatusNamesTheFirstFailureAndSpansTheirTimes() {
		StepExecution done = partition(1, BatchStatus.COMPLETED, "", 10, 20);
		StepExecution failed = partition(2, BatchStatus.FAILED, "PartitionFailedException: table shop.t chunk 0: "
				+ "denied\n\tat somewhere", 11, 25);
		StepExecution done2 = partition(3, BatchStatus.COMPLETED, "", 12, 30);

		TransferDetails.StepRun summary = PartitionSummary.of(List.of(done, failed, done2));

		assertThat(summary.name()).isEqualTo("3 partitions");
		assertThat(summary.status()).isEqualTo("FAILED");
		assertThat(summary.exitCode()).isEqualTo("2 COMPLETED, 1 FAILED");
		assertThat(summary.exitDescription())
			.isEqualTo("exportDataFromCluster:p00002: PartitionFailedException: table shop.t chunk 0: denied");
		assertThat(summary.start()).isEqualTo(time(10));
		assertThat(summary.end()).isEqualTo(time(30));
	}

	@Test
	void whileOneRunsThereIsNoEnd() {
		StepExecution running = partition(1, BatchStatus.STARTED, "", 10, 0);

		TransferDetails.StepRun summary = PartitionSummary.of(List.of(running, partition(2, BatchStatus.COMPLETED, "",
				10, 12)));

		assertThat(summary.status()).isEqualTo("STARTED");
		assertThat(summary.end()).isNull();
	}

	private static StepExecution partition(long id, BatchStatus status, String description, int start, int end) {
		StepExecution step = new StepExecution(id, String.format("exportDataFromCluster:p%05d", id), JOB);
		step.setStatus(status);
		step.setExitStatus(new ExitStatus(status.name(), description));
		step.setStartTime(time(start));
		step.setEndTime(end == 0 ? null : time(end));
		return step;
	}

	private static LocalDateTime time(int second) {
		return LocalDateTime.of(2026, 1, 1, 0, 0, second);
	}

}
