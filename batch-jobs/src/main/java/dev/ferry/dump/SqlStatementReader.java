package dev.ferry.dump;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * A streaming splitter and lexer for MySQL dump files. It reads bytes (a dump's charset does not matter: every byte
 * that can end a string or a statement is ASCII) and hands each statement's tokens to a {@link Handler}, then its
 * end. It never holds a file or a statement: only the current word (at most {@link #MAX_NAME} characters) and a
 * 64 KiB buffer. String contents are skipped while their quotes are tracked.
 * <p>
 * It knows {@code '…'} and {@code "…"} strings with backslash escapes and doubled quotes, {@code `…`} identifiers,
 * {@code -- }, {@code #} and {@code /* *}{@code /} comments, and executable comments ({@code /*!40101 … *}{@code /},
 * MariaDB's {@code /*M!…}) whose content is read as SQL. A {@code ;} inside a {@code BEGIN … END} body of a
 * routine, trigger or event does not end the statement (see {@link CompoundBody}).
 * <p>
 * Because myloader 0.10 cuts statements at every line that ends with {@code ;} whatever the quoting, a line ending
 * with {@code ;} inside a string, identifier, comment or body is refused: the server would see other statements than
 * this reader. So are unterminated strings, identifiers and comments at the end of the file.
 */
public final class SqlStatementReader {

	/** The longest word or identifier kept; longer ones are cut (names are at most 64 characters). */
	public static final int MAX_NAME = 256;

	/** Receives the tokens of each statement, then its end. */
	public interface Handler {

		void token(SqlToken token) throws IOException;

		/** The statement whose tokens came since the last end ends; {@code line} is where it started. */
		void end(long line) throws IOException;

	}

	private static final int BUFFER = 64 * 1024;

	private final InputStream in;

	private final byte[] buffer = new byte[BUFFER];

	private int pos;

	private int limit;

	private boolean eof;

	private long bytesRead;

	private long line = 1;

	private final StringBuilder word = new StringBuilder();

	private boolean executable;

	private int tokens;

	private long statementLine;

	private CompoundBody body = CompoundBody.NONE;

	private boolean decided;

	private final SqlToken[] header = new SqlToken[CompoundBody.HEADER];

	public SqlStatementReader(InputStream in) {
		this.in = in;
	}

	/** The bytes read from the stream so far. */
	public long bytesRead() {
		return this.bytesRead;
	}

	/** Reads the whole stream. */
	public void read(Handler handler) throws IOException {
		int c;
		while ((c = next()) >= 0) {
			if (isWordByte(c)) {
				word(handler, c);
				continue;
			}
			switch (c) {
				case '\'', '"' -> {
					String text = skipString(c, keepsStrings());
					emit(handler, (text != null) ? new SqlToken(SqlToken.Kind.STRING, text) : SqlToken.STRING);
				}
				case '`' -> emit(handler, new SqlToken(SqlToken.Kind.IDENTIFIER, identifier()));
				case '#' -> skipLineComment();
				case '-' -> {
					if (peek(0) == '-' && (peek(1) <= ' ' || peek(1) == 0x7f)) {
						skipLineComment();
					}
					else {
						emit(handler, SqlToken.symbol(c));
					}
				}
				case '/' -> {
					if (peek(0) == '*') {
						next();
						openComment();
					}
					else {
						emit(handler, SqlToken.symbol(c));
					}
				}
				case '*' -> {
					if (this.executable && peek(0) == '/') {
						next();
						this.executable = false;
					}
					else {
						emit(handler, SqlToken.symbol(c));
					}
				}
				case ';' -> semicolon(handler);
				default -> {
					if (c > ' ' && c != 0x7f) {
						emit(handler, SqlToken.symbol(c));
					}
				}
			}
		}
		if (this.executable) {
			throw new SqlSyntaxException("unterminated /*! comment at the end of the file", this.line);
		}
		if (this.tokens > 0) {
			handler.end(this.statementLine);
		}
	}

	private void semicolon(SqlStatementReader.Handler handler) throws IOException {
		if (!this.body.splitAllowed()) {
			if (peek(0) == '\n') {
				throw new SqlSyntaxException("a line ends with ';' inside the body of a routine, trigger or event"
						+ " (myloader would cut the statement there)", this.line);
			}
			emit(handler, SqlToken.symbol(';'));
			return;
		}
		if (this.tokens > 0) {
			handler.end(this.statementLine);
		}
		this.tokens = 0;
		this.body = CompoundBody.NONE;
		this.decided = false;
	}

	private void emit(Handler handler, SqlToken token) throws IOException {
		if (this.tokens == 0) {
			this.statementLine = this.line;
		}
		if (this.tokens < CompoundBody.HEADER) {
			this.header[this.tokens] = token;
			if (!this.decided) {
				CompoundBody detected = CompoundBody.detect(this.header, this.tokens + 1);
				this.decided = detected != null;
				this.body = (detected != null) ? detected : CompoundBody.NONE;
			}
		}
		this.tokens++;
		this.body.accept(token);
		handler.token(token);
	}

	/**
	 * A word from its first byte on. Past a statement's first {@link CompoundBody#HEADER} tokens a number is not
	 * kept as text (the checks only need to know it is a number): a data file's values cost no allocation.
	 */
	private void word(Handler handler, int first) throws IOException {
		boolean keep = !(first >= '0' && first <= '9' && this.tokens >= CompoundBody.HEADER);
		StringBuilder text = this.word;
		text.setLength(0);
		if (keep) {
			text.append((char) first);
		}
		while (true) {
			byte[] bytes = this.buffer;
			int p = this.pos;
			int end = this.limit;
			while (p < end && isWordByte(bytes[p] & 0xff)) {
				if (keep && text.length() < MAX_NAME) {
					text.append((char) (bytes[p] & 0xff));
				}
				p++;
			}
			this.pos = p;
			if (p < end || !fill(1)) {
				break;
			}
		}
		emit(handler, keep ? new SqlToken(SqlToken.Kind.WORD, utf8(text)) : SqlToken.NUMBER);
	}

	/**
	 * The text of a word or identifier collected byte by byte (one char per byte), read as the UTF-8 it is in a
	 * mydumper or native dump and in the file names: {@code `ü`} is the name of file {@code db.ü-schema.sql}.
	 */
	private static String utf8(CharSequence bytes) {
		for (int i = 0; i < bytes.length(); i++) {
			if (bytes.charAt(i) >= 0x80) {
				return new String(bytes.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
			}
		}
		return bytes.toString();
	}

	private static boolean isWordByte(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
				|| c == '@' || c >= 0x80;
	}

	/**
	 * Whether the string that starts now keeps its text: only in a {@code SET} statement, whose values the checks
	 * read (a {@code sql_mode}); never shown.
	 */
	private boolean keepsStrings() {
		return this.tokens > 0 && this.tokens < CompoundBody.HEADER && this.header[0].is("SET");
	}

	/**
	 * Skips a string after its opening quote.
	 * @param keep whether to return its text: only a plain one (no escape, no doubled quote) of at most
	 * {@link #MAX_NAME} characters is returned, else null
	 */
	private @Nullable String skipString(int quote, boolean keep) throws IOException {
		StringBuilder text = keep ? new StringBuilder() : null;
		int previous = quote;
		int c;
		while (true) {
			// the bulk of a dump: run over the bytes that need no attention without a call per byte
			byte[] bytes = this.buffer;
			int p = this.pos;
			int end = this.limit;
			while (p < end) {
				int b = bytes[p] & 0xff;
				if (b == quote || b == '\\' || b == '\n') {
					break;
				}
				p++;
			}
			if (p > this.pos) {
				if (text != null && text.length() + (p - this.pos) <= MAX_NAME) {
					for (int i = this.pos; i < p; i++) {
						text.append((char) (bytes[i] & 0xff));
					}
				}
				else {
					text = null;
				}
				previous = bytes[p - 1] & 0xff;
				this.pos = p;
			}
			if ((c = next()) < 0) {
				break;
			}
			if (c == '\n' && previous == ';') {
				throw endsInside("a string");
			}
			if (c == '\\') {
				text = null;
				c = next();
				if (c < 0) {
					break;
				}
				previous = c; // myloader looks at raw bytes: an escaped ';' before a line break cuts too
				continue;
			}
			if (c == quote) {
				if (peek(0) == quote) {
					text = null;
					next();
				}
				else {
					return (text != null) ? text.toString() : null;
				}
			}
			else if (text != null && text.length() < MAX_NAME) {
				text.append((char) c);
			}
			else {
				text = null;
			}
			previous = c;
		}
		throw new SqlSyntaxException("unterminated string at the end of the file", this.line);
	}

	private String identifier() throws IOException {
		StringBuilder name = new StringBuilder();
		int previous = '`';
		int c;
		while ((c = next()) >= 0) {
			if (c == '\n' && previous == ';') {
				throw endsInside("a quoted identifier");
			}
			if (c == '`') {
				if (peek(0) == '`') {
					next();
				}
				else {
					return utf8(name);
				}
			}
			if (name.length() < MAX_NAME) {
				name.append((char) c);
			}
			previous = c;
		}
		throw new SqlSyntaxException("unterminated `identifier` at the end of the file", this.line);
	}

	private void skipLineComment() throws IOException {
		int previous = -1;
		int c;
		while ((c = next()) >= 0) {
			if (c == '\n') {
				if (previous == ';') {
					throw endsInside("a comment");
				}
				return;
			}
			previous = c;
		}
	}

	/** After {@code /*}: an executable comment's content is SQL; any other comment is skipped. */
	private void openComment() throws IOException {
		int c = peek(0);
		if (c == '!' || (c == 'M' && peek(1) == '!')) {
			if (this.executable) {
				throw new SqlSyntaxException("a /*! comment inside another", this.line);
			}
			next();
			if (c == 'M') {
				next();
			}
			while (peek(0) >= '0' && peek(0) <= '9') {
				next();
			}
			this.executable = true;
			return;
		}
		int previous = -1;
		while ((c = next()) >= 0) {
			if (c == '\n' && previous == ';') {
				throw endsInside("a comment");
			}
			if (c == '*' && peek(0) == '/') {
				next();
				return;
			}
			previous = c;
		}
		throw new SqlSyntaxException("unterminated /* comment at the end of the file", this.line);
	}

	private SqlSyntaxException endsInside(String what) {
		return new SqlSyntaxException("a line ends with ';' inside " + what
				+ " (myloader would cut the statement there)", this.line - 1);
	}

	private int next() throws IOException {
		if (this.pos >= this.limit && !fill(1)) {
			return -1;
		}
		int c = this.buffer[this.pos++] & 0xff;
		if (c == '\n') {
			this.line++;
		}
		return c;
	}

	/** The byte {@code ahead} bytes after the next one's position (0 = the next byte), or -1 at the end. */
	private int peek(int ahead) throws IOException {
		if (this.pos + ahead >= this.limit && !fill(ahead + 1)) {
			return -1;
		}
		return this.buffer[this.pos + ahead] & 0xff;
	}

	/** Makes at least {@code wanted} bytes available from {@code pos}; false if the stream ends first. */
	private boolean fill(int wanted) throws IOException {
		if (this.pos > 0) {
			System.arraycopy(this.buffer, this.pos, this.buffer, 0, this.limit - this.pos);
			this.limit -= this.pos;
			this.pos = 0;
		}
		while (this.limit < wanted && !this.eof) {
			int n = this.in.read(this.buffer, this.limit, this.buffer.length - this.limit);
			if (n < 0) {
				this.eof = true;
			}
			else {
				this.limit += n;
				this.bytesRead += n;
			}
		}
		return this.limit >= wanted;
	}

}
