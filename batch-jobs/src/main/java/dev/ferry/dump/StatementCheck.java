package dev.ferry.dump;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Checks each statement of one file against the file's {@link DumpFileRole}: the statement's kind and target from
 * its first {@value #HEADER} tokens, and, streamed over all its tokens, the words that would take it beyond its
 * role ({@code SELECT} in a {@code CREATE TABLE}, anything but literals after {@code VALUES}). {@code SET}s go to
 * {@link SetStatement}, which follows the session's {@code sql_mode} ({@link SessionMode}) so that the reader reads
 * on as the server will; the native engine's {@code SET @ferry_ddl} … {@code EXECUTE IMMEDIATE @ferry_ddl} pairs to
 * {@link DdlCarrier}, and the statement carried is read and checked here in the file's role, {@link #nested}.
 * Reports each table a statement creates or fills. {@link #finish} checks what the file leaves behind.
 */
final class StatementCheck implements SqlStatementReader.Handler {

	static final int HEADER = 64;

	private static final int PREVIEW_TOKENS = 12;

	private static final int PREVIEW_CHARS = 120;

	private final DumpFileRole role;

	private final String shownName;

	private final Consumer<String> tables;

	private final SqlStatementReader reader;

	/** Whether this checks the statement carried in {@code @ferry_ddl}, not the file's own. */
	private final boolean nested;

	private final RoleRules rules;

	private final SessionMode session;

	private final SetStatement sets;

	private final DdlCarrier ddl;

	private final List<SqlToken> header = new ArrayList<>(HEADER);

	/** Bit {@code i}: token {@code i} came right after the one before. */
	private long attached;

	private int count;

	private boolean setStatement;

	private int stringLimit;

	private long statements;

	private final StatementFacts facts;

	/** Checks the statements {@code reader} reads from one file. */
	StatementCheck(DumpFileRole role, String shownName, Consumer<String> tables, SqlStatementReader reader) {
		this(role, shownName, tables, reader, false);
	}

	private StatementCheck(DumpFileRole role, String shownName, Consumer<String> tables, SqlStatementReader reader,
			boolean nested) {
		this.role = role;
		this.shownName = shownName;
		this.tables = tables;
		this.reader = reader;
		this.nested = nested;
		this.rules = new RoleRules(role, tables);
		this.session = new SessionMode(role.kind());
		this.sets = new SetStatement(this.session);
		this.ddl = new DdlCarrier(role.kind());
		this.facts = new StatementFacts(role.kind() == DumpFileRole.Kind.DATA);
	}

	long statements() {
		return this.statements;
	}

	@Override
	public void token(SqlToken token) {
		if (this.count < HEADER) {
			this.header.add(token);
			if (this.reader.attached()) {
				this.attached |= 1L << this.count;
			}
			if (this.count == 0) {
				this.setStatement = token.is("SET") && !this.nested;
			}
			if (this.setStatement) {
				this.stringLimit = Math.max(SetStatement.valueLimit(this.header), DdlCarrier.valueLimit(this.header));
			}
		}
		else {
			this.stringLimit = 0;
		}
		this.count++;
		this.facts.accept(token);
	}

	@Override
	public int stringLimit() {
		return this.stringLimit;
	}

	@Override
	public LexMode mode() {
		return this.session.mode();
	}

	@Override
	public void end(long line) {
		this.statements++;
		try {
			String refusal = refusal(line);
			if (refusal != null) {
				String where = this.nested ? ""
						: this.shownName + ", statement " + this.statements + " (line " + line + ") ";
				throw new DumpRefusedException(where + "\"" + preview() + "\": " + refusal);
			}
		}
		finally {
			reset();
		}
	}

	/** Checks what the file leaves to the session after its last statement. */
	void finish() {
		String refusal = this.ddl.atEnd();
		if (refusal == null) {
			refusal = this.session.atEnd();
		}
		if (refusal != null) {
			throw new DumpRefusedException(this.shownName + ": " + refusal);
		}
	}

	private void reset() {
		this.header.clear();
		this.attached = 0;
		this.setStatement = false;
		this.stringLimit = 0;
		this.count = 0;
		this.facts.reset();
	}

	private @Nullable String refusal(long line) {
		Header h = new Header(this.header);
		RoleRules.Facts facts = this.facts.facts();
		if (this.nested) {
			return h.at(0).is("CREATE") ? this.rules.refusal(h, facts)
					: "only a CREATE statement of the file's own objects may be carried in @ferry_ddl";
		}
		boolean conditional = this.reader.conditional();
		if (DdlCarrier.executes(this.header)) {
			try {
				return carried(this.ddl.execute(this.header, this.count, conditional));
			}
			catch (DdlCarrier.Refusal ex) {
				return ex.getMessage();
			}
		}
		if (h.at(0).is("SET") && this.count > HEADER) {
			return "SET statement too long";
		}
		if (DdlCarrier.sets(this.header)) {
			return this.ddl.set(this.header, this.attached, conditional, "statement " + this.statements + ", line "
					+ line);
		}
		if (h.at(0).is("SET")) {
			String refusal = this.sets.refusal(this.header, conditional);
			return (refusal != null) ? refusal : this.ddl.between(!this.sets.setsUserVariables());
		}
		String between = this.ddl.between(false);
		return (between != null) ? between : this.rules.refusal(h, facts);
	}

	/** Reads the statement carried in {@code @ferry_ddl} as the server reads it here, and checks it in this role. */
	private @Nullable String carried(DdlCarrier.Carried carried) {
		SqlStatementReader inner = SqlStatementReader.nested(new ByteArrayInputStream(carried.statement()),
				this.session.mode());
		StatementCheck check = new StatementCheck(this.role, this.shownName, this.tables, inner, true);
		String what = "the statement in @ferry_ddl (set at " + carried.setAt() + ") ";
		try {
			inner.read(check);
		}
		catch (DumpRefusedException ex) {
			return what + ex.detail();
		}
		catch (SqlSyntaxException ex) {
			return what + "cannot be read: " + ex.getMessage();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return (check.statements() == 1) ? null : what + "holds " + check.statements() + " statements, not one";
	}

	/** The statement's first tokens, string values shown as {@code '…'}, cut to {@value #PREVIEW_CHARS} characters. */
	private String preview() {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < Math.min(PREVIEW_TOKENS, this.header.size()); i++) {
			if (i > 0) {
				text.append(' ');
			}
			text.append(this.header.get(i).shown());
		}
		if (this.count > PREVIEW_TOKENS || text.length() > PREVIEW_CHARS) {
			text.setLength(Math.min(text.length(), PREVIEW_CHARS));
			text.append(" …");
		}
		return text.toString();
	}

}
