package dev.ferry.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

import dev.ferry.cluster.Cluster;
import dev.ferry.record.ProgressContext;
import dev.ferry.storage.RecordDirectory;
import dev.ferry.storage.RunDirectory;
import dev.ferry.tidb.DataLocation;
import dev.ferry.tidb.LightningCommand;
import dev.ferry.tidb.LightningConfig;
import dev.ferry.tool.ToolCommand;
import dev.ferry.tool.ToolInvocation;

/**
 * The {@code tidb} chain's import: {@code tiup tidb-lightning -config $FERRY_HOME/run/<execution>-tidb-lightning-<step>.toml}.
 * The TOML holds the password, so it is written 0600 just before the run and removed as soon as the run is over
 * (or swept with its execution after a crash, see {@link RunDirectory}); the checkpoint file stays in the record
 * directory, so a restart resumes.
 */
@Component
class LightningImportInvocation implements ToolInvocation {

	private final TransferContext context;

	LightningImportInvocation(TransferContext context) {
		this.context = context;
	}

	@Override
	public ToolCommand prepare(StepExecution stepExecution) throws IOException {
		JobParameters parameters = stepExecution.getJobParameters();
		Cluster cluster = this.context.cluster(parameters);
		RecordDirectory dir = ImportDirectories.record(stepExecution);
		LightningConfig config = LightningConfig.builder()
			.recordDir(dir.path())
			.dataSource(source(parameters, stepExecution))
			.backend(LightningConfig.Backend.of(parameters.getString(TransferParameters.BACKEND)))
			.overwrite(Boolean.parseBoolean(parameters.getString(TransferParameters.OVERWRITE)))
			.tidb(cluster.host(), cluster.port())
			.user(parameters.getString(TransferParameters.USER_NAME))
			.password(this.context.password(parameters))
			.statusPort(cluster.statusPort())
			.pdAddr(cluster.pdAddress())
			.build();
		RunDirectory.prepare(this.context.home());
		Path toml = toml(stepExecution);
		config.writeTo(toml);
		var tools = this.context.tools();
		return new ToolCommand("tidb-lightning", LightningCommand.build(this.context.binaries().tidb("tidb-lightning"), toml),
				dir.path(), config.environment(), dir.path().resolve("tidb-lightning-output.log"), tools.timeout(),
				tools.pollInterval());
	}

	/** The dump: local files, or – lightning reads S3 itself – the bucket prefix (keys via the environment). */
	private DataLocation source(JobParameters parameters, StepExecution stepExecution) {
		if (!"s3".equals(parameters.getString(TransferParameters.STORAGE_TYPE))) {
			return DataLocation.local(ImportDirectories.data(stepExecution));
		}
		S3Target target = S3Target.of(parameters, this.context.secrets());
		return DataLocation.s3(target.location().s3Url(), target.location().endpoint().toString(),
				target.credentials().accessKey(), target.credentials().secretKey());
	}

	@Override
	public void recordProgress(StepExecution stepExecution, ToolCommand command, ExecutionContext progress) {
		progress.putString(ProgressContext.PHASE, "loading");
		progress.putLong(ProgressContext.UPDATED_AT, System.currentTimeMillis());
	}

	@Override
	public void cleanup(StepExecution stepExecution, ToolCommand command) {
		Path toml = toml(stepExecution);
		try {
			Files.deleteIfExists(toml);
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not remove " + toml + " (it holds the password)", ex);
		}
	}

	/** In {@code $FERRY_HOME/run}, never on the (shared) import root: swept with its execution after a crash. */
	private Path toml(StepExecution stepExecution) {
		return RunDirectory.file(this.context.home(), stepExecution.getJobExecutionId(), "tidb-lightning",
				stepExecution.getId(), "toml");
	}

}
