package dev.ferry.web.users;

import java.time.LocalDateTime;

import dev.ferry.web.security.Role;

/** A {@code FERRY_USER} row as the users page shows it (never the password hash). */
record UserAccount(long id, String username, Role role, boolean enabled, LocalDateTime createdAt) {

	boolean enabledAdmin() {
		return this.enabled && this.role == Role.ADMIN;
	}

}
