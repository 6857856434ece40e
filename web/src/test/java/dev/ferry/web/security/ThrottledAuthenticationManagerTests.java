package dev.ferry.web.security;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import dev.ferry.audit.AuditLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The throttle sits in front of every check: a locked name is refused without its password being looked at. */
class ThrottledAuthenticationManagerTests {

	final AtomicInteger checked = new AtomicInteger();

	final AuthenticationManager passwords = (request) -> {
		this.checked.incrementAndGet();
		if (!"right".equals(request.getCredentials())) {
			throw new BadCredentialsException("wrong");
		}
		return UsernamePasswordAuthenticationToken.authenticated(request.getName(), null, Role.VIEWER.authorities());
	};

	final AuditLog audit = mock(AuditLog.class);

	final ThrottledAuthenticationManager manager = new ThrottledAuthenticationManager(
			new LoginThrottle(new LoginThrottleProperties(3, 100, Duration.ofMinutes(1), Duration.ofMinutes(5)),
					new LoginAttemptsDatabase().node(), Clock.systemUTC()),
			this.passwords, new FailedLogins(this.audit));

	@Test
	void afterTheLimitEvenTheRightPasswordIsRefusedUnchecked() {
		for (int i = 0; i < 3; i++) {
			assertThatThrownBy(() -> this.manager.authenticate(login("alice", "wrong")))
				.isInstanceOf(BadCredentialsException.class);
		}
		assertThatThrownBy(() -> this.manager.authenticate(login("alice", "right")))
			.isInstanceOf(LoginThrottledException.class);
		assertThat(this.checked).hasValue(3);
	}

	@Test
	void aFailedLoginIsAuditedWithNameAndAddressButNoPassword() {
		MockHttpServletRequest from = new MockHttpServletRequest();
		from.setRemoteAddr("203.0.113.7");
		UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated("carol",
				"guessed-Secret-1");
		attempt.setDetails(new WebAuthenticationDetails(from));

		assertThatThrownBy(() -> this.manager.authenticate(attempt)).isInstanceOf(BadCredentialsException.class);

		verify(this.audit).record("anonymous", "login.failure", "user 'carol'",
				"from 203.0.113.7: wrong user name or password");
		verify(this.audit, never()).record(anyString(), anyString(), anyString(), contains("guessed-Secret-1"));
	}

	@Test
	void aThrottledRefusalIsNotAudited() {
		for (int i = 0; i < 3; i++) {
			assertThatThrownBy(() -> this.manager.authenticate(login("dave", "wrong")));
		}
		assertThatThrownBy(() -> this.manager.authenticate(login("dave", "right")))
			.isInstanceOf(LoginThrottledException.class);
		verify(this.audit, times(3)).record(anyString(), eq("login.failure"), eq("user 'dave'"), anyString());
	}

	@Test
	void successResetsTheCount() {
		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(() -> this.manager.authenticate(login("bob", "wrong")));
		}
		assertThat(this.manager.authenticate(login("bob", "right")).isAuthenticated()).isTrue();
		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(() -> this.manager.authenticate(login("bob", "wrong")))
				.isInstanceOf(BadCredentialsException.class);
		}
		assertThat(this.manager.authenticate(login("bob", "right")).isAuthenticated()).isTrue();
	}

	private static Authentication login(String user, String password) {
		UsernamePasswordAuthenticationToken request = UsernamePasswordAuthenticationToken.unauthenticated(user,
				password);
		MockHttpServletRequest http = new MockHttpServletRequest();
		http.setRemoteAddr("192.0.2.7");
		request.setDetails(new WebAuthenticationDetails(http));
		return request;
	}

}
