package dev.ferry.web.console;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxViewResolver;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Resolves {@code redirect:htmx:/path} (answered with {@code HX-Redirect}). htmx-spring-boot registers its resolver
 * only when some {@code View} bean exists, and Ferry has none (its error page is a template), so without this
 * the view name fell through to a plain 302 to {@code htmx:/path}.
 */
@Configuration(proxyBeanMethods = false)
class HtmxViewConfiguration {

	@Bean
	HtmxViewResolver consoleHtmxViewResolver() {
		HtmxViewResolver resolver = new HtmxViewResolver();
		resolver.setOrder(Ordered.LOWEST_PRECEDENCE - 10); // before Thymeleaf's, as the auto-configured one
		return resolver;
	}

}
