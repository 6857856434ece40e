package dev.ferry.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import dev.ferry.cluster.ClusterService;
import dev.ferry.config.FerryProperties;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.secret.SecretStore;

/**
 * The one launch path for transfers: checks the request, then starts its job through {@link JobOperator}. The answer
 * comes at once; the job runs on the transfer executor.
 */
@Service
public class TransferService {

	static final String REQUEST_PASSWORD_PURPOSE = "transfer-credential";

	private static final Logger log = LoggerFactory.getLogger(TransferService.class);

	private final ClusterService clusters;

	private final SecretStore secrets;

	private final JobOperator jobOperator;

	private final Job exportJob;

	private final ToolBinaries tools;

	private final FerryProperties properties;

	TransferService(ClusterService clusters, SecretStore secrets, JobOperator jobOperator,
			@Qualifier(TransferParameters.EXPORT_JOB) Job exportJob, ToolBinaries tools, FerryProperties properties) {
		this.clusters = clusters;
		this.secrets = secrets;
		this.jobOperator = jobOperator;
		this.exportJob = exportJob;
		this.tools = tools;
		this.properties = properties;
	}

	public TransferStarted export(ExportRequest request, String requestedBy) {
		ExportPlan plan = ExportRequestValidator.validate(request, this.clusters);
		this.tools.mydumper();
		ensureRoot();
		boolean ownSecret = plan.credential().fromRequest() || plan.cluster().passwordSecretId() == null;
		long secretId = ownSecret ? this.secrets.store(REQUEST_PASSWORD_PURPOSE, plan.credential().requestPassword())
				: plan.cluster().passwordSecretId();
		JobParameters parameters = new JobParametersBuilder()
			.addString(TransferParameters.TRANSFER_ID, UUID.randomUUID().toString(), true)
			.addString(TransferParameters.CLUSTER_ID, plan.cluster().clusterId(), false)
			.addString(TransferParameters.TRANSPORT_TYPE, "export", false)
			.addString(TransferParameters.STORAGE_TYPE, plan.storageType(), false)
			.addString(TransferParameters.FILE_TYPE, plan.fileType(), false)
			.addString(TransferParameters.ZIP_NAME, plan.zipName(), false)
			.addString(TransferParameters.COMMENT, plan.comment(), false)
			.addString(TransferParameters.USER_NAME, plan.userName(), false)
			.addLong(TransferParameters.CREDENTIAL_SECRET_ID, secretId, false)
			.addString(TransferParameters.CREDENTIAL_SCOPE,
					ownSecret ? TransferParameters.CREDENTIAL_OF_REQUEST : TransferParameters.CREDENTIAL_OF_CLUSTER, false)
			.addString(TransferParameters.TOOL_CHAIN, "mysql", false)
			.addString(TransferParameters.STORAGE_ROOT, this.properties.exportRoot().toAbsolutePath().normalize().toString(), false)
			.addString(TransferParameters.REQUESTED_BY, requestedBy, false)
			.toJobParameters();
		try {
			JobExecution execution = this.jobOperator.start(this.exportJob, parameters);
			log.info("Export of cluster {} started as record {} (execution {}) by {}", plan.cluster().clusterId(),
					execution.getJobInstance().getInstanceId(), execution.getId(), requestedBy);
			return TransferStarted.of(execution.getJobInstance().getInstanceId(), execution.getId());
		}
		catch (Exception ex) {
			if (ownSecret) {
				this.secrets.delete(secretId);
			}
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_RECORD_CREATE_FAILED,
					"could not start the export: " + ex.getMessage(), ex);
		}
	}

	private void ensureRoot() {
		try {
			Files.createDirectories(this.properties.exportRoot());
			if (!Files.isWritable(this.properties.exportRoot())) {
				throw new IOException("not writable");
			}
		}
		catch (IOException ex) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_PATH_CREATE_FAILED,
					"export root " + this.properties.exportRoot() + " cannot be created or written: " + ex.getMessage());
		}
	}

}
