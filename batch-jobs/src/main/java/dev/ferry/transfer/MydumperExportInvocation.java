package dev.ferry.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterConnector;
import dev.ferry.objects.StoredObjects;
import dev.ferry.objects.StoredObjectsRestore;
import dev.ferry.storage.FileModes;
import dev.ferry.storage.RecordDirectory;
import dev.ferry.tool.ToolCommand;
import dev.ferry.tool.ToolInvocation;
import dev.ferry.tool.ToolProcessTasklet;

/**
 * The {@code mysql} chain's export: {@code mydumper} into the record's {@code data/} directory, one run per database
 * ({@code --database}), the password in a 0600 defaults file that is removed when each run is gone.
 * <p>
 * Why one run per database: mydumper 0.10 (Debian 12) dumping all databases at once has a race – its database
 * counter can reach zero while databases are still being queued, after which the main thread frees a queue that
 * workers still push to. Seen here as hangs (and it can also dump tables before all databases are listed).
 * With {@code --database} the counter is 1 and the race cannot happen. Each database is consistent in itself.
 */
@Component
class MydumperExportInvocation implements ToolInvocation {

	static final String DATABASES = "export.databases";

	static final String DATABASE_INDEX = "export.databaseIndex";

	/** Per database (by index) when the filter takes only some of its tables: mydumper's {@code --regex}. */
	static final String TABLE_REGEX = "export.tableRegex.";

	private static final int MAX_WATCHED = 64;

	private final TransferContext context;

	private final S3Uploads uploads;

	private final ManifestScans manifests;

	/** The progress of each running dump, by step execution (a stopped or failed one never takes its own out). */
	private final Map<Long, MydumperProgress> progress = Collections.synchronizedMap(new LinkedHashMap<>() {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, MydumperProgress> eldest) {
			return size() > MAX_WATCHED;
		}
	});

	MydumperExportInvocation(TransferContext context, S3Uploads uploads, ManifestScans manifests) {
		this.context = context;
		this.uploads = uploads;
		this.manifests = manifests;
	}

	@Override
	public ToolCommand prepare(StepExecution stepExecution) throws IOException {
		JobParameters parameters = stepExecution.getJobParameters();
		Cluster cluster = this.context.cluster(parameters);
		RecordDirectory dir = ExportDirectories.record(stepExecution);
		FileSystemUtils.deleteRecursively(dir.data()); // a restart dumps afresh
		FileModes.createDirectories(dir.data());
		String user = parameters.getString(TransferParameters.USER_NAME);
		String password = this.context.password(parameters);
		TableFilter filter = TableFilter.parse(parameters.getString(TransferParameters.FILTER));
		SourceInventory inventory = inventory(cluster, user, password, filter);
		ExecutionContext context = stepExecution.getExecutionContext();
		context.putString(DATABASES, String.join("/", inventory.databases()));
		for (int i = 0; i < inventory.databases().size(); i++) {
			String regex = inventory.tableRegex().get(i);
			if (regex != null) {
				context.putString(TABLE_REGEX + i, regex);
			}
		}
		context.putInt(DATABASE_INDEX, 0);
		this.progress.put(stepExecution.getId(),
				new MydumperProgress(ToolLogThreads.end(dir.toolLog("mydumper")), inventory.expectedRows()));
		if ("s3".equals(parameters.getString(TransferParameters.STORAGE_TYPE))) {
			long recordId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
			this.uploads.open(stepExecution.getJobExecutionId(), S3Target.of(parameters, this.context.secrets()),
					S3Target.exportLocation(parameters, recordId), dir.data());
		}
		return command(stepExecution, cluster, 0, inventory.databases().get(0), password);
	}

	@Override
	public @Nullable ToolCommand next(StepExecution stepExecution, ToolCommand finished) throws IOException {
		ExecutionContext context = stepExecution.getExecutionContext();
		List<String> databases = Arrays.asList(context.getString(DATABASES).split("/"));
		int done = context.getInt(DATABASE_INDEX);
		keepMetadata(ExportDirectories.record(stepExecution).data(), databases.get(done));
		keepObjects(stepExecution, databases.get(done));
		updateProgress(stepExecution, finished, context); // the run's last lines: its last tables are done
		if (done + 1 >= databases.size()) {
			return null;
		}
		context.putInt(DATABASE_INDEX, done + 1);
		JobParameters parameters = stepExecution.getJobParameters();
		Cluster cluster = this.context.cluster(parameters);
		String password = this.context.password(parameters);
		return command(stepExecution, cluster, done + 1, databases.get(done + 1), password);
	}

	private ToolCommand command(StepExecution stepExecution, Cluster cluster, int index, String database,
			String password) throws IOException {
		RecordDirectory dir = ExportDirectories.record(stepExecution);
		Path defaultsFile = MysqlDefaultsFile.write(defaultsFile(stepExecution), password);
		var tools = this.context.tools();
		List<String> command = new ArrayList<>(List.of(this.context.binaries().mydumper().toString(),
				"--defaults-file=" + defaultsFile, "--host", cluster.host(), "--port", Integer.toString(cluster.port()),
				"--user", stepExecution.getJobParameters().getString(TransferParameters.USER_NAME), "--database",
				database, "--outputdir", dir.data().toString(), "--threads", Integer.toString(tools.dumpThreads()),
				"--chunk-filesize", chunkMegabytes(stepExecution), "--triggers", "--events", "--routines", "--verbose",
				"3"));
		String regex = stepExecution.getExecutionContext().getString(TABLE_REGEX + index, null);
		if (regex != null) {
			command.add("--regex");
			command.add(regex);
		}
		return new ToolCommand("mydumper", command, dir.path(), Map.of(), dir.toolLog("mydumper"), tools.timeout(),
				tools.pollInterval());
	}

	@Override
	public void recordProgress(StepExecution stepExecution, ToolCommand command, ExecutionContext progress) {
		updateProgress(stepExecution, command, progress);
		if (progress.containsKey(ToolProcessTasklet.PID_KEY)) {
			this.uploads.poll(stepExecution.getJobExecutionId(), progress.getLong(ToolProcessTasklet.PID_KEY), progress);
		}
	}

	private void updateProgress(StepExecution stepExecution, ToolCommand command, ExecutionContext progress) {
		long startedAt = progress.getLong(ToolProcessTasklet.STARTED_AT_KEY, System.currentTimeMillis());
		MydumperProgress dump = this.progress.computeIfAbsent(stepExecution.getId(),
				(id) -> new MydumperProgress(0, Map.of())); // not prepared by this node: what the log says
		dump.update(progress, command.logFile(), command.workingDir().resolve(RecordDirectory.DATA), startedAt,
				this.manifests.rowsSoFar(stepExecution.getJobExecutionId()));
	}

	@Override
	public void cleanup(StepExecution stepExecution, ToolCommand command) {
		MysqlDefaultsFile.delete(defaultsFile(stepExecution));
	}

	/**
	 * 256 MB files (tidb-lightning's advice) for NFS; 64 MB for S3, so that files close – and are uploaded – while
	 * the dump goes on rather than all at its end.
	 */
	private static String chunkMegabytes(StepExecution stepExecution) {
		return "s3".equals(stepExecution.getJobParameters().getString(TransferParameters.STORAGE_TYPE)) ? "64" : "256";
	}

	private Path defaultsFile(StepExecution stepExecution) {
		return MysqlDefaultsFile.of(this.context.home(), "mydumper", stepExecution);
	}

	/**
	 * The exact text of the database's triggers, routines and events, which mydumper 0.10 writes with a space added
	 * after each {@code ;} that ends a line: put back after myloader by the mysql chain's import
	 * ({@link StoredObjectsRestore}).
	 */
	private void keepObjects(StepExecution stepExecution, String database) throws IOException {
		JobParameters parameters = stepExecution.getJobParameters();
		Cluster cluster = this.context.cluster(parameters);
		String user = parameters.getString(TransferParameters.USER_NAME);
		try (Connection source = ClusterConnector.open(cluster, user, this.context.password(parameters))) {
			StoredObjects.keep(ExportDirectories.record(stepExecution).data(), database,
					StoredObjects.read(source, database));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot read the triggers, routines and events of " + database
					+ " on cluster " + cluster.name() + " as " + user + ": " + ex.getMessage(), ex);
		}
	}

	/** Each run writes {@code metadata} (its binlog position); keep a copy per database, the last stays as is. */
	private static void keepMetadata(Path data, String database) throws IOException {
		Path metadata = data.resolve("metadata");
		if (Files.exists(metadata)) {
			Files.copy(metadata, data.resolve("metadata." + database), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static SourceInventory inventory(Cluster cluster, String user, String password, TableFilter filter) {
		try {
			SourceInventory inventory = SourceInventory.read(cluster, user, password, filter);
			if (inventory.databases().isEmpty()) {
				throw new IllegalStateException("nothing to export: no table of cluster " + cluster.name()
						+ " matches the filter " + filter.rules() + " (system schemas are never exported)");
			}
			String refusal = inventory.refusal();
			if (refusal != null) { // renamed since the pre-check, or a schedule's later run
				throw new IllegalStateException(refusal);
			}
			return inventory;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot read the databases of cluster " + cluster.name() + " ("
					+ cluster.host() + ":" + cluster.port() + ") as " + user + ": " + ex.getMessage(), ex);
		}
	}

}
