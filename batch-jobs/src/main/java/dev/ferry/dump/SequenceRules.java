package dev.ferry.dump;

import org.jspecify.annotations.Nullable;

/**
 * What a {@code {db}.{s}-schema-sequence.sql} file may do: create its own sequence (with the table options
 * {@link RoleRules} allows a table) and put it back at its position with {@code DO SETVAL(s, n[, used[, round]])}
 * of that sequence alone, nothing else in the {@code DO}.
 */
final class SequenceRules {

	private final DumpFileRole role;

	SequenceRules(DumpFileRole role) {
		this.role = role;
	}

	@Nullable String refusal(Header h, RoleRules.Facts facts) {
		if (h.at(0).is("DO")) {
			return setval(h);
		}
		int keyword = h.createKeyword();
		if (keyword < 0 || !h.at(keyword).is("SEQUENCE")) {
			return "a -schema-sequence.sql file may only create its own sequence " + this.role.shown()
					+ " and DO SETVAL of it";
		}
		if (facts.refusedWord() != null) {
			return "CREATE SEQUENCE with " + facts.refusedWord() + " is refused";
		}
		if (facts.engine() != null && !RoleRules.ENGINES.contains(facts.engine())) {
			return "the storage engine " + facts.engine() + " is refused (it reads data outside the table)";
		}
		Header.Name name = h.name(h.skipIfExists(keyword + 1, true));
		return (name != null && this.role.ownTable(name.database(), name.object()) != null) ? null
				: "a -schema-sequence.sql file may only create its own sequence " + this.role.shown();
	}

	/** {@code DO SETVAL(name, [-]n [, n [, n]])} and nothing more. */
	private @Nullable String setval(Header h) {
		String refusal = "DO is only accepted as DO SETVAL(" + this.role.shown()
				+ ", value[, is_used[, round]]) of the file's own sequence";
		Header.Name name = h.at(1).is("SETVAL") && h.at(2).isSymbol('(') ? h.name(3) : null;
		if (name == null || this.role.ownTable(name.database(), name.object()) == null) {
			return refusal;
		}
		int i = name.next();
		for (int argument = 0; argument < 3 && h.at(i).isSymbol(','); argument++) {
			i++;
			if (h.at(i).isSymbol('-')) {
				i++;
			}
			if (!isNumber(h.at(i))) {
				return refusal;
			}
			i++;
		}
		return (h.at(i).isSymbol(')') && i == h.size() - 1 && i > name.next()) ? null : refusal;
	}

	private static boolean isNumber(SqlToken token) {
		if (token.kind() != SqlToken.Kind.WORD) {
			return false;
		}
		for (int i = 0; i < token.text().length(); i++) {
			char c = token.text().charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return !token.text().isEmpty();
	}

}
