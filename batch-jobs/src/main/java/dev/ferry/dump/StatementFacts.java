package dev.ferry.dump;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a statement holds past its first tokens, streamed over all of them for {@link RoleRules}: the words that would
 * take a {@code CREATE} beyond its role ({@code SELECT} in a {@code CREATE TABLE}, a storage engine that reads data
 * elsewhere), and in a data file whether {@code VALUES} came and what first followed it that is no literal.
 */
final class StatementFacts {

	/**
	 * Words a CREATE TABLE must not hold: copies of other tables, files outside the data directory, tables of other
	 * tables, remote tables, UDF libraries ({@code LIKE} right after the name is refused by {@link RoleRules}: in a
	 * {@code CHECK} constraint it is fine).
	 */
	private static final Set<String> CREATE_TABLE_REFUSED = Set.of("SELECT", "DIRECTORY", "UNION",
			"CONNECTION", "SONAME", "TABLE");

	/** Whether {@code VALUES} starts the values (data files). */
	private final boolean values;

	private int parens;

	private boolean afterValues;

	private @Nullable SqlToken badValue;

	private @Nullable String refusedWord;

	private @Nullable String engine;

	private int tableWords;

	private boolean engineNext;

	StatementFacts(boolean values) {
		this.values = values;
	}

	RoleRules.Facts facts() {
		return new RoleRules.Facts(this.refusedWord, this.engine, this.afterValues, this.badValue);
	}

	void reset() {
		this.parens = 0;
		this.afterValues = false;
		this.badValue = null;
		this.refusedWord = null;
		this.engine = null;
		this.tableWords = 0;
		this.engineNext = false;
	}

	void accept(SqlToken token) {
		if (this.engineNext && !token.isSymbol('=') && token.kind() != SqlToken.Kind.WORD) {
			this.engineNext = false;
		}
		switch (token.kind()) {
			case STRING -> {
			}
			case SYMBOL -> symbol(token);
			case IDENTIFIER -> {
				if (this.afterValues && this.badValue == null) {
					this.badValue = token;
				}
			}
			case WORD -> word(token);
		}
	}

	private void symbol(SqlToken token) {
		char c = token.text().charAt(0);
		if (c == '(') {
			this.parens++;
		}
		else if (c == ')') {
			this.parens--;
		}
		if (this.afterValues && this.badValue == null
				&& !(c == '(' || c == ')' || c == ',' || c == '-' || c == '+' || c == '.')) {
			this.badValue = token;
		}
	}

	private void word(SqlToken token) {
		String text = token.text();
		char first = text.charAt(0);
		if (first >= '0' && first <= '9') {
			return; // a number
		}
		if (this.afterValues) {
			if (this.badValue == null && !literalWord(text)) {
				this.badValue = token;
			}
			return;
		}
		String upper = text.toUpperCase(Locale.ROOT);
		if (this.parens == 0 && (upper.equals("VALUES") || upper.equals("VALUE")) && this.values) {
			this.afterValues = true;
			return;
		}
		if (upper.equals("TABLE")) {
			this.tableWords++;
			if (this.tableWords == 1) {
				return;
			}
		}
		if (this.refusedWord == null && CREATE_TABLE_REFUSED.contains(upper)) {
			this.refusedWord = upper;
		}
		if (this.engineNext) {
			this.engineNext = false;
			if (this.engine == null || !RoleRules.ENGINES.contains(upper)) {
				this.engine = upper;
			}
		}
		else if (upper.equals("ENGINE")) {
			this.engineNext = true;
		}
	}

	/** Literals in a VALUES list: NULL, TRUE/FALSE, DEFAULT, a charset introducer or x'…'/b'…'/n'…' prefixes. */
	private static boolean literalWord(String text) {
		return text.equalsIgnoreCase("NULL") || text.equalsIgnoreCase("TRUE") || text.equalsIgnoreCase("FALSE")
				|| text.equalsIgnoreCase("DEFAULT") || text.equalsIgnoreCase("X") || text.equalsIgnoreCase("B")
				|| text.equalsIgnoreCase("N") || (text.length() > 1 && text.charAt(0) == '_');
	}

}
