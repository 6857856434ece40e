package dev.ferry.web.api;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /error} is where the container renders errors, not a page: requested directly it is a 404 (rendered like
 * any other 404), never a 500 for an error that did not happen.
 */
@Configuration(proxyBeanMethods = false)
class DirectErrorRequests {

	@Bean
	FilterRegistrationBean<NotFound> directErrorRequestsAreNotFound() {
		FilterRegistrationBean<NotFound> registration = new FilterRegistrationBean<>(new NotFound());
		registration.addUrlPatterns("/error", "/error/*");
		registration.setDispatcherTypes(DispatcherType.REQUEST); // not the container's own ERROR dispatch
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	static final class NotFound extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws IOException {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
		}

	}

}
