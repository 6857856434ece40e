package dev.ferry.transfer;

import java.io.IOException;
import java.time.Duration;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.stereotype.Component;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterConnector;
import dev.ferry.config.SettingsService;
import dev.ferry.engine.export.ExportEnvironment;
import dev.ferry.engine.export.ExportSink;
import dev.ferry.engine.plan.TableSelection;
import dev.ferry.engine.sink.LocalDirectorySink;
import dev.ferry.engine.sink.S3StreamingSink;
import dev.ferry.engine.snapshot.SourceConnector;
import dev.ferry.s3.S3Clients;
import dev.ferry.s3.S3Location;
import dev.ferry.storage.RecordDirectory;

/**
 * What a native export reads from its transfer: the cluster and its credentials, the filter rules, the record's
 * storage (the same layout as the other chains: {@code <exportRoot>/<clusterId>/<recordId>-nfs/data}) and the dump
 * threads setting.
 */
@Component
class NativeExportSupport implements ExportEnvironment {

	private final TransferContext context;

	private final SettingsService settings;

	NativeExportSupport(TransferContext context, SettingsService settings) {
		this.context = context;
		this.settings = settings;
	}

	@Override
	public SourceConnector source(JobExecution execution) {
		JobParameters parameters = execution.getJobParameters();
		Cluster cluster = this.context.cluster(parameters);
		String user = parameters.getString(TransferParameters.USER_NAME);
		String password = this.context.password(parameters);
		return () -> ClusterConnector.openForReading(cluster, user, password);
	}

	@Override
	public TableSelection selection(JobExecution execution) {
		TableFilter filter = TableFilter.parse(execution.getJobParameters().getString(TransferParameters.FILTER));
		return new TableSelection() {

			@Override
			public boolean selects(String database, String table) {
				return filter.matches(database, table);
			}

			@Override
			public boolean selectsEmptyDatabase(String database) {
				return filter.matchesWholeDatabase(database);
			}

			@Override
			public boolean mayHaveTablesIn(String database) {
				return filter.mayMatchDatabase(database);
			}

		};
	}

	/**
	 * NFS: the record's {@code data/} directory. S3: the export's prefix {@code <prefix>/ferry-export-<recordId>/}
	 * (the other chains' layout), every file streamed there while written, with S3 clients of the export's own.
	 */
	@Override
	public ExportSink sink(JobExecution execution) throws IOException {
		JobParameters parameters = execution.getJobParameters();
		if (isS3(parameters)) {
			S3Target target = S3Target.of(parameters, this.context.secrets());
			S3Clients clients = S3Clients.open(target.location(), target.credentials());
			S3Location location = S3Target.exportLocation(parameters, execution.getJobInstance().getInstanceId());
			return new ExportSink(new S3StreamingSink(clients, location, this.settings.current().manifestSha256()), clients);
		}
		return ExportSink.of(new LocalDirectorySink(record(execution).data(), this.settings.current().manifestSha256()));
	}

	@Override
	public String location(JobExecution execution) {
		JobParameters parameters = execution.getJobParameters();
		if (isS3(parameters)) {
			return S3Target.exportLocation(parameters, execution.getJobInstance().getInstanceId()).s3Url();
		}
		return record(execution).data().toString();
	}

	private static boolean isS3(JobParameters parameters) {
		return "s3".equals(parameters.getString(TransferParameters.STORAGE_TYPE));
	}

	@Override
	public int threads() {
		return this.context.tools().dumpThreads();
	}

	@Override
	public Duration progressInterval() {
		return this.context.tools().pollInterval();
	}

	private static RecordDirectory record(JobExecution execution) {
		JobParameters parameters = execution.getJobParameters();
		return RecordDirectory.of(java.nio.file.Path.of(parameters.getString(TransferParameters.STORAGE_ROOT)),
				parameters.getString(TransferParameters.CLUSTER_ID), execution.getJobInstance().getInstanceId(),
				parameters.getString(TransferParameters.STORAGE_TYPE));
	}

}
