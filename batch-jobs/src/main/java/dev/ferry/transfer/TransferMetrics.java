package dev.ferry.transfer;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Transfer metrics of this node, fed by the export and import jobs' listener calls (one attempt = one execution):
 * attempts started and ended by outcome, their duration, bytes and rows of finished exports, verification failures
 * of imports; gauges of queued and running transfers and of the longest time a running one made no progress
 * ({@link TransferProgressWatch}). Tags are few and bounded: {@code type}, {@code chain}, {@code storage},
 * {@code scheduled}, {@code outcome}.
 */
@Component
class TransferMetrics implements JobExecutionListener {

	/** Duration buckets: transfers take minutes to hours. */
	private static final Duration[] DURATION_BUCKETS = { Duration.ofSeconds(10), Duration.ofMinutes(1),
			Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
			Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(24) };

	private final MeterRegistry registry;

	private final Map<Long, JobExecution> running = new ConcurrentHashMap<>();

	private final TransferProgressWatch progress = new TransferProgressWatch();

	TransferMetrics(MeterRegistry registry, @Qualifier("transferExecutor") ThreadPoolTaskExecutor executor) {
		this.registry = registry;
		Gauge.builder("ferry.transfers.queued", executor, TransferMetrics::queued)
			.description("Transfers launched on this node that wait for a free slot")
			.register(registry);
		for (String type : new String[] { "export", "import" }) {
			Gauge.builder("ferry.transfers.running", this.running, (executions) -> count(executions, type))
				.description("Transfers running on this node")
				.tag("type", type)
				.register(registry);
		}
		Gauge.builder("ferry.transfers.stalled", this, (metrics) -> metrics.progress.stalledSeconds(
				metrics.running.values()))
			.description("Longest time a transfer running on this node made no progress (0: none runs)")
			.baseUnit("seconds")
			.register(registry);
		Counter.builder("ferry.verification.failures")
			.description("Imports whose row counts differ from the export's manifest")
			.tag("type", "import")
			.register(registry);
	}

	@Override
	public void beforeJob(JobExecution execution) {
		this.running.put(execution.getId(), execution);
		Counter.builder("ferry.transfers.started")
			.description("Transfer attempts (first runs and restarts) that started running on this node")
			.tags(tags(execution))
			.register(this.registry)
			.increment();
	}

	@Override
	public void afterJob(JobExecution execution) {
		this.running.remove(execution.getId());
		this.progress.forget(execution.getId());
		Tags tags = tags(execution);
		Tags ended = tags.and("outcome", outcome(execution.getStatus()));
		Counter.builder("ferry.transfers.ended")
			.description("Transfer attempts that ended on this node, by outcome")
			.tags(ended)
			.register(this.registry)
			.increment();
		if (execution.getStartTime() != null) {
			LocalDateTime end = execution.getEndTime() != null ? execution.getEndTime() : LocalDateTime.now();
			Timer.builder("ferry.transfers.duration")
				.description("How long transfer attempts ran, from start to end")
				.tags(ended)
				.serviceLevelObjectives(DURATION_BUCKETS)
				.register(this.registry)
				.record(Duration.between(execution.getStartTime(), end));
		}
		ExecutionContext results = execution.getExecutionContext();
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			count("ferry.transfers.bytes", "bytes", "Bytes written by finished exports", tags,
					results.getLong(UpdateExportRecordTasklet.BYTES, 0L));
			count("ferry.transfers.rows", "rows", "Rows (from the manifest) of finished exports", tags,
					results.getLong(UpdateExportRecordTasklet.ROWS, 0L));
		}
		if (results.containsKey(UpdateImportRecordTasklet.VERIFIED)
				&& !Boolean.TRUE.equals(results.get(UpdateImportRecordTasklet.VERIFIED))) {
			this.registry.counter("ferry.verification.failures", "type", "import").increment();
		}
	}

	private void count(String name, String unit, String description, Tags tags, long amount) {
		Counter counter = Counter.builder(name).description(description).baseUnit(unit).tags(tags)
			.register(this.registry);
		if (amount > 0) {
			counter.increment(amount);
		}
	}

	static Tags tags(JobExecution execution) {
		JobParameters parameters = execution.getJobParameters();
		boolean export = TransferParameters.EXPORT_JOB.equals(execution.getJobInstance().getJobName());
		String storage = parameters.getString(TransferParameters.STORAGE_TYPE);
		return Tags.of("type", export ? "export" : "import", "chain",
				ToolChain.of(parameters.getString(TransferParameters.TOOL_CHAIN)).parameter(), "storage",
				"s3".equals(storage) ? "s3" : "nfs", "scheduled",
				Boolean.toString(parameters.getLong(TransferParameters.SCHEDULE_ID) != null));
	}

	/** completed, failed, stopped (abandoned and unknown are rare and kept as they are). */
	static String outcome(BatchStatus status) {
		return status.name().toLowerCase(Locale.ROOT);
	}

	private static double queued(ThreadPoolTaskExecutor executor) {
		try {
			return executor.getThreadPoolExecutor().getQueue().size();
		}
		catch (IllegalStateException ex) { // not initialized yet, or shut down
			return 0;
		}
	}

	private static double count(Map<Long, JobExecution> executions, String type) {
		String job = "export".equals(type) ? TransferParameters.EXPORT_JOB : TransferParameters.IMPORT_JOB;
		return executions.values().stream().filter((e) -> job.equals(e.getJobInstance().getJobName())).count();
	}

}
