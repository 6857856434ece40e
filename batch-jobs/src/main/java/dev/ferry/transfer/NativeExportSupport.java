package dev.ferry.transfer;

import java.io.IOException;
import java.time.Duration;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.stereotype.Component;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterConnector;
import dev.ferry.engine.export.EngineProperties;
import dev.ferry.engine.export.ExportEnvironment;
import dev.ferry.engine.plan.TableSelection;
import dev.ferry.engine.sink.FileSink;
import dev.ferry.engine.sink.LocalDirectorySink;
import dev.ferry.engine.snapshot.SourceConnector;
import dev.ferry.storage.RecordDirectory;

/**
 * What a native export reads from its transfer: the cluster and its credentials, the filter rules, the record's
 * storage (the same layout as the other chains: {@code <exportRoot>/<clusterId>/<recordId>-nfs/data}) and the dump
 * threads setting.
 */
@Component
class NativeExportSupport implements ExportEnvironment {

	private final TransferContext context;

	private final EngineProperties engine;

	NativeExportSupport(TransferContext context, EngineProperties engine) {
		this.context = context;
		this.engine = engine;
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

		};
	}

	@Override
	public FileSink sink(JobExecution execution) throws IOException {
		if ("s3".equals(execution.getJobParameters().getString(TransferParameters.STORAGE_TYPE))) {
			throw new IOException("S3 storage is not available for the native tool chain yet; use storageType nfs");
		}
		return new LocalDirectorySink(record(execution).data(), this.engine.sha256());
	}

	@Override
	public String location(JobExecution execution) {
		return record(execution).data().toString();
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
