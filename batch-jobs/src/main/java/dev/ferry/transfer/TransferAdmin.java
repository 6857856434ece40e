package dev.ferry.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

import dev.ferry.audit.AuditLog;
import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterService;
import dev.ferry.engine.export.ExportState;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.record.RecordStatus;
import dev.ferry.s3.S3Cleaner;
import dev.ferry.secret.SecretStore;
import dev.ferry.tool.ExecutionStopper;
import dev.ferry.storage.RecordDirectory;

/**
 * Batch admin for transfer records: stop, restart, delete. Every action checks the record's state first and says
 * clearly why it cannot be done.
 */
@Service
public class TransferAdmin {

	private static final Logger log = LoggerFactory.getLogger(TransferAdmin.class);

	private static final Set<BatchStatus> RUNNING = Set.of(BatchStatus.STARTING, BatchStatus.STARTED,
			BatchStatus.STOPPING);

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	private final ExecutionStopper stopper;

	private final SecretStore secrets;

	private final AuditLog audit;

	private final ReImportGuard reImports;

	private final ExecutionOwnership owners;

	private final ApplicationEventPublisher events;

	private final ClusterService clusters;

	private final TransferLocks locks;

	private final TransactionTemplate transactions;

	TransferAdmin(JobRepository jobRepository, JobOperator jobOperator, ExecutionStopper stopper, SecretStore secrets,
			AuditLog audit, ReImportGuard reImports, ExecutionOwnership owners, ApplicationEventPublisher events,
			ClusterService clusters, TransferLocks locks, PlatformTransactionManager transactionManager) {
		this.clusters = clusters;
		this.locks = locks;
		this.transactions = new TransactionTemplate(transactionManager);
		this.stopper = stopper;
		this.events = events;
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.secrets = secrets;
		this.audit = audit;
		this.reImports = reImports;
		this.owners = owners;
	}

	/** Stops a running or queued transfer; its tool's process tree is ended and the record becomes Stopped. */
	public TransferStarted stop(String recordId, String actor) {
		JobExecution execution = latest(recordId);
		if (!RUNNING.contains(execution.getStatus())) {
			throw FerryException.invalid("record " + recordId + " is " + status(execution)
					+ "; only a queued or running transfer can be stopped");
		}
		this.audit.record(actor, "transfer.stop", "record " + recordId, "execution " + execution.getId());
		if (this.owners.stopRemotely(execution, actor)) { // its node stops it within ferry.node.stop-poll-interval
			return TransferStarted.of(execution.getJobInstance().getInstanceId(), execution.getId());
		}
		try {
			this.stopper.stop(execution);
		}
		catch (Exception ex) {
			throw FerryException.invalid("record " + recordId + " could not be stopped: " + ex.getMessage());
		}
		return TransferStarted.of(execution.getJobInstance().getInstanceId(), execution.getId());
	}

	/**
	 * Restarts a Failed or Stopped transfer from the step that did not complete: refused (404) if its cluster was
	 * deleted, and for an import (409) while another import of its target cluster runs.
	 */
	public TransferStarted restart(String recordId, String actor) {
		return restart(recordId, actor, false);
	}

	/**
	 * As {@link #restart(String, String)}; with {@code fresh} a native-chain export starts over instead of resuming:
	 * its files are deleted and every partition runs again in a new snapshot.
	 */
	public TransferStarted restart(String recordId, String actor, boolean fresh) {
		long id = latest(recordId).getJobInstance().getInstanceId();
		// concurrent restarts of one record: one launches, the others then find it Queued or Processing
		TransferLocks.Lock self = this.locks.acquireRecord(id, "restart by " + actor);
		try {
			return restartChecked(recordId, actor, fresh);
		}
		finally {
			this.locks.release(self);
		}
	}

	private TransferStarted restartChecked(String recordId, String actor, boolean fresh) {
		JobExecution execution = latest(recordId);
		if (execution.getStatus() != BatchStatus.FAILED && execution.getStatus() != BatchStatus.STOPPED) {
			throw FerryException.invalid("record " + recordId + " is " + status(execution)
					+ "; only a Failed or Stopped transfer can be restarted");
		}
		if (execution.getStepExecutions().stream().anyMatch((step) -> step.getStatus().isRunning())) {
			// stopped on another node, whose step is still winding down: a restart now would be refused as running
			throw FerryException.invalid("record " + recordId + " is still stopping (its step "
					+ "has not ended yet); try again in a few seconds");
		}
		if (fresh) {
			requestFresh(recordId, execution);
		}
		Cluster cluster = clusterOf(recordId, execution.getJobParameters());
		boolean isImport = TransferParameters.IMPORT_JOB.equals(execution.getJobInstance().getJobName());
		Long source = isImport
				? LockConflicts.recordNumber(execution.getJobParameters().getString(TransferParameters.SOURCE_RECORD_ID))
				: null;
		TransferLocks.Lock sourceLock = this.locks.acquireRecord(source, "restart of record " + recordId + " by " + actor);
		try {
			if (source != null) {
				checkSourceExists(recordId, source);
			}
			return isImport ? restartImport(execution, recordId, cluster, actor) : restartLocked(execution, recordId, actor);
		}
		finally {
			this.locks.release(sourceLock);
		}
	}

	/** Marks a native export's next execution to start over ({@link ExportState#FRESH}, carried over by the restart). */
	private void requestFresh(String recordId, JobExecution execution) {
		if (!TransferParameters.EXPORT_JOB.equals(execution.getJobInstance().getJobName()) || ToolChain
			.of(execution.getJobParameters().getString(TransferParameters.TOOL_CHAIN)) != ToolChain.NATIVE) {
			throw FerryException.invalid("fresh applies to exports of the native tool chain only: record " + recordId
					+ " restarts from the step that did not complete");
		}
		execution.getExecutionContext().put(ExportState.FRESH, true);
		this.jobRepository.updateExecutionContext(execution);
	}

	/** An import restarts only while no other import of its target cluster runs (the target's import lock). */
	private TransferStarted restartImport(JobExecution execution, String recordId, Cluster cluster, String actor) {
		return this.locks.launchImport(cluster, "restart of record " + recordId + " by " + actor,
				() -> restartLocked(execution, recordId, actor));
	}

	private TransferStarted restartLocked(JobExecution execution, String recordId, String actor) {
		this.audit.record(actor, "transfer.restart", "record " + recordId, "after execution " + execution.getId());
		try {
			JobExecution restarted = this.jobOperator.restart(execution);
			this.owners.claimQuietly(restarted.getId());
			return TransferStarted.of(restarted.getJobInstance().getInstanceId(), restarted.getId());
		}
		catch (Exception ex) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_RECORD_CREATE_FAILED,
					"record " + recordId + " could not be restarted: " + ex.getMessage(), ex);
		}
	}

	/** A restart needs the record's cluster: refused, naming it, if the cluster was deleted meanwhile. */
	private Cluster clusterOf(String recordId, JobParameters parameters) {
		String clusterId = parameters.getString(TransferParameters.CLUSTER_ID);
		try {
			return this.clusters.get(String.valueOf(clusterId));
		}
		catch (FerryException ex) {
			if (ex.errorCode() != ErrorCode.CLUSTER_NOT_FOUND) {
				throw ex;
			}
			throw new FerryException(ErrorCode.CLUSTER_NOT_FOUND, "record " + recordId + " cannot be restarted: its "
					+ "cluster " + clusterId + " no longer exists (it was deleted); start a new transfer instead");
		}
	}

	private void checkSourceExists(String recordId, long source) {
		try {
			latest(Long.toString(source));
		}
		catch (FerryException ex) {
			throw FerryException.invalid("record " + recordId + " cannot be restarted: the export it re-imports (record "
					+ source + ") was deleted");
		}
	}

	/**
	 * Deletes a record that is not running: its directory (checked to be inside its storage root), its request
	 * secrets, then its JobInstance. An export that a running re-import reads cannot be deleted.
	 */
	public void delete(String recordId, String actor) {
		delete(recordId, false, actor);
	}

	/**
	 * As {@link #delete(String, String)}; with {@code deleteRemote} also the objects an S3 export wrote. Under the
	 * record's lock: of concurrent deletes one succeeds and the others find no record (404) or a busy one (409); a
	 * re-import being launched from it makes the delete wait or refuses it. The audit row is written in the
	 * transaction that deletes the record, after the change.
	 */
	public void delete(String recordId, boolean deleteRemote, String actor) {
		long id = latest(recordId).getJobInstance().getInstanceId();
		TransferLocks.Lock lock = this.locks.acquireRecord(id, "deletion by " + actor);
		try {
			deleteLocked(recordId, deleteRemote, actor);
		}
		finally {
			this.locks.release(lock);
		}
	}

	private void deleteLocked(String recordId, boolean deleteRemote, String actor) {
		JobExecution execution = latest(recordId);
		if (RUNNING.contains(execution.getStatus())) {
			throw FerryException.invalid("record " + recordId + " is " + status(execution)
					+ "; stop it before deleting it");
		}
		this.reImports.checkNotInUse(recordId);
		JobInstance instance = execution.getJobInstance();
		JobParameters parameters = execution.getJobParameters();
		if (deleteRemote && (!"s3".equals(parameters.getString(TransferParameters.STORAGE_TYPE))
				|| !TransferParameters.EXPORT_JOB.equals(instance.getJobName()))) {
			throw FerryException.invalid("record " + recordId + " wrote no S3 objects; deleteRemote applies to S3 "
					+ "exports only");
		}
		RecordDirectory dir = RecordDirectory.of(Path.of(parameters.getString(TransferParameters.STORAGE_ROOT)),
				parameters.getString(TransferParameters.CLUSTER_ID), instance.getInstanceId(),
				parameters.getString(TransferParameters.STORAGE_TYPE));
		try {
			if (Files.exists(dir.path())) {
				FileSystemUtils.deleteRecursively(dir.path());
			}
		}
		catch (IOException ex) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_FILE_DELETE_FAILED,
					"the files of record " + recordId + " could not be removed (" + dir.path() + "): " + ex.getMessage());
		}
		Long s3SecretId = parameters.getLong(TransferParameters.S3_SECRET_ID);
		if (deleteRemote) {
			deleteRemote(recordId, execution, s3SecretId);
		}
		Long secretId = parameters.getLong(TransferParameters.CREDENTIAL_SECRET_ID);
		boolean ownSecret = secretId != null && TransferParameters.CREDENTIAL_OF_REQUEST
			.equals(parameters.getString(TransferParameters.CREDENTIAL_SCOPE));
		try {
			this.transactions.executeWithoutResult((status) -> {
				if (s3SecretId != null) {
					this.secrets.delete(s3SecretId);
				}
				if (ownSecret) {
					this.secrets.delete(secretId);
				}
				this.jobRepository.deleteJobInstance(instance);
				this.audit.recordInTransaction(actor, "transfer.delete", "record " + recordId,
						"directory " + dir.path() + (deleteRemote ? " and its S3 objects" : ""));
			});
		}
		catch (RuntimeException ex) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_RECORD_DELETE_FAILED,
					"record " + recordId + " could not be deleted: " + ex.getMessage(), ex);
		}
		log.info("Record {} deleted by {} ({})", recordId, actor, dir.path());
		this.events.publishEvent(new RecordDeleted(instance.getInstanceId()));
	}

	private void deleteRemote(String recordId, JobExecution execution, Long s3SecretId) {
		JobParameters parameters = execution.getJobParameters();
		S3Target target = S3Target.of(parameters, this.secrets);
		var location = S3Target.exportLocation(parameters, execution.getJobInstance().getInstanceId());
		try {
			long deleted = S3Cleaner.deletePrefix(location, target.credentials());
			log.info("Deleted {} objects of record {} at {}", deleted, recordId, location);
		}
		catch (RuntimeException ex) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_FILE_DELETE_FAILED,
					"the S3 objects of record " + recordId + " (" + location + ") could not be deleted: " + ex.getMessage(),
					ex);
		}
	}

	JobExecution latest(String recordId) {
		long id;
		try {
			id = Long.parseLong(recordId.strip());
		}
		catch (NumberFormatException ex) {
			throw notFound(recordId);
		}
		JobInstance instance = this.jobRepository.getJobInstance(id);
		if (instance == null || !TransferParameters.isTransferJob(instance.getJobName())) {
			throw notFound(recordId);
		}
		JobExecution execution = this.jobRepository.getLastJobExecution(instance);
		if (execution == null) {
			throw notFound(recordId);
		}
		return execution;
	}

	private static FerryException notFound(String recordId) {
		return new FerryException(ErrorCode.TIEM_TRANSPORT_RECORD_NOT_FOUND, "record " + recordId + " not found");
	}

	private static String status(JobExecution execution) {
		return RecordStatus.ofBatchStatus(execution.getStatus().name()).name();
	}

}
