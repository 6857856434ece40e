package dev.ferry.engine.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The partitions of a native export over all its executions: the latest execution of each, which of them completed,
 * and what a resumed execution has to run again (Spring Batch's partition restart rule: what completed is kept).
 */
final class PartitionHistory {

	private final Map<String, StepExecution> latest;

	private PartitionHistory(Map<String, StepExecution> latest) {
		this.latest = latest;
	}

	/** Reads every execution of the record; {@code skipExecution} (the one running now) is left out, or -1 for none. */
	static PartitionHistory of(JobRepository jobRepository, JobExecution job, long skipExecution) {
		Map<String, StepExecution> latest = new HashMap<>();
		for (JobExecution execution : jobRepository.getJobExecutions(job.getJobInstance())) {
			if (execution.getId() == skipExecution) {
				continue;
			}
			for (StepExecution step : execution.getStepExecutions()) {
				if (Partitions.isPartition(step.getStepName())) {
					latest.merge(step.getStepName(), step, (a, b) -> a.getId() > b.getId() ? a : b);
				}
			}
		}
		return new PartitionHistory(latest);
	}

	/**
	 * What a restart runs again and what was done before.
	 * @param names the partitions to run again
	 * @param contexts what each is to do (its earlier context without its results)
	 * @param rowsBefore rows of the data partitions that completed before
	 * @param bytesBefore their stored bytes
	 * @param chunksBefore their number
	 */
	record Resume(List<String> names, List<ExecutionContext> contexts, long rowsBefore, long bytesBefore,
			long chunksBefore) {
	}

	Resume resume(int partitions) {
		List<String> names = new ArrayList<>();
		List<ExecutionContext> contexts = new ArrayList<>();
		long rows = 0;
		long bytes = 0;
		long chunks = 0;
		for (int i = 0; i < partitions; i++) {
			String name = Partitions.name(i);
			StepExecution last = this.latest.get(name);
			if (last == null) {
				throw new IllegalStateException("partition " + name + " of the plan was never created; restart with "
						+ "fresh to start over");
			}
			if (last.getStatus() != BatchStatus.COMPLETED) {
				names.add(name);
				contexts.add(Partitions.again(last.getExecutionContext()));
			}
			else if (Partitions.isData(last.getExecutionContext())) {
				rows += last.getExecutionContext().getLong(Partitions.ROWS, 0);
				bytes += Partitions.files(last.getExecutionContext()).stream().mapToLong((f) -> f.size()).sum();
				chunks++;
			}
		}
		return new Resume(names, contexts, rows, bytes, chunks);
	}

	/**
	 * The contexts of every partition of the plan, in order.
	 * @throws IllegalStateException naming a partition that did not complete
	 */
	List<ExecutionContext> completed(int partitions) {
		List<ExecutionContext> contexts = new ArrayList<>(partitions);
		for (int i = 0; i < partitions; i++) {
			StepExecution partition = this.latest.get(Partitions.name(i));
			if (partition == null || partition.getStatus() != BatchStatus.COMPLETED) {
				throw new IllegalStateException("partition " + Partitions.name(i) + " did not complete ("
						+ (partition == null ? "never ran" : partition.getStatus()) + ")");
			}
			contexts.add(partition.getExecutionContext());
		}
		return contexts;
	}

}
