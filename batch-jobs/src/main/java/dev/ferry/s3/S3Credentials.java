package dev.ferry.s3;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An S3 access key pair (TiUniManager's {@code accessKey} / {@code secretAccessKey}). {@link #toString()} shows the
 * access key id (not a secret: it travels in every request's Authorization header) and masks the secret.
 *
 * @param accessKey the access key id
 * @param secretKey the secret access key
 */
public record S3Credentials(String accessKey, String secretKey) {

	public S3Credentials {
		Objects.requireNonNull(accessKey, "accessKey");
		Objects.requireNonNull(secretKey, "secretKey");
		if (accessKey.isBlank()) {
			throw new IllegalArgumentException("accessKey is empty");
		}
		if (secretKey.isBlank()) {
			throw new IllegalArgumentException("secretAccessKey is empty");
		}
		if (hasControlCharacter(accessKey)) {
			throw new IllegalArgumentException("accessKey contains a control character");
		}
		if (hasControlCharacter(secretKey)) {
			throw new IllegalArgumentException("secretAccessKey contains a control character");
		}
	}

	/**
	 * Credentials from request fields that may be missing.
	 * @throws IllegalArgumentException naming the empty field ({@code accessKey} or {@code secretAccessKey})
	 */
	public static S3Credentials of(@Nullable String accessKey, @Nullable String secretAccessKey) {
		if (accessKey == null || accessKey.isBlank()) {
			throw new IllegalArgumentException("accessKey is empty");
		}
		if (secretAccessKey == null || secretAccessKey.isBlank()) {
			throw new IllegalArgumentException("secretAccessKey is empty");
		}
		return new S3Credentials(accessKey, secretAccessKey);
	}

	/**
	 * The environment variables the AWS SDKs and the TiDB / mydumper tools read keys from
	 * ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}): the way to hand keys to a child process without
	 * putting them on its command line.
	 */
	public Map<String, String> toEnvironment() {
		return Map.of("AWS_ACCESS_KEY_ID", this.accessKey, "AWS_SECRET_ACCESS_KEY", this.secretKey);
	}

	@Override
	public String toString() {
		return "S3Credentials[accessKey=" + this.accessKey + ", secretKey=******]";
	}

	private static boolean hasControlCharacter(String text) {
		return text.chars().anyMatch((c) -> c < 0x20 || c == 0x7f);
	}

}
