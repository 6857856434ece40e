package dev.ferry.web.security;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A {@code FERRY_USER} row as Spring Security sees it, with its credentials version: the principal of a console
 * session keeps the version it logged in with, so the session can tell when the password, the role or the enabled
 * flag changed since ({@link SessionUserRefreshFilter}).
 */
final class FerryUser extends User {

	private static final long serialVersionUID = 1L;

	private final int credentialsVersion;

	FerryUser(String username, String password, boolean enabled,
			Collection<? extends GrantedAuthority> authorities, int credentialsVersion) {
		super(username, password, enabled, true, true, true, authorities);
		this.credentialsVersion = credentialsVersion;
	}

	int credentialsVersion() {
		return this.credentialsVersion;
	}

	/** The version a principal carries; -1 for a principal that is not a {@code FerryUser} (e.g. test stand-ins). */
	static int versionOf(Object principal) {
		return (principal instanceof FerryUser user) ? user.credentialsVersion : -1;
	}

	// equals and hashCode stay User's (by user name): a principal is the same user whatever its version

}
