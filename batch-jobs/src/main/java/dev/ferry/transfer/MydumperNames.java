package dev.ferry.transfer;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.ferry.cluster.SqlNames;

/**
 * The names the {@code mysql} tool chain (mydumper and myloader 0.10) cannot carry, found by trying each character
 * against the real tools:
 * <ul>
 * <li>{@code /} in a database or table name: mydumper writes the name into its output file path (the file cannot be
 * created);</li>
 * <li>{@code `} in a database or table name: mydumper 0.10 puts names in its SQL between backticks without doubling
 * them (syntax error, exit 1);</li>
 * <li>{@code '} in a database name ({@code SHOW PROCEDURE STATUS WHERE Db = '…'}) or a table name ({@code SHOW
 * TRIGGERS … LIKE '…'}): mydumper 0.10 does not escape string literals (syntax error, exit 1);</li>
 * <li>{@code .} in a database name: mydumper writes {@code db.table-schema.sql}, and myloader 0.10 takes the database
 * from a file name up to its first dot, so {@code db.dot} would be restored into {@code db}. A dot in a table name
 * is carried (the table is the rest of the file name, and its own SQL names it).</li>
 * </ul>
 * Spaces, double quotes, backslashes and non-ASCII letters are carried, with one catch: mydumper 0.10 finds a table's
 * triggers with {@code SHOW TRIGGERS … LIKE 'table'}, so a table named with {@code _} or {@code %} also takes the
 * triggers of the tables its name matches as a pattern, and one named with {@code \} loses its own: both are
 * refused only when triggers are really at stake.
 */
final class MydumperNames {

	private MydumperNames() {
	}

	/** Why the database cannot be exported by this chain, or null. */
	static @Nullable String databaseProblem(String database) {
		String reason = common(database);
		if (reason == null && database.indexOf('\'') >= 0) {
			reason = "a ' (mydumper 0.10 does not escape it in its routine queries)";
		}
		if (reason == null && database.indexOf('.') >= 0) {
			reason = "a dot (myloader 0.10 reads the database from a file name up to its first dot)";
		}
		return reason == null ? null : "database " + SqlNames.quote(database) + " has " + reason;
	}

	/** Why the table (or view) cannot be exported by this chain, or null. */
	static @Nullable String tableProblem(String database, String table) {
		String reason = common(table);
		if (reason == null && table.indexOf('\'') >= 0) {
			reason = "a ' (mydumper 0.10 does not escape it in its trigger query)";
		}
		return reason == null ? null : "table " + SqlNames.qualified(database, table) + " has " + reason;
	}

	/**
	 * Why the table's triggers would come out wrong, or null.
	 * @param withTriggers the tables of the same database that have triggers
	 */
	static @Nullable String triggerProblem(String database, String table, Set<String> withTriggers) {
		if (table.indexOf('\\') >= 0 && withTriggers.contains(table)) {
			return "table " + SqlNames.qualified(database, table) + " has a \\ and triggers (mydumper 0.10 looks "
					+ "triggers up with LIKE and would lose them)";
		}
		if (table.indexOf('_') < 0 && table.indexOf('%') < 0) {
			return null;
		}
		Pattern like = like(table);
		List<String> others = withTriggers.stream()
			.filter((other) -> !other.equals(table) && like.matcher(other).matches())
			.sorted()
			.map((other) -> SqlNames.qualified(database, other))
			.toList();
		return others.isEmpty() ? null : "table " + SqlNames.qualified(database, table) + " would also take the "
				+ "triggers of " + String.join(", ", others) + " (mydumper 0.10 looks triggers up with LIKE and "
				+ "_ or % match other names)";
	}

	/** {@code name} as a LIKE pattern ({@code \} escapes), case-insensitive so as to refuse rather than miss. */
	private static Pattern like(String name) {
		StringBuilder regex = new StringBuilder();
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == '\\' && i + 1 < name.length()) {
				regex.append(Pattern.quote(String.valueOf(name.charAt(++i))));
			}
			else if (c == '_' || c == '%') {
				regex.append(c == '_' ? "." : ".*");
			}
			else {
				regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
	}

	private static @Nullable String common(String name) {
		if (name.indexOf('/') >= 0) {
			return "a / (mydumper writes names into its file paths)";
		}
		if (name.indexOf('`') >= 0) {
			return "a backtick (mydumper 0.10 does not escape it in its SQL)";
		}
		return null;
	}

}
