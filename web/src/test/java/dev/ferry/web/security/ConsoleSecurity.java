package dev.ferry.web.security;

import org.mockito.Mockito;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import dev.ferry.audit.AuditLog;
import dev.ferry.web.tokens.ApiTokens;

/**
 * The real security rules (both filter chains, the throttled authentication manager) for console
 * {@code @WebMvcTest}s in other packages. The user table is a stand-in that agrees with the test's
 * {@code @WithMockUser}, so the per-request user refresh keeps that user as it is (the refresh itself is tested with
 * {@link ConsoleSecurityTestConfiguration}); no API tokens exist.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ SecurityConfiguration.class, FerryAuthenticationConfiguration.class })
public class ConsoleSecurity {

	@Bean
	UserDetailsService usersAsTheTestSaysTheyAre() {
		return (username) -> {
			Authentication current = SecurityContextHolder.getContext().getAuthentication();
			if (current == null || !current.getName().equals(username)) {
				throw new UsernameNotFoundException(username);
			}
			return User.withUsername(username).password("{noop}unused").authorities(current.getAuthorities()).build();
		};
	}

	@Bean
	ApiTokens noApiTokens() {
		return Mockito.mock(ApiTokens.class);
	}

	/** Failed logins would be audited; these slices have no audit table. */
	@Bean
	AuditLog noAuditTable() {
		return Mockito.mock(AuditLog.class);
	}

	/** No failed logins are recorded in these slices (the throttle is tested on a real schema in its own tests). */
	@Bean
	LoginAttempts noRecordedLoginFailures() {
		return Mockito.mock(LoginAttempts.class);
	}

}
