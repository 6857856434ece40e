package dev.ferry.objects;

import org.jspecify.annotations.Nullable;

/**
 * One stored object as {@code SHOW CREATE} shows it, with the session settings it was created with.
 * @param kind what it is
 * @param name its name
 * @param table a trigger's table, else null
 * @param statement the {@code CREATE} statement
 * @param sqlMode its {@code sql_mode}
 * @param characterSetClient its {@code character_set_client}
 * @param collationConnection its {@code collation_connection}
 * @param timeZone an event's {@code time_zone}, else null
 */
public record StoredObject(Kind kind, String name, @Nullable String table, String statement, String sqlMode,
		String characterSetClient, String collationConnection, @Nullable String timeZone) {

	/** The kinds of object whose bodies mydumper 0.10 changes. */
	public enum Kind {

		TRIGGER, PROCEDURE, FUNCTION, EVENT

	}

	/** The statement as mydumper 0.10 writes it: a space after each {@code ;} that ends a line. */
	String asMydumperWrites() {
		return this.statement.replace(";\n", "; \n");
	}

}
