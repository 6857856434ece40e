package dev.ferry.s3;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An S3 location cannot be used with the given keys; {@link #reason()} says why in a way a caller can act on, the
 * message says it for a person (it names the endpoint, bucket and access key id, never the secret, and never repeats
 * what the endpoint answered: that goes to the server log only).
 */
public class S3AccessException extends RuntimeException {

	/** Why access failed. */
	public enum Reason {

		/** The endpoint's address may not be used ({@link S3EndpointPolicy}); nothing was sent to it. */
		ENDPOINT_NOT_ALLOWED,

		/** No answer from the endpoint: unknown host, connection refused or reset, timeout. */
		ENDPOINT_UNREACHABLE,

		/** The TLS handshake failed (plain HTTP endpoint, untrusted certificate, wrong host name). */
		TLS_FAILED,

		/** The endpoint answered, but not as an S3 API does (a redirect, a web page, an unparsable answer). */
		NOT_S3,

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

	public S3AccessException(Reason reason, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.reason = Objects.requireNonNull(reason, "reason");
	}

	public Reason reason() {
		return this.reason;
	}

}
