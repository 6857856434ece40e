package dev.ferry.cluster;

/**
 * Identifiers in SQL text sent to a cluster: always back-quoted, a backtick inside doubled. Values go in bind
 * parameters; only names that cannot be parameters ({@code FROM db.table}, {@code DROP TABLE}) are built here.
 * <p>
 * Not {@code Statement.enquoteIdentifier}: MariaDB Connector/J returns a name that is already back-quoted as it is,
 * so the table named {@code `x`} would become the table {@code x}.
 */
public final class SqlNames {

	private SqlNames() {
	}

	/** {@code `name`}, with every {@code `} doubled; a NUL (which no identifier holds) is refused. */
	public static String quote(String identifier) {
		if (identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("not an SQL identifier: empty or holds NUL");
		}
		return "`" + identifier.replace("`", "``") + "`";
	}

	/** {@code `database`.`table`}. */
	public static String qualified(String database, String table) {
		return quote(database) + "." + quote(table);
	}

}
