package dev.ferry.web.security;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The authentication manager of both filter chains (form login, HTTP Basic, bearer tokens): asks the
 * {@link LoginThrottle} first, counts wrong credentials and refused accounts as failures (logged and audited by
 * {@link FailedLogins}), resets on success.
 */
class ThrottledAuthenticationManager implements AuthenticationManager {

	private final LoginThrottle throttle;

	private final AuthenticationManager delegate;

	private final FailedLogins failures;

	ThrottledAuthenticationManager(LoginThrottle throttle, AuthenticationManager delegate, FailedLogins failures) {
		this.throttle = throttle;
		this.delegate = delegate;
		this.failures = failures;
	}

	@Override
	public Authentication authenticate(Authentication request) {
		// a bearer token names no user before it is looked up: only its address counts
		String username = (request instanceof BearerTokenAuthentication) ? null : request.getName();
		String address = address(request.getDetails());
		boolean failuresOnRecord;
		try {
			failuresOnRecord = this.throttle.check(username, address);
		}
		catch (LoginThrottledException ex) {
			this.failures.throttled(username, address);
			throw ex;
		}
		try {
			Authentication result = this.delegate.authenticate(request);
			if (failuresOnRecord) { // no write on the hot path of every Basic request
				this.throttle.succeeded(username);
			}
			return result;
		}
		catch (BadCredentialsException | AccountStatusException ex) {
			this.throttle.failed(username, address);
			this.failures.failed(username, address, ex);
			throw ex;
		}
	}

	private static @Nullable String address(@Nullable Object details) {
		return (details instanceof WebAuthenticationDetails web) ? web.getRemoteAddress() : null;
	}

}
