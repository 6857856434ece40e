package dev.ferry.transfer;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.ferry.cluster.ClusterConnector;
import dev.ferry.cluster.ClusterService;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.ManifestVerifier;
import dev.ferry.manifest.ManifestWriter;
import dev.ferry.secret.SecretStore;

/**
 * The seed's {@code updateDataImportRecord} node: when the dump is a Ferry export (it has {@code manifest.json}),
 * compares the target's row counts with it and fails the record naming every table that differs.
 */
class UpdateImportRecordTasklet implements Tasklet {

	static final String VERIFICATION = "result.verification";

	/** Tables counted at once, each on its own connection. */
	private static final int VERIFY_PARALLELISM = 4;

	private final ClusterService clusters;

	private final SecretStore secrets;

	UpdateImportRecordTasklet(ClusterService clusters, SecretStore secrets) {
		this.clusters = clusters;
		this.secrets = secrets;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		StepExecution stepExecution = chunkContext.getStepContext().getStepExecution();
		ExecutionContext result = stepExecution.getJobExecution().getExecutionContext();
		Path data = ImportDirectories.data(stepExecution);
		result.putString(UpdateExportRecordTasklet.FILE_PATH, data.toString());
		result.remove(TransferFailedTasklet.ERROR); // a restarted import: the earlier attempt's reason is history
		if (!Files.exists(data.resolve(Manifest.FILE_NAME))) {
			result.putString(VERIFICATION, "not verified: the dump has no manifest.json (not a Ferry export)");
			return RepeatStatus.FINISHED;
		}
		Manifest manifest = ManifestWriter.read(data);
		JobParameters parameters = stepExecution.getJobParameters();
		var cluster = this.clusters.get(parameters.getString(TransferParameters.CLUSTER_ID));
		String password = this.secrets.reveal(parameters.getLong(TransferParameters.CREDENTIAL_SECRET_ID));
		String user = parameters.getString(TransferParameters.USER_NAME);
		ManifestVerifier.Verification verification = ManifestVerifier.verify(manifest,
				() -> ClusterConnector.open(cluster, user, password), VERIFY_PARALLELISM);
		result.putString(VERIFICATION, verification.summary());
		if (!verification.passed()) {
			throw new IllegalStateException(verification.summary());
		}
		return RepeatStatus.FINISHED;
	}

}
