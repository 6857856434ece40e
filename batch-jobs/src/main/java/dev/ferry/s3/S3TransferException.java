package dev.ferry.s3;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** Uploading, downloading or deleting one object failed; {@link #key()} names it, the cause says why. */
public class S3TransferException extends RuntimeException {

	private final String key;

	public S3TransferException(String key, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.key = Objects.requireNonNull(key, "key");
	}

	/** The object key that failed (for a failed listing: the prefix). */
	public String key() {
		return this.key;
	}

}
