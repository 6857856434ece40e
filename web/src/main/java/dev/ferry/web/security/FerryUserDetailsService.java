package dev.ferry.web.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Loads {@code FERRY_USER} rows (by the unique user name index); a user's role expands into the authorities of every
 * role it includes, and the row's credentials version comes along ({@link FerryUser}).
 */
@Service
class FerryUserDetailsService implements UserDetailsService {

	private static final String SELECT_USER = """
			SELECT USERNAME, PASSWORD_HASH, ROLE, ENABLED, CREDENTIALS_VERSION FROM FERRY_USER WHERE USERNAME = ?""";

	private final JdbcClient jdbc;

	FerryUserDetailsService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.jdbc.sql(SELECT_USER)
			.param(username)
			.query((rs, n) -> new FerryUser(rs.getString("USERNAME"), rs.getString("PASSWORD_HASH"),
					rs.getBoolean("ENABLED"), Role.valueOf(rs.getString("ROLE")).authorities(),
					rs.getInt("CREDENTIALS_VERSION")))
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("no such user"));
	}

}
