package dev.ferry.web.security;

import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Ferry's roles, each including the ones below it: ADMIN manages users, settings and clusters (and may do all an
 * operator does); OPERATOR starts, stops, restarts and deletes transfers and runs schedules; VIEWER reads.
 */
public enum Role {

	ADMIN, OPERATOR, VIEWER;

	/** The authorities a user of this role holds: its own {@code ROLE_} and those of every role below it. */
	public List<GrantedAuthority> authorities() {
		return switch (this) {
			case ADMIN -> List.of(authority(ADMIN), authority(OPERATOR), authority(VIEWER));
			case OPERATOR -> List.of(authority(OPERATOR), authority(VIEWER));
			case VIEWER -> List.of(authority(VIEWER));
		};
	}

	private static GrantedAuthority authority(Role role) {
		return new SimpleGrantedAuthority("ROLE_" + role.name());
	}

}
