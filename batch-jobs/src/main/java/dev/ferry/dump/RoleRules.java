package dev.ferry.dump;

import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * What each {@link DumpFileRole} lets a statement do, decided from the statement's first tokens ({@link Header})
 * and the facts {@link StatementCheck} gathered over all of its tokens. Reports the table a statement creates or
 * fills.
 */
final class RoleRules {

	/** Storage engines whose tables stay in the server's data directory and read nothing else. */
	static final Set<String> ENGINES = Set.of("INNODB", "MYISAM", "ARIA", "MEMORY", "HEAP", "ARCHIVE",
			"CSV", "BLACKHOLE", "ROCKSDB", "TOKUDB", "COLUMNSTORE");

	private final DumpFileRole role;

	private final Consumer<String> tables;

	private final SequenceRules sequences;

	/** What the whole statement held, past its first tokens too. */
	record Facts(@Nullable String refusedWord, @Nullable String engine, boolean afterValues,
			@Nullable SqlToken badValue) {
	}

	RoleRules(DumpFileRole role, Consumer<String> tables) {
		this.role = role;
		this.tables = tables;
		this.sequences = new SequenceRules(role);
	}

	/** Null if the statement fits the file's role, else why not. */
	@Nullable String refusal(Header h, Facts facts) {
		return switch (this.role.kind()) {
			case DATABASE -> database(h);
			case TABLE -> table(h, facts);
			case VIEW -> view(h);
			case TRIGGERS -> triggers(h);
			case ROUTINES -> routines(h, facts);
			case DATA -> data(h, facts);
			case SEQUENCE -> sequence(h, facts);
			case PLACEHOLDER -> "a database's placeholder file ({db}.-schema.sql-schema-trigger.sql) may only hold"
					+ " SET statements";
			default -> "this file is not read";
		};
	}

	private @Nullable String database(Header h) {
		if (!h.at(0).is("CREATE") || !(h.at(1).is("DATABASE") || h.at(1).is("SCHEMA"))) {
			return "a -schema-create.sql file may only create its database " + this.role.shown();
		}
		Header.Name name = h.name(h.skipIfExists(2, true));
		return (name != null && name.database() == null && this.role.ownsDatabase(name.object())) ? null
				: "a -schema-create.sql file may only create its own database " + this.role.shown();
	}

	private @Nullable String table(Header h, Facts facts) {
		if (h.at(0).is("DROP")) {
			return dropOwnTable(h, false);
		}
		int keyword = h.createKeyword();
		if (keyword < 0 || !h.at(keyword).is("TABLE")) {
			return "a -schema.sql file may only create or drop its own table " + this.role.shown();
		}
		if (facts.refusedWord() != null) {
			return "CREATE TABLE with " + facts.refusedWord() + " is refused: a dump's table is created from its"
					+ " definition only";
		}
		if (facts.engine() != null && !ENGINES.contains(facts.engine())) {
			return "the storage engine " + facts.engine() + " is refused (it reads data outside the table)";
		}
		Header.Name name = h.name(h.skipIfExists(keyword + 1, true));
		if (name != null && (h.at(name.next()).is("LIKE")
				|| (h.at(name.next()).isSymbol('(') && h.at(name.next() + 1).is("LIKE")))) {
			return "CREATE TABLE … LIKE is refused: a dump's table is created from its definition only";
		}
		return ownTable(name, "a -schema.sql file");
	}

	private @Nullable String dropOwnTable(Header h, boolean views) {
		if (!(h.at(1).is("TABLE") || (views && h.at(1).is("VIEW")))) {
			return "a schema file may only drop its own table or view";
		}
		int i = h.skipIfExists(2, false);
		while (true) {
			Header.Name name = h.name(i);
			if (name == null || this.role.ownTable(name.database(), name.object()) == null) {
				return "a schema file may only drop its own table or view " + this.role.shown();
			}
			i = name.next();
			if (i >= h.size() || h.at(i).is("RESTRICT") || h.at(i).is("CASCADE")) {
				return (i < h.size() - 1) ? "unexpected words after DROP" : null;
			}
			if (!h.at(i).isSymbol(',')) {
				return "unexpected words after DROP";
			}
			i++;
		}
	}

	private @Nullable String view(Header h) {
		if (h.at(0).is("DROP")) {
			return dropOwnTable(h, true);
		}
		int keyword = h.createKeyword();
		if (keyword < 0 || !h.at(keyword).is("VIEW")) {
			return "a -schema-view.sql file may only create or drop its own view " + this.role.shown();
		}
		Header.Name name = h.name(h.skipIfExists(keyword + 1, true));
		return (name != null && this.role.ownTable(name.database(), name.object()) != null) ? null
				: "a -schema-view.sql file may only create its own view " + this.role.shown();
	}

	private @Nullable String triggers(Header h) {
		if (h.at(0).is("DROP")) {
			Header.Name name = h.at(1).is("TRIGGER") ? h.name(h.skipIfExists(2, false)) : null;
			return (name != null && ownObject(name) && name.next() == h.size()) ? null
					: "a -schema-triggers.sql file may only drop triggers of its own database";
		}
		int keyword = h.createKeyword();
		if (keyword < 0 || !h.at(keyword).is("TRIGGER")) {
			return "a -schema-triggers.sql file may only create or drop triggers on " + this.role.shown();
		}
		Header.Name name = h.name(h.skipIfExists(keyword + 1, true));
		if (name == null || !ownObject(name)) {
			return "a -schema-triggers.sql file may only create triggers in its own database";
		}
		int on = name.next() + 2;
		if (!h.at(on).is("ON")) {
			return "a trigger must be BEFORE|AFTER INSERT|UPDATE|DELETE ON its table";
		}
		Header.Name table = h.name(on + 1);
		return (table != null && this.role.ownTable(table.database(), table.object()) != null) ? null
				: "a -schema-triggers.sql file may only create triggers on its own table " + this.role.shown();
	}

	private @Nullable String routines(Header h, Facts facts) {
		boolean drop = h.at(0).is("DROP");
		int keyword = drop ? 1 : h.createKeyword();
		if (keyword < 0 || !(h.at(keyword).is("PROCEDURE") || h.at(keyword).is("FUNCTION") || h.at(keyword).is("EVENT"))) {
			return "a -schema-post.sql file may only create or drop procedures, functions and events of "
					+ this.role.shown();
		}
		if (!drop && "SONAME".equals(facts.refusedWord())) {
			return "a function from a shared library (SONAME) is refused";
		}
		Header.Name name = h.name(h.skipIfExists(keyword + 1, !drop));
		return (name != null && ownObject(name) && (!drop || name.next() == h.size())) ? null
				: "a -schema-post.sql file may only create or drop objects of its own database " + this.role.shown();
	}

	private @Nullable String data(Header h, Facts facts) {
		if (!(h.at(0).is("INSERT") || h.at(0).is("REPLACE"))) {
			return "a data file may only INSERT or REPLACE into its own table " + this.role.shown();
		}
		int i = 1;
		while (h.at(i).is("LOW_PRIORITY") || h.at(i).is("DELAYED") || h.at(i).is("HIGH_PRIORITY")
				|| h.at(i).is("IGNORE")) {
			i++;
		}
		if (h.at(i).is("INTO")) {
			i++;
		}
		String refusal = ownTable(h.name(i), "a data file");
		if (refusal != null) {
			return refusal;
		}
		if (!facts.afterValues()) {
			return "a data file may only insert VALUES (no SELECT or SET)";
		}
		SqlToken bad = facts.badValue();
		return (bad == null) ? null
				: "only literal values may follow VALUES (found " + bad.shown() + ")";
	}

	private @Nullable String sequence(Header h, RoleRules.Facts facts) {
		String refusal = this.sequences.refusal(h, facts);
		if (refusal == null && !h.at(0).is("DO")) {
			this.tables.accept(this.role.shown());
		}
		return refusal;
	}

	private boolean ownObject(Header.Name name) {
		return name.database() == null || this.role.ownsDatabase(name.database());
	}

	private @Nullable String ownTable(Header.@Nullable Name name, String what) {
		String table = (name != null) ? this.role.ownTable(name.database(), name.object()) : null;
		if (table == null) {
			return what + " may only write its own table " + this.role.shown();
		}
		this.tables.accept(table);
		return null;
	}

}
