package dev.ferry.web.security;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An API token as it arrived ({@code Authorization: Bearer …}), not yet checked. */
final class BearerTokenAuthentication extends AbstractAuthenticationToken {

	private @Nullable String token;

	BearerTokenAuthentication(String token) {
		super(List.of());
		this.token = token;
		setAuthenticated(false);
	}

	@Override
	public @Nullable Object getCredentials() {
		return this.token;
	}

	@Override
	public Object getPrincipal() {
		return "";
	}

	@Override
	public void eraseCredentials() {
		super.eraseCredentials();
		this.token = null;
	}

}
