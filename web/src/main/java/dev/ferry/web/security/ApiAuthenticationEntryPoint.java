package dev.ferry.web.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 for the API, in its envelope: missing, wrong, revoked or expired credentials all read the same; a throttled
 * login says so and adds {@code Retry-After}.
 */
class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

	static final int CODE = 401;

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		String message = "authentication required: HTTP Basic or Authorization: Bearer <API token>";
		if (ex instanceof LockedException) {
			message = LoginThrottledException.MESSAGE;
		}
		if (ex instanceof LoginThrottledException throttled) {
			response.setHeader(HttpHeaders.RETRY_AFTER,
					Long.toString(Math.max(1, throttled.retryAfter().toSeconds() + 1)));
		}
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Ferry\"");
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Ferry\"");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		// both messages are constants: nothing from the request is echoed
		response.getWriter().write("{\"code\":" + CODE + ",\"message\":\"" + message + "\"}");
	}

}
