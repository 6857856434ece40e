package dev.ferry.engine.export;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The step executions a split creates for its partitions, each saved with what it is to do. Should the split fail
 * after creating some, they are ended FAILED (never left STARTING, which would block a restart).
 */
final class PartitionExecutions {

	private final JobRepository jobRepository;

	private final JobExecution job;

	private final List<StepExecution> created = new ArrayList<>();

	PartitionExecutions(JobRepository jobRepository, JobExecution job) {
		this.jobRepository = jobRepository;
		this.job = job;
	}

	void create(String name, ExecutionContext context) {
		StepExecution partition = this.jobRepository.createStepExecution(name, this.job);
		partition.setExecutionContext(context);
		this.jobRepository.updateExecutionContext(partition);
		this.created.add(partition);
	}

	int size() {
		return this.created.size();
	}

	Set<StepExecution> all() {
		return new LinkedHashSet<>(this.created);
	}

	/** The split failed: the partitions created so far never run. */
	void failAll() {
		for (StepExecution partition : this.created) {
			partition.setStatus(BatchStatus.FAILED);
			partition.setExitStatus(ExitStatus.FAILED);
			partition.setEndTime(LocalDateTime.now());
			this.jobRepository.update(partition);
		}
	}

}
