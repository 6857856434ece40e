package dev.ferry.s3;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Unwrapping and describing the SDK's failures. */
public final class S3Failures {

	/** What S3 error codes look like ({@code NoSuchBucket}, {@code SlowDown}); anything else is not repeated. */
	private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9.]{0,63}");

	private S3Failures() {
	}

	/** The failure without the {@link CompletionException} / {@link ExecutionException} wrappers of futures. */
	public static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/**
	 * A one-line description for messages users see: the HTTP status and S3 error code (if it looks like one), never
	 * the endpoint's error text; or the innermost local exception's message.
	 */
	public static String describe(Throwable failure) {
		Throwable current = unwrap(failure);
		if (current instanceof AwsServiceException service) {
			String code = (service.awsErrorDetails() != null) ? service.awsErrorDetails().errorCode() : null;
			return "HTTP " + service.statusCode()
					+ ((code != null && ERROR_CODE.matcher(code).matches()) ? " " + code : "");
		}
		return local(current);
	}

	/** {@link #describe} with the endpoint's error message, for the server log only. */
	public static String describeForLog(Throwable failure) {
		Throwable current = unwrap(failure);
		if (current instanceof AwsServiceException service && service.awsErrorDetails() != null
				&& service.awsErrorDetails().errorMessage() != null) {
			return describe(current) + ": " + service.awsErrorDetails().errorMessage();
		}
		return describe(current);
	}

	private static String local(Throwable current) {
		Throwable root = current;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String text = current.getMessage();
		if (root != current && root.getMessage() != null
				&& (text == null || !text.contains(root.getMessage()))) {
			text = ((text != null) ? text + ": " : "") + root.getClass().getSimpleName() + ": " + root.getMessage();
		}
		return (text != null) ? text : current.getClass().getSimpleName();
	}

}
