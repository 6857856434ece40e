package dev.ferry.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Set;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterConnector;
import dev.ferry.cluster.ClusterService;
import dev.ferry.manifest.FileChecksums;
import dev.ferry.s3.DirectoryDownloader;
import dev.ferry.s3.S3Clients;
import dev.ferry.secret.SecretStore;
import dev.ferry.storage.FileModes;
import dev.ferry.storage.RecordDirectory;

/**
 * The seed's {@code buildDataImportConfig} node: makes the record directory, decides which dump to load (a source
 * export in place, an upload unpacked into this record's data/, or S3 objects – downloaded for myloader, read in
 * place by tidb-lightning), inspects it again ({@link DumpSources}), checks its files against the export's manifest
 * ({@link FileChecksums}) and repeats the pre-check on the target.
 */
class BuildImportConfigTasklet implements Tasklet {

	private final ClusterService clusters;

	private final SecretStore secrets;

	private final UploadSource uploads;

	BuildImportConfigTasklet(ClusterService clusters, SecretStore secrets, UploadSource uploads) {
		this.clusters = clusters;
		this.secrets = secrets;
		this.uploads = uploads;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		StepExecution stepExecution = chunkContext.getStepContext().getStepExecution();
		JobParameters parameters = stepExecution.getJobParameters();
		RecordDirectory dir = ImportDirectories.record(stepExecution);
		FileModes.createDirectories(dir.path());
		Path data;
		String sourcePath = parameters.getString(TransferParameters.SOURCE_PATH);
		if (sourcePath != null) {
			data = Path.of(sourcePath);
			if (!Files.isDirectory(data)) {
				throw new IllegalStateException("the source export's files are gone: " + data);
			}
		}
		else if ("s3".equals(parameters.getString(TransferParameters.STORAGE_TYPE))) {
			data = dir.data();
			if (ToolChain.of(parameters.getString(TransferParameters.TOOL_CHAIN)) == ToolChain.MYSQL) {
				S3Target target = S3Target.of(parameters, this.secrets); // myloader reads local files only
				org.springframework.util.FileSystemUtils.deleteRecursively(data);
				try (S3Clients clients = S3Clients.open(target.location(), target.credentials())) {
					DirectoryDownloader.download(clients, target.location(), data);
				}
			}
		}
		else {
			data = dir.data();
			this.uploads.unpack(parameters.getString(TransferParameters.UPLOAD_ID),
					parameters.getString(TransferParameters.CLUSTER_ID), data);
		}
		Set<String> tables = DumpSources.inspect(parameters, data, this.secrets).tables();
		if (Files.isDirectory(data)) { // tidb-lightning reads an S3 dump in place: not checked here
			FileChecksums.require(data);
		}
		if (parameters.getString(TransferParameters.DRILL_OF) != null) {
			data = drillView(stepExecution, data, dir.data());
		}
		else if (!Boolean.parseBoolean(parameters.getString(TransferParameters.OVERWRITE)) && !tables.isEmpty()) {
			checkTargetEmpty(parameters, tables);
		}
		stepExecution.getJobExecution().getExecutionContext().putString(ImportDirectories.DATA_DIR, data.toString());
		return RepeatStatus.FINISHED;
	}

	/**
	 * A restore drill loads the export through a renamed view in its own data/ ({@link DrillDump}); it refuses when
	 * one of its database names already exists on the drill cluster, so that it only ever drops what it created.
	 */
	private Path drillView(StepExecution stepExecution, Path source, Path view) throws Exception {
		JobParameters parameters = stepExecution.getJobParameters();
		java.util.Map<String, String> names = DrillDump.link(source, view,
				stepExecution.getJobExecution().getJobInstance().getInstanceId());
		Cluster cluster = this.clusters.get(parameters.getString(TransferParameters.CLUSTER_ID));
		String password = this.secrets.reveal(parameters.getLong(TransferParameters.CREDENTIAL_SECRET_ID));
		try (Connection target = ClusterConnector.open(cluster, parameters.getString(TransferParameters.USER_NAME),
				password)) {
			List<String> existing = DrillDump.existing(target, names);
			if (!existing.isEmpty()) {
				throw new IllegalStateException("the drill's databases already exist on cluster " + cluster.name() + ": "
						+ String.join(", ", existing) + "; a drill never loads into existing databases");
			}
		}
		stepExecution.getJobExecution().getExecutionContext().putString(DrillDump.DATABASES, DrillDump.joined(names));
		return view;
	}

	private void checkTargetEmpty(JobParameters parameters, Set<String> tables) throws Exception {
		Cluster cluster = this.clusters.get(parameters.getString(TransferParameters.CLUSTER_ID));
		String password = this.secrets.reveal(parameters.getLong(TransferParameters.CREDENTIAL_SECRET_ID));
		try (Connection target = ClusterConnector.open(cluster, parameters.getString(TransferParameters.USER_NAME),
				password)) {
			List<String> nonEmpty = TargetTables.nonEmpty(target, tables);
			if (!nonEmpty.isEmpty()) {
				throw new IllegalStateException("target tables already hold data: " + String.join(", ", nonEmpty)
						+ "; import with overwrite=true to replace them");
			}
		}
	}

}
