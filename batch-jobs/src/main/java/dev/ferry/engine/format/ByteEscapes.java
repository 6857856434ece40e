package dev.ferry.engine.format;

/**
 * Backslash escaping of raw bytes inside a quoted value, shared by SQL string literals and CSV fields. The bytes that
 * could end the value or the line, or that a reader would take as an escape, are escaped: NUL as {@code \0}, line
 * feed as {@code \n}, carriage return as {@code \r}, Ctrl-Z as {@code \Z}, the backslash and the quote with a
 * backslash. Each row therefore stays on one line, as in mydumper's files. Every other byte is written as it is; the
 * value's bytes are never decoded.
 */
final class ByteEscapes {

	/** For {@code '…'} SQL string literals (the server reads {@code \'}, {@code \0}, {@code \Z}...). */
	static final ByteEscapes SQL = new ByteEscapes((byte) '\'');

	/** For {@code "…"} CSV fields ({@code LOAD DATA … ESCAPED BY '\\'} and Lightning's backslash escapes). */
	static final ByteEscapes CSV = new ByteEscapes((byte) '"');

	private final byte quote;

	/** The letter after the backslash for a byte to escape, else 0. */
	private final byte[] letters = new byte[256];

	private ByteEscapes(byte quote) {
		this.quote = quote;
		this.letters[0] = '0';
		this.letters['\n'] = 'n';
		this.letters['\r'] = 'r';
		this.letters[0x1a] = 'Z';
		this.letters['\\'] = '\\';
		this.letters[quote] = quote;
	}

	/** Writes {@code value} between quotes, escaped: runs of bytes that need no escape are copied whole. */
	void quoted(byte[] value, ByteOutput out) {
		out.ensure(value.length * 2 + 2);
		byte[] into = out.array();
		int at = out.size();
		into[at++] = this.quote;
		byte[] letters = this.letters;
		int start = 0;
		for (int i = 0; i < value.length; i++) {
			byte letter = letters[value[i] & 0xff];
			if (letter != 0) {
				int run = i - start;
				System.arraycopy(value, start, into, at, run);
				at += run;
				into[at++] = '\\';
				into[at++] = letter;
				start = i + 1;
			}
		}
		int run = value.length - start;
		System.arraycopy(value, start, into, at, run);
		at += run;
		into[at++] = this.quote;
		out.advance(at - out.size());
	}

}
