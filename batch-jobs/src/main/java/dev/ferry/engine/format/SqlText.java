package dev.ferry.engine.format;

/** Quoting of names and strings in the SQL the engine writes. */
final class SqlText {

	private SqlText() {
	}

	/** A back-quoted identifier (a backtick inside is doubled). */
	static String quote(String identifier) {
		return "`" + identifier.replace("`", "``") + "`";
	}

	/** {@code `db`.`table`}. */
	static String qualified(String database, String table) {
		return quote(database) + "." + quote(table);
	}

	/**
	 * A string literal, for a session without {@code NO_BACKSLASH_ESCAPES} (every file the engine writes sets its
	 * {@code sql_mode} before it uses one).
	 */
	static String literal(String value) {
		return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
	}

}
