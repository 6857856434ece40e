package dev.ferry.web.security;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxViewResolver;
import org.mockito.Mockito;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

import dev.ferry.audit.AuditLog;
import dev.ferry.web.console.ConsoleFormat;

/**
 * The real filter chains, throttle and authentication manager for {@code @WebMvcTest}s of console controllers in
 * other packages (the security classes are package-private). Tests provide a {@code UserDetailsService} and an
 * {@code ApiTokens} mock.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ SecurityConfiguration.class, FerryAuthenticationConfiguration.class, ConsoleFormat.class })
public class ConsoleSecurityTestConfiguration {

	/**
	 * {@code redirect:htmx:} views. The auto-configured resolver is conditional on a {@code View} bean, which this
	 * slice does not have.
	 */
	@Bean
	HtmxViewResolver testHtmxViewResolver() {
		HtmxViewResolver resolver = new HtmxViewResolver();
		resolver.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
		return resolver;
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
