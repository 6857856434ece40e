package dev.ferry.web.api;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.web.console.RequestProblems;

/**
 * Turns every failure of an API call into the envelope with its code and HTTP status: Ferry's codes for domain
 * errors, {@code PARAMETER_INVALID} for anything the request got wrong, 9999 for the unexpected (logged, never
 * shown with a stack trace).
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(FerryException.class)
	ResponseEntity<ApiResponse<Void>> ferry(FerryException ex) {
		ErrorCode code = ex.errorCode();
		if (code.httpStatus() >= 500) {
			log.error("API call failed: {}", ex.getMessage(), ex);
		}
		return ResponseEntity.status(code.httpStatus()).body(ApiResponse.error(code.code(), ex.publicMessage()));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ApiResponse<Void>> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return invalid(RequestProblems.describe(ex));
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ApiResponse<Void>> denied(AccessDeniedException ex) {
		ErrorCode code = ErrorCode.RBAC_PERMISSION_CHECK_FAILED;
		return ResponseEntity.status(code.httpStatus())
			.body(ApiResponse.error(code.code(), "access denied: " + ex.getMessage()));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ApiResponse<Void>> unexpected(Exception ex) {
		log.error("API call failed unexpectedly", ex);
		return ResponseEntity.status(500)
			.body(ApiResponse.error(ApiResponse.INTERNAL_ERROR, "internal error: " + ex.getClass().getSimpleName()));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			return new ResponseEntity<>(ApiResponse.error(ErrorCode.PARAMETER_INVALID.code(),
					field(mismatch) + " must be " + RequestProblems.expected(mismatch.getTargetType())), status);
		}
		String message = (cause == ex) ? "request body is missing or not valid JSON" // Spring's text names the method
				: "request body is not valid JSON for this call: " + firstLine(cause.getMessage());
		return new ResponseEntity<>(ApiResponse.error(ErrorCode.PARAMETER_INVALID.code(), message), status);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		int code = statusCode.is4xxClientError() ? ErrorCode.PARAMETER_INVALID.code() : ApiResponse.INTERNAL_ERROR;
		return new ResponseEntity<>(ApiResponse.error(code, firstLine(ex.getMessage())), headers, statusCode);
	}

	private static ResponseEntity<ApiResponse<Void>> invalid(String message) {
		return ResponseEntity.badRequest().body(ApiResponse.error(ErrorCode.PARAMETER_INVALID.code(), message));
	}

	/** The field a value was wrong for, as a JSON path: {@code port}, {@code export.clusterId}. */
	private static String field(MismatchedInputException mismatch) {
		StringBuilder field = new StringBuilder();
		for (var reference : mismatch.getPath()) {
			if (reference.getPropertyName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.toString();
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "bad request";
		}
		int newline = message.indexOf('\n');
		String line = newline < 0 ? message : message.substring(0, newline);
		return line.length() > 300 ? line.substring(0, 300) + "…" : line;
	}

}
