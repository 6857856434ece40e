package dev.ferry.web.users;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * What a password set on the users page must be: at least {@value #MIN_LENGTH} characters, at most
 * {@value #MAX_BYTES} bytes in UTF-8 (bcrypt ignores anything beyond, Spring's encoder refuses it).
 */
final class PasswordPolicy {

	static final int MIN_LENGTH = 12;

	static final int MAX_BYTES = 72;

	private PasswordPolicy() {
	}

	/** The message key of what is wrong with the password, or null when it is acceptable. */
	static @Nullable String problem(@Nullable String password) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
			return "users.password.tooShort";
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return "users.password.tooLong";
		}
		return null;
	}

}
