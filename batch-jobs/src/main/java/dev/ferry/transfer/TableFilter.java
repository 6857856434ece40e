package dev.ferry.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;

import dev.ferry.error.FerryException;

/**
 * TiDB's table-filter rules ({@code db.table} with {@code *}, {@code ?} and {@code [...]} wildcards, {@code !} to
 * exclude), case-insensitive. A table is selected when the last rule that matches it is not an exclusion; no
 * matching rule means not selected. The API's {@code filter} may hold several rules separated by {@code ;} or line
 * breaks (TiUniManager's UI joined them with {@code ;} into one flag, which matched nothing).
 */
final class TableFilter {

	private static final int MAX_RULES = 100;

	private final List<Rule> rules;

	private final List<String> texts;

	private TableFilter(List<Rule> rules, List<String> texts) {
		this.rules = rules;
		this.texts = texts;
	}

	/** All tables: what an export without a filter takes. */
	static TableFilter all() {
		return parse("*.*");
	}

	static TableFilter parse(@Nullable String filter) {
		if (filter == null || filter.isBlank()) {
			return all();
		}
		List<Rule> rules = new ArrayList<>();
		List<String> texts = new ArrayList<>();
		for (String raw : filter.split("[;\\r\\n]+")) {
			String text = raw.strip();
			if (text.isEmpty() || text.startsWith("#")) {
				continue;
			}
			rules.add(Rule.parse(text));
			texts.add(text);
		}
		if (rules.isEmpty()) {
			throw FerryException.invalid("filter '" + filter + "' holds no rule");
		}
		if (rules.size() > MAX_RULES) {
			throw FerryException.invalid("filter holds " + rules.size() + " rules; at most " + MAX_RULES);
		}
		return new TableFilter(List.copyOf(rules), List.copyOf(texts));
	}

	boolean matches(String database, String table) {
		boolean selected = false;
		for (Rule rule : this.rules) {
			if (rule.database.matcher(database).matches() && rule.table.matcher(table).matches()) {
				selected = !rule.exclude;
			}
		}
		return selected;
	}

	/** Whether some rule could select a table of the database (an including rule whose database part matches it). */
	boolean mayMatchDatabase(String database) {
		for (Rule rule : this.rules) {
			if (!rule.exclude && rule.database.matcher(database).matches()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the rules take a database as a whole: what decides for a database that holds no table or view (the
	 * native chain exports it, with its routines). True when the last rule matching the database with any table name
	 * ({@code db.*}, {@code *.*}) includes it.
	 */
	boolean matchesWholeDatabase(String database) {
		return matches(database, "*");
	}

	/** The rules as given, one per entry (each becomes its own {@code --filter} flag on the tidb chain). */
	List<String> rules() {
		return this.texts;
	}

	private record Rule(boolean exclude, Pattern database, Pattern table) {

		static Rule parse(String text) {
			if (text.startsWith("-")) {
				throw FerryException.invalid("filter rule '" + text + "' starts with '-', which dumpling would read as "
						+ "an option (escape it as \\-)");
			}
			boolean exclude = text.startsWith("!");
			String body = exclude ? text.substring(1).strip() : text;
			int dot = unescapedDot(body);
			if (dot <= 0 || dot == body.length() - 1) {
				throw FerryException.invalid("filter rule '" + text + "' is not db.table (wildcards * ? [..] allowed, "
						+ "! to exclude)");
			}
			return new Rule(exclude, wildcard(body.substring(0, dot), text), wildcard(body.substring(dot + 1), text));
		}

		private static int unescapedDot(String body) {
			for (int i = 0; i < body.length(); i++) {
				char c = body.charAt(i);
				if (c == '\\') {
					i++;
				}
				else if (c == '.') {
					return i;
				}
			}
			return -1;
		}

		private static Pattern wildcard(String glob, String rule) {
			StringBuilder regex = new StringBuilder();
			for (int i = 0; i < glob.length(); i++) {
				char c = glob.charAt(i);
				switch (c) {
					case '*' -> regex.append(".*");
					case '?' -> regex.append('.');
					case '\\' -> {
						if (++i >= glob.length()) {
							throw FerryException.invalid("filter rule '" + rule + "' ends with a lone backslash");
						}
						regex.append(Pattern.quote(String.valueOf(glob.charAt(i))));
					}
					case '[' -> i = characterSet(glob, i, rule, regex);
					default -> regex.append(Pattern.quote(String.valueOf(c)));
				}
			}
			try {
				return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
			}
			catch (PatternSyntaxException ex) {
				throw FerryException.invalid("filter rule '" + rule + "' is not a valid pattern: " + ex.getDescription());
			}
		}

		/**
		 * Translates the set that opens at {@code start} ({@code [abc]}, {@code [a-z]}, {@code [!0-9]} or
		 * {@code [^0-9]} to exclude; a {@code ]} first in the set is a member) into a regex class whose members are
		 * all escaped, so nothing in a rule is read as regex syntax.
		 * @return the index of the closing {@code ]}
		 */
		private static int characterSet(String glob, int start, String rule, StringBuilder regex) {
			int i = start + 1;
			boolean negate = i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^');
			if (negate) {
				i++;
			}
			StringBuilder members = new StringBuilder();
			boolean first = true;
			while (true) {
				if (i >= glob.length()) {
					throw FerryException.invalid("filter rule '" + rule
							+ "' has an unclosed [ (a ] right after [, [! or [^ is a member of the set, not its end)");
				}
				char c = glob.charAt(i);
				if (c == ']' && !first) {
					break;
				}
				if (c == '[' && i + 1 < glob.length() && glob.charAt(i + 1) == ':') {
					throw FerryException.invalid("filter rule '" + rule
							+ "' uses a class such as [:alpha:], which is not supported: list the characters or a range"
							+ " such as [a-z]");
				}
				if (c == '\\') {
					if (++i >= glob.length()) {
						throw FerryException.invalid("filter rule '" + rule + "' ends with a lone backslash");
					}
					c = glob.charAt(i);
				}
				first = false;
				if (i + 2 < glob.length() && glob.charAt(i + 1) == '-' && glob.charAt(i + 2) != ']') {
					char to = glob.charAt(i + 2);
					if (to < c) {
						throw FerryException.invalid("filter rule '" + rule + "' has the range " + c + "-" + to
								+ ", whose start comes after its end");
					}
					members.append(literal(c)).append('-').append(literal(to));
					i += 3;
				}
				else {
					members.append(literal(c));
					i++;
				}
			}
			if (members.isEmpty()) {
				throw FerryException.invalid("filter rule '" + rule + "' has an empty set " + glob.substring(start, i + 1));
			}
			regex.append('[').append(negate ? "^" : "").append(members).append(']');
			return i;
		}

		/** A character as a regex class member: letters and digits as they are, anything else by its code. */
		private static String literal(char c) {
			return (c < 128 && Character.isLetterOrDigit(c)) ? String.valueOf(c) : String.format("\\x{%x}", (int) c);
		}

	}

	@Override
	public String toString() {
		return String.join(";", this.texts);
	}

}
