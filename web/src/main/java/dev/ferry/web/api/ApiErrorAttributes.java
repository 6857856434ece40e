package dev.ferry.web.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;

import dev.ferry.error.ErrorCode;

/**
 * The body of API errors that no controller advice sees – a path or a method that no API call has (404, 405) –
 * in TiUniManager's envelope, like every other API answer. Console paths keep Spring Boot's error attributes.
 */
@Component
class ApiErrorAttributes extends DefaultErrorAttributes {

	/** {@code RequestDispatcher.ERROR_METHOD} of Servlet 6.1. */
	static final String ERROR_METHOD = "jakarta.servlet.error.method";

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, options);
		if (!(attributes.get("path") instanceof String path) || !path.startsWith("/api/")) {
			return attributes;
		}
		int status = (attributes.get("status") instanceof Integer value) ? value : 500;
		String method = method(request);
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("code", code(status));
		envelope.put("message", message(status, method, path));
		return envelope;
	}

	private static int code(int status) {
		if (status == ErrorCode.RBAC_PERMISSION_CHECK_FAILED.httpStatus()) {
			return ErrorCode.RBAC_PERMISSION_CHECK_FAILED.code();
		}
		return (status < 500) ? ErrorCode.PARAMETER_INVALID.code() : ApiResponse.INTERNAL_ERROR;
	}

	/** The method of the failed call: error pages are dispatched as GET, the original is an attribute (Servlet 6.1). */
	private static String method(WebRequest request) {
		if (request.getAttribute(ERROR_METHOD, WebRequest.SCOPE_REQUEST) instanceof String original) {
			return original;
		}
		return (request instanceof ServletWebRequest servlet) ? servlet.getRequest().getMethod() : "";
	}

	private static String message(int status, String method, String path) {
		return switch (status) {
			case 404 -> "no API call " + method + " " + path + " (see /swagger-ui.html)";
			case 403 -> "access denied: your role does not allow " + method + " " + path;
			case 405 -> method + " is not allowed on " + path + " (the Allow header lists what is)";
			default -> {
				HttpStatus known = HttpStatus.resolve(status);
				yield "HTTP " + status + ((known != null) ? " " + known.getReasonPhrase() : "") + " for " + method + " "
						+ path;
			}
		};
	}

}
