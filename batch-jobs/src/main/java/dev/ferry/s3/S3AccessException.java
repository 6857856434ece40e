package dev.ferry.s3;

import java.util.Objects;

/**
 * An S3 location cannot be used with the given keys; {@link #reason()} says why in a way a caller can act on, the
 * message says it for a person (it names the endpoint, bucket and access key id, never the secret).
 */
public class S3AccessException extends RuntimeException {

	/** Why access failed. */
	public enum Reason {

		/** No TCP/TLS connection to the endpoint: connection refused, unknown host, timeout, TLS failure. */
		ENDPOINT_UNREACHABLE,

		/** The endpoint does not know the access key, or the secret key does not match it. */
		WRONG_CREDENTIALS,

		/** Known keys, but not allowed to do what is needed (or a store that does not say which). */
		ACCESS_DENIED,

		/** The bucket does not exist at that endpoint. */
		NO_SUCH_BUCKET,

		/** Anything else (server errors, wrong region, unexpected answers). */
		FAILED

	}

	private final Reason reason;

	public S3AccessException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = Objects.requireNonNull(reason, "reason");
	}

	public Reason reason() {
		return this.reason;
	}

}
