package dev.ferry.web.console;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxViewResolver;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/** Console wiring that auto-configuration does not give here. */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration implements WebMvcConfigurer {

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

	/**
	 * Static files under their own paths only ({@code spring.web.resources.add-mappings=false} drops Boot's
	 * {@code /**} mapping). With {@code /**}, every {@code @{…}} link a page renders (say {@code /transfers/7/stop})
	 * was first looked up on the class path by the resource URL encoder, a miss that is never cached: about 2 ms per
	 * list row.
	 */
	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.resourceChain(true)
			.addResolver(new LiteWebJarsResourceResolver());
		registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/");
		registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/");
	}

}
