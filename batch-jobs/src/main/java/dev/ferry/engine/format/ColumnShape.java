package dev.ferry.engine.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One column that holds data, and how its values are read and written so that they come back exact.
 * @param name the column's name
 * @param dataType {@code information_schema.COLUMNS.DATA_TYPE} ({@code int}, {@code varchar}, {@code float}...)
 * @param columnType {@code COLUMN_TYPE} ({@code int(10) unsigned}, {@code enum('a','')}...)
 * @param charset the character set of a character column ({@code CHARACTER_SET_NAME}), null for the others
 * @param encoding how its values are selected and written
 */
public record ColumnShape(String name, String dataType, String columnType, @Nullable String charset,
		Encoding encoding) {

	/** How a column's values travel. */
	public enum Encoding {

		/**
		 * A number written as the server prints it, unquoted: integers, {@code DECIMAL}, {@code DOUBLE}, {@code YEAR},
		 * and {@code FLOAT} read as a {@code DOUBLE} (the server prints a {@code FLOAT} with 6 digits, which loses
		 * bits; the double that holds it exactly prints with all of them).
		 */
		NUMBER,

		/**
		 * Bytes, quoted and escaped: character strings (in the column's own character set), binary strings, blobs,
		 * {@code BIT}, spatial values (the server's internal format), temporal values, {@code JSON}, and
		 * {@code ENUM}/{@code SET} values by name.
		 */
		BYTES,

		/**
		 * The index of an {@code ENUM} value or the bits of a {@code SET} value, unquoted: used when the type has an
		 * empty member, which reads like the invalid value {@code ''} (index 0) of an {@code ENUM}.
		 */
		INDEX

	}

	/** Character sets whose bytes Connector/J receives unchanged (it asks for utf8mb4 results). */
	private static final Set<String> UTF8_BYTES = Set.of("utf8mb4", "utf8mb3", "utf8", "ascii");

	/** The shape of a column from its {@code information_schema.COLUMNS} facts. */
	public static ColumnShape of(String name, String dataType, String columnType, @Nullable String charset) {
		String type = dataType.toLowerCase(Locale.ROOT);
		Encoding encoding = switch (type) {
			case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric", "double",
					"real", "float", "year" ->
				Encoding.NUMBER;
			case "enum", "set" -> hasEmptyMember(columnType) ? Encoding.INDEX : Encoding.BYTES;
			default -> Encoding.BYTES;
		};
		return new ColumnShape(name, type, columnType, charset, encoding);
	}

	/** The column's name between backticks. */
	public String quotedName() {
		return SqlText.quote(this.name);
	}

	/** What to select so that the value arrives exact (see {@link Encoding}). */
	public String selectExpression() {
		String quoted = quotedName();
		if (this.encoding == Encoding.INDEX) {
			return quoted + "+0";
		}
		if (this.dataType.equals("float")) {
			return "CAST(" + quoted + " AS DOUBLE)";
		}
		if (this.charset != null && !UTF8_BYTES.contains(this.charset.toLowerCase(Locale.ROOT))) {
			return "CAST(" + quoted + " AS BINARY)"; // its own bytes, not converted to the connection's utf8mb4
		}
		return quoted;
	}

	/** The members of an {@code enum(...)} or {@code set(...)} column type, unquoted. */
	static List<String> members(String columnType) {
		List<String> members = new ArrayList<>();
		int open = columnType.indexOf('(');
		if (open < 0) {
			return members;
		}
		StringBuilder member = null;
		for (int i = open + 1; i < columnType.length(); i++) {
			char c = columnType.charAt(i);
			if (member == null) {
				if (c == '\'') {
					member = new StringBuilder();
				}
				else if (c == ')') {
					break;
				}
			}
			else if (c == '\'' && i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
				member.append('\'');
				i++;
			}
			else if (c == '\\' && i + 1 < columnType.length()) {
				member.append(columnType.charAt(++i));
			}
			else if (c == '\'') {
				members.add(member.toString());
				member = null;
			}
			else {
				member.append(c);
			}
		}
		return members;
	}

	static boolean hasEmptyMember(String columnType) {
		return members(columnType).contains("");
	}

}
