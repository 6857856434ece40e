package dev.ferry.dump;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The native engine's way to carry a view, trigger, routine or event whose text myloader 0.10 would cut (a line of it
 * ends with {@code ;}): the statement as one string, then run.
 *
 * <pre>
 * SET @ferry_ddl = _binary'&lt;the statement, escaped&gt;';   (or X'&lt;its bytes in hex&gt;')
 * SET character_set_client = …;                       (SETs of session variables only)
 * SET SESSION sql_mode = '…';
 * EXECUTE IMMEDIATE @ferry_ddl;
 * </pre>
 *
 * Accepted only as such a pair in one file of views, triggers or routines: the {@code SET} alone in its statement,
 * the value a {@code _binary} string or an {@code X'…'} literal of at most {@value #MAX_BYTES} bytes, nothing but
 * {@code SET}s of session variables before the {@code EXECUTE}, which must name the same variable and come before
 * the file ends, and neither in an executable comment a server may skip (a server that skipped the {@code SET} would
 * run what the variable held before). {@link StatementCheck} then reads the value as the server will read it at the
 * {@code EXECUTE}, and holds it to the file's role. Any other {@code EXECUTE}, {@code PREPARE} or
 * {@code DEALLOCATE} is refused.
 */
final class DdlCarrier {

	/** The variable, as {@link SetStatement} spells user variables. */
	static final String VARIABLE = "@FERRY_DDL";

	/** What is accepted, for messages. */
	static final String FORM = "SET @ferry_ddl = _binary'…' (or X'…') right before EXECUTE IMMEDIATE @ferry_ddl in a"
			+ " -schema-view.sql, -schema-triggers.sql or -schema-post.sql file";

	/**
	 * The longest statement carried: 1 MiB, so that its {@code SET} (at most twice as long, escaped or in hex) stays
	 * under the smallest default {@code max_allowed_packet} (4 MiB, MySQL 5.7): a server that refused the
	 * {@code SET} would run the variable's old value.
	 */
	static final int MAX_BYTES = 1 << 20;

	private final boolean allowed;

	private byte @Nullable [] pending;

	private String setAt = "";

	DdlCarrier(DumpFileRole.Kind kind) {
		this.allowed = kind == DumpFileRole.Kind.VIEW || kind == DumpFileRole.Kind.TRIGGERS
				|| kind == DumpFileRole.Kind.ROUTINES;
	}

	/** Whether the statement starting with {@code tokens} sets {@code @ferry_ddl}. */
	static boolean sets(List<SqlToken> tokens) {
		return tokens.size() > 1 && tokens.get(0).is("SET") && tokens.get(1).is(VARIABLE);
	}

	/** Whether the statement starting with {@code tokens} runs or prepares a statement. */
	static boolean executes(List<SqlToken> tokens) {
		return !tokens.isEmpty() && (tokens.get(0).is("EXECUTE") || tokens.get(0).is("PREPARE")
				|| tokens.get(0).is("DEALLOCATE"));
	}

	/** The most bytes of a string to keep after {@code tokens} (a SET statement's first ones): 0 for none. */
	static int valueLimit(List<SqlToken> tokens) {
		if (!sets(tokens)) {
			return 0;
		}
		int equals = value(tokens);
		int last = tokens.size() - 1;
		return (last == equals - 1 || (last == equals && introducer(tokens.get(last)))) ? MAX_BYTES : 0;
	}

	/** Whether a statement is waiting for its {@code EXECUTE}. */
	boolean pending() {
		return this.pending != null;
	}

	/**
	 * Takes {@code SET @ferry_ddl = …}; null if accepted, else why not.
	 * @param tokens the whole statement
	 * @param attached for each token, whether it came right after the one before
	 * @param conditional whether it is in an executable comment a server may skip
	 * @param at where it is, for messages ({@code statement 3, line 9})
	 */
	@Nullable String set(List<SqlToken> tokens, long attached, boolean conditional, String at) {
		if (!this.allowed) {
			return "SET @ferry_ddl is only accepted in the files of views, triggers and routines, as " + FORM;
		}
		if (this.pending != null) {
			return "@ferry_ddl is set again before the EXECUTE IMMEDIATE of its value set at " + this.setAt;
		}
		if (conditional) {
			return "SET @ferry_ddl may not be in a /*!…*/ comment that a server may skip";
		}
		int i = value(tokens);
		byte[] value = (i + 2 == tokens.size())
				? literal(tokens.get(i), tokens.get(i + 1), ((attached >>> (i + 1)) & 1) == 1) : null;
		if (value == null) {
			return "@ferry_ddl may only be set alone to one _binary'…' string or X'…' literal of at most " + MAX_BYTES
					+ " bytes, as " + FORM;
		}
		this.pending = value;
		this.setAt = at;
		return null;
	}

	/**
	 * Takes an {@code EXECUTE}, {@code PREPARE} or {@code DEALLOCATE}: the statement to check in the file's role, as
	 * read at this point of the file; throws a refusal otherwise.
	 */
	Carried execute(List<SqlToken> tokens, int count, boolean conditional) {
		if (count != 3 || !tokens.get(0).is("EXECUTE") || !tokens.get(1).is("IMMEDIATE")
				|| !tokens.get(2).is(VARIABLE)) {
			throw new Refusal("EXECUTE, PREPARE and DEALLOCATE are refused, but for EXECUTE IMMEDIATE @ferry_ddl as "
					+ FORM);
		}
		byte[] statement = this.pending;
		if (statement == null) {
			throw new Refusal("EXECUTE IMMEDIATE @ferry_ddl is only accepted after SET @ferry_ddl = … in the same file");
		}
		if (conditional) {
			throw new Refusal("EXECUTE IMMEDIATE @ferry_ddl may not be in a /*!…*/ comment that a server may skip");
		}
		this.pending = null;
		return new Carried(statement, this.setAt);
	}

	/** Null if a statement other than the pair's may come here, else why not. */
	@Nullable String between(boolean sessionSet) {
		return (this.pending == null || sessionSet) ? null
				: "only SETs of session variables may come between SET @ferry_ddl (at " + this.setAt
						+ ") and EXECUTE IMMEDIATE @ferry_ddl";
	}

	/** Null if no {@code SET} waits for its {@code EXECUTE} at the end of the file. */
	@Nullable String atEnd() {
		return (this.pending == null) ? null
				: "the file ends after SET @ferry_ddl (at " + this.setAt + ") without EXECUTE IMMEDIATE @ferry_ddl";
	}

	/** The statement carried, and where it was set. */
	record Carried(byte[] statement, String setAt) {
	}

	/** A refusal of an {@code EXECUTE}. */
	static final class Refusal extends RuntimeException {

		Refusal(String message) {
			super(message, null, false, false);
		}

	}

	/** The index of the value: after {@code SET @ferry_ddl =} or {@code :=}. */
	private static int value(List<SqlToken> tokens) {
		if (tokens.size() > 3 && tokens.get(2).isSymbol(':') && tokens.get(3).isSymbol('=')) {
			return 4;
		}
		return (tokens.size() > 2 && tokens.get(2).isSymbol('=')) ? 3 : Integer.MAX_VALUE - 2;
	}

	private static boolean introducer(SqlToken token) {
		return token.is("_binary") || token.is("X");
	}

	/** The bytes of {@code _binary'…'} or {@code X'…'} (the quote right after the X), or null. */
	private static byte @Nullable [] literal(SqlToken introducer, SqlToken string, boolean attached) {
		byte[] value = string.value();
		if (value == null || string.text().charAt(0) != '\'') {
			return null;
		}
		if (introducer.is("_binary")) {
			return value;
		}
		if (!introducer.is("X") || !attached || value.length % 2 != 0) {
			return null;
		}
		byte[] bytes = new byte[value.length / 2];
		for (int i = 0; i < bytes.length; i++) {
			int high = Character.digit(value[2 * i], 16);
			int low = Character.digit(value[2 * i + 1], 16);
			if (high < 0 || low < 0) {
				return null;
			}
			bytes[i] = (byte) (high * 16 + low);
		}
		return bytes;
	}

}
