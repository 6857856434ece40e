package dev.ferry.web.security;

import java.io.IOException;
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
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Re-reads the logged-in console user on every request (one indexed row): a user disabled (or removed) since they
 * logged in is logged out at their next request, on every node, and a changed role applies at once instead of at
 * the next login.
 */
class SessionUserRefreshFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(SessionUserRefreshFilter.class);

	private final UserDetailsService users;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

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
			UserDetails now = load(current.getName());
			if (now == null || !now.isEnabled()) {
				log.info("Logged out '{}': the user is disabled or gone", current.getName());
				this.logout.logout(request, response, current);
			}
			else if (!names(current.getAuthorities()).equals(names(now.getAuthorities()))) {
				UsernamePasswordAuthenticationToken refreshed = UsernamePasswordAuthenticationToken
					.authenticated(current.getPrincipal(), null, now.getAuthorities());
				refreshed.setDetails(current.getDetails());
				SecurityContext context = this.contexts.createEmptyContext();
				context.setAuthentication(refreshed);
				this.contexts.setContext(context);
				this.sessions.saveContext(context, request, response);
			}
		}
		chain.doFilter(request, response);
	}

	private @Nullable UserDetails load(String username) {
		try {
			return this.users.loadUserByUsername(username);
		}
		catch (UsernameNotFoundException ex) {
			return null;
		}
	}

	private static Set<String> names(java.util.Collection<? extends GrantedAuthority> authorities) {
		return authorities.stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
	}

}
