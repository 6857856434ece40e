package dev.ferry.error;

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

	public static FerryException invalid(String message) {
		return new FerryException(ErrorCode.PARAMETER_INVALID, message);
	}

}
