package dev.ferry.dump;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Checks each statement of one file against the file's {@link DumpFileRole}: the statement's kind and target from
 * its first {@value #HEADER} tokens, and, streamed over all its tokens, the words that would take it beyond its
 * role ({@code SELECT} in a {@code CREATE TABLE}, anything but literals after {@code VALUES}). Reports each table a
 * statement creates or fills.
 */
final class StatementCheck implements SqlStatementReader.Handler {

	static final int HEADER = 64;

	private static final int PREVIEW_TOKENS = 12;

	private static final int PREVIEW_CHARS = 120;

	/**
	 * Words a CREATE TABLE must not hold: copies of other tables, files outside the data directory, tables of other
	 * tables, remote tables, UDF libraries ({@code LIKE} right after the name is refused by {@link RoleRules}: in a
	 * {@code CHECK} constraint it is fine).
	 */
	private static final Set<String> CREATE_TABLE_REFUSED = Set.of("SELECT", "DIRECTORY", "UNION",
			"CONNECTION", "SONAME", "TABLE");

	private final DumpFileRole role;

	private final String shownName;

	private final RoleRules rules;

	private final SetStatement sets = new SetStatement();

	private final List<SqlToken> header = new ArrayList<>(HEADER);

	private int count;

	private long statements;

	private int parens;

	private boolean afterValues;

	private @Nullable SqlToken badValue;

	private @Nullable String refusedWord;

	private @Nullable String engine;

	private int tableWords;

	private boolean engineNext;

	StatementCheck(DumpFileRole role, String shownName, Consumer<String> tables) {
		this.role = role;
		this.shownName = shownName;
		this.rules = new RoleRules(role, tables);
	}

	long statements() {
		return this.statements;
	}

	@Override
	public void token(SqlToken token) {
		if (this.count++ < HEADER) {
			this.header.add(token);
		}
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
		if (this.parens == 0 && (upper.equals("VALUES") || upper.equals("VALUE")) && this.role.kind() == DumpFileRole.Kind.DATA) {
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

	@Override
	public void end(long line) {
		this.statements++;
		try {
			String refusal = refusal();
			if (refusal != null) {
				throw new DumpRefusedException(this.shownName + ", statement " + this.statements + " (line " + line
						+ ") \"" + preview() + "\": " + refusal);
			}
		}
		finally {
			reset();
		}
	}

	private void reset() {
		this.header.clear();
		this.count = 0;
		this.parens = 0;
		this.afterValues = false;
		this.badValue = null;
		this.refusedWord = null;
		this.engine = null;
		this.tableWords = 0;
		this.engineNext = false;
	}

	private @Nullable String refusal() {
		Header h = new Header(this.header);
		if (h.at(0).is("SET")) {
			return (this.count > HEADER) ? "SET statement too long" : this.sets.refusal(this.header);
		}
		return this.rules.refusal(h, new RoleRules.Facts(this.refusedWord, this.engine, this.afterValues,
				this.badValue));
	}

	/** The statement's first tokens, string values shown as {@code '…'}, cut to {@value #PREVIEW_CHARS} characters. */
	private String preview() {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < Math.min(PREVIEW_TOKENS, this.header.size()); i++) {
			if (i > 0) {
				text.append(' ');
			}
			text.append(this.header.get(i).shown());
		}
		if (this.count > PREVIEW_TOKENS || text.length() > PREVIEW_CHARS) {
			text.setLength(Math.min(text.length(), PREVIEW_CHARS));
			text.append(" …");
		}
		return text.toString();
	}

}
