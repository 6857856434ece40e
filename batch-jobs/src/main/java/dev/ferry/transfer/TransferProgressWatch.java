package dev.ferry.transfer;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.ferry.engine.export.NativeExportSteps;
import dev.ferry.record.ProgressContext;

/**
 * Watches the running transfers' progress – the counts their steps commit ({@link ProgressContext}: bytes, files,
 * rows, tables, chunks) and the step they are in (a workflow node: a native export's partitions report to their
 * manager step) – and tells how long the most stalled one has shown no change. Read when metrics are scraped: a change
 * seen between two reads counts as progress at the later read, a transfer seen for the first time counts as
 * progressing since its current step started.
 */
final class TransferProgressWatch {

	/** What counts as progress: a change of any of these in the running step's context, or another step. */
	private static final List<String> PROGRESS_KEYS = List.of(ProgressContext.BYTES, ProgressContext.FILES,
			ProgressContext.ROWS, ProgressContext.TABLES_DONE, ProgressContext.FILES_DONE, ProgressContext.CHUNKS_DONE);

	private final Map<Long, Seen> seen = new ConcurrentHashMap<>();

	private record Seen(String signature, long sinceMillis) {
	}

	/** Seconds since the least recently progressing of {@code running} last progressed; 0 when none runs. */
	double stalledSeconds(Collection<JobExecution> running) {
		long now = System.currentTimeMillis();
		long oldest = now;
		for (JobExecution execution : running) {
			StepExecution step = currentStep(execution);
			String signature = signature(step);
			long stepStart = (step != null && step.getStartTime() != null)
					? step.getStartTime().atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli() : now;
			Seen last = this.seen.compute(execution.getId(), (id, previous) -> (previous != null
					&& previous.signature().equals(signature)) ? previous
							: new Seen(signature, previous == null ? Math.min(stepStart, now) : now));
			oldest = Math.min(oldest, last.sinceMillis());
		}
		this.seen.keySet().retainAll(running.stream().map(JobExecution::getId).toList());
		return (now - oldest) / 1000.0;
	}

	void forget(long executionId) {
		this.seen.remove(executionId);
	}

	private static @Nullable StepExecution currentStep(JobExecution execution) {
		@Nullable StepExecution current = null;
		for (StepExecution step : List.copyOf(execution.getStepExecutions())) {
			if ((step.getStatus() == BatchStatus.STARTED || step.getStatus() == BatchStatus.STARTING
					|| step.getStatus() == BatchStatus.STOPPING) && !NativeExportSteps.isPartition(step.getStepName())) {
				if (current == null || step.getId() > current.getId()) {
					current = step;
				}
			}
		}
		return current;
	}

	private static String signature(@Nullable StepExecution step) {
		if (step == null) {
			return "";
		}
		ExecutionContext context = step.getExecutionContext();
		StringBuilder signature = new StringBuilder(step.getStepName());
		for (String key : PROGRESS_KEYS) {
			signature.append('|').append(Objects.toString(context.get(key), ""));
		}
		return signature.toString();
	}

}
