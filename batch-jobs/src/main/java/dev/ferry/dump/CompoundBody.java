package dev.ferry.dump;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Where the {@code BEGIN … END} body of a {@code CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT} statement is, so that the
 * {@code ;} inside it does not end the statement. It errs on one side only: it never counts a block the server would
 * not see (that would hide the statements after the body); a block it misses makes the rest of the body look like
 * statements of their own, which the inspector refuses.
 * <ul>
 * <li>The body's {@code BEGIN} counts only right after the header: after a routine's parameter list and its
 * characteristics or return type, after a trigger's {@code FOR EACH ROW [FOLLOWS|PRECEDES name]}, or after an
 * event's {@code DO}.</li>
 * <li>Inside, {@code BEGIN} counts only where a statement starts (after {@code ;}, a label's {@code :} or another
 * {@code BEGIN}), {@code CASE} always; {@code END} closes one unless {@code IF}, {@code LOOP}, {@code WHILE} or
 * {@code REPEAT} follows.</li>
 * </ul>
 */
class CompoundBody {

	static final int HEADER = 64;

	/** Not a compound statement: every {@code ;} ends it. */
	static final CompoundBody NONE = new CompoundBody(Kind.NONE);

	enum Kind {

		NONE, ROUTINE, TRIGGER, EVENT

	}

	/** Words between a routine's parameter list and its body: characteristics and return types. */
	private static final Set<String> ROUTINE_HEADER = Set.of("RETURNS", "COMMENT", "LANGUAGE", "SQL", "NOT",
			"DETERMINISTIC", "CONTAINS", "NO", "READS", "MODIFIES", "DATA", "SECURITY", "DEFINER", "INVOKER",
			"UNSIGNED", "SIGNED", "ZEROFILL", "CHARSET", "CHARACTER", "SET", "COLLATE", "BINARY", "ASCII", "UNICODE",
			"NATIONAL", "VARYING", "INT", "INTEGER", "TINYINT", "SMALLINT", "MEDIUMINT", "BIGINT", "DECIMAL", "DEC",
			"NUMERIC", "FIXED", "FLOAT", "DOUBLE", "REAL", "PRECISION", "BIT", "BOOL", "BOOLEAN", "CHAR", "VARCHAR",
			"NCHAR", "NVARCHAR", "VARBINARY", "TEXT", "TINYTEXT", "MEDIUMTEXT", "LONGTEXT", "BLOB", "TINYBLOB",
			"MEDIUMBLOB", "LONGBLOB", "DATE", "TIME", "DATETIME", "TIMESTAMP", "YEAR", "JSON", "ENUM", "GEOMETRY");

	private static final Set<String> NAMED_AFTER = Set.of("CHARSET", "SET", "COLLATE");

	private static final Set<String> NOT_COMPOUND = Set.of("TABLE", "VIEW", "DATABASE", "SCHEMA", "INDEX", "USER",
			"ROLE", "SERVER", "SEQUENCE", "TABLESPACE", "TEMPORARY", "UNIQUE", "FULLTEXT", "SPATIAL", "LOGFILE");

	private final Kind kind;

	private int depth;

	private boolean pendingEnd;

	private boolean bodyMayStart;

	private boolean followsName;

	private int parameterParens;

	private boolean parametersDone;

	private int typeParens;

	private @Nullable SqlToken previous;

	private CompoundBody(Kind kind) {
		this.kind = kind;
	}

	/**
	 * Decides from a statement's first tokens: a body tracker, {@link #NONE}, or null while undecided.
	 */
	static @Nullable CompoundBody detect(SqlToken[] header, int count) {
		if (!header[0].is("CREATE")) {
			return NONE;
		}
		SqlToken last = header[count - 1];
		if (last.is("PROCEDURE") || last.is("FUNCTION")) {
			return new CompoundBody(Kind.ROUTINE);
		}
		if (last.is("TRIGGER")) {
			return new CompoundBody(Kind.TRIGGER);
		}
		if (last.is("EVENT")) {
			return new CompoundBody(Kind.EVENT);
		}
		boolean afterCurrentUser = count > 1 && header[count - 2].is("CURRENT_USER");
		if ((last.kind() == SqlToken.Kind.WORD && NOT_COMPOUND.contains(last.text().toUpperCase()))
				|| (last.isSymbol('(') && !afterCurrentUser) || count >= 16) {
			return NONE;
		}
		return null;
	}

	/** Whether a {@code ;} here ends the statement. */
	boolean splitAllowed() {
		return this.depth - (this.pendingEnd ? 1 : 0) <= 0;
	}

	void accept(SqlToken token) {
		if (this.kind == Kind.NONE) {
			return;
		}
		if (this.pendingEnd) {
			this.pendingEnd = false;
			boolean suffix = token.is("IF") || token.is("LOOP") || token.is("WHILE") || token.is("REPEAT");
			if (!suffix) {
				this.depth--; // END, or END CASE
			}
			if (suffix || token.is("CASE")) {
				this.previous = token;
				return;
			}
		}
		if (this.depth > 0) {
			inBody(token);
		}
		else if (this.bodyMayStart && token.is("BEGIN")) {
			this.depth = 1;
			this.bodyMayStart = false;
		}
		else {
			header(token);
		}
		this.previous = token;
	}

	private void inBody(SqlToken token) {
		SqlToken before = this.previous;
		if (token.is("BEGIN") && before != null
				&& (before.isSymbol(';') || before.isSymbol(':') || before.is("BEGIN"))) {
			this.depth++;
		}
		else if (token.is("CASE")) {
			this.depth++;
		}
		else if (token.is("END")) {
			this.pendingEnd = true;
		}
	}

	private void header(SqlToken token) {
		switch (this.kind) {
			case TRIGGER -> {
				if (token.is("ROW")) {
					this.bodyMayStart = true;
				}
				else if (this.bodyMayStart && (token.is("FOLLOWS") || token.is("PRECEDES"))) {
					this.followsName = true;
				}
				else if (this.bodyMayStart && this.followsName && token.isName()) {
					this.followsName = false;
				}
				else {
					this.bodyMayStart = false;
				}
			}
			case EVENT -> this.bodyMayStart = token.is("DO");
			case ROUTINE -> routineHeader(token);
			default -> {
			}
		}
	}

	private void routineHeader(SqlToken token) {
		if (!this.parametersDone) {
			if (token.isSymbol('(')) {
				this.parameterParens++;
			}
			else if (token.isSymbol(')') && this.parameterParens > 0 && --this.parameterParens == 0) {
				this.parametersDone = true;
				this.bodyMayStart = true;
			}
			return;
		}
		if (!this.bodyMayStart) {
			return;
		}
		if (this.typeParens > 0) {
			if (token.isSymbol('(')) {
				this.typeParens++;
			}
			else if (token.isSymbol(')')) {
				this.typeParens--;
			}
			return;
		}
		SqlToken before = this.previous;
		boolean afterType = before != null && before.kind() == SqlToken.Kind.WORD
				&& ROUTINE_HEADER.contains(before.text().toUpperCase());
		if (token.isSymbol('(') && afterType) {
			this.typeParens = 1;
		}
		else if (token.kind() == SqlToken.Kind.STRING) {
			// COMMENT '…'
		}
		else if (token.kind() == SqlToken.Kind.WORD && ROUTINE_HEADER.contains(token.text().toUpperCase())) {
			// a characteristic or a part of the return type
		}
		else if (token.isName() && before != null && before.kind() == SqlToken.Kind.WORD
				&& NAMED_AFTER.contains(before.text().toUpperCase())) {
			// CHARSET utf8mb4, COLLATE utf8mb4_bin
		}
		else {
			this.bodyMayStart = false;
		}
	}

}
