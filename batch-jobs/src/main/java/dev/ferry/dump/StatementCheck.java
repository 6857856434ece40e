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

	/** Words a CREATE TABLE must not hold: copies of other tables, files outside the data directory, UDF libraries. */
	private static final Set<String> CREATE_TABLE_REFUSED = Set.of("SELECT", "LIKE", "DIRECTORY", "UNION",
			"CONNECTION", "SONAME", "TABLE");

	/** Storage engines whose tables stay in the server's data directory and read nothing else. */
	private static final Set<String> ENGINES = Set.of("INNODB", "MYISAM", "ARIA", "MEMORY", "HEAP", "ARCHIVE",
			"CSV", "BLACKHOLE", "ROCKSDB", "TOKUDB", "COLUMNSTORE");

	private final DumpFileRole role;

	private final String shownName;

	private final Consumer<String> tables;

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
		this.tables = tables;
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
			if (this.engine == null || !ENGINES.contains(upper)) {
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
		return switch (this.role.kind()) {
			case DATABASE -> database(h);
			case TABLE -> table(h);
			case VIEW -> view(h);
			case TRIGGERS -> triggers(h);
			case ROUTINES -> routines(h);
			case DATA -> data(h);
			default -> "this file is not read";
		};
	}

	private @Nullable String database(Header h) {
		if (!h.at(0).is("CREATE") || !(h.at(1).is("DATABASE") || h.at(1).is("SCHEMA"))) {
			return "a -schema-create.sql file may only create its database " + this.role.qualified();
		}
		Header.Name name = h.name(h.skipIfExists(2, true));
		return (name != null && name.database() == null && this.role.ownsDatabase(name.object())) ? null
				: "a -schema-create.sql file may only create its own database " + this.role.qualified();
	}

	private @Nullable String table(Header h) {
		if (h.at(0).is("DROP")) {
			return dropOwnTable(h, false);
		}
		int keyword = h.createKeyword();
		if (keyword < 0 || !h.at(keyword).is("TABLE")) {
			return "a -schema.sql file may only create or drop its own table " + this.role.qualified();
		}
		if (this.refusedWord != null) {
			return "CREATE TABLE with " + this.refusedWord + " is refused: a dump's table is created from its"
					+ " definition only";
		}
		if (this.engine != null && !ENGINES.contains(this.engine)) {
			return "the storage engine " + this.engine + " is refused (it reads data outside the table)";
		}
		return ownTable(h.name(h.skipIfExists(keyword + 1, true)), "a -schema.sql file");
	}

	private @Nullable String dropOwnTable(Header h, boolean views) {
		if (!(h.at(1).is("TABLE") || (views && h.at(1).is("VIEW")))) {
			return "a schema file may only drop its own table or view";
		}
		int i = h.skipIfExists(2, false);
		while (true) {
			Header.Name name = h.name(i);
			if (name == null || this.role.ownTable(name.database(), name.object()) == null) {
				return "a schema file may only drop its own table or view " + this.role.qualified();
			}
			i = name.next();
			if (i >= h.size() || h.at(i).is("RESTRICT") || h.at(i).is("CASCADE")) {
				return (i < h.size() - 1) ? "unexpected words after DROP" : null;
			}
			if (!h.at(i).isSymbol(',')) {
				return "unexpected words after DROP";
			}
			i++;
		}
	}

	private @Nullable String view(Header h) {
		if (h.at(0).is("DROP")) {
			return dropOwnTable(h, true);
		}
		int keyword = h.createKeyword();
		if (keyword < 0 || !h.at(keyword).is("VIEW")) {
			return "a -schema-view.sql file may only create or drop its own view " + this.role.qualified();
		}
		Header.Name name = h.name(h.skipIfExists(keyword + 1, true));
		return (name != null && this.role.ownTable(name.database(), name.object()) != null) ? null
				: "a -schema-view.sql file may only create its own view " + this.role.qualified();
	}

	private @Nullable String triggers(Header h) {
		if (h.at(0).is("DROP")) {
			Header.Name name = h.at(1).is("TRIGGER") ? h.name(h.skipIfExists(2, false)) : null;
			return (name != null && ownObject(name) && name.next() == h.size()) ? null
					: "a -schema-triggers.sql file may only drop triggers of its own database";
		}
		int keyword = h.createKeyword();
		if (keyword < 0 || !h.at(keyword).is("TRIGGER")) {
			return "a -schema-triggers.sql file may only create or drop triggers on " + this.role.qualified();
		}
		Header.Name name = h.name(h.skipIfExists(keyword + 1, true));
		if (name == null || !ownObject(name)) {
			return "a -schema-triggers.sql file may only create triggers in its own database";
		}
		int on = name.next() + 2;
		if (!h.at(on).is("ON")) {
			return "a trigger must be BEFORE|AFTER INSERT|UPDATE|DELETE ON its table";
		}
		Header.Name table = h.name(on + 1);
		return (table != null && this.role.ownTable(table.database(), table.object()) != null) ? null
				: "a -schema-triggers.sql file may only create triggers on its own table " + this.role.qualified();
	}

	private @Nullable String routines(Header h) {
		boolean drop = h.at(0).is("DROP");
		int keyword = drop ? 1 : h.createKeyword();
		if (keyword < 0 || !(h.at(keyword).is("PROCEDURE") || h.at(keyword).is("FUNCTION") || h.at(keyword).is("EVENT"))) {
			return "a -schema-post.sql file may only create or drop procedures, functions and events of "
					+ this.role.qualified();
		}
		if (!drop && "SONAME".equals(this.refusedWord)) {
			return "a function from a shared library (SONAME) is refused";
		}
		Header.Name name = h.name(h.skipIfExists(keyword + 1, !drop));
		return (name != null && ownObject(name) && (!drop || name.next() == h.size())) ? null
				: "a -schema-post.sql file may only create or drop objects of its own database " + this.role.qualified();
	}

	private @Nullable String data(Header h) {
		if (!(h.at(0).is("INSERT") || h.at(0).is("REPLACE"))) {
			return "a data file may only INSERT or REPLACE into its own table " + this.role.qualified();
		}
		int i = 1;
		while (h.at(i).is("LOW_PRIORITY") || h.at(i).is("DELAYED") || h.at(i).is("HIGH_PRIORITY")
				|| h.at(i).is("IGNORE")) {
			i++;
		}
		if (h.at(i).is("INTO")) {
			i++;
		}
		String refusal = ownTable(h.name(i), "a data file");
		if (refusal != null) {
			return refusal;
		}
		if (!this.afterValues) {
			return "a data file may only insert VALUES (no SELECT or SET)";
		}
		SqlToken bad = this.badValue;
		return (bad == null) ? null
				: "only literal values may follow VALUES (found " + bad.shown() + ")";
	}

	private boolean ownObject(Header.Name name) {
		return name.database() == null || this.role.ownsDatabase(name.database());
	}

	private @Nullable String ownTable(Header.@Nullable Name name, String what) {
		String table = (name != null) ? this.role.ownTable(name.database(), name.object()) : null;
		if (table == null) {
			return what + " may only write its own table " + this.role.qualified();
		}
		this.tables.accept(table);
		return null;
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
