package dev.ferry.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterService;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.record.RecordStatus;
import dev.ferry.storage.RecordDirectory;
import dev.ferry.upload.UploadStore;

/**
 * The import pre-check: every field, and the source. A re-import ({@code recordId}) needs a Finished NFS export
 * whose files still exist (TiUniManager's ReImportSupport, without its gaps: the status is checked too).
 */
final class ImportRequestValidator {

	private ImportRequestValidator() {
	}

	static ImportPlan validate(ImportRequest request, ClusterService clusters, TransferAdmin records,
			UploadStore uploads) {
		if (RequestFields.isBlank(request.clusterId())) {
			throw FerryException.invalid("clusterId is required");
		}
		Cluster cluster = clusters.get(request.clusterId());
		String userName = RequestFields.userName(request.userName(), cluster);
		var credential = RequestFields.credential(request.password(), cluster, userName);
		String comment = RequestFields.comment(request.comment());
		boolean overwrite = Boolean.TRUE.equals(request.overwrite());
		ToolChain chain = ToolChain.choose(request.toolChain(), cluster.kind());
		if (chain == ToolChain.NATIVE) {
			throw FerryException.invalid("toolChain native is not available for imports yet (the native engine "
					+ "exports only): use toolChain mysql or tidb");
		}
		String backend = backend(request.backend(), chain, cluster, overwrite);
		int sources = (RequestFields.isBlank(request.recordId()) ? 0 : 1)
				+ (RequestFields.isBlank(request.uploadId()) ? 0 : 1);
		String storageType = RequestFields.isBlank(request.storageType()) ? "nfs"
				: request.storageType().strip().toLowerCase(Locale.ROOT);
		if (storageType.equals("s3")) {
			if (sources != 0) {
				throw FerryException.invalid("storageType s3 imports the files at bucketUrl; give no recordId or "
						+ "uploadId with it");
			}
			S3Target s3 = S3Target.fromRequest(request.endpointUrl(), request.bucketUrl(), request.accessKey(),
					request.secretAccessKey());
			return new ImportPlan(cluster, userName, credential, new ImportPlan.Source(ImportPlan.Kind.S3, null, null,
					null), overwrite, comment, chain, backend, s3);
		}
		if (!storageType.equals("nfs")) {
			throw FerryException.invalid("storageType '" + request.storageType() + "' is invalid: use nfs or s3");
		}
		if (sources != 1) {
			throw FerryException.invalid("give exactly one source: recordId (re-import of an earlier export), "
					+ "uploadId (a zip uploaded to /api/v1/clusters/import/upload), or storageType s3 with its fields");
		}
		ImportPlan.Source source = RequestFields.isBlank(request.recordId())
				? upload(request.uploadId().strip(), cluster, uploads) : history(request.recordId().strip(), records);
		return new ImportPlan(cluster, userName, credential, source, overwrite, comment, chain, backend, null);
	}

	/**
	 * tidb-lightning's backend: {@code local} (physical, needs PD and the status port, empty tables) or {@code tidb}
	 * (logical, works against MySQL too). Default: local for a TiDB cluster with PD, else tidb.
	 */
	private static String backend(@Nullable String requested, ToolChain chain, Cluster cluster, boolean overwrite) {
		if (chain == ToolChain.MYSQL) {
			if (!RequestFields.isBlank(requested)) {
				throw FerryException.invalid("backend is a tidb-lightning setting; the mysql tool chain has none");
			}
			return "";
		}
		boolean physicalPossible = cluster.pdAddress() != null && cluster.statusPort() != null;
		String backend = RequestFields.isBlank(requested) ? (physicalPossible && !overwrite ? "local" : "tidb")
				: requested.strip().toLowerCase(Locale.ROOT);
		if (!backend.equals("local") && !backend.equals("tidb")) {
			throw FerryException.invalid("backend '" + requested + "' is invalid: use local or tidb");
		}
		if (backend.equals("local") && !physicalPossible) {
			throw FerryException.invalid("backend local needs the cluster's pdAddress and statusPort; use backend tidb");
		}
		if (backend.equals("local") && overwrite) {
			throw FerryException.invalid("overwrite needs backend tidb (it replaces rows); backend local imports into "
					+ "empty tables only");
		}
		return backend;
	}

	private static ImportPlan.Source upload(String uploadId, Cluster cluster, UploadStore uploads) {
		var staged = uploads.find(uploadId)
			.orElseThrow(() -> FerryException.invalid("upload " + uploadId + " not found (uploads are kept 24 hours "
					+ "and used once); upload the zip again"));
		if (!staged.clusterId().equals(cluster.clusterId())) {
			throw FerryException.invalid("upload " + uploadId + " was made for cluster " + staged.clusterId()
					+ ", not for cluster " + cluster.clusterId());
		}
		return new ImportPlan.Source(ImportPlan.Kind.UPLOAD, null, uploadId, null);
	}

	private static ImportPlan.Source history(String recordId, TransferAdmin records) {
		JobExecution execution;
		try {
			execution = records.latest(recordId);
		}
		catch (FerryException ex) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_RECORD_NOT_FOUND,
					"record " + recordId + " not found: nothing to re-import");
		}
		JobParameters parameters = execution.getJobParameters();
		if (!TransferParameters.EXPORT_JOB.equals(execution.getJobInstance().getJobName())) {
			throw FerryException.invalid("record " + recordId + " is an import; only exports can be re-imported");
		}
		if (!"nfs".equals(parameters.getString(TransferParameters.STORAGE_TYPE))) {
			throw FerryException.invalid("record " + recordId + " is an export to S3; re-import reads NFS exports "
					+ "only (import it from S3 instead)");
		}
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			throw FerryException.invalid("record " + recordId + " is "
					+ RecordStatus.ofBatchStatus(execution.getStatus().name()) + "; only a Finished export can be re-imported");
		}
		Path data = RecordDirectory.of(Path.of(parameters.getString(TransferParameters.STORAGE_ROOT)),
				parameters.getString(TransferParameters.CLUSTER_ID), execution.getJobInstance().getInstanceId(), "nfs")
			.data();
		if (!Files.isDirectory(data)) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_RECORD_NOT_FOUND,
					"the files of record " + recordId + " are gone (" + data + "); it cannot be re-imported");
		}
		return new ImportPlan.Source(ImportPlan.Kind.HISTORY, recordId, null, data);
	}

}
