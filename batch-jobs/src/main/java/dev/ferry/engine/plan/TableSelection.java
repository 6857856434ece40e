package dev.ferry.engine.plan;

/** Which tables and views an export takes (the request's filter rules). */
public interface TableSelection {

	boolean selects(String database, String table);

	/** Whether a database that holds no table or view at all (maybe routines) is taken. */
	boolean selectsEmptyDatabase(String database);

}
