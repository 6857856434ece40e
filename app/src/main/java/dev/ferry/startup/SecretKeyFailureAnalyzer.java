package dev.ferry.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.ferry.secret.SecretKeyException;

/** The secret key is malformed, unreadable, or not the key that sealed the stored secrets. */
class SecretKeyFailureAnalyzer extends AbstractFailureAnalyzer<SecretKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SecretKeyException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Ferry seals stored passwords and S3 keys with one AES-256 key. Start it with the key it was first"
						+ " started with: the same FERRY_SECRET_KEY on every node that shares the database, or the"
						+ " original secret.key file in FERRY_HOME. Only a new, empty database takes a new key"
						+ " (openssl rand -base64 32).",
				rootFailure);
	}

}
