package dev.ferry.transfer;

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
 * Spaces, double quotes, backslashes and non-ASCII letters are carried.
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
