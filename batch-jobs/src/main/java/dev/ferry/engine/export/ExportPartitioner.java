package dev.ferry.engine.export;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
		PartitionExecutions created = new PartitionExecutions(this.jobRepository, job);
		try {
			ChunkPlan plan;
			try (SnapshotConnections.Lease lease = connections.lease()) {
				plan = new ChunkPlanner(chunkRows(job.getJobParameters()))
					.plan(lease.connection(), this.environment.selection(job));
			}
			stopped(stop, connections);
			int index = 0;
			for (String database : plan.databases()) {
				created.create(Partitions.name(index++), Partitions.schema(database));
			}
			for (Chunk chunk : plan.chunks()) {
				created.create(Partitions.name(index++), Partitions.data(chunk));
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
					plan.chunks().size(), plan.rowsEstimate(), connections.point().describe());
			return created.all();
		}
		catch (SQLException | RuntimeException ex) {
			connections.close();
			created.failAll();
			throw ex;
		}
	}

	private Set<StepExecution> resume(StepExecution manager, ExportState state, ExportSink storage,
			ExportRun.StopSignal stop) throws IOException, SQLException, InterruptedException, JobInterruptedException {
		JobExecution job = manager.getJobExecution();
		FileSink sink = storage.sink();
		PartitionHistory.Resume resume = PartitionHistory.of(this.jobRepository, job, job.getId())
			.resume(state.partitions());
		List<ExecutionContext> again = resume.contexts();
		List<String> names = resume.names();
		if (again.isEmpty()) {
			log.info("Record {}: every partition completed before; nothing to read again",
					job.getJobInstance().getInstanceId());
			return Set.of();
		}
		removePartials(sink);
		SnapshotConnections connections = snapshot(job, state, reusableTso(state));
		stopped(stop, connections);
		PartitionExecutions created = new PartitionExecutions(this.jobRepository, job);
		try {
			for (int i = 0; i < again.size(); i++) {
				created.create(names.get(i), again.get(i));
			}
			int snapshotIndex = state.addSnapshot(connections.point());
			this.jobRepository.updateExecutionContext(job);
			start(job, storage, connections, snapshotIndex, new ProgressTally(state.rowsEstimate(),
					state.dataPartitions(), resume.rowsBefore(), resume.bytesBefore(), resume.chunksBefore(),
					this.clock.millis()), stop);
			log.info("Record {}: resuming {} of {} partitions in snapshot {} ({})",
					job.getJobInstance().getInstanceId(), again.size(), state.partitions(), snapshotIndex,
					connections.point().describe());
			return created.all();
		}
		catch (RuntimeException ex) {
			connections.close();
			created.failAll();
			throw ex;
		}
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

}
