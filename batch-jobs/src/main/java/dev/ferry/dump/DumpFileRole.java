package dev.ferry.dump;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a dump file may do, by its name (mydumper 0.10 and dumpling layouts). {@code qualified} is the
 * {@code db.table} part of the name for files of one table or view (a database name may hold dots, so the split is
 * decided by the statements), the database for files of a whole database.
 * <ul>
 * <li>{@code {db}-schema-create.sql}: {@link Kind#DATABASE}; {@code {db}-schema-post.sql}: {@link Kind#ROUTINES};</li>
 * <li>{@code {db}.{t}-schema.sql}: {@link Kind#TABLE}; {@code -schema-view.sql}: {@link Kind#VIEW};
 * {@code -schema-triggers.sql}: {@link Kind#TRIGGERS};</li>
 * <li>{@code {db}.{t}.sql}, {@code {db}.{t}.00001.sql}, {@code {db}.{t}.0000000010000.sql}: {@link Kind#DATA};</li>
 * <li>{@code .csv} and {@code .parquet} data (compressed or not): {@link Kind#DATA_NOT_SQL}, checked by name only;</li>
 * <li>{@code metadata}, {@code manifest.json} and other files no tool executes: {@link Kind#IGNORED}.</li>
 * </ul>
 */
record DumpFileRole(Kind kind, String qualified) {

	enum Kind {

		DATABASE, ROUTINES, TABLE, VIEW, TRIGGERS, DATA, DATA_NOT_SQL, IGNORED

	}

	static final Set<String> SYSTEM_SCHEMAS = Set.of("mysql", "sys", "performance_schema", "information_schema");

	private static final Pattern WHOLE_DATABASE = Pattern.compile("(.+)-schema-(create|post)\\.sql");

	private static final Pattern OBJECT = Pattern.compile("(.+\\..+)-schema(-view|-triggers)?\\.sql");

	private static final Pattern DATA = Pattern.compile("(.+?\\..+?)(?:\\.[0-9]{5,})?\\.sql");

	private static final Pattern NOT_SQL = Pattern.compile("(.+?\\..+?)(?:\\.[0-9]{5,})?\\.(?:csv|parquet)(?:\\.[a-z0-9]+)?",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern COMPRESSED_SQL = Pattern.compile(".*\\.sql\\.[A-Za-z0-9]+");

	/**
	 * The role of a file by its base name.
	 * @throws DumpRefusedException for a name that a tool would execute but no role fits, or of a system schema
	 */
	static DumpFileRole of(String fileName, String shownName) {
		DumpFileRole role = match(fileName)
			.orElseThrow(() -> new DumpRefusedException(shownName + ": not a file of a mydumper or dumpling dump"
					+ " (expected db-schema-create.sql, db.table-schema.sql, db.table.sql, db.table.00001.sql, …)"));
		if (role.kind() != Kind.IGNORED) {
			String database = role.firstDatabase();
			if (SYSTEM_SCHEMAS.contains(database.toLowerCase(Locale.ROOT))) {
				throw new DumpRefusedException(shownName + ": the system schema '" + database
						+ "' cannot be imported into");
			}
		}
		return role;
	}

	private static Optional<DumpFileRole> match(String name) {
		Matcher m = WHOLE_DATABASE.matcher(name);
		if (m.matches()) {
			return Optional.of(new DumpFileRole("create".equals(m.group(2)) ? Kind.DATABASE : Kind.ROUTINES, m.group(1)));
		}
		m = OBJECT.matcher(name);
		if (m.matches()) {
			Kind kind = (m.group(2) == null) ? Kind.TABLE : ("-view".equals(m.group(2)) ? Kind.VIEW : Kind.TRIGGERS);
			return Optional.of(new DumpFileRole(kind, m.group(1)));
		}
		if (name.contains("-schema")) {
			return Optional.empty(); // e.g. dumpling's -schema-sequence.sql: not a role Ferry knows
		}
		m = DATA.matcher(name);
		if (m.matches()) {
			return Optional.of(new DumpFileRole(Kind.DATA, m.group(1)));
		}
		m = NOT_SQL.matcher(name);
		if (m.matches()) {
			return Optional.of(new DumpFileRole(Kind.DATA_NOT_SQL, m.group(1)));
		}
		if (name.toLowerCase(Locale.ROOT).endsWith(".sql") || COMPRESSED_SQL.matcher(name).matches()) {
			return Optional.empty(); // myloader and lightning would run it (compressed ones unpacked first)
		}
		return Optional.of(new DumpFileRole(Kind.IGNORED, name));
	}

	/** Whether the file's statements are read. */
	boolean isSql() {
		return this.kind != Kind.DATA_NOT_SQL && this.kind != Kind.IGNORED;
	}

	/** The database by the file name up to its first dot (or the whole database of a database file). */
	String firstDatabase() {
		if (this.kind == Kind.DATABASE || this.kind == Kind.ROUTINES) {
			return this.qualified;
		}
		int dot = this.qualified.indexOf('.');
		return this.qualified.substring(0, dot);
	}

	/** Whether {@code database} is this file's own database. */
	boolean ownsDatabase(String database) {
		if (database.isEmpty() || SYSTEM_SCHEMAS.contains(database.toLowerCase(Locale.ROOT))) {
			return false;
		}
		if (this.kind == Kind.DATABASE || this.kind == Kind.ROUTINES) {
			return this.qualified.equals(database);
		}
		return this.qualified.startsWith(database + ".") && this.qualified.length() > database.length() + 1;
	}

	/**
	 * This file's table as {@code db.table} if a statement naming {@code database} (null when unqualified) and
	 * {@code table} means it, else null.
	 */
	@Nullable String ownTable(@Nullable String database, String table) {
		if (database != null) {
			return ownsDatabase(database) && this.qualified.equals(database + "." + table) ? this.qualified : null;
		}
		if (table.isEmpty() || !this.qualified.endsWith("." + table)) {
			return null;
		}
		String db = this.qualified.substring(0, this.qualified.length() - table.length() - 1);
		return ownsDatabase(db) ? this.qualified : null;
	}

	/** The {@code db.table} of a CSV/Parquet data file, by name: the database up to the first dot. */
	String tableByName() {
		return this.qualified;
	}

}
