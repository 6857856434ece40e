package dev.ferry.dump;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which {@code SET} statements a dump may hold: session variables a dumper writes (character sets, time zone,
 * foreign key and unique checks, notes) and user variables, each set to one plain value. No function call or
 * subquery, no {@code GLOBAL}, no {@code PASSWORD}/{@code ROLE}/{@code STATEMENT … FOR}, a {@code sql_mode} only as a
 * string of {@link #SQL_MODES} (the native engine writes each object's own mode; {@code ANSI_QUOTES},
 * {@code NO_BACKSLASH_ESCAPES} and the combination modes that imply them change how strings are quoted, so they are
 * refused), and only character sets in which a backslash or quote byte is never part of a
 * character (a {@code gbk} or {@code sjis} connection would end strings where the reader does not). A user variable
 * may set a character set only if the same file saved it from the session's ({@code SET @PREV=@@CHARACTER_SET_CLIENT},
 * as mydumper writes). One instance per file.
 */
final class SetStatement {

	private static final Set<String> VARIABLES = Set.of("CHARACTER_SET_CLIENT", "CHARACTER_SET_RESULTS",
			"CHARACTER_SET_CONNECTION", "COLLATION_CONNECTION", "FOREIGN_KEY_CHECKS", "UNIQUE_CHECKS", "TIME_ZONE",
			"SQL_NOTES", "SQL_QUOTE_SHOW_CREATE", "AUTOCOMMIT");

	private static final Set<String> CHARSET_VARIABLES = Set.of("CHARACTER_SET_CLIENT", "CHARACTER_SET_RESULTS",
			"CHARACTER_SET_CONNECTION", "COLLATION_CONNECTION");

	private static final Set<String> CHARSETS = Set.of("BINARY", "UTF8", "UTF8MB3", "UTF8MB4", "LATIN1", "ASCII",
			"DEFAULT");

	/**
	 * The modes a dump may set: none of them changes how a string or an identifier ends (MariaDB's and MySQL's modes
	 * besides {@code ANSI_QUOTES}, {@code NO_BACKSLASH_ESCAPES} and {@code ANSI}, {@code DB2}, {@code MAXDB},
	 * {@code MSSQL}, {@code ORACLE}, {@code POSTGRESQL}, which imply one of them or another parser).
	 */
	static final Set<String> SQL_MODES = Set.of("ALLOW_INVALID_DATES", "EMPTY_STRING_IS_NULL",
			"ERROR_FOR_DIVISION_BY_ZERO", "HIGH_NOT_PRECEDENCE", "IGNORE_BAD_TABLE_OPTIONS", "IGNORE_SPACE",
			"MYSQL323", "MYSQL40", "NO_AUTO_CREATE_USER", "NO_AUTO_VALUE_ON_ZERO", "NO_DIR_IN_CREATE",
			"NO_ENGINE_SUBSTITUTION", "NO_FIELD_OPTIONS", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS", "NO_UNSIGNED_SUBTRACTION",
			"NO_ZERO_DATE", "NO_ZERO_IN_DATE", "ONLY_FULL_GROUP_BY", "PAD_CHAR_TO_FULL_LENGTH", "PIPES_AS_CONCAT",
			"REAL_AS_FLOAT", "SIMULTANEOUS_ASSIGNMENT", "STRICT_ALL_TABLES", "STRICT_TRANS_TABLES",
			"TIME_ROUND_FRACTIONAL", "TRADITIONAL");

	private final Set<String> savedCharsets = new HashSet<>();

	/** Null if {@code tokens} (a whole SET statement) is allowed, else why not. */
	@Nullable String refusal(List<SqlToken> tokens) {
		int i = 1;
		while (true) {
			int next = assignment(tokens, i);
			if (next < 0) {
				return "only SET of a dump's session variables (character set, time zone, checks) or of user"
						+ " variables to a plain value is allowed";
			}
			if (next == tokens.size()) {
				return null;
			}
			if (!tokens.get(next).isSymbol(',')) {
				return "only SET of a dump's session variables or user variables to a plain value is allowed";
			}
			i = next + 1;
		}
	}

	/** Parses one assignment from {@code i}; the index after it, or -1 if it is not allowed. */
	private int assignment(List<SqlToken> tokens, int i) {
		if (i >= tokens.size()) {
			return -1;
		}
		SqlToken first = tokens.get(i);
		if (first.is("NAMES")) {
			int next = charset(tokens, i + 1);
			if (next > 0 && next + 1 < tokens.size() && tokens.get(next).is("COLLATE")) {
				return charset(tokens, next + 1);
			}
			return next;
		}
		if (first.is("CHARSET")) {
			return charset(tokens, i + 1);
		}
		if (first.is("CHARACTER") && i + 1 < tokens.size() && tokens.get(i + 1).is("SET")) {
			return charset(tokens, i + 2);
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
		boolean sqlMode = variable.equals("SQL_MODE");
		if (!user && !sqlMode && !VARIABLES.contains(variable)) {
			return -1;
		}
		if (i < tokens.size() && tokens.get(i).isSymbol(':')) {
			i++;
		}
		if (i >= tokens.size() || !tokens.get(i).isSymbol('=')) {
			return -1;
		}
		i++;
		if (CHARSET_VARIABLES.contains(variable)) {
			return charset(tokens, i);
		}
		if (sqlMode) {
			return sqlMode(tokens, i);
		}
		if (user) {
			SqlToken value = (i < tokens.size()) ? tokens.get(i) : SqlToken.STRING;
			String text = value.text().toUpperCase(Locale.ROOT);
			if (value.kind() == SqlToken.Kind.WORD && text.startsWith("@@")
					&& CHARSET_VARIABLES.contains(text.substring(2))) {
				this.savedCharsets.add(variable);
			}
			else {
				this.savedCharsets.remove(variable);
			}
		}
		return value(tokens, i);
	}

	/** A string of {@link #SQL_MODES} separated by commas (empty too). */
	private static int sqlMode(List<SqlToken> tokens, int i) {
		if (i >= tokens.size() || tokens.get(i).kind() != SqlToken.Kind.STRING) {
			return -1;
		}
		String modes = tokens.get(i).text().toUpperCase(Locale.ROOT);
		for (String mode : modes.split(",", -1)) {
			if (!mode.isBlank() && !SQL_MODES.contains(mode.strip())) {
				return -1;
			}
		}
		return i + 1;
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

	/** A character set or collation of {@link #CHARSETS}, or a user variable saved from the session. */
	private int charset(List<SqlToken> tokens, int i) {
		if (i >= tokens.size()) {
			return -1;
		}
		SqlToken value = tokens.get(i);
		if (value.kind() == SqlToken.Kind.SYMBOL) {
			return -1;
		}
		String text = value.text().toUpperCase(Locale.ROOT);
		if (value.kind() == SqlToken.Kind.WORD && text.startsWith("@") && !text.startsWith("@@")) {
			return this.savedCharsets.contains(text) ? i + 1 : -1;
		}
		if (value.kind() == SqlToken.Kind.WORD && text.startsWith("@@")) {
			String variable = text.substring(2);
			return CHARSET_VARIABLES.contains(variable) ? i + 1 : -1;
		}
		int underscore = text.indexOf('_');
		String charset = (underscore > 0) ? text.substring(0, underscore) : text;
		return (value.kind() != SqlToken.Kind.STRING && CHARSETS.contains(charset)) ? i + 1 : -1;
	}

}
