package dev.ferry.web.console;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.TypeMismatchException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What a request got wrong, in words a user can act on, without Java types or stack traces: {@code id 'abc' is not
 * a whole number}, {@code role 'GOD' is not one of ADMIN, OPERATOR, VIEWER}. Shared by the console and the API.
 */
public final class RequestProblems {

	private static final int MAX_VALUE = 80;

	private RequestProblems() {
	}

	public static String describe(Exception ex) {
		if (ex instanceof TypeMismatchException mismatch) {
			String name = (mismatch instanceof MethodArgumentTypeMismatchException argument) ? argument.getName()
					: (mismatch.getPropertyName() != null) ? mismatch.getPropertyName() : "value";
			return name + " '" + shorten(mismatch.getValue()) + "' is not " + expected(mismatch.getRequiredType());
		}
		if (ex instanceof MissingServletRequestParameterException missing) {
			return missing.getParameterName() + " is required";
		}
		return "the request body cannot be read";
	}

	/** What a value of the type looks like: "a whole number", "one of A, B", "true or false". */
	public static String expected(@Nullable Class<?> type) {
		if (type == null) {
			return "valid";
		}
		if (type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name())
				.collect(Collectors.joining(", "));
		}
		if (type == long.class || type == Long.class || type == int.class || type == Integer.class
				|| type == short.class || type == Short.class) {
			return "a whole number" + ((type == int.class || type == Integer.class) ? " up to " + Integer.MAX_VALUE
					: (type == long.class || type == Long.class) ? " up to " + Long.MAX_VALUE : "");
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		return "a valid " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
	}

	private static String shorten(@Nullable Object value) {
		String text = String.valueOf(value);
		return (text.length() > MAX_VALUE) ? text.substring(0, MAX_VALUE) + "…" : text;
	}

}
