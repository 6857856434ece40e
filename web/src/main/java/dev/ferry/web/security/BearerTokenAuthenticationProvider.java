package dev.ferry.web.security;

import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import dev.ferry.web.tokens.ApiTokens;

/**
 * Checks an API token: known, not revoked, not expired; then loads its user as it is now, so a disabled user's
 * tokens stop working and a changed role applies at once. Unknown, revoked and expired tokens all fail alike.
 */
class BearerTokenAuthenticationProvider implements AuthenticationProvider {

	private final ApiTokens tokens;

	private final UserDetailsService users;

	private final AccountStatusUserDetailsChecker accountChecks = new AccountStatusUserDetailsChecker();

	BearerTokenAuthenticationProvider(ApiTokens tokens, UserDetailsService users) {
		this.tokens = tokens;
		this.users = users;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Object credentials = authentication.getCredentials();
		String username = (credentials instanceof String token) ? this.tokens.ownerOf(token).orElse(null) : null;
		if (username == null) {
			throw new BadCredentialsException("invalid API token");
		}
		UserDetails user;
		try {
			user = this.users.loadUserByUsername(username);
		}
		catch (UsernameNotFoundException ex) {
			throw new BadCredentialsException("invalid API token");
		}
		this.accountChecks.check(user); // disabled → DisabledException
		UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(user, null,
				user.getAuthorities());
		result.setDetails(authentication.getDetails());
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return BearerTokenAuthentication.class.isAssignableFrom(authentication);
	}

}
