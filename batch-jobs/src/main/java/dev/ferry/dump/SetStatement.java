package dev.ferry.dump;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which {@code SET} statements a dump may hold: session variables a dumper writes (character sets, time zone,
 * foreign key and unique checks, notes, {@code sql_mode}) and user variables, each set to one plain value. No
 * function call or subquery, no {@code GLOBAL}, no {@code PASSWORD}/{@code ROLE}/{@code STATEMENT … FOR}; a
 * {@code sql_mode} only as a string, followed by {@link SessionMode} (it changes how strings are quoted); and only
 * character sets in which a backslash or quote byte is never part of a character (a {@code gbk}, {@code big5},
 * {@code sjis} or {@code cp932} connection would end strings where the reader does not). A user variable may set a
 * character set only if the same file saved it from the session's ({@code SET @PREV=@@CHARACTER_SET_CLIENT}, as
 * mydumper writes). {@code @ferry_ddl} is not set here (see {@link DdlCarrier}). One instance per file.
 */
final class SetStatement {

	private static final Set<String> VARIABLES = Set.of("CHARACTER_SET_CLIENT", "CHARACTER_SET_RESULTS",
			"CHARACTER_SET_CONNECTION", "COLLATION_CONNECTION", "FOREIGN_KEY_CHECKS", "UNIQUE_CHECKS", "TIME_ZONE",
			"SQL_NOTES", "SQL_QUOTE_SHOW_CREATE", "AUTOCOMMIT", "SQL_MODE");

	private static final Set<String> CHARSET_VARIABLES = Set.of("CHARACTER_SET_CLIENT", "CHARACTER_SET_RESULTS",
			"CHARACTER_SET_CONNECTION", "COLLATION_CONNECTION");

	/**
	 * MariaDB's character sets in which no byte of a multi-byte character is ASCII, or whose characters are one byte
	 * (the native engine keeps a stored object's client character set, whatever it was): read alike byte by byte.
	 */
	private static final Set<String> CHARSETS = Set.of("BINARY", "UTF8", "UTF8MB3", "UTF8MB4", "LATIN1", "ASCII",
			"DEFAULT", "ARMSCII8", "CP1250", "CP1251", "CP1256", "CP1257", "CP850", "CP852", "CP866", "DEC8",
			"EUCJPMS", "EUCKR", "GB2312", "GEOSTD8", "GREEK", "HEBREW", "HP8", "KEYBCS2", "KOI8R", "KOI8U", "LATIN2",
			"LATIN5", "LATIN7", "MACCE", "MACROMAN", "SWE7", "TIS620", "UJIS");

	private final SessionMode session;

	private @Nullable String detail;

	private boolean userVariables;

	private boolean conditional;

	// what the statement does to the session: applied once all of it is allowed, and only what surely takes effect
	// (a SET of several variables fails whole when the server refuses one value, a skipped comment runs nothing)

	private int assignments;

	private boolean setsSqlMode;

	private byte @Nullable [] sqlMode;

	private boolean setsClient;

	private @Nullable NameCharset client;

	/** Whether every server knows the client character set set (MySQL 5.7 does not know utf8mb3). */
	private boolean clientEverywhere;

	private boolean collate;

	/** User variables set: to the client character set (true), another (false), or anything else (null). */
	private final Map<String, @Nullable Boolean> saves = new LinkedHashMap<>();

	SetStatement(SessionMode session) {
		this.session = session;
	}

	/** The most bytes of a string to keep after {@code tokens} (a SET statement's first ones): 0 for none. */
	static int valueLimit(List<SqlToken> tokens) {
		int last = tokens.size() - 1;
		if (last < 2 || !tokens.get(last).isSymbol('=')) {
			return 0;
		}
		SqlToken variable = tokens.get(tokens.get(last - 1).isSymbol(':') ? last - 2 : last - 1);
		return (variable.is("SQL_MODE") || variable.is("@@SQL_MODE")) ? SessionMode.LIMIT : 0;
	}

	/** Whether the last statement checked set a user variable. */
	boolean setsUserVariables() {
		return this.userVariables;
	}

	/**
	 * Null if {@code tokens} (a whole SET statement) is allowed, else why not.
	 * @param conditional whether the statement is in an executable comment a server may skip
	 */
	@Nullable String refusal(List<SqlToken> tokens, boolean conditional) {
		this.detail = null;
		this.userVariables = false;
		this.conditional = conditional;
		this.assignments = 0;
		this.setsSqlMode = false;
		this.setsClient = false;
		this.collate = false;
		this.saves.clear();
		int i = 1;
		while (true) {
			this.assignments++;
			int next = assignment(tokens, i);
			if (next < 0) {
				return (this.detail != null) ? this.detail
						: "only SET of a dump's session variables (character set, time zone, checks, sql_mode) or of"
								+ " user variables to a plain value is allowed";
			}
			if (next == tokens.size()) {
				return apply();
			}
			if (!tokens.get(next).isSymbol(',')) {
				return "only SET of a dump's session variables or user variables to a plain value is allowed";
			}
			i = next + 1;
		}
	}

	/** Applies the statement to the session; null, or why the statement is refused after all. */
	private @Nullable String apply() {
		boolean certain = this.assignments == 1 && !this.conditional;
		byte[] mode = this.sqlMode;
		if (this.setsSqlMode && mode != null) {
			String refusal = this.session.sqlMode(mode, this.conditional, this.assignments == 1);
			if (refusal != null) {
				return refusal;
			}
		}
		this.saves.forEach((variable, client) -> {
			if (certain && client != null) {
				this.session.save(variable, client);
			}
			else {
				this.session.forget(variable);
			}
		});
		if (this.setsClient) {
			this.session.client(this.client, certain && this.clientEverywhere && !this.collate);
		}
		return null;
	}

	/** Parses one assignment from {@code i}; the index after it, or -1 if it is not allowed. */
	private int assignment(List<SqlToken> tokens, int i) {
		if (i >= tokens.size()) {
			return -1;
		}
		SqlToken first = tokens.get(i);
		if (first.is("NAMES")) {
			int next = charset(tokens, i + 1, true);
			if (next > 0 && next + 1 < tokens.size() && tokens.get(next).is("COLLATE")) {
				this.collate = true; // an unknown collation fails the statement
				return charset(tokens, next + 1, false);
			}
			return next;
		}
		if (first.is("CHARSET")) {
			return charset(tokens, i + 1, true);
		}
		if (first.is("CHARACTER") && i + 1 < tokens.size() && tokens.get(i + 1).is("SET")) {
			return charset(tokens, i + 2, true);
		}
		if (first.is("SESSION") || first.is("LOCAL")) {
			i++;
		}
		if (i >= tokens.size() || tokens.get(i).kind() != SqlToken.Kind.WORD) {
			return -1;
		}
		String variable = tokens.get(i).text().toUpperCase(Locale.ROOT);
		i++;
		boolean user = variable.startsWith("@") && !variable.startsWith("@@");
		if (variable.equals("@@SESSION") || variable.equals("@@LOCAL")) {
			if (i + 1 >= tokens.size() || !tokens.get(i).isSymbol('.')
					|| tokens.get(i + 1).kind() != SqlToken.Kind.WORD) {
				return -1;
			}
			variable = tokens.get(i + 1).text().toUpperCase(Locale.ROOT);
			i += 2;
		}
		else if (variable.startsWith("@@")) {
			variable = variable.substring(2);
		}
		if (!user && !VARIABLES.contains(variable)) {
			return -1;
		}
		if (variable.equals(DdlCarrier.VARIABLE)) {
			this.detail = "SET " + DdlCarrier.VARIABLE.toLowerCase(Locale.ROOT) + " is only accepted alone, as "
					+ DdlCarrier.FORM;
			return -1;
		}
		this.userVariables |= user;
		if (i < tokens.size() && tokens.get(i).isSymbol(':')) {
			i++;
		}
		if (i >= tokens.size() || !tokens.get(i).isSymbol('=')) {
			return -1;
		}
		i++;
		if (CHARSET_VARIABLES.contains(variable)) {
			return charset(tokens, i, variable.equals("CHARACTER_SET_CLIENT"));
		}
		if (variable.equals("SQL_MODE")) {
			this.setsSqlMode = true;
			this.sqlMode = (i < tokens.size()) ? tokens.get(i).value() : null;
			if (this.sqlMode == null) {
				this.detail = "sql_mode may only be set to a plain string of flags";
				return -1;
			}
			return i + 1;
		}
		if (user) {
			SqlToken value = (i < tokens.size()) ? tokens.get(i) : SqlToken.STRING;
			String text = value.text().toUpperCase(Locale.ROOT);
			boolean charset = value.kind() == SqlToken.Kind.WORD && text.startsWith("@@")
					&& CHARSET_VARIABLES.contains(text.substring(2));
			this.saves.put(variable, charset ? text.equals("@@CHARACTER_SET_CLIENT") : null);
		}
		return value(tokens, i);
	}

	/** One plain value: a word (literal, ON, @var, @@var), a number with a sign, a string, or {@code @@session.x}. */
	private static int value(List<SqlToken> tokens, int i) {
		if (i < tokens.size() && (tokens.get(i).isSymbol('-') || tokens.get(i).isSymbol('+'))) {
			i++;
		}
		if (i >= tokens.size()) {
			return -1;
		}
		SqlToken value = tokens.get(i);
		if (value.kind() == SqlToken.Kind.STRING) {
			return i + 1;
		}
		if (value.kind() != SqlToken.Kind.WORD) {
			return -1;
		}
		String text = value.text().toUpperCase(Locale.ROOT);
		if ((text.equals("@@SESSION") || text.equals("@@LOCAL")) && i + 2 < tokens.size()
				&& tokens.get(i + 1).isSymbol('.') && tokens.get(i + 2).kind() == SqlToken.Kind.WORD) {
			return i + 3;
		}
		return text.startsWith("@@GLOBAL") ? -1 : i + 1;
	}

	/**
	 * A character set or collation of {@link #CHARSETS}, or a user variable saved from the session; {@code client}
	 * when it becomes the client character set.
	 */
	private int charset(List<SqlToken> tokens, int i, boolean client) {
		if (i >= tokens.size()) {
			return -1;
		}
		SqlToken value = tokens.get(i);
		if (value.kind() == SqlToken.Kind.SYMBOL) {
			return -1;
		}
		String text = value.text().toUpperCase(Locale.ROOT);
		if (value.kind() == SqlToken.Kind.WORD && text.startsWith("@") && !text.startsWith("@@")) {
			if (!this.session.isSaved(text)) {
				return -1;
			}
			if (client) {
				client(this.session.saved(text), true);
			}
			return i + 1;
		}
		if (value.kind() == SqlToken.Kind.WORD && text.startsWith("@@")) {
			String variable = text.substring(2);
			if (client) {
				client(variable.equals("CHARACTER_SET_CLIENT") ? this.session.mode().names() : null, true);
			}
			return CHARSET_VARIABLES.contains(variable) ? i + 1 : -1;
		}
		int underscore = text.indexOf('_');
		String charset = (underscore > 0) ? text.substring(0, underscore) : text;
		if (value.kind() == SqlToken.Kind.STRING || !CHARSETS.contains(charset)) {
			return -1;
		}
		if (client) {
			client(NameCharset.of(charset), !charset.equals("UTF8MB3"));
		}
		return i + 1;
	}

	private void client(@Nullable NameCharset charset, boolean everywhere) {
		this.setsClient = true;
		this.client = charset;
		this.clientEverywhere = everywhere;
	}

}
