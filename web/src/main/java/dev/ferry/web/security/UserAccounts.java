package dev.ferry.web.security;

import java.time.LocalDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;

/** {@code FERRY_USER} rows; passwords are stored as delegating-encoder hashes ({@code {bcrypt}…}). */
@Repository
class UserAccounts {

	private final JdbcClient jdbc;

	private final PasswordEncoder encoder;

	UserAccounts(JdbcClient jdbc, PasswordEncoder encoder) {
		this.jdbc = jdbc;
		this.encoder = encoder;
	}

	long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM FERRY_USER").query(Long.class).single();
	}

	void create(String username, String rawPassword, Role role) {
		this.jdbc.sql("INSERT INTO FERRY_USER (USERNAME, PASSWORD_HASH, ROLE, ENABLED, CREATED_AT) VALUES (?, ?, ?, ?, ?)")
			.params(username, this.encoder.encode(rawPassword), role.name(), true, LocalDateTime.now())
			.update();
	}

}
