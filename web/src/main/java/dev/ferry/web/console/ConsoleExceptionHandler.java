package dev.ferry.web.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;

import dev.ferry.error.FerryException;

/**
 * Errors of console controllers. An htmx request gets the message as a flash (retargeted to {@code #flash}, so the
 * page stays as it is); a page request gets the HTML error page with the message. Unexpected failures are logged
 * and shown without their details.
 */
@ControllerAdvice(annotations = ConsoleController.class)
class ConsoleExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ConsoleExceptionHandler.class);

	@ExceptionHandler(FerryException.class)
	String refused(FerryException ex, HttpServletRequest request, HttpServletResponse response, Model model) {
		if (ex.errorCode().httpStatus() >= 500) {
			log.error("Console request {} {} failed", request.getMethod(), request.getRequestURI(), ex);
		}
		return answer(HttpStatus.valueOf(ex.errorCode().httpStatus()), ex.publicMessage(), request, response, model);
	}

	/**
	 * A path or parameter of the wrong type ({@code /users/abc/disable}, {@code role=GOD}), a required parameter
	 * missing, or a body that cannot be read: the request is wrong, so a 400 naming the parameter.
	 */
	@ExceptionHandler({ TypeMismatchException.class, MissingServletRequestParameterException.class,
			HttpMessageNotReadableException.class })
	String wrongType(Exception ex, HttpServletRequest request, HttpServletResponse response, Model model) {
		return answer(HttpStatus.BAD_REQUEST, RequestProblems.describe(ex), request, response, model);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	String badInput(IllegalArgumentException ex, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		return answer(HttpStatus.BAD_REQUEST, ex.getMessage(), request, response, model);
	}

	private static String answer(HttpStatus status, String message, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		response.setStatus(status.value());
		model.addAttribute("message", message);
		if (request.getHeader("HX-Request") != null) {
			response.setHeader("HX-Retarget", "#flash");
			response.setHeader("HX-Reswap", "innerHTML");
			return "fragments/flash :: error";
		}
		model.addAttribute("status", status.value());
		model.addAttribute("error", status.getReasonPhrase());
		return "error";
	}

	@ExceptionHandler(RuntimeException.class)
	String unexpected(RuntimeException ex, HttpServletRequest request, HttpServletResponse response, Model model) {
		log.error("Console request {} {} failed", request.getMethod(), request.getRequestURI(), ex);
		return answer(HttpStatus.INTERNAL_SERVER_ERROR, "Ferry hit an internal error; it has been logged.", request,
				response, model);
	}

}
