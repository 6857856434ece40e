package dev.ferry.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import dev.ferry.audit.AuditLog;
import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterConnector;
import dev.ferry.cluster.ClusterService;
import dev.ferry.config.FerryProperties;
import dev.ferry.config.SettingsService;
import dev.ferry.dump.DumpContents;
import dev.ferry.engine.export.EngineProperties;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.s3.S3AccessException;
import dev.ferry.s3.S3Probe;
import dev.ferry.secret.SecretStore;
import dev.ferry.storage.FileModes;
import dev.ferry.upload.UploadStore;

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

	private final JobRepository jobRepository;

	private final Job exportJob;

	private final Job importJob;

	private final ToolBinaries tools;

	private final SettingsService settings;

	private final TransferAdmin records;

	private final UploadStore uploads;

	private final ExecutionOwnership owners;

	private final AuditLog audit;

	private final TransferLocks locks;

	private final SpacePreflight space;

	private final EngineProperties engine;

	TransferService(ClusterService clusters, SecretStore secrets, JobOperator jobOperator, JobRepository jobRepository,
			@Qualifier(TransferParameters.EXPORT_JOB) Job exportJob,
			@Qualifier(TransferParameters.IMPORT_JOB) Job importJob, ToolBinaries tools, SettingsService settings,
			TransferAdmin records, UploadStore uploads, ExecutionOwnership owners, AuditLog audit, TransferLocks locks,
			SpacePreflight space, EngineProperties engine) {
		this.engine = engine;
		this.locks = locks;
		this.space = space;
		this.clusters = clusters;
		this.secrets = secrets;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.exportJob = exportJob;
		this.importJob = importJob;
		this.tools = tools;
		this.settings = settings;
		this.records = records;
		this.uploads = uploads;
		this.owners = owners;
		this.audit = audit;
	}

	public TransferStarted export(ExportRequest request, String requestedBy) {
		return export(request, requestedBy, null);
	}

	/**
	 * Checks an export request completely – fields, cluster, tools, export root, S3 access – without starting
	 * anything: what a schedule must pass before it is saved (the free space is checked at each launch, not here).
	 */
	public void checkExport(ExportRequest request) {
		check(request, false);
	}

	/** Starts an export; a schedule's fire passes its id, kept as the non-identifying parameter {@code scheduleId}. */
	public TransferStarted export(ExportRequest request, String requestedBy, @Nullable Long scheduleId) {
		ExportPlan plan = check(request, true);
		JobParametersBuilder parameters = common(plan.cluster(), plan.userName(), "export", plan.storageType(),
				plan.comment(), this.settings.current().exportRoot(), requestedBy, plan.chain())
			.addString(TransferParameters.FILE_TYPE, plan.fileType(), false)
			.addString(TransferParameters.ZIP_NAME, plan.zipName(), false)
			.addString(TransferParameters.FILTER, plan.filter(), false)
			.addString(TransferParameters.SQL, plan.sql(), false);
		if (scheduleId != null) {
			parameters.addLong(TransferParameters.SCHEDULE_ID, scheduleId, false);
		}
		if (plan.chain() == ToolChain.NATIVE) {
			parameters.addString(TransferParameters.COMPRESSION, plan.compression(), false)
				.addLong(TransferParameters.CHUNK_ROWS,
						plan.chunkRows() != null ? plan.chunkRows() : this.engine.chunkRows(), false);
		}
		TransferStarted started = launch(this.exportJob, parameters, plan.cluster(), plan.credential(), plan.s3(),
				requestedBy);
		this.audit.record(requestedBy, "transfer.export", "record " + started.recordId(), clusterName(plan.cluster())
				+ " to " + plan.storageType() + ((scheduleId != null) ? " (schedule " + scheduleId + ")" : ""));
		return started;
	}

	private ExportPlan check(ExportRequest request, boolean launch) {
		ExportPlan plan = ExportRequestValidator.validate(request, this.clusters);
		FerryProperties properties = this.settings.current();
		if (plan.chain() == ToolChain.TIDB) {
			this.tools.tidb("dumpling");
		}
		else if (plan.chain() == ToolChain.MYSQL) {
			this.tools.mydumper();
		}
		SourceInventory inventory = (plan.chain() == ToolChain.MYSQL || launch) ? readSource(plan) : null;
		if (plan.chain() == ToolChain.MYSQL && inventory != null && inventory.refusal() != null) {
			throw FerryException.invalid(inventory.refusal());
		}
		ensureRoot(properties.exportRoot(), "export");
		if (launch) {
			this.space.checkExport(plan, inventory);
		}
		if (plan.s3() != null) {
			try {
				S3Probe.check(plan.s3().location(), plan.s3().credentials());
			}
			catch (S3AccessException ex) {
				throw S3Target.inaccessible(ex);
			}
		}
		return plan;
	}

	/**
	 * Starts an import. A re-import holds its source record's lock until its execution exists (a concurrent delete
	 * of that record waits or is refused, never the reverse halfway); the launch takes the target cluster's import
	 * lock, which the execution keeps until it ends.
	 */
	public TransferStarted importData(ImportRequest request, String requestedBy) {
		return importData(request, requestedBy, null);
	}

	/**
	 * An import; a restore drill ({@link RestoreDrills}) is one with {@code drill} adding its parameters: it loads
	 * into databases of its own, so the target-empty check is its own (in buildDataImportConfig).
	 */
	TransferStarted importData(ImportRequest request, String requestedBy,
			java.util.function.@Nullable Consumer<JobParametersBuilder> drill) {
		Long sourceRecord = LockConflicts.recordNumber(request.recordId());
		TransferLocks.Lock source = this.locks.acquireRecord(sourceRecord,
				(drill == null ? "re-import by " : "restore drill by ") + requestedBy);
		try {
			return importLocked(request, requestedBy, drill);
		}
		finally {
			this.locks.release(source);
		}
	}

	private TransferStarted importLocked(ImportRequest request, String requestedBy,
			java.util.function.@Nullable Consumer<JobParametersBuilder> drill) {
		ImportPlan plan = ImportRequestValidator.validate(request, this.clusters, this.records, this.uploads);
		FerryProperties properties = this.settings.current();
		if (plan.chain() == ToolChain.TIDB) {
			this.tools.tidb("tidb-lightning");
		}
		else {
			this.tools.myloader();
		}
		ensureRoot(properties.importRoot(), "import");
		checkNoImportRunning(plan.cluster());
		DumpContents dump = DumpSources.inspect(plan, this.uploads);
		if (plan.chain() == ToolChain.MYSQL) {
			DumpDatabases.check(dump.databases());
		}
		this.space.checkImport(plan, password(plan.credential(), plan.cluster()), dump.bytes());
		java.util.Set<String> tables = dump.tables();
		if (!plan.overwrite() && drill == null) {
			checkTargetEmpty(plan, tables);
		}
		JobParametersBuilder parameters = common(plan.cluster(), plan.userName(),
				drill == null ? "import" : TransferParameters.DRILL_TYPE,
				plan.s3() != null ? "s3" : "nfs", plan.comment(),
				properties.importRoot(), requestedBy, plan.chain())
			.addString(TransferParameters.BACKEND, plan.backend(), false)
			.addString(TransferParameters.ZIP_NAME, ExportRequestValidator.DEFAULT_ZIP_NAME, false)
			.addString(TransferParameters.OVERWRITE, Boolean.toString(plan.overwrite()), false);
		if (plan.source().sourceRecordId() != null) {
			parameters.addString(TransferParameters.SOURCE_RECORD_ID, plan.source().sourceRecordId(), false)
				.addString(TransferParameters.SOURCE_PATH, plan.source().dataDir().toString(), false);
		}
		if (plan.source().uploadId() != null) {
			parameters.addString(TransferParameters.UPLOAD_ID, plan.source().uploadId(), false);
		}
		if (drill != null) {
			drill.accept(parameters);
		}
		TransferStarted started = this.locks.launchImport(plan.cluster(), "import launched by " + requestedBy,
				() -> launch(this.importJob, parameters, plan.cluster(), plan.credential(), plan.s3(), requestedBy));
		this.audit.record(requestedBy, drill == null ? "transfer.import" : "transfer.drill",
				"record " + started.recordId(), clusterName(plan.cluster())
				+ " from " + source(plan.source()) + (plan.overwrite() ? ", overwrite" : ""));
		return started;
	}

	private static String clusterName(Cluster cluster) {
		return "cluster " + cluster.clusterId() + " (" + cluster.name() + ")";
	}

	private static String source(ImportPlan.Source source) {
		return switch (source.kind()) {
			case HISTORY -> "export record " + source.sourceRecordId();
			case UPLOAD -> "upload " + source.uploadId();
			case S3 -> "s3";
		};
	}

	private JobParametersBuilder common(Cluster cluster, String userName, String transportType, String storageType,
			String comment, Path root, String requestedBy, ToolChain chain) {
		return new JobParametersBuilder()
			.addString(TransferParameters.TRANSFER_ID, UUID.randomUUID().toString(), true)
			.addString(TransferParameters.CLUSTER_ID, cluster.clusterId(), false)
			.addString(TransferParameters.TRANSPORT_TYPE, transportType, false)
			.addString(TransferParameters.STORAGE_TYPE, storageType, false)
			.addString(TransferParameters.COMMENT, comment, false)
			.addString(TransferParameters.USER_NAME, userName, false)
			.addString(TransferParameters.TOOL_CHAIN, chain.parameter(), false)
			.addString(TransferParameters.STORAGE_ROOT, root.toAbsolutePath().normalize().toString(), false)
			.addString(TransferParameters.REQUESTED_BY, requestedBy, false);
	}

	/** Stores a request password as its own secret (the cluster's is referenced), then starts the job. */
	private TransferStarted launch(Job job, JobParametersBuilder parameters, Cluster cluster,
			ExportPlan.CredentialSource credential, @Nullable S3Target s3, String requestedBy) {
		boolean ownSecret = credential.fromRequest() || cluster.passwordSecretId() == null;
		long secretId = ownSecret ? this.secrets.store(REQUEST_PASSWORD_PURPOSE, credential.requestPassword())
				: cluster.passwordSecretId();
		Long s3SecretId = null;
		if (s3 != null) {
			s3SecretId = s3.store(this.secrets);
			parameters.addString(TransferParameters.ENDPOINT_URL, s3.location().endpoint().toString(), false)
				.addString(TransferParameters.BUCKET_URL, s3.location().s3Url(), false)
				.addLong(TransferParameters.S3_SECRET_ID, s3SecretId, false);
		}
		parameters.addLong(TransferParameters.CREDENTIAL_SECRET_ID, secretId, false)
			.addString(TransferParameters.CREDENTIAL_SCOPE,
					ownSecret ? TransferParameters.CREDENTIAL_OF_REQUEST : TransferParameters.CREDENTIAL_OF_CLUSTER, false);
		try {
			JobExecution execution = this.jobOperator.start(job, parameters.toJobParameters());
			this.owners.claimQuietly(execution.getId());
			log.info("{} of cluster {} started as record {} (execution {}) by {}", job.getName(), cluster.clusterId(),
					execution.getJobInstance().getInstanceId(), execution.getId(), requestedBy);
			return TransferStarted.of(execution.getJobInstance().getInstanceId(), execution.getId());
		}
		catch (Exception ex) {
			if (ownSecret) {
				this.secrets.delete(secretId);
			}
			if (s3SecretId != null) {
				this.secrets.delete(s3SecretId);
			}
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_RECORD_CREATE_FAILED,
					"could not start the " + job.getName() + " job: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The source's selected tables, read once for the pre-checks: the mysql chain refuses names mydumper/myloader
	 * 0.10 cannot carry, and the space preflight estimates the size. Null for a query export, and when the source
	 * cannot be read here (the job reads it again and fails with the server's message).
	 */
	private @Nullable SourceInventory readSource(ExportPlan plan) {
		if (!plan.sql().isEmpty()) {
			return null;
		}
		try {
			return SourceInventory.read(plan.cluster(), plan.userName(), password(plan.credential(), plan.cluster()),
					TableFilter.parse(plan.filter()));
		}
		catch (SQLException ex) {
			log.debug("Export pre-check could not read cluster {}: {}", plan.cluster().clusterId(), ex.getMessage());
			return null;
		}
	}

	private String password(ExportPlan.CredentialSource credential, Cluster cluster) {
		return credential.fromRequest() ? credential.requestPassword() : this.clusters.password(cluster);
	}

	/**
	 * At most one import per target cluster: the quick answer while one runs, before the dump is read. The rule
	 * itself is the target's import lock, taken as the import launches.
	 */
	private void checkNoImportRunning(Cluster cluster) {
		for (JobExecution running : this.jobRepository.findRunningJobExecutions(TransferParameters.IMPORT_JOB)) {
			if (cluster.clusterId().equals(running.getJobParameters().getString(TransferParameters.CLUSTER_ID))) {
				throw LockConflicts.importRunning(cluster, running.getJobInstance().getInstanceId());
			}
		}
	}

	private void checkTargetEmpty(ImportPlan plan, java.util.Set<String> tables) {
		String password = password(plan.credential(), plan.cluster());
		List<String> nonEmpty;
		try (Connection target = ClusterConnector.open(plan.cluster(), plan.userName(), password)) {
			nonEmpty = TargetTables.nonEmpty(target, tables);
		}
		catch (SQLException ex) {
			throw FerryException.invalid("cannot check the target cluster " + plan.cluster().name() + " as "
					+ plan.userName() + ": " + ex.getMessage());
		}
		if (!nonEmpty.isEmpty()) {
			throw FerryException.invalid("target tables already hold data: " + String.join(", ", nonEmpty)
					+ "; set overwrite=true to replace them");
		}
	}

	private static void ensureRoot(Path root, String what) {
		try {
			FileModes.createDirectories(root);
			if (!Files.isWritable(root)) {
				throw new IOException("not writable");
			}
		}
		catch (IOException ex) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_PATH_CREATE_FAILED,
					what + " root " + root + " cannot be created or written: " + ex.getMessage());
		}
	}

}
