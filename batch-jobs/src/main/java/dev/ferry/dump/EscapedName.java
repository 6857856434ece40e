package dev.ferry.dump;

import org.jspecify.annotations.Nullable;

import dev.ferry.engine.format.FileNames;

/**
 * A file name part that the native engine escaped ({@link FileNames}: {@code %XX} for the bytes of characters a file
 * name cannot hold, and for every {@code .} of a database name), read back as the real names, so that a file's own
 * database and table are the ones its statements must name. A name is read so only when it holds a {@code %} and is
 * exactly what {@link FileNames} writes for the name it unescapes to (the manifest's {@code escapedNames} holds the
 * same mapping); any other name is read as it is (mydumper and dumpling do not escape), so that one name never
 * stands for two databases.
 *
 * @param database the real database
 * @param table the real table, view or sequence; null for a file of a whole database
 */
record EscapedName(String database, @Nullable String table) {

	/** The escaped reading of {@code qualified} ({@code db} or {@code db.table} as in the file name), or null. */
	static @Nullable EscapedName read(String qualified, boolean wholeDatabase) {
		if (qualified.indexOf('%') < 0) {
			return null;
		}
		if (wholeDatabase) {
			String database = unescape(qualified, true);
			return (database != null) ? new EscapedName(database, null) : null;
		}
		int dot = qualified.indexOf('.');
		if (dot < 0) {
			return null;
		}
		String database = unescape(qualified.substring(0, dot), true);
		String table = unescape(qualified.substring(dot + 1), false);
		return (database != null && table != null) ? new EscapedName(database, table) : null;
	}

	/** The name {@code escaped} stands for, if {@link FileNames} writes that name so; else null. */
	private static @Nullable String unescape(String escaped, boolean database) {
		try {
			String name = FileNames.unescape(escaped);
			String again = database ? FileNames.escapeDatabase(name) : FileNames.escapeTable(name);
			return again.equals(escaped) ? name : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
