package dev.ferry.web.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An API token: {@code fry_} and 43 base64url characters (256 random bits). Only its SHA-256 (hex) is stored: with
 * that much entropy a fast hash is safe, and it lets a token be looked up by its hash. The first
 * {@value #SHOWN_LENGTH} characters are kept to tell tokens apart in lists.
 */
final class TokenFormat {

	static final String PREFIX = "fry_";

	static final int RANDOM_BYTES = 32;

	static final int LENGTH = PREFIX.length() + 43;

	static final int SHOWN_LENGTH = PREFIX.length() + 6;

	private static final SecureRandom RANDOM = new SecureRandom();

	private TokenFormat() {
	}

	static String generate() {
		byte[] bytes = new byte[RANDOM_BYTES];
		RANDOM.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Whether this could be a token at all (checked before hashing, so junk never reaches the database). */
	static boolean wellFormed(String token) {
		if (token.length() != LENGTH || !token.startsWith(PREFIX)) {
			return false;
		}
		for (int i = PREFIX.length(); i < LENGTH; i++) {
			char c = token.charAt(i);
			boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_';
			if (!base64url) {
				return false;
			}
		}
		return true;
	}

	static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	static String shown(String token) {
		return token.substring(0, SHOWN_LENGTH);
	}

}
