package dev.ferry.transfer;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.JobParameters;

import dev.ferry.error.FerryException;
import dev.ferry.s3.S3AccessException;
import dev.ferry.s3.S3Credentials;
import dev.ferry.s3.S3Location;
import dev.ferry.secret.SecretStore;

/**
 * The S3 side of a transfer: where (endpoint + bucket/prefix, job parameters) and with which keys (one secret in the
 * store, referenced by id). Exports write below a record prefix of their own, {@code <prefix>/ferry-export-<id>/}, so
 * that two exports never mix and deleting one's objects touches nothing else.
 */
record S3Target(S3Location location, S3Credentials credentials) {

	static final String SECRET_PURPOSE = "s3-credentials";

	/** Checks the four S3 fields of a request (all required) and the location's syntax. */
	static S3Target fromRequest(@Nullable String endpointUrl, @Nullable String bucketUrl, @Nullable String accessKey,
			@Nullable String secretAccessKey) {
		StringBuilder missing = new StringBuilder();
		for (String[] field : new String[][] { { "endpointUrl", endpointUrl }, { "bucketUrl", bucketUrl },
				{ "accessKey", accessKey }, { "secretAccessKey", secretAccessKey } }) {
			if (field[1] == null || field[1].isBlank()) {
				missing.append(missing.isEmpty() ? "" : ", ").append(field[0]);
			}
		}
		if (!missing.isEmpty()) {
			throw FerryException.invalid("storageType s3 needs " + missing + " (all of endpointUrl, bucketUrl, "
					+ "accessKey, secretAccessKey)");
		}
		try {
			return new S3Target(S3Location.parse(endpointUrl.strip(), bucketUrl.strip()),
					S3Credentials.of(accessKey.strip(), secretAccessKey));
		}
		catch (IllegalArgumentException ex) {
			throw FerryException.invalid(ex.getMessage());
		}
	}

	/**
	 * An endpoint not allowed or not reachable, wrong keys or a missing bucket, said clearly before anything is
	 * created. The message starts with what it concerns ({@code S3 endpoint}, {@code S3 rejected the keys},
	 * {@code S3 denied access}, {@code S3 bucket}), which the console uses to mark the form field.
	 */
	static FerryException inaccessible(S3AccessException ex) {
		return FerryException.invalid(String.valueOf(ex.getMessage()));
	}

	long store(SecretStore secrets) {
		return secrets.store(SECRET_PURPOSE, this.credentials.accessKey() + "\n" + this.credentials.secretKey());
	}

	/** The target of a running job, from its parameters and its secret. */
	static S3Target of(JobParameters parameters, SecretStore secrets) {
		String keys = secrets.reveal(parameters.getLong(TransferParameters.S3_SECRET_ID));
		int newline = keys.indexOf('\n');
		return new S3Target(
				S3Location.parse(parameters.getString(TransferParameters.ENDPOINT_URL),
						parameters.getString(TransferParameters.BUCKET_URL)),
				S3Credentials.of(keys.substring(0, newline), keys.substring(newline + 1)));
	}

	/** Where an export record's objects go. */
	static S3Location exportLocation(JobParameters parameters, long recordId) {
		return S3Location.parse(parameters.getString(TransferParameters.ENDPOINT_URL),
				parameters.getString(TransferParameters.BUCKET_URL)).resolve("ferry-export-" + recordId);
	}

}
