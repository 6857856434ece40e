package dev.ferry.secret;

/**
 * The key that protects stored secrets is unusable: malformed, unreadable, or not the key the stored secrets were
 * encrypted with. Ferry does not start with such a key (see the startup failure analysis).
 */
public class SecretKeyException extends IllegalStateException {

	private final String source;

	SecretKeyException(String source, String message) {
		super(message);
		this.source = source;
	}

	SecretKeyException(String source, String message, Throwable cause) {
		super(message, cause);
		this.source = source;
	}

	/** Where the key came from: {@code FERRY_SECRET_KEY} or the key file's path. */
	public String source() {
		return this.source;
	}

}
