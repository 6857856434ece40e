package dev.ferry.dump;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.ferry.engine.format.Compression;

/**
 * What a dump file may do, by its name (mydumper 0.10, dumpling and native engine layouts). {@code qualified} is the
 * {@code db.table} part of the name for files of one table or view (a database name may hold dots, so the split is
 * decided by the statements), the database for files of a whole database.
 * <ul>
 * <li>{@code {db}-schema-create.sql}: {@link Kind#DATABASE}; {@code {db}-schema-post.sql}: {@link Kind#ROUTINES};</li>
 * <li>{@code {db}.{t}-schema.sql}: {@link Kind#TABLE}; {@code -schema-view.sql}: {@link Kind#VIEW};
 * {@code -schema-triggers.sql}: {@link Kind#TRIGGERS}; {@code -schema-sequence.sql}: {@link Kind#SEQUENCE};</li>
 * <li>{@code {db}.-schema.sql-schema-trigger.sql}: {@link Kind#PLACEHOLDER}, the native engine's file for a database
 * with no table;</li>
 * <li>{@code {db}.{t}.sql}, {@code {db}.{t}.00001.sql}, {@code {db}.{t}.0000000010000.sql}: {@link Kind#DATA};</li>
 * <li>any of these SQL files compressed, {@code .sql.gz} or {@code .sql.zst} (read uncompressed); any other
 * compression is refused;</li>
 * <li>{@code .csv} and {@code .parquet} data (compressed or not): {@link Kind#DATA_NOT_SQL}, checked by name only;</li>
 * <li>{@code metadata}, {@code manifest.json} and other files no tool executes: {@link Kind#IGNORED}.</li>
 * </ul>
 * Names the native engine escaped ({@link EscapedName}) are read as the real names they stand for.
 */
record DumpFileRole(Kind kind, String qualified, @Nullable EscapedName escaped, Compression compression) {

	enum Kind {

		DATABASE, ROUTINES, TABLE, VIEW, TRIGGERS, SEQUENCE, PLACEHOLDER, DATA, DATA_NOT_SQL, IGNORED

	}

	static final Set<String> SYSTEM_SCHEMAS = Set.of("mysql", "sys", "performance_schema", "information_schema");

	private static final Pattern PLACEHOLDER = Pattern.compile("([^.]+)\\.-schema\\.sql-schema-trigger\\.sql");

	private static final Pattern WHOLE_DATABASE = Pattern.compile("(.+)-schema-(create|post)\\.sql");

	private static final Pattern OBJECT = Pattern.compile("(.+\\..+)-schema(-view|-triggers|-sequence)?\\.sql");

	private static final Pattern DATA = Pattern.compile("(.+?\\..+?)(?:\\.[0-9]{5,})?\\.sql");

	private static final Pattern NOT_SQL = Pattern.compile("(.+?\\..+?)(?:\\.[0-9]{5,})?\\.(?:csv|parquet)(?:\\.[a-z0-9]+)?",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern COMPRESSED_SQL = Pattern.compile("(.*\\.sql)\\.([A-Za-z0-9]+)");

	/**
	 * The role of a file by its base name.
	 * @throws DumpRefusedException for a name that a tool would execute but no role fits, a compression the inspector
	 * cannot read, or a file of a system schema
	 */
	static DumpFileRole of(String fileName, String shownName) {
		String name = fileName;
		Compression compression = Compression.NONE;
		Matcher compressed = COMPRESSED_SQL.matcher(fileName);
		if (compressed.matches()) {
			compression = switch (compressed.group(2)) {
				case "gz" -> Compression.GZIP;
				case "zst" -> Compression.ZSTD;
				default -> throw new DumpRefusedException(shownName + ": a SQL file compressed as ." + compressed.group(2)
						+ ", which the inspector cannot read (.sql, .sql.gz and .sql.zst are read)");
			};
			name = compressed.group(1);
		}
		DumpFileRole role = match(name, compression)
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

	private static Optional<DumpFileRole> match(String name, Compression compression) {
		Matcher m = PLACEHOLDER.matcher(name);
		if (m.matches()) {
			return Optional.of(role(Kind.PLACEHOLDER, m.group(1), compression));
		}
		m = WHOLE_DATABASE.matcher(name);
		if (m.matches()) {
			return Optional.of(role("create".equals(m.group(2)) ? Kind.DATABASE : Kind.ROUTINES, m.group(1), compression));
		}
		m = OBJECT.matcher(name);
		if (m.matches()) {
			Kind kind = (m.group(2) == null) ? Kind.TABLE : switch (m.group(2)) {
				case "-view" -> Kind.VIEW;
				case "-triggers" -> Kind.TRIGGERS;
				default -> Kind.SEQUENCE;
			};
			return Optional.of(role(kind, m.group(1), compression));
		}
		if (name.contains("-schema")) {
			return Optional.empty(); // e.g. -schema-trigger.sql of a table: not a role Ferry knows
		}
		m = DATA.matcher(name);
		if (m.matches()) {
			return Optional.of(role(Kind.DATA, m.group(1), compression));
		}
		if (compression != Compression.NONE) {
			return Optional.empty();
		}
		m = NOT_SQL.matcher(name);
		if (m.matches()) {
			return Optional.of(role(Kind.DATA_NOT_SQL, m.group(1), compression));
		}
		if (name.toLowerCase(Locale.ROOT).endsWith(".sql")) {
			return Optional.empty(); // myloader and lightning would run it
		}
		return Optional.of(new DumpFileRole(Kind.IGNORED, name, null, compression));
	}

	private static DumpFileRole role(Kind kind, String qualified, Compression compression) {
		boolean database = kind == Kind.DATABASE || kind == Kind.ROUTINES || kind == Kind.PLACEHOLDER;
		return new DumpFileRole(kind, qualified, EscapedName.read(qualified, database), compression);
	}

	/** Whether the file's statements are read. */
	boolean isSql() {
		return this.kind != Kind.DATA_NOT_SQL && this.kind != Kind.IGNORED;
	}

	private boolean wholeDatabase() {
		return this.kind == Kind.DATABASE || this.kind == Kind.ROUTINES || this.kind == Kind.PLACEHOLDER;
	}

	/** The database by the file name up to its first dot (or the whole database of a database file). */
	String firstDatabase() {
		if (this.escaped != null) {
			return this.escaped.database();
		}
		if (wholeDatabase()) {
			return this.qualified;
		}
		int dot = this.qualified.indexOf('.');
		return this.qualified.substring(0, dot);
	}

	/** The file's {@code db.table} (or database) as its statements must name it, for messages and reports. */
	String shown() {
		if (this.escaped == null) {
			return this.qualified;
		}
		return (this.escaped.table() == null) ? this.escaped.database()
				: this.escaped.database() + "." + this.escaped.table();
	}

	/** Whether {@code database} is this file's own database. */
	boolean ownsDatabase(String database) {
		if (database.isEmpty() || database.indexOf(NameCharset.UNREADABLE) >= 0
				|| SYSTEM_SCHEMAS.contains(database.toLowerCase(Locale.ROOT))) {
			return false;
		}
		if (this.escaped != null) {
			return this.escaped.database().equals(database);
		}
		if (wholeDatabase()) {
			return this.qualified.equals(database);
		}
		return this.qualified.startsWith(database + ".") && this.qualified.length() > database.length() + 1;
	}

	/**
	 * This file's table as {@code db.table} if a statement naming {@code database} (null when unqualified) and
	 * {@code table} means it, else null.
	 */
	@Nullable String ownTable(@Nullable String database, String table) {
		if (table.indexOf(NameCharset.UNREADABLE) >= 0) {
			return null;
		}
		if (this.escaped != null) {
			boolean own = (database == null || ownsDatabase(database)) && table.equals(this.escaped.table())
					&& ownsDatabase(this.escaped.database());
			return own ? shown() : null;
		}
		if (database != null) {
			return ownsDatabase(database) && this.qualified.equals(database + "." + table) ? this.qualified : null;
		}
		if (table.isEmpty() || !this.qualified.endsWith("." + table)) {
			return null;
		}
		String db = this.qualified.substring(0, this.qualified.length() - table.length() - 1);
		return ownsDatabase(db) ? this.qualified : null;
	}

	/** The {@code db.table} of a CSV/Parquet data file, by name. */
	String tableByName() {
		return shown();
	}

}
