package dev.ferry.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterConnector;
import dev.ferry.cluster.ClusterService;
import dev.ferry.config.FerryProperties;
import dev.ferry.secret.SecretStore;
import dev.ferry.storage.RecordDirectory;
import dev.ferry.tool.ToolCommand;
import dev.ferry.tool.ToolInvocation;
import dev.ferry.tool.ToolProcessTasklet;

/**
 * The {@code mysql} chain's export: {@code mydumper} into the record's {@code data/} directory, the password in a
 * 0600 defaults file that is removed when the process is gone.
 */
@Component
class MydumperExportInvocation implements ToolInvocation {

	/** Dumpling's default filter leaves out the system schemas; so does Ferry. */
	static final String SKIP_SYSTEM_SCHEMAS = "^(?!(mysql|sys|information_schema|performance_schema)\\.)";

	private final ClusterService clusters;

	private final SecretStore secrets;

	private final ToolBinaries binaries;

	private final FerryProperties properties;

	MydumperExportInvocation(ClusterService clusters, SecretStore secrets, ToolBinaries binaries,
			FerryProperties properties) {
		this.clusters = clusters;
		this.secrets = secrets;
		this.binaries = binaries;
		this.properties = properties;
	}

	@Override
	public ToolCommand prepare(StepExecution stepExecution) throws IOException {
		JobParameters parameters = stepExecution.getJobParameters();
		Cluster cluster = this.clusters.get(parameters.getString(TransferParameters.CLUSTER_ID));
		RecordDirectory dir = recordDirectory(stepExecution);
		FileSystemUtils.deleteRecursively(dir.data()); // a restart dumps afresh
		Files.createDirectories(dir.data());
		String user = parameters.getString(TransferParameters.USER_NAME);
		String password = this.secrets.reveal(parameters.getLong(TransferParameters.CREDENTIAL_SECRET_ID));
		Path defaultsFile = MysqlDefaultsFile.write(defaultsFile(stepExecution), password);
		countTables(cluster, user, password, stepExecution.getExecutionContext());
		List<String> command = List.of(this.binaries.mydumper().toString(), "--defaults-file=" + defaultsFile,
				"--host", cluster.host(), "--port", Integer.toString(cluster.port()), "--user", user,
				"--outputdir", dir.data().toString(), "--threads",
				Integer.toString(this.properties.tools().dumpThreads()), "--chunk-filesize", "256", "--triggers",
				"--events", "--routines", "--verbose", "3", "--regex", SKIP_SYSTEM_SCHEMAS);
		var tools = this.properties.tools();
		return new ToolCommand("mydumper", command, dir.path(), Map.of(), dir.toolLog("mydumper"), tools.timeout(),
				tools.pollInterval());
	}

	@Override
	public void recordProgress(StepExecution stepExecution, ToolCommand command, ExecutionContext progress) {
		long startedAt = progress.getLong(ToolProcessTasklet.STARTED_AT_KEY, stepExecution.getStartTime() == null ? System.currentTimeMillis()
				: stepExecution.getStartTime().atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli());
		MydumperProgress.update(progress, command.logFile(), command.workingDir().resolve(RecordDirectory.DATA),
				startedAt);
	}

	@Override
	public void cleanup(StepExecution stepExecution, ToolCommand command) {
		try {
			Files.deleteIfExists(defaultsFile(stepExecution));
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not remove the defaults file " + defaultsFile(stepExecution), ex);
		}
	}

	RecordDirectory recordDirectory(StepExecution stepExecution) {
		JobParameters parameters = stepExecution.getJobParameters();
		return RecordDirectory.of(Path.of(parameters.getString(TransferParameters.STORAGE_ROOT)),
				parameters.getString(TransferParameters.CLUSTER_ID),
				stepExecution.getJobExecution().getJobInstance().getInstanceId(),
				parameters.getString(TransferParameters.STORAGE_TYPE));
	}

	private Path defaultsFile(StepExecution stepExecution) {
		return this.properties.home().resolve("run").resolve("mydumper-" + stepExecution.getId() + ".cnf");
	}

	/** Best effort: the number of base tables the dump will cover, for the progress bar. */
	private static void countTables(Cluster cluster, String user, String password, ExecutionContext context) {
		try (Connection connection = ClusterConnector.open(cluster, user, password);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE "
						+ "TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA NOT IN "
						+ "('mysql', 'sys', 'information_schema', 'performance_schema')")) {
			rs.next();
			context.putInt(MydumperProgress.TABLES_TOTAL, rs.getInt(1));
		}
		catch (SQLException ex) {
			// the tool reports connection problems itself, with its own message
		}
	}

}
