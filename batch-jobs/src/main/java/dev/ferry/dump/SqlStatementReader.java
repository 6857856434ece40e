package dev.ferry.dump;

import java.io.IOException;
import java.io.InputStream;

/**
 * A streaming splitter and lexer for MySQL dump files. It reads bytes (a dump's charset does not matter: every byte
 * that can end a string or a statement is ASCII) and hands each statement's tokens to a {@link Handler}, then its
 * end. It never holds a file or a statement: only the current word (at most {@link #MAX_NAME} characters) and a
 * 64 KiB buffer. String contents are skipped while their quotes are tracked.
 * <p>
 * It knows {@code '…'} and {@code "…"} strings with backslash escapes and doubled quotes, {@code `…`} identifiers,
 * {@code -- }, {@code #} and {@code /* *}{@code /} comments, and executable comments ({@code /*!40101 … *}{@code /},
 * MariaDB's {@code /*M!…}) whose content is read as SQL. A {@code ;} inside a {@code BEGIN … END} body of a
 * routine, trigger or event does not end the statement (see {@link CompoundBody}). It reads as the server does under
 * the session's {@link LexMode}, which the handler may change between statements ({@link Handler#mode()}): without
 * backslash escapes, or with {@code "…"} as a name.
 * <p>
 * A string's value is kept only when the handler asks for it ({@link Handler#stringLimit()}), unescaped as the server
 * unescapes it; the token's text is then the quote followed by the value's bytes (one {@code char} per byte).
 * <p>
 * Because myloader 0.10 cuts statements at every line that ends with {@code ;} whatever the quoting, a line ending
 * with {@code ;} inside a string, identifier, comment or body is refused: the server would see other statements than
 * this reader. So are unterminated strings, identifiers and comments at the end of the file. A statement that is not
 * a file's own (the one kept in {@code @ferry_ddl}) is read {@link #nested}: nothing cuts it.
 */
public final class SqlStatementReader {

	/** The longest word or identifier kept; longer ones are cut (names are at most 64 characters). */
	public static final int MAX_NAME = 256;

	/** Receives the tokens of each statement, then its end. */
	public interface Handler {

		void token(SqlToken token) throws IOException;

		/** The statement whose tokens came since the last end ends; {@code line} is where it started. */
		void end(long line) throws IOException;

		/** The most bytes of the next string's value to keep (0: none); asked before each string. */
		default int stringLimit() {
			return 0;
		}

		/** How the statements from here on are read; asked after each end. */
		default LexMode mode() {
			return LexMode.DEFAULT;
		}

	}

	/** Executable comments of versions up to this one run on every server Ferry loads into. */
	static final long ALWAYS_RUN_VERSION = 50500;

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

	/** Whether myloader cuts what is read here at lines ending with {@code ;}. */
	private final boolean cuts;

	private LexMode mode = LexMode.DEFAULT;

	/** Whether the executable comment being read may be skipped by a server ({@code /*M!}, a recent version). */
	private boolean conditionalComment;

	private boolean conditional;

	/** Whether bytes were skipped (space, comments) since the last token. */
	private boolean gap;

	private boolean attached;

	private final StringValue value = new StringValue();

	public SqlStatementReader(InputStream in) {
		this(in, true);
	}

	private SqlStatementReader(InputStream in, boolean cuts) {
		this.in = in;
		this.cuts = cuts;
	}

	/** A reader of a statement that myloader never sees whole, such as the value of {@code @ferry_ddl}. */
	static SqlStatementReader nested(InputStream in, LexMode mode) {
		SqlStatementReader reader = new SqlStatementReader(in, false);
		reader.mode = mode;
		return reader;
	}

	/**
	 * Whether a token of the statement being ended came from an executable comment that a server may skip
	 * ({@code /*M!…}, or {@code /*!NNNNN} newer than {@value #ALWAYS_RUN_VERSION}).
	 */
	boolean conditional() {
		return this.conditional;
	}

	/** Whether the last token came right after the one before, with no space or comment between. */
	boolean attached() {
		return this.attached;
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
				case '\'' -> emit(handler, string(handler, c));
				case '"' -> emit(handler, this.mode.ansiQuotes()
						? new SqlToken(SqlToken.Kind.IDENTIFIER, identifier(c)) : string(handler, c));
				case '`' -> emit(handler, new SqlToken(SqlToken.Kind.IDENTIFIER, identifier(c)));
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
						this.gap = true;
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
					else {
						this.gap = true;
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

	/** Ends a statement and takes the handler's mode for the next. */
	private void end(Handler handler) throws IOException {
		handler.end(this.statementLine);
		this.mode = handler.mode();
	}

	private void semicolon(SqlStatementReader.Handler handler) throws IOException {
		if (!this.body.splitAllowed()) {
			if (this.cuts && peek(0) == '\n') {
				throw new SqlSyntaxException("a line ends with ';' inside the body of a routine, trigger or event"
						+ " (myloader would cut the statement there)", this.line);
			}
			emit(handler, SqlToken.symbol(';'));
			return;
		}
		if (this.tokens > 0) {
			end(handler);
		}
		this.gap = true;
		this.tokens = 0;
		this.body = CompoundBody.NONE;
		this.decided = false;
	}

	private void emit(Handler handler, SqlToken token) throws IOException {
		if (this.tokens == 0) {
			this.statementLine = this.line;
			this.conditional = false;
		}
		this.attached = !this.gap;
		this.gap = false;
		if (this.executable && this.conditionalComment) {
			this.conditional = true;
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
		emit(handler, keep ? new SqlToken(SqlToken.Kind.WORD, NameCharset.name(text.toString(), this.mode.names()))
				: SqlToken.NUMBER);
	}

	private static boolean isWordByte(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
				|| c == '@' || c >= 0x80;
	}

	/**
	 * A string from after its opening quote, read as the server reads it under the current {@link LexMode}; its value
	 * is kept if the handler asks for it and it is not longer than asked.
	 */
	private SqlToken string(Handler handler, int quote) throws IOException {
		StringValue value = this.value;
		value.start(handler.stringLimit());
		boolean escapes = this.mode.backslashEscapes();
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
				value.add(bytes, this.pos, p - this.pos);
				previous = bytes[p - 1] & 0xff;
				this.pos = p;
			}
			if ((c = next()) < 0) {
				break;
			}
			if (c == '\n' && previous == ';' && this.cuts) {
				throw endsInside("a string");
			}
			if (c == '\\' && escapes) {
				c = next();
				if (c < 0) {
					break;
				}
				value.escaped(c);
				previous = c; // myloader looks at raw bytes: an escaped ';' before a line break cuts too
				continue;
			}
			if (c == quote) {
				if (peek(0) != quote) {
					return value.token(quote);
				}
				next();
			}
			value.add(c);
			previous = c;
		}
		throw new SqlSyntaxException("unterminated string at the end of the file", this.line);
	}

	/** A name quoted with {@code `} (or {@code "} under {@code ANSI_QUOTES}), from after its opening quote. */
	private String identifier(int quote) throws IOException {
		StringBuilder name = new StringBuilder();
		int previous = quote;
		int c;
		while ((c = next()) >= 0) {
			if (c == '\n' && previous == ';' && this.cuts) {
				throw endsInside("a quoted identifier");
			}
			if (c == quote) {
				if (peek(0) == quote) {
					next();
				}
				else {
					return NameCharset.name(name.toString(), this.mode.names());
				}
			}
			if (name.length() < MAX_NAME) {
				name.append((char) c);
			}
			previous = c;
		}
		throw new SqlSyntaxException("unterminated " + (char) quote + "identifier" + (char) quote
				+ " at the end of the file", this.line);
	}

	private void skipLineComment() throws IOException {
		this.gap = true;
		int previous = -1;
		int c;
		while ((c = next()) >= 0) {
			if (c == '\n') {
				if (previous == ';' && this.cuts) {
					throw endsInside("a comment");
				}
				return;
			}
			previous = c;
		}
	}

	/** After {@code /*}: an executable comment's content is SQL; any other comment is skipped. */
	private void openComment() throws IOException {
		this.gap = true;
		int c = peek(0);
		if (c == '!' || (c == 'M' && peek(1) == '!')) {
			if (this.executable) {
				throw new SqlSyntaxException("a /*! comment inside another", this.line);
			}
			next();
			if (c == 'M') {
				next();
			}
			long version = 0;
			while (peek(0) >= '0' && peek(0) <= '9') {
				version = Math.min(version * 10 + (next() - '0'), Integer.MAX_VALUE);
			}
			this.executable = true;
			this.conditionalComment = c == 'M' || version > ALWAYS_RUN_VERSION;
			return;
		}
		int previous = -1;
		while ((c = next()) >= 0) {
			if (c == '\n' && previous == ';' && this.cuts) {
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
