package dev.ferry.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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

	/** The rules as given, one per entry (each becomes its own {@code --filter} flag on the tidb chain). */
	List<String> rules() {
		return this.texts;
	}

	private record Rule(boolean exclude, Pattern database, Pattern table) {

		static Rule parse(String text) {
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
					case '[' -> {
						int end = glob.indexOf(']', i + 2);
						if (end < 0) {
							throw FerryException.invalid("filter rule '" + rule + "' has an unclosed [");
						}
						String set = glob.substring(i + 1, end).replace("\\", "\\\\");
						regex.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
						i = end;
					}
					default -> regex.append(Pattern.quote(String.valueOf(c)));
				}
			}
			return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
		}

	}

	@Override
	public String toString() {
		return String.join(";", this.texts);
	}

}
