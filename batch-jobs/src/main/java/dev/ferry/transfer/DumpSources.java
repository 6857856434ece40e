package dev.ferry.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;

import software.amazon.awssdk.core.exception.SdkException;

import org.springframework.batch.core.job.parameters.JobParameters;

import dev.ferry.dump.DumpContents;
import dev.ferry.dump.DumpInspector;
import dev.ferry.error.FerryException;
import dev.ferry.s3.S3AccessException;
import dev.ferry.s3.S3Clients;
import dev.ferry.s3.S3Probe;
import dev.ferry.secret.SecretStore;
import dev.ferry.upload.UploadStore;

/**
 * Runs the {@link DumpInspector} on an import's dump wherever it is: an earlier export's directory, an uploaded zip
 * (streamed, not unpacked) or an S3 prefix (each object streamed). In the pre-check, before the job is launched, and
 * again in the job on the files the tool will read (a source export or an S3 prefix can change in between; an
 * upload is inspected as unpacked): in the {@code buildDataImportConfig} step, and – when a restart resumes at the
 * tool's step, days later perhaps – right before the tool starts ({@link ImportInvocation}).
 */
final class DumpSources {

	private DumpSources() {
	}

	/** The pre-check's inspection; the dump's exact tables feed the overwrite check. */
	static DumpContents inspect(ImportPlan plan, UploadStore uploads) {
		return switch (plan.source().kind()) {
			case HISTORY -> DumpInspector.inspectDirectory(plan.source().dataDir());
			case UPLOAD -> DumpInspector.inspectZip(uploads.find(plan.source().uploadId())
				.orElseThrow(() -> FerryException.invalid("upload " + plan.source().uploadId() + " is gone"))
				.zip());
			case S3 -> inspect(plan.s3());
		};
	}

	/**
	 * The dump as the job is about to load it: the local files, or the S3 prefix that tidb-lightning reads itself.
	 */
	static DumpContents inspect(JobParameters parameters, Path data, SecretStore secrets) {
		if (Files.isDirectory(data)) {
			return DumpInspector.inspectDirectory(data);
		}
		if ("s3".equals(parameters.getString(TransferParameters.STORAGE_TYPE))) {
			return inspect(S3Target.of(parameters, secrets));
		}
		throw new IllegalStateException("the dump to import is not there: " + data);
	}

	/** A dump in S3: proves it is readable, then streams every object through the inspector. */
	static DumpContents inspect(S3Target s3) {
		try {
			S3Probe.checkReadable(s3.location(), s3.credentials());
		}
		catch (S3AccessException ex) {
			throw S3Target.inaccessible(ex);
		}
		try (S3Clients clients = S3Clients.open(s3.location(), s3.credentials())) {
			DumpContents contents = DumpInspector.inspectS3(clients, s3.location());
			if (contents.tables().isEmpty()) {
				throw FerryException.invalid("no dump files (db.table-schema.sql, db.table.sql) under " + s3.location());
			}
			return contents;
		}
		catch (S3AccessException ex) {
			throw S3Target.inaccessible(ex);
		}
		catch (CompletionException | SdkException ex) {
			throw FerryException.invalid("cannot read the dump's objects under " + s3.location() + " ("
					+ ((ex.getCause() != null) ? ex.getCause() : ex).getClass().getSimpleName() + ")");
		}
	}

}
