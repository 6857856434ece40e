package dev.ferry.dump;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** The first tokens of a statement, with the little parsing the role checks need. */
final class Header {

	private static final SqlToken NOTHING = new SqlToken(SqlToken.Kind.SYMBOL, "\0");

	/** Words that may come between CREATE and the object keyword. */
	private static final Set<String> PRELUDE = Set.of("OR", "REPLACE", "ALGORITHM", "UNDEFINED", "MERGE",
			"TEMPTABLE", "SQL", "SECURITY", "DEFINER", "INVOKER", "AGGREGATE");

	private final List<SqlToken> tokens;

	Header(List<SqlToken> tokens) {
		this.tokens = tokens;
	}

	/** A name, {@code object} or {@code database.object}, and the index after it. */
	record Name(@Nullable String database, String object, int next) {
	}

	int size() {
		return this.tokens.size();
	}

	SqlToken at(int i) {
		return (i >= 0 && i < this.tokens.size()) ? this.tokens.get(i) : NOTHING;
	}

	/** After {@code CREATE [OR REPLACE] [ALGORITHM=…] [DEFINER=user] [SQL SECURITY …]}: the object keyword's index. */
	int createKeyword() {
		if (!at(0).is("CREATE")) {
			return -1;
		}
		int i = 1;
		while (i < size()) {
			SqlToken token = at(i);
			if (token.is("DEFINER") && at(i + 1).isSymbol('=')) {
				i = skipUser(i + 1);
				continue;
			}
			if (token.isSymbol('=') || (token.kind() == SqlToken.Kind.WORD
					&& PRELUDE.contains(token.text().toUpperCase(java.util.Locale.ROOT)))) {
				i++;
				continue;
			}
			return (token.kind() == SqlToken.Kind.WORD) ? i : -1;
		}
		return -1;
	}

	/** Skips {@code = user[@host]} or {@code = CURRENT_USER[()]}. */
	private int skipUser(int i) {
		if (at(i).isSymbol('=')) {
			i++;
		}
		if (at(i).is("CURRENT_USER")) {
			return at(i + 1).isSymbol('(') && at(i + 2).isSymbol(')') ? i + 3 : i + 1;
		}
		i++; // the user: a word (root@localhost), an identifier or a string
		if (at(i).kind() == SqlToken.Kind.WORD && at(i).text().startsWith("@")) {
			return at(i).text().equals("@") ? i + 2 : i + 1;
		}
		return i;
	}

	/** Skips {@code IF NOT EXISTS} (create) or {@code IF EXISTS} (drop) at {@code i}. */
	int skipIfExists(int i, boolean create) {
		if (create && at(i).is("IF") && at(i + 1).is("NOT") && at(i + 2).is("EXISTS")) {
			return i + 3;
		}
		if (!create && at(i).is("IF") && at(i + 1).is("EXISTS")) {
			return i + 2;
		}
		return i;
	}

	/** The name at {@code i}, or null if there is none. */
	@Nullable Name name(int i) {
		if (!at(i).isName()) {
			return null;
		}
		if (at(i + 1).isSymbol('.') && at(i + 2).isName()) {
			return new Name(at(i).text(), at(i + 2).text(), i + 3);
		}
		return new Name(null, at(i).text(), i + 1);
	}

}
