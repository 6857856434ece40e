package dev.ferry.schedule;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.ferry.secret.SecretStore;
import dev.ferry.transfer.ExportRequest;

/**
 * A schedule's secrets in the {@link SecretStore}: its own database password and its S3 keys (one secret,
 * "access\nsecret"). Only the ids are in {@code FERRY_SCHEDULE}; the plaintext is revealed for a fire's request.
 */
@Component
class ScheduleSecrets {

	static final String PASSWORD_PURPOSE = "schedule-credential";

	static final String S3_PURPOSE = "schedule-s3-credentials";

	private final SecretStore secrets;

	ScheduleSecrets(SecretStore secrets) {
		this.secrets = secrets;
	}

	record Ids(@Nullable Long password, @Nullable Long s3) {
	}

	Ids store(ExportRequest request) {
		Long password = request.password() == null ? null : this.secrets.store(PASSWORD_PURPOSE, request.password());
		Long s3 = "s3".equalsIgnoreCase(strip(request.storageType())) && request.accessKey() != null
				&& request.secretAccessKey() != null
						? this.secrets.store(S3_PURPOSE, request.accessKey().strip() + "\n" + request.secretAccessKey())
						: null;
		return new Ids(password, s3);
	}

	void delete(StoredSchedule schedule) {
		if (schedule.passwordSecretId() != null) {
			this.secrets.delete(schedule.passwordSecretId());
		}
		if (schedule.s3SecretId() != null) {
			this.secrets.delete(schedule.s3SecretId());
		}
	}

	/** The export a fire starts: the stored options with the stored secrets revealed. */
	ExportRequest request(StoredSchedule s) {
		String password = s.passwordSecretId() == null ? null : this.secrets.reveal(s.passwordSecretId());
		String[] keys = s3Keys(s);
		return new ExportRequest(Long.toString(s.clusterId()), s.userName(), password, s.fileType(), s.filter(), s.sql(),
				s.storageType(), s.zipName(), s.endpointUrl(), s.bucketUrl(), keys[0], keys[1], s.comment(),
				s.toolChain());
	}

	/**
	 * A changed request with its omitted secrets taken from the stored schedule: the password if the user stays the
	 * same, the S3 keys if the export still goes to S3.
	 */
	ExportRequest keepOmitted(ExportRequest changed, StoredSchedule stored) {
		String password = changed.password();
		if (password == null && stored.passwordSecretId() != null && changed.userName() != null
				&& changed.userName().equals(stored.userName())) {
			password = this.secrets.reveal(stored.passwordSecretId());
		}
		String accessKey = changed.accessKey();
		String secretKey = changed.secretAccessKey();
		if (accessKey == null && secretKey == null && stored.s3SecretId() != null) {
			String[] keys = s3Keys(stored);
			accessKey = keys[0];
			secretKey = keys[1];
		}
		return new ExportRequest(changed.clusterId(), changed.userName(), password, changed.fileType(), changed.filter(),
				changed.sql(), changed.storageType(), changed.zipName(), changed.endpointUrl(), changed.bucketUrl(),
				accessKey, secretKey, changed.comment(), changed.toolChain());
	}

	private String[] s3Keys(StoredSchedule s) {
		if (s.s3SecretId() == null) {
			return new String[] { null, null };
		}
		String keys = this.secrets.reveal(s.s3SecretId());
		int newline = keys.indexOf('\n');
		return new String[] { keys.substring(0, newline), keys.substring(newline + 1) };
	}

	private static @Nullable String strip(@Nullable String value) {
		return value == null ? null : value.strip();
	}

}
