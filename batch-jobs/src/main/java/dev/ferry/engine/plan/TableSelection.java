package dev.ferry.engine.plan;

/** Which tables and views an export takes (the request's filter rules). */
public interface TableSelection {

	boolean selects(String database, String table);

	/** Whether a database that holds no table or view at all (maybe routines) is taken. */
	boolean selectsEmptyDatabase(String database);

	/**
	 * False only when no table of the database can be selected, whatever its name: its tables are then not even
	 * listed (reading {@code information_schema.TABLES} of every database of a big server is slow).
	 */
	default boolean mayHaveTablesIn(String database) {
		return true;
	}

}
