package dev.ferry.dump;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * One lexical token of a MySQL statement. Words are bare keywords, names, numbers and variables ({@code @x},
 * {@code @@x}); identifiers are {@code `quoted`} names (text unquoted, at most {@link SqlStatementReader#MAX_NAME}
 * characters kept); strings carry no text, so no value of a dump is ever held or shown, except where the inspector
 * needs the value ({@code SET sql_mode}, {@code SET @ferry_ddl}): then the text is the opening quote followed by the
 * value, one {@code char} per byte, see {@link #value()}; symbols are one character.
 */
public record SqlToken(Kind kind, String text) {

	public enum Kind {

		WORD, IDENTIFIER, STRING, SYMBOL

	}

	static final SqlToken STRING = new SqlToken(Kind.STRING, "");

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

	private static String unreadable(String name) {
		return (!name.isEmpty() && name.charAt(0) == NameCharset.UNREADABLE) ? name.substring(1) : name;
	}

	/** The bytes of a string whose value was kept, else null. */
	byte @Nullable [] value() {
		return (this.kind == Kind.STRING && !this.text.isEmpty())
				? this.text.substring(1).getBytes(StandardCharsets.ISO_8859_1) : null;
	}

	/** How the token looks in a message: strings as {@code '…'}. */
	String shown() {
		return switch (this.kind) {
			case STRING -> "'…'";
			case IDENTIFIER -> "`" + unreadable(this.text).replace("`", "``") + "`";
			case WORD -> unreadable(this.text);
			default -> this.text;
		};
	}

}
