package dev.ferry.error;

import java.sql.SQLException;

import org.springframework.dao.DataAccessException;

/** A failure the user can act on: carries an {@link ErrorCode} and a message that says what was wrong. */
public class FerryException extends RuntimeException {

	private final ErrorCode errorCode;

	public FerryException(ErrorCode errorCode, String message) {
		super(message);
		this.errorCode = errorCode;
	}

	public FerryException(ErrorCode errorCode, String message, Throwable cause) {
		super(message, cause);
		this.errorCode = errorCode;
	}

	public ErrorCode errorCode() {
		return this.errorCode;
	}

	/**
	 * The message to show a client: {@link #getMessage()}, except for a server-side failure caused by a database
	 * error, whose message may quote SQL or the schema; then only the code's description (the whole exception goes
	 * to the server log).
	 */
	public String publicMessage() {
		if (this.errorCode.httpStatus() >= 500) {
			for (Throwable cause = getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
				if (cause instanceof SQLException || cause instanceof DataAccessException) {
					return this.errorCode.description() + " (the cause is in the server log)";
				}
			}
		}
		return String.valueOf(getMessage());
	}

	public static FerryException invalid(String message) {
		return new FerryException(ErrorCode.PARAMETER_INVALID, message);
	}

}
