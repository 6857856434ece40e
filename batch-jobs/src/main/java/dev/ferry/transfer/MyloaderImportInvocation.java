package dev.ferry.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.NoSuchStepException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterConnector;
import dev.ferry.manifest.DumpFile;
import dev.ferry.objects.StoredObject;
import dev.ferry.objects.StoredObjects;
import dev.ferry.objects.StoredObjectsRestore;
import dev.ferry.storage.RecordDirectory;
import dev.ferry.tool.ToolCommand;
import dev.ferry.tool.ToolInvocation;
import dev.ferry.tool.ToolProcessTasklet;

/**
 * The {@code mysql} chain's import: {@code myloader} over the dump, the password in a 0600 defaults file.
 * <p>
 * A restart loads again with {@code --overwrite-tables}: the dump's tables held no rows when the import started (the
 * pre-check of {@code buildDataImportConfig}, or the import overwrites them anyway), so what they hold now is this
 * import's own partial load – myloader would otherwise stop at its first duplicate key.
 */
@Component
class MyloaderImportInvocation implements ToolInvocation {

	private static final Logger log = LoggerFactory.getLogger(MyloaderImportInvocation.class);

	private static final int MAX_WATCHED = 64;

	private final TransferContext context;

	private final JobRepository jobRepository;

	/** The progress of each running load, by step execution (a stopped or failed one never takes its own out). */
	private final Map<Long, MyloaderProgress> progress = Collections.synchronizedMap(new LinkedHashMap<>() {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, MyloaderProgress> eldest) {
			return size() > MAX_WATCHED;
		}
	});

	MyloaderImportInvocation(TransferContext context, JobRepository jobRepository) {
		this.context = context;
		this.jobRepository = jobRepository;
	}

	@Override
	public ToolCommand prepare(StepExecution stepExecution) throws IOException {
		JobParameters parameters = stepExecution.getJobParameters();
		Cluster cluster = this.context.cluster(parameters);
		RecordDirectory dir = ImportDirectories.record(stepExecution);
		Path data = ImportDirectories.data(stepExecution);
		String password = this.context.password(parameters);
		if (Boolean.parseBoolean(parameters.getString(TransferParameters.OVERWRITE)) || isReload(stepExecution)) {
			dropForOverwrite(cluster, parameters.getString(TransferParameters.USER_NAME), password, data);
		}
		Path defaultsFile = MysqlDefaultsFile.write(defaultsFile(stepExecution), password);
		var tools = this.context.tools();
		List<String> command = new ArrayList<>(List.of(this.context.binaries().myloader().toString(),
				"--defaults-file=" + defaultsFile, "--host", cluster.host(), "--port", Integer.toString(cluster.port()),
				"--user", parameters.getString(TransferParameters.USER_NAME), "--directory", data.toString(),
				"--threads", Integer.toString(tools.dumpThreads()), "--verbose", "3"));
		this.progress.put(stepExecution.getId(),
				new MyloaderProgress(ToolLogThreads.end(dir.toolLog("myloader")), dataFiles(data)));
		return new ToolCommand("myloader", command, dir.path(), Map.of(), dir.toolLog("myloader"), tools.timeout(),
				tools.pollInterval());
	}

	@Override
	public void recordProgress(StepExecution stepExecution, ToolCommand command, ExecutionContext progress) {
		MyloaderProgress load = this.progress.computeIfAbsent(stepExecution.getId(),
				(id) -> new MyloaderProgress(0, 0)); // not prepared by this node: files done, no total
		load.update(progress, command.logFile(),
				progress.getLong(ToolProcessTasklet.STARTED_AT_KEY, System.currentTimeMillis()));
	}

	/**
	 * After myloader: the last lines of its log (its last files are done), then the exact text of the dump's triggers,
	 * routines and events where mydumper 0.10 added spaces to it ({@link StoredObjectsRestore}).
	 */
	@Override
	public @Nullable ToolCommand next(StepExecution stepExecution, ToolCommand finished) throws Exception {
		recordProgress(stepExecution, finished, stepExecution.getExecutionContext());
		Map<String, List<StoredObject>> kept = StoredObjects.kept(ImportDirectories.data(stepExecution));
		if (kept.isEmpty()) {
			return null;
		}
		JobParameters parameters = stepExecution.getJobParameters();
		Cluster cluster = this.context.cluster(parameters);
		String user = parameters.getString(TransferParameters.USER_NAME);
		boolean drill = parameters.getString(TransferParameters.DRILL_OF) != null;
		long recordId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
		try (Connection target = ClusterConnector.open(cluster, user, this.context.password(parameters))) {
			for (Map.Entry<String, List<StoredObject>> database : kept.entrySet()) {
				String name = drill ? DrillDump.drillName(database.getKey(), recordId) : database.getKey();
				StoredObjectsRestore.Outcome outcome = StoredObjectsRestore.restore(target, name, database.getValue());
				log.info("Record {}: {} stored objects of {} restored to their exact text ({} already exact, {} left"
						+ " as loaded)", recordId, outcome.restored(), name, outcome.unchanged(), outcome.left());
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot restore the exact text of the triggers, routines and events on"
					+ " cluster " + cluster.name() + " as " + user + ": " + ex.getMessage(), ex);
		}
		return null;
	}

	@Override
	public void cleanup(StepExecution stepExecution, ToolCommand command) {
		MysqlDefaultsFile.delete(defaultsFile(stepExecution));
	}

	/** Instead of {@code --overwrite-tables}, which drops the wrong table for a name with a dot. */
	private static void dropForOverwrite(Cluster cluster, String user, String password, Path data) throws IOException {
		try (Connection target = ClusterConnector.open(cluster, user, password)) {
			OverwriteDrops.drop(target, data);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot drop the dump's tables on cluster " + cluster.name()
					+ " for overwrite as " + user + ": " + ex.getMessage(), ex);
		}
	}

	/** This step ran before in this record: a restart after a failed (or unverified) load. */
	private boolean isReload(StepExecution stepExecution) {
		try {
			return this.jobRepository.getStepExecutionCount(stepExecution.getJobExecution().getJobInstance(),
					stepExecution.getStepName()) > 1;
		}
		catch (NoSuchStepException ex) {
			return false;
		}
	}

	private Path defaultsFile(StepExecution stepExecution) {
		return MysqlDefaultsFile.of(this.context.home(), "myloader", stepExecution);
	}

	private static long dataFiles(Path data) throws IOException {
		try (var files = Files.list(data)) {
			return files.filter((f) -> DumpFile.of(f.getFileName().toString()).map(DumpFile::data).orElse(false))
				.count();
		}
	}

}
