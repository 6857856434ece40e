package dev.ferry.dump;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The part of a file's session that changes how the server reads statements ({@link LexMode}), followed through the
 * file's {@code SET sql_mode} and client character set statements, so that the reader reads each statement as the
 * server will.
 * <ul>
 * <li>A {@code sql_mode} value is a plain string of flag names the inspector knows; {@code ORACLE} and {@code MSSQL}
 * (which change the syntax itself, {@code [names]} for one) are refused.</li>
 * <li>Only files of triggers and routines ({@code -schema-triggers.sql}, {@code -schema-post.sql}) may change how
 * statements are read ({@code ANSI_QUOTES}, {@code NO_BACKSLASH_ESCAPES}): the native engine re-creates such objects
 * in the mode they were created in. Such a change must be sure to take effect on every server: no flag that some
 * servers refuse (MySQL 8 refuses {@code NO_AUTO_CREATE_USER}, for one, and a refused {@code SET} leaves the mode as
 * it was), and not inside an executable comment that a server may skip.</li>
 * <li>A file must end in the mode it started in: myloader runs its next file in the same session.</li>
 * </ul>
 */
final class SessionMode {

	/** Flags that MariaDB 10 and MySQL 5.7 and 8 all know. */
	private static final Set<String> EVERYWHERE = Set.of("ALLOW_INVALID_DATES", "ANSI", "ANSI_QUOTES",
			"ERROR_FOR_DIVISION_BY_ZERO", "HIGH_NOT_PRECEDENCE", "IGNORE_SPACE", "NO_AUTO_VALUE_ON_ZERO",
			"NO_BACKSLASH_ESCAPES", "NO_DIR_IN_CREATE", "NO_ENGINE_SUBSTITUTION", "NO_UNSIGNED_SUBTRACTION",
			"NO_ZERO_DATE", "NO_ZERO_IN_DATE", "ONLY_FULL_GROUP_BY", "PAD_CHAR_TO_FULL_LENGTH", "PIPES_AS_CONCAT",
			"REAL_AS_FLOAT", "STRICT_ALL_TABLES", "STRICT_TRANS_TABLES", "TRADITIONAL");

	/** Flags that some of those servers refuse (removed in MySQL 8, or MariaDB's or MySQL's own). */
	private static final Set<String> SOMEWHERE = Set.of("NO_AUTO_CREATE_USER", "NO_FIELD_OPTIONS",
			"NO_KEY_OPTIONS", "NO_TABLE_OPTIONS", "DB2", "MAXDB", "POSTGRESQL", "MYSQL323", "MYSQL40",
			"EMPTY_STRING_IS_NULL", "SIMULTANEOUS_ASSIGNMENT", "TIME_ROUND_FRACTIONAL", "IGNORE_BAD_TABLE_OPTIONS",
			"TIME_TRUNCATE_FRACTIONAL");

	/** Flags that make {@code "…"} a name. */
	private static final Set<String> ANSI_QUOTING = Set.of("ANSI", "ANSI_QUOTES", "DB2", "MAXDB", "POSTGRESQL");

	/** The longest {@code sql_mode} value read (every flag once is under 600 bytes). */
	static final int LIMIT = 1024;

	private final boolean mayChange;

	private boolean backslashEscapes = true;

	private boolean ansiQuotes;

	private @Nullable NameCharset names;

	/** User variables that saved the client character set: what they hold. */
	private final Map<String, @Nullable NameCharset> saved = new HashMap<>();

	SessionMode(DumpFileRole.Kind kind) {
		this.mayChange = kind == DumpFileRole.Kind.TRIGGERS || kind == DumpFileRole.Kind.ROUTINES;
	}

	LexMode mode() {
		return new LexMode(this.backslashEscapes, this.ansiQuotes, this.names);
	}

	/**
	 * The client character set is now {@code next} (null: not known); if the statement may not have taken effect,
	 * only what both read alike.
	 */
	void client(@Nullable NameCharset next, boolean certain) {
		this.names = certain ? next : NameCharset.common(this.names, next);
	}

	/** {@code SET @variable = @@…}: it saves the client character set if {@code client}, another one if not. */
	void save(String variable, boolean client) {
		this.saved.put(variable, client ? this.names : null);
	}

	/** {@code SET @variable = …} of another value, or a SET that may not have taken effect. */
	void forget(String variable) {
		this.saved.remove(variable);
	}

	/** Whether {@code variable} holds a character set saved from the session. */
	boolean isSaved(String variable) {
		return this.saved.containsKey(variable);
	}

	/** The client character set {@code variable} saved (null: not known). */
	@Nullable NameCharset saved(String variable) {
		return this.saved.get(variable);
	}

	/**
	 * Takes {@code SET sql_mode = '<value>'}; null if allowed, else why not.
	 * @param value the string's bytes
	 * @param conditional whether the statement is in an executable comment a server may skip
	 * @param alone whether it sets nothing else (a SET fails whole when the server refuses one of its values)
	 */
	@Nullable String sqlMode(byte[] value, boolean conditional, boolean alone) {
		String text = new String(value, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
		boolean ansiQuotes = false;
		boolean escapes = true;
		List<String> refused = new ArrayList<>();
		for (String flag : text.isEmpty() ? new String[0] : text.split(",", -1)) {
			if (!EVERYWHERE.contains(flag) && !SOMEWHERE.contains(flag)) {
				return "sql_mode flag '" + flag + "' is refused (unknown, or it changes the syntax)";
			}
			if (SOMEWHERE.contains(flag)) {
				refused.add(flag);
			}
			ansiQuotes |= ANSI_QUOTING.contains(flag);
			escapes &= !flag.equals("NO_BACKSLASH_ESCAPES");
		}
		LexMode next = new LexMode(escapes, ansiQuotes, this.names);
		if (next.splitsLike(mode())) {
			return null; // read alike whether a server takes it or not
		}
		if (!this.mayChange) {
			return "only trigger and routine files may set a sql_mode that changes how statements are read ("
					+ describe(next) + ")";
		}
		if (conditional) {
			return "a sql_mode that changes how statements are read may not be set in a /*!…*/ comment that a "
					+ "server may skip";
		}
		if (!alone) {
			return "a sql_mode that changes how statements are read must be set alone (a server that refused another"
					+ " value of the same SET would set none)";
		}
		if (!refused.isEmpty()) {
			return "a sql_mode that changes how statements are read may not hold flags that some servers refuse "
					+ refused + " (the mode would stay as it was)";
		}
		this.backslashEscapes = escapes;
		this.ansiQuotes = ansiQuotes;
		return null;
	}

	/** Null if the file ends in the mode it started in, else why it is refused. */
	@Nullable String atEnd() {
		return mode().splitsLike(LexMode.DEFAULT) ? null
				: "the file ends with a sql_mode that changes how statements are read (" + describe(mode())
						+ "), and myloader runs its next file in the same session";
	}

	private static String describe(LexMode mode) {
		List<String> what = new ArrayList<>();
		if (mode.ansiQuotes()) {
			what.add("ANSI_QUOTES");
		}
		if (!mode.backslashEscapes()) {
			what.add("NO_BACKSLASH_ESCAPES");
		}
		return what.isEmpty() ? "neither ANSI_QUOTES nor NO_BACKSLASH_ESCAPES" : String.join(", ", what);
	}

}
