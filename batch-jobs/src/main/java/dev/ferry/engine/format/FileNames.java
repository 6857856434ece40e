package dev.ferry.engine.format;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The names of an export's files, in the mydumper layout that myloader 0.10 and tidb-lightning read:
 * <ul>
 * <li>{@code {db}-schema-create.sql}, {@code {db}-schema-post.sql} (routines and events);</li>
 * <li>{@code {db}.{t}-schema.sql}, {@code {db}.{v}-schema-view.sql}, {@code {db}.{t}-schema-triggers.sql},
 * {@code {db}.{s}-schema-sequence.sql}, and {@link #placeholder} for a database with no table;</li>
 * <li>{@code {db}.{t}.{NNNNN}.sql|csv[.gz|.zst]}: chunk {@code NNNNN} of the table's rows (five digits or more).</li>
 * </ul>
 * <b>Escaping.</b> A name is written percent-encoded (UTF-8 bytes as {@code %XX}), as Lightning's file router
 * reverses with {@code url.PathUnescape}, wherever it could not be a file name or would be read back as another name:
 * <ul>
 * <li>in every name: {@code %} itself, {@code /}, {@code \} and control characters;</li>
 * <li>in a database name: every {@code .} (myloader 0.10 and Lightning read the database up to the first dot);</li>
 * <li>in a table name: a {@code .} at the start or the end, next to another {@code .}, or before a last part of
 * digits only (table {@code t.00001} would read as chunk 1 of table {@code t}), and the {@code -} of
 * {@code -schema} (so no table's file reads as another kind of file).</li>
 * </ul>
 * Other names are written as they are. Each escaped name is remembered for the manifest ({@link #escapes()}).
 * myloader 0.10 takes the database from the file name as it is, so it loads a database whose name was escaped into a
 * database of the escaped name: load those with Ferry's importer or Lightning.
 * <p>
 * Thread-safe: the partitions of an export may share one instance.
 */
public final class FileNames {

	/**
	 * What {@link #placeholder} holds: a comment and a harmless statement (myloader runs the file after it created
	 * the database).
	 */
	public static final String PLACEHOLDER_TEXT = """
			-- The database has no table or view: this file makes myloader 0.10 create it (from {db}-schema-create.sql).
			/*!40101 SET NAMES utf8mb4*/;
			""";

	private static final String PLACEHOLDER_SUFFIX = ".-schema.sql-schema-trigger.sql";

	private static final Pattern DATABASE_FILE = Pattern.compile("([^.]+)-schema-(create|post)\\.sql");

	private static final Pattern OBJECT_FILE = Pattern
		.compile("([^.]+)\\.(.+)-schema(|-view|-triggers|-sequence)\\.sql");

	private static final Pattern DATA_FILE = Pattern
		.compile("([^.]+)\\.(.+)\\.([0-9]{5,})\\.(sql|csv)(\\.gz|\\.zst)?");

	private final Map<String, String> escapes = new ConcurrentHashMap<>();

	/** {@code {db}-schema-create.sql}. */
	public String databaseCreate(String database) {
		return database(database) + "-schema-create.sql";
	}

	/** {@code {db}-schema-post.sql}: the database's procedures, functions and events. */
	public String post(String database) {
		return database(database) + "-schema-post.sql";
	}

	/**
	 * {@code {db}.-schema.sql-schema-trigger.sql}: written for a database with no table and no view. myloader 0.10
	 * creates a database only when it loads a {@code -schema.sql} file of it (it takes this one for the schema of a
	 * table with no name, and runs its harmless content); Lightning ignores files ending with
	 * {@code -schema-trigger.sql}, and creates the database from {@code {db}-schema-create.sql} itself.
	 */
	public String placeholder(String database) {
		return database(database) + PLACEHOLDER_SUFFIX;
	}

	/** {@code {db}.{t}-schema.sql}: a table, or a view's placeholder table. */
	public String tableSchema(String database, String table) {
		return object(database, table) + "-schema.sql";
	}

	/** {@code {db}.{v}-schema-view.sql}. */
	public String viewSchema(String database, String view) {
		return object(database, view) + "-schema-view.sql";
	}

	/** {@code {db}.{t}-schema-triggers.sql}: the triggers of a table. */
	public String triggers(String database, String table) {
		return object(database, table) + "-schema-triggers.sql";
	}

	/** {@code {db}.{s}-schema-sequence.sql}: a sequence and its position. */
	public String sequence(String database, String sequence) {
		return object(database, sequence) + "-schema-sequence.sql";
	}

	/**
	 * {@code {db}.{t}.{NNNNN}.sql|csv[.gz|.zst]}.
	 * @param chunk the chunk's number, from 0; written with five digits at least
	 */
	public String data(String database, String table, int chunk, FileType type, Compression compression) {
		if (chunk < 0) {
			throw new IllegalArgumentException("chunk numbers start at 0, not " + chunk);
		}
		return object(database, table) + "." + String.format("%05d", chunk) + "." + type.suffix()
				+ compression.suffix();
	}

	/** The escaped names used so far: the escaped form (as in file names) → the real name. Sorted. */
	public Map<String, String> escapes() {
		return new TreeMap<>(this.escapes);
	}

	private String object(String database, String table) {
		return database(database) + "." + remember(escapeTable(table), table);
	}

	private String database(String database) {
		return remember(escapeDatabase(database), database);
	}

	private String remember(String escaped, String name) {
		if (!escaped.equals(name)) {
			this.escapes.put(escaped, name);
		}
		return escaped;
	}

	/** A database name as it is written in file names. */
	public static String escapeDatabase(String database) {
		return NameEscapes.escape(database, true);
	}

	/** A table (view, sequence) name as it is written in file names. */
	public static String escapeTable(String table) {
		return NameEscapes.escape(table, false);
	}

	/**
	 * The name an escaped name stands for.
	 * @throws IllegalArgumentException when a {@code %} is not followed by two hex digits, or the bytes are not UTF-8
	 */
	public static String unescape(String escaped) {
		return NameEscapes.unescape(escaped);
	}

	/**
	 * What a file of this layout is, or empty for a name of another layout ({@code metadata}, {@code manifest.json}).
	 * Names are unescaped.
	 */
	public static Optional<Parsed> parse(String fileName) {
		if (fileName.endsWith(PLACEHOLDER_SUFFIX) && fileName.indexOf('.') == fileName.length()
				- PLACEHOLDER_SUFFIX.length()) {
			String database = fileName.substring(0, fileName.length() - PLACEHOLDER_SUFFIX.length());
			return Optional.of(new Parsed(Kind.PLACEHOLDER, unescape(database), null, -1, null, null));
		}
		Matcher m = DATABASE_FILE.matcher(fileName);
		if (m.matches()) {
			Kind kind = m.group(2).equals("create") ? Kind.DATABASE : Kind.POST;
			return Optional.of(new Parsed(kind, unescape(m.group(1)), null, -1, null, null));
		}
		m = OBJECT_FILE.matcher(fileName);
		if (m.matches()) {
			Kind kind = switch (m.group(3)) {
				case "-view" -> Kind.VIEW;
				case "-triggers" -> Kind.TRIGGERS;
				case "-sequence" -> Kind.SEQUENCE;
				default -> Kind.TABLE;
			};
			return Optional.of(new Parsed(kind, unescape(m.group(1)), unescape(m.group(2)), -1, null, null));
		}
		m = DATA_FILE.matcher(fileName);
		if (m.matches()) {
			Compression compression = m.group(5) == null ? Compression.NONE
					: m.group(5).equals(".gz") ? Compression.GZIP : Compression.ZSTD;
			return Optional.of(new Parsed(Kind.DATA, unescape(m.group(1)), unescape(m.group(2)),
					Integer.parseInt(m.group(3)), FileType.of(m.group(4)), compression));
		}
		return Optional.empty();
	}

	/** The kinds of files of the layout. */
	public enum Kind {

		DATABASE, POST, TABLE, VIEW, TRIGGERS, SEQUENCE, DATA, PLACEHOLDER

	}

	/**
	 * A file name read back.
	 * @param kind what the file holds
	 * @param database its database
	 * @param table its table, view or sequence; null for {@link Kind#DATABASE}, {@link Kind#POST} and
	 * {@link Kind#PLACEHOLDER}
	 * @param chunk the chunk number of a data file, else -1
	 * @param type the format of a data file, else null
	 * @param compression the compression of a data file, else null
	 */
	public record Parsed(Kind kind, String database, @Nullable String table, int chunk, @Nullable FileType type,
			@Nullable Compression compression) {
	}

}
