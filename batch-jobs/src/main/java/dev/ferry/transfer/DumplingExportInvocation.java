package dev.ferry.transfer;

import java.io.IOException;
import java.util.List;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import dev.ferry.cluster.Cluster;
import dev.ferry.record.ProgressContext;
import dev.ferry.storage.DirectoryStats;
import dev.ferry.storage.FileModes;
import dev.ferry.storage.RecordDirectory;
import dev.ferry.tidb.DataLocation;
import dev.ferry.tidb.DumplingCommand;
import dev.ferry.tool.ToolCommand;
import dev.ferry.tool.ToolInvocation;
import dev.ferry.tool.ToolProcessTasklet;

/**
 * The {@code tidb} chain's export: {@code tiup dumpling} with TiUniManager's flags, each filter rule its own
 * {@code --filter}. dumpling takes the password only as {@code -p}: it is on its command line (README), but only the
 * masked form is ever logged or stored.
 */
@Component
class DumplingExportInvocation implements ToolInvocation {

	private final TransferContext context;

	DumplingExportInvocation(TransferContext context) {
		this.context = context;
	}

	@Override
	public ToolCommand prepare(StepExecution stepExecution) throws IOException {
		JobParameters parameters = stepExecution.getJobParameters();
		Cluster cluster = this.context.cluster(parameters);
		RecordDirectory dir = ExportDirectories.record(stepExecution);
		FileSystemUtils.deleteRecursively(dir.data());
		FileModes.createDirectories(dir.data());
		String filter = parameters.getString(TransferParameters.FILTER, "");
		String sql = parameters.getString(TransferParameters.SQL, "");
		var tools = this.context.tools();
		DumplingCommand dumpling = DumplingCommand.builder()
			.launcher(this.context.binaries().tidb("dumpling"))
			.host(cluster.host())
			.port(cluster.port())
			.user(parameters.getString(TransferParameters.USER_NAME))
			.password(this.context.password(parameters))
			.fileType(parameters.getString(TransferParameters.FILE_TYPE))
			.output(output(parameters, stepExecution, dir))
			.threads(tools.dumpThreads())
			.logFile(dir.path().resolve("dumpling.log"))
			.filters(filter.isEmpty() ? List.of() : TableFilter.parse(filter).rules())
			.sql(sql.isEmpty() ? null : sql)
			.build();
		return new ToolCommand("dumpling", dumpling.arguments(), dir.path(), dumpling.environment(),
				dir.path().resolve("dumpling-output.log"), tools.timeout(), tools.pollInterval(),
				dumpling.displayArguments());
	}

	private DataLocation output(JobParameters parameters, StepExecution stepExecution, RecordDirectory dir) {
		if (!"s3".equals(parameters.getString(TransferParameters.STORAGE_TYPE))) {
			return DataLocation.local(dir.data());
		}
		S3Target target = S3Target.of(parameters, this.context.secrets()); // dumpling writes to S3 itself; keys via env
		var location = S3Target.exportLocation(parameters, stepExecution.getJobExecution().getJobInstance().getInstanceId());
		return DataLocation.s3(location.s3Url(), location.endpoint().toString(), target.credentials().accessKey(),
				target.credentials().secretKey());
	}

	@Override
	public void recordProgress(StepExecution stepExecution, ToolCommand command, ExecutionContext progress) {
		DirectoryStats stats = DirectoryStats.of(ExportDirectories.record(stepExecution).data());
		long now = System.currentTimeMillis();
		long startedAt = progress.getLong(ToolProcessTasklet.STARTED_AT_KEY, now);
		progress.putString(ProgressContext.PHASE, "dumping");
		progress.putLong(ProgressContext.BYTES, stats.bytes());
		progress.putLong(ProgressContext.FILES, stats.files());
		progress.putLong(ProgressContext.BYTES_PER_SECOND, stats.bytes() * 1000 / Math.max(1, now - startedAt));
		progress.putLong(ProgressContext.UPDATED_AT, now);
	}

}
