package dev.ferry.web.users;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.ferry.web.security.Role;

/** {@code FERRY_USER} for the users page; the hash is written here, never read. */
@Repository
class UserDirectory {

	private static final String COLUMNS = "ID, USERNAME, ROLE, ENABLED, CREATED_AT";

	private static final String NEXT_VERSION = "CREDENTIALS_VERSION = CREDENTIALS_VERSION + 1";

	private static final RowMapper<UserAccount> ROW = (rs, n) -> new UserAccount(rs.getLong("ID"),
			rs.getString("USERNAME"), Role.valueOf(rs.getString("ROLE")), rs.getBoolean("ENABLED"),
			rs.getObject("CREATED_AT", LocalDateTime.class));

	private final JdbcClient jdbc;

	UserDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<UserAccount> list() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM FERRY_USER ORDER BY USERNAME").query(ROW).list();
	}

	Optional<UserAccount> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM FERRY_USER WHERE ID = ?").param(id).query(ROW).optional();
	}

	/**
	 * The enabled admins, their rows locked until the transaction ends: two admins changing each other at the same
	 * moment are serialized here, so the last-admin check cannot be raced.
	 */
	List<String> lockEnabledAdmins() {
		return this.jdbc.sql("SELECT USERNAME FROM FERRY_USER WHERE ROLE = ? AND ENABLED = ? ORDER BY ID FOR UPDATE")
			.params(Role.ADMIN.name(), true)
			.query(String.class)
			.list();
	}

	void insert(String username, String passwordHash, Role role) {
		this.jdbc.sql("INSERT INTO FERRY_USER (USERNAME, PASSWORD_HASH, ROLE, ENABLED, CREATED_AT) VALUES (?, ?, ?, ?, ?)")
			.params(username, passwordHash, role.name(), true, LocalDateTime.now().truncatedTo(ChronoUnit.MICROS))
			.update();
	}

	// Each change raises CREDENTIALS_VERSION: the user's open console sessions end at their next request, on any node.

	void setEnabled(long id, boolean enabled) {
		this.jdbc.sql("UPDATE FERRY_USER SET ENABLED = ?, " + NEXT_VERSION + " WHERE ID = ?")
			.params(enabled, id)
			.update();
	}

	void setRole(long id, Role role) {
		this.jdbc.sql("UPDATE FERRY_USER SET ROLE = ?, " + NEXT_VERSION + " WHERE ID = ?")
			.params(role.name(), id)
			.update();
	}

	void setPasswordHash(long id, String passwordHash) {
		this.jdbc.sql("UPDATE FERRY_USER SET PASSWORD_HASH = ?, " + NEXT_VERSION + " WHERE ID = ?")
			.params(passwordHash, id)
			.update();
	}

}
