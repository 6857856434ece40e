package dev.ferry.dump;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The value of the string being read, kept when the handler asks for it ({@link SqlStatementReader.Handler#stringLimit})
 * and only up to that many bytes, unescaped as the server unescapes it (MariaDB's {@code Lex_input_stream::unescape}).
 */
final class StringValue {

	private byte[] bytes = new byte[256];

	private int length;

	private int limit;

	private boolean kept;

	/** Starts a string: its value is kept if {@code limit} is above 0. */
	void start(int limit) {
		this.length = 0;
		this.limit = limit;
		this.kept = limit > 0;
	}

	boolean keeping() {
		return this.kept;
	}

	/** One byte of the value as it is. */
	void add(int c) {
		if (this.kept && room(1)) {
			this.bytes[this.length++] = (byte) c;
		}
	}

	/** Bytes of the value as they are. */
	void add(byte[] from, int offset, int count) {
		if (this.kept && room(count)) {
			System.arraycopy(from, offset, this.bytes, this.length, count);
			this.length += count;
		}
	}

	/** The byte after a backslash. */
	void escaped(int c) {
		switch (c) {
			case 'n' -> add('\n');
			case 't' -> add('\t');
			case 'r' -> add('\r');
			case 'b' -> add('\b');
			case '0' -> add(0);
			case 'Z' -> add(0x1a);
			case '_', '%' -> { // kept for LIKE patterns
				add('\\');
				add(c);
			}
			default -> add(c);
		}
	}

	/** The token of the string that ended: its text the quote and the value if kept, else {@link SqlToken#STRING}. */
	SqlToken token(int quote) {
		return this.kept ? new SqlToken(SqlToken.Kind.STRING,
				(char) quote + new String(this.bytes, 0, this.length, StandardCharsets.ISO_8859_1)) : SqlToken.STRING;
	}

	/** Makes room for {@code count} more bytes; false (and the value no longer kept) past the limit. */
	private boolean room(int count) {
		if (this.length + count > this.limit) {
			this.kept = false;
			return false;
		}
		if (this.length + count > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.min(this.limit, Math.max(this.bytes.length * 2, this.length + count)));
		}
		return true;
	}

}
