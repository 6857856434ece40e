package dev.ferry.web.api;

import java.util.List;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API answers JSON whatever the {@code Accept} header asks (a download answers its zip): {@code Accept:
 * application/xml} gets the same JSON answer, or JSON error envelope, as {@code application/json} — never an empty
 * 406, and never a 406 after the call already did its work. Console pages keep the usual negotiation.
 */
@Configuration(proxyBeanMethods = false)
class ApiContentNegotiation implements WebMvcConfigurer {

	@Override
	public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
		configurer.strategies(List.of(new JsonForTheApi(), new HeaderContentNegotiationStrategy()));
	}

	/** JSON first for {@code /api/**} (also when their error is rendered by {@code /error}); no opinion elsewhere. */
	static final class JsonForTheApi implements ContentNegotiationStrategy {

		private static final List<MediaType> JSON_FIRST = List.of(MediaType.APPLICATION_JSON, MediaType.ALL);

		@Override
		public List<MediaType> resolveMediaTypes(NativeWebRequest webRequest) {
			HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
			return (request != null && path(request).startsWith("/api/")) ? JSON_FIRST : MEDIA_TYPE_ALL_LIST;
		}

		private static String path(HttpServletRequest request) {
			if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String failed) {
				return failed.substring(Math.min(failed.length(), request.getContextPath().length()));
			}
			return request.getRequestURI().substring(request.getContextPath().length());
		}

	}

}
