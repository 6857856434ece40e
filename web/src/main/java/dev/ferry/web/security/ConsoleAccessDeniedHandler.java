package dev.ferry.web.security;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.web.util.HtmlUtils;

/**
 * A forbidden console request: an htmx request gets a 403 whose body is swapped into the flash area (the page stays);
 * a page request gets the HTML 403 page.
 */
class ConsoleAccessDeniedHandler implements AccessDeniedHandler {

	private final AccessDeniedHandler pages = new AccessDeniedHandlerImpl();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, ServletException {
		if (request.getHeader("HX-Request") == null) {
			request.setAttribute(RequestDispatcher.ERROR_MESSAGE, "Your role does not allow this.");
			this.pages.handle(request, response, denied);
			return;
		}
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		response.setHeader("HX-Retarget", "#flash");
		response.setHeader("HX-Reswap", "innerHTML");
		response.setContentType("text/html;charset=UTF-8");
		response.getWriter()
			.write("<div class=\"flash error\" role=\"alert\">" + HtmlUtils.htmlEscape(
					"Forbidden: your role does not allow " + request.getMethod() + " " + request.getRequestURI())
					+ "</div>");
	}

}
