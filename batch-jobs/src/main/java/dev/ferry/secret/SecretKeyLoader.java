package dev.ferry.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import dev.ferry.storage.FileModes;

/**
 * Loads the AES-256 key that protects secrets at rest: from {@code FERRY_SECRET_KEY} (base64 of 32 bytes) when set,
 * otherwise from {@code <home>/secret.key}, which is created with mode 0600 on first start.
 */
final class SecretKeyLoader {

	static final String KEY_FILE_NAME = "secret.key";

	static final String CONFIGURED_KEY = "FERRY_SECRET_KEY";

	private SecretKeyLoader() {
	}

	static SecretKey load(@Nullable String configuredKey, Path home) {
		if (configuredKey != null && !configuredKey.isBlank()) {
			return fromBase64(configuredKey.strip(), CONFIGURED_KEY);
		}
		Path keyFile = home.resolve(KEY_FILE_NAME);
		try {
			if (!Files.exists(keyFile)) {
				createKeyFile(keyFile);
			}
			return fromBase64(Files.readString(keyFile, StandardCharsets.US_ASCII).strip(), keyFile.toString());
		}
		catch (IOException ex) {
			throw new SecretKeyException(keyFile.toString(),
					"Cannot read or create the secret key file " + keyFile + ": " + ex, ex);
		}
	}

	/** Where {@link #load} takes the key from, for messages: never the key itself. */
	static String source(@Nullable String configuredKey, Path home) {
		return (configuredKey != null && !configuredKey.isBlank()) ? CONFIGURED_KEY
				: home.resolve(KEY_FILE_NAME).toString();
	}

	/** Writes a 0600 temp file, then links it into place: readers never see a half-written key. */
	private static void createKeyFile(Path keyFile) throws IOException {
		FileModes.createDirectories(keyFile.getParent());
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		Path temp = Files.createTempFile(keyFile.getParent(), ".secret", ".key",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		try {
			Files.writeString(temp, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
			Files.createLink(keyFile, temp);
		}
		catch (FileAlreadyExistsException ex) {
			// another node created it first: use theirs
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	private static SecretKey fromBase64(String encoded, String source) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(encoded);
		}
		catch (IllegalArgumentException ex) {
			throw new SecretKeyException(source, source + " is not base64; generate a key with: openssl rand -base64 32");
		}
		if (bytes.length != 32) {
			throw new SecretKeyException(source, source + " must hold 32 bytes (base64), found " + bytes.length
					+ "; generate a key with: openssl rand -base64 32");
		}
		return new SecretKeySpec(bytes, "AES");
	}

}
