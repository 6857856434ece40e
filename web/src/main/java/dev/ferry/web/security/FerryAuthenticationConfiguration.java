package dev.ferry.web.security;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.ferry.audit.AuditLog;
import dev.ferry.web.tokens.ApiTokens;

/**
 * How users prove who they are: user name and password ({@code FERRY_USER}, form login and HTTP Basic) or an API
 * token (bearer), both behind one {@link LoginThrottle}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginThrottleProperties.class)
class FerryAuthenticationConfiguration {

	@Bean
	LoginThrottle loginThrottle(LoginThrottleProperties settings, LoginAttempts attempts) {
		return new LoginThrottle(settings, attempts, Clock.systemUTC());
	}

	@Bean
	ThrottledAuthenticationManager ferryAuthenticationManager(LoginThrottle throttle, UserDetailsService users,
			PasswordEncoder encoder, ApiTokens tokens, AuditLog audit) {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
		passwords.setPasswordEncoder(encoder);
		return new ThrottledAuthenticationManager(throttle,
				new ProviderManager(passwords, new BearerTokenAuthenticationProvider(tokens, users)),
				new FailedLogins(audit));
	}

}
