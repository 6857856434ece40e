package dev.ferry.s3;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Unwrapping and describing the SDK's failures. */
final class S3Failures {

	private S3Failures() {
	}

	/** The failure without the {@link CompletionException} / {@link ExecutionException} wrappers of futures. */
	static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/**
	 * A one-line description: the HTTP status and S3 error code, or the innermost exception's message. A server's
	 * own {@code <Message>} text is never part of it: it is the remote side's words, shown to whoever reads the record.
	 */
	static String describe(Throwable failure) {
		Throwable current = unwrap(failure);
		if (current instanceof AwsServiceException service) {
			String code = (service.awsErrorDetails() != null) ? service.awsErrorDetails().errorCode() : null;
			return "HTTP " + service.statusCode() + ((code != null) ? " " + code : "");
		}
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
