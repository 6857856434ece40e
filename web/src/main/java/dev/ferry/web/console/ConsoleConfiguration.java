package dev.ferry.web.console;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxViewResolver;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Console wiring that auto-configuration does not give here. */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

	/**
	 * Resolves {@code redirect:htmx:…} views (an {@code HX-Redirect} header). htmx-spring-boot registers it only when
	 * some {@code View} bean exists, which is not the case once the app has its own {@code error.html}; without it
	 * Thymeleaf would answer {@code Location: htmx:/…}.
	 */
	@Bean
	HtmxViewResolver htmxViewResolver() {
		HtmxViewResolver resolver = new HtmxViewResolver();
		resolver.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return resolver;
	}

}
