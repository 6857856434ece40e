package dev.ferry.web.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads {@code FERRY_USER} rows; a user's role expands into the authorities of every role it includes. */
@Service
class FerryUserDetailsService implements UserDetailsService {

	private final JdbcClient jdbc;

	FerryUserDetailsService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.jdbc.sql("SELECT USERNAME, PASSWORD_HASH, ROLE, ENABLED FROM FERRY_USER WHERE USERNAME = ?")
			.param(username)
			.query((rs, n) -> User.withUsername(rs.getString("USERNAME"))
				.password(rs.getString("PASSWORD_HASH"))
				.authorities(Role.valueOf(rs.getString("ROLE")).authorities())
				.disabled(!rs.getBoolean("ENABLED"))
				.build())
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("no such user"));
	}

}
