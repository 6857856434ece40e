package dev.ferry.dump;

import java.io.IOException;

/** A dump file the statement reader cannot split safely: an unterminated string or comment, or an ambiguous end. */
public class SqlSyntaxException extends IOException {

	private final long line;

	SqlSyntaxException(String message, long line) {
		super(message + " (line " + line + ")");
		this.line = line;
	}

	public long line() {
		return this.line;
	}

}
