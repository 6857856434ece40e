package dev.ferry.dump;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

/** A dump the inspector refuses: the message names the file and the start of the statement (no string values). */
public class DumpRefusedException extends FerryException {

	private final String detail;

	DumpRefusedException(String message) {
		super(ErrorCode.PARAMETER_INVALID, "dump refused: " + message);
		this.detail = message;
	}

	/** The message without its {@code dump refused: } start. */
	String detail() {
		return this.detail;
	}

}
