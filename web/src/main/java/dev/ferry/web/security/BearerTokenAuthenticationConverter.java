package dev.ferry.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;

/** {@code Authorization: Bearer <token>} → a {@link BearerTokenAuthentication}; other requests are left alone. */
class BearerTokenAuthenticationConverter implements AuthenticationConverter {

	private static final String BEARER = "Bearer ";

	private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();

	@Override
	public @Nullable Authentication convert(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		String token = header.substring(BEARER.length()).strip();
		if (token.isEmpty()) {
			throw new BadCredentialsException("empty bearer token");
		}
		BearerTokenAuthentication authentication = new BearerTokenAuthentication(token);
		authentication.setDetails(this.details.buildDetails(request));
		return authentication;
	}

}
