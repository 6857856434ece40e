package dev.ferry.engine.export;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.ferry.engine.format.Compression;
import dev.ferry.engine.format.EncoderOptions;
import dev.ferry.engine.format.FileNames;
import dev.ferry.engine.format.FileType;
import dev.ferry.engine.plan.Chunk;
import dev.ferry.engine.plan.ChunkPlan;
import dev.ferry.engine.plan.ChunkPlanner;
import dev.ferry.engine.plan.SourceTable;
import dev.ferry.engine.sink.FileSink;
import dev.ferry.engine.sink.LocalDirectorySink;
import dev.ferry.engine.snapshot.SnapshotConnections;
import dev.ferry.engine.snapshot.SnapshotPoint;
import dev.ferry.engine.snapshot.SnapshotTaker;
import dev.ferry.transfer.TransferParameters;

/**
 * The manager's side of a native export: takes the snapshot, plans, and creates the partitions to run.
 * <ul>
 * <li>First run (or a restart that asks for {@code fresh}, after deleting every file): a snapshot, then the plan in
 * it, then one partition per database (schema) and one per chunk.</li>
 * <li>Restart: only the partitions whose latest execution did not complete run again, with what they were to do,
 * in a new snapshot (on TiDB, at the TSO of the first); the completed ones keep their files. Nothing left to run:
 * no snapshot at all.</li>
 * </ul>
 * The snapshot's connections are registered in {@link ExportRuns} for the workers until the manager step ends.
 */
class ExportPartitioner implements StepExecutionSplitter {

	private static final Logger log = LoggerFactory.getLogger(ExportPartitioner.class);

	private final JobRepository jobRepository;

	private final ExportEnvironment environment;

	private final ExportRuns runs;

	private final EngineProperties properties;

	private final Clock clock;

	ExportPartitioner(JobRepository jobRepository, ExportEnvironment environment, ExportRuns runs,
			EngineProperties properties, Clock clock) {
		this.jobRepository = jobRepository;
		this.environment = environment;
		this.runs = runs;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public String getStepName() {
		return Partitions.NAME_PREFIX;
	}

	@Override
	public Set<StepExecution> split(StepExecution manager, int gridSize) throws JobExecutionException {
		JobExecution job = manager.getJobExecution();
		ExportState state = new ExportState(job.getExecutionContext());
		ExportRun.StopSignal stop = this.runs.starting(job.getId());
		ExportSink storage = null;
		try {
			storage = this.environment.sink(job);
			boolean fresh = state.freshRequested();
			return (!state.planned() || fresh) ? firstRun(manager, state, storage, fresh, stop)
					: resume(manager, state, storage, stop);
		}
		catch (IOException | SQLException ex) {
			throw new JobExecutionException("the export could not start: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new JobExecutionException("interrupted while starting the export", ex);
		}
		finally {
			if (storage != null && this.runs.get(job.getId()) == null) {
				storage.close(); // no run holds it: nothing to run, or the start failed
			}
		}
	}


	private Set<StepExecution> firstRun(StepExecution manager, ExportState state, ExportSink storage, boolean fresh,
			ExportRun.StopSignal stop) throws IOException, SQLException, InterruptedException, JobInterruptedException {
		JobExecution job = manager.getJobExecution();
		FileSink sink = storage.sink();
		if (fresh) {
			for (String name : sink.committed()) {
				sink.delete(name);
			}
			state.clearSnapshots();
			log.info("Record {}: starting over (fresh), every file deleted", job.getJobInstance().getInstanceId());
		}
		removePartials(sink);
		state.startedAt(this.clock.millis());
		SnapshotConnections connections = snapshot(job, state, null);
		List<StepExecution> created = new ArrayList<>();
		try {
			ChunkPlan plan;
			try (SnapshotConnections.Lease lease = connections.lease()) {
				plan = new ChunkPlanner(chunkRows(job.getJobParameters()))
					.plan(lease.connection(), this.environment.selection(job));
			}
			stopped(stop, connections);
			int index = 0;
			for (String database : plan.databases()) {
				created.add(create(job, Partitions.name(index++), Partitions.schema(database)));
			}
			for (Chunk chunk : plan.chunks()) {
				created.add(create(job, Partitions.name(index++), Partitions.data(chunk)));
			}
			List<String> outside = plan.tables().stream().filter((t) -> !t.transactional())
				.map(SourceTable::qualifiedName).toList();
			int snapshotIndex = state.addSnapshot(connections.point());
			state.planned(created.size(), plan.chunks().size(), plan.rowsEstimate(), plan.bytesEstimate(), outside);
			state.clearFresh();
			this.jobRepository.updateExecutionContext(job);
			start(job, storage, connections, snapshotIndex,
					new ProgressTally(plan.rowsEstimate(), plan.chunks().size(), 0, 0, 0, this.clock.millis()), stop);
			log.info("Record {}: {} databases, {} tables in {} chunks (about {} rows), snapshot {}",
					job.getJobInstance().getInstanceId(), plan.databases().size(), plan.tables().size(),
					plan.chunks().size(), plan.rowsEstimate(), describe(connections.point()));
			return new LinkedHashSet<>(created);
		}
		catch (SQLException | RuntimeException ex) {
			connections.close();
			failAll(created);
			throw ex;
		}
	}

	/** Partitions created by a split that then failed never run: they end FAILED, so a restart can go ahead. */
	private void failAll(List<StepExecution> created) {
		for (StepExecution partition : created) {
			partition.setStatus(BatchStatus.FAILED);
			partition.setExitStatus(org.springframework.batch.core.ExitStatus.FAILED);
			partition.setEndTime(java.time.LocalDateTime.now());
			this.jobRepository.update(partition);
		}
	}

	private Set<StepExecution> resume(StepExecution manager, ExportState state, ExportSink storage,
			ExportRun.StopSignal stop) throws IOException, SQLException, InterruptedException, JobInterruptedException {
		JobExecution job = manager.getJobExecution();
		FileSink sink = storage.sink();
		Map<String, StepExecution> latest = latestPartitions(job);
		List<ExecutionContext> again = new ArrayList<>();
		List<String> names = new ArrayList<>();
		long rowsBefore = 0;
		long bytesBefore = 0;
		long chunksBefore = 0;
		for (int i = 0; i < state.partitions(); i++) {
			String name = Partitions.name(i);
			StepExecution last = latest.get(name);
			if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
				ExecutionContext done = last.getExecutionContext();
				if (Partitions.isData(done)) {
					rowsBefore += done.getLong(Partitions.ROWS, 0);
					bytesBefore += Partitions.files(done).stream().mapToLong((f) -> f.size()).sum();
					chunksBefore++;
				}
				continue;
			}
			if (last == null) {
				throw new IllegalStateException("partition " + name + " of the plan was never created; restart with "
						+ "fresh to start over");
			}
			again.add(Partitions.again(last.getExecutionContext()));
			names.add(name);
		}
		if (again.isEmpty()) {
			log.info("Record {}: every partition completed before; nothing to read again",
					job.getJobInstance().getInstanceId());
			return Set.of();
		}
		removePartials(sink);
		SnapshotConnections connections = snapshot(job, state, reusableTso(state));
		stopped(stop, connections);
		List<StepExecution> created = new ArrayList<>();
		try {
			for (int i = 0; i < again.size(); i++) {
				created.add(create(job, names.get(i), again.get(i)));
			}
			int snapshotIndex = state.addSnapshot(connections.point());
			this.jobRepository.updateExecutionContext(job);
			start(job, storage, connections, snapshotIndex, new ProgressTally(state.rowsEstimate(),
					state.dataPartitions(), rowsBefore, bytesBefore, chunksBefore, this.clock.millis()), stop);
			log.info("Record {}: resuming {} of {} partitions in snapshot {} ({})",
					job.getJobInstance().getInstanceId(), again.size(), state.partitions(), snapshotIndex,
					describe(connections.point()));
			return new LinkedHashSet<>(created);
		}
		catch (RuntimeException ex) {
			connections.close();
			failAll(created);
			throw ex;
		}
	}

	/** The latest execution of each partition, over every execution of the record. */
	private Map<String, StepExecution> latestPartitions(JobExecution job) {
		Map<String, StepExecution> latest = new HashMap<>();
		for (JobExecution execution : this.jobRepository.getJobExecutions(job.getJobInstance())) {
			if (execution.getId() == job.getId()) {
				continue;
			}
			for (StepExecution step : execution.getStepExecutions()) {
				if (Partitions.isPartition(step.getStepName())) {
					latest.merge(step.getStepName(), step, (a, b) -> a.getId() > b.getId() ? a : b);
				}
			}
		}
		return latest;
	}

	/** TiDB reads a resumed export at the TSO of its first snapshot (within TiDB's GC life time). */
	static @Nullable String reusableTso(ExportState state) {
		List<SnapshotPoint> points = state.snapshots();
		return points.isEmpty() ? null : points.get(0).tso();
	}

	private SnapshotConnections snapshot(JobExecution job, ExportState state, @Nullable String tso)
			throws SQLException {
		int threads = Math.max(1, this.environment.threads());
		return new SnapshotTaker(this.environment.source(job), this.clock).take(threads, tso);
	}

	private void start(JobExecution job, ExportSink storage, SnapshotConnections connections, int snapshotIndex,
			ProgressTally progress, ExportRun.StopSignal stop) {
		JobParameters parameters = job.getJobParameters();
		this.runs.register(new ExportRun(job.getId(), connections, snapshotIndex, storage, new FileNames(),
				FileType.of(parameters.getString(TransferParameters.FILE_TYPE, "sql")),
				Compression.of(parameters.getString(TransferParameters.COMPRESSION, "none")),
				EncoderOptions.DEFAULTS, this.properties.fetchSize(), this.environment.selection(job), progress, stop));
		if (stop.stopped()) { // told while registering: the workers see it at their first call
			connections.abort();
		}
	}

	private StepExecution create(JobExecution job, String name, ExecutionContext context) {
		StepExecution partition = this.jobRepository.createStepExecution(name, job);
		partition.setExecutionContext(context);
		this.jobRepository.updateExecutionContext(partition);
		return partition;
	}

	/** A stop while the snapshot was taken and the plan made: the step ends STOPPED before any partition exists. */
	private static void stopped(ExportRun.StopSignal stop, SnapshotConnections connections)
			throws JobInterruptedException {
		if (stop.stopped()) {
			connections.close();
			throw new JobInterruptedException("stopped while taking the snapshot and planning");
		}
	}

	private long chunkRows(JobParameters parameters) {
		Long rows = parameters.getLong(TransferParameters.CHUNK_ROWS);
		return (rows != null) ? rows : this.properties.chunkRows();
	}

	private static void removePartials(FileSink sink) throws IOException {
		if (sink instanceof LocalDirectorySink local) {
			int removed = local.deletePartials();
			if (removed > 0) {
				log.info("Removed {} unfinished files of an earlier attempt", removed);
			}
		}
	}

	private static String describe(SnapshotPoint point) {
		if (point.tso() != null) {
			return "TSO " + point.tso();
		}
		String position = (point.binlogFile() != null) ? point.binlogFile() + ":" + point.binlogPosition()
				+ (point.gtid() != null ? " GTID " + point.gtid() : "") : "no binlog position";
		return position + (point.consistent() ? "" : ", NOT consistent");
	}

}
