package dev.ferry.web.security;

import java.io.IOException;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Re-reads the logged-in console user on every request (one row by its unique user name) and ends the session when
 * the user is gone or disabled, or when the user's credentials version differs from the one the session logged in
 * with: an admin's password reset, disable or role change raises the version in {@code FERRY_USER}, so every open
 * session of that user ends at its next request on whichever node serves it (the session store is per node, the
 * version is in the shared database). The next request lands on the login page.
 */
class SessionUserRefreshFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(SessionUserRefreshFilter.class);

	private final UserDetailsService users;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	private final SecurityContextLogoutHandler logout = new SecurityContextLogoutHandler();

	SessionUserRefreshFilter(UserDetailsService users) {
		this.users = users;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication current = this.contexts.getContext().getAuthentication();
		if (current instanceof UsernamePasswordAuthenticationToken && current.isAuthenticated()) {
			String stale = staleBecause(current, load(current.getName()));
			if (stale != null) {
				log.info("Ended a console session of '{}': {}", LogSafe.text(current.getName()), stale);
				this.logout.logout(request, response, current);
			}
		}
		chain.doFilter(request, response);
	}

	/** Why the session's user is no longer the stored one, or null while it still is. */
	static @Nullable String staleBecause(Authentication session, @Nullable UserDetails stored) {
		if (stored == null) {
			return "the user is gone";
		}
		if (!stored.isEnabled()) {
			return "the user is disabled";
		}
		if (FerryUser.versionOf(session.getPrincipal()) != FerryUser.versionOf(stored)
				|| !roles(session.getAuthorities()).equals(roles(stored.getAuthorities()))) {
			return "the user's password or role changed";
		}
		return null;
	}

	/** The roles only: a session's authorities also say how it logged in ({@code FACTOR_PASSWORD}). */
	private static Set<String> roles(Collection<? extends GrantedAuthority> authorities) {
		return authorities.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((name) -> name != null && name.startsWith("ROLE_"))
			.collect(Collectors.toSet());
	}

	private @Nullable UserDetails load(String username) {
		try {
			return this.users.loadUserByUsername(username);
		}
		catch (UsernameNotFoundException ex) {
			return null;
		}
	}

}
