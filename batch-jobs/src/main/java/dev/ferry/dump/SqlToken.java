package dev.ferry.dump;

/**
 * One lexical token of a MySQL statement. Words are bare keywords, names, numbers and variables ({@code @x},
 * {@code @@x}); identifiers are {@code `quoted`} names (text unquoted, at most {@link SqlStatementReader#MAX_NAME}
 * characters kept); strings carry no text ({@link #STRING}, whose text is a NUL), so no value of a dump is ever held
 * or shown, except a short plain string of a {@code SET} statement, which the checks read (a {@code sql_mode}) and
 * never show; symbols are one character.
 */
public record SqlToken(Kind kind, String text) {

	public enum Kind {

		WORD, IDENTIFIER, STRING, SYMBOL

	}

	static final SqlToken STRING = new SqlToken(Kind.STRING, "\0");

	/** A number past a statement's first tokens, where its digits are not kept. */
	static final SqlToken NUMBER = new SqlToken(Kind.WORD, "0");

	private static final SqlToken[] SYMBOLS = new SqlToken[128];

	static {
		for (int c = 0; c < SYMBOLS.length; c++) {
			SYMBOLS[c] = new SqlToken(Kind.SYMBOL, String.valueOf((char) c));
		}
	}

	static SqlToken symbol(int c) {
		return (c < SYMBOLS.length) ? SYMBOLS[c] : new SqlToken(Kind.SYMBOL, String.valueOf((char) c));
	}

	/** A bare word equal to {@code keyword} (ASCII, case-insensitive). */
	public boolean is(String keyword) {
		return this.kind == Kind.WORD && this.text.equalsIgnoreCase(keyword);
	}

	public boolean isSymbol(char c) {
		return this.kind == Kind.SYMBOL && this.text.charAt(0) == c;
	}

	/** A name: a bare word that is not a number, or a quoted identifier. */
	public boolean isName() {
		return this.kind == Kind.IDENTIFIER
				|| (this.kind == Kind.WORD && !this.text.isEmpty() && !Character.isDigit(this.text.charAt(0)));
	}

	/** How the token looks in a message: strings as {@code '…'}. */
	String shown() {
		return switch (this.kind) {
			case STRING -> "'…'";
			case IDENTIFIER -> "`" + this.text.replace("`", "``") + "`";
			default -> this.text;
		};
	}

}
