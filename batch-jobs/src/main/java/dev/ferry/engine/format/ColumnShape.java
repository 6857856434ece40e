package dev.ferry.engine.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

	/**
	 * How a column's values travel. In SQL files every value is UTF-8 text (a file replays through any client); in
	 * CSV files every value that is not a number is its raw bytes, quoted and escaped (see {@link CsvDialect}).
	 */
	public enum Encoding {

		/**
		 * A number as the server prints it, unquoted: integers, {@code DECIMAL}, {@code DOUBLE}, {@code YEAR}, and
		 * {@code FLOAT} read as a {@code DOUBLE} (the server prints a {@code FLOAT} with 6 digits, which loses bits;
		 * the double that holds it exactly prints with all of them).
		 */
		NUMBER,

		/**
		 * A {@code DATE}, {@code DATETIME}, {@code TIMESTAMP} (in UTC) or {@code TIME} as the server prints it,
		 * quoted: zero dates, negative and fractional times included. Selected as {@code CAST(… AS CHAR)}, since
		 * Connector/J 3.5 rewrites the fraction of a {@code TIMESTAMP(3)} it reads ({@code .001} became
		 * {@code .1000}).
		 */
		TEMPORAL,

		/**
		 * Characters in a UTF-8 character set ({@code utf8mb4}, {@code utf8mb3}, {@code ascii}), {@code JSON}
		 * included: their bytes, quoted and escaped.
		 */
		TEXT,

		/**
		 * Characters in any other character set ({@code latin1}, {@code sjis}...), read as their own bytes: in SQL a
		 * hex literal with the character set's introducer ({@code _latin1 0xE9}), stored as they are.
		 */
		FOREIGN_TEXT,

		/**
		 * Bytes: binary strings, blobs, {@code BIT}, spatial values (the server's internal format). In SQL a hex
		 * literal ({@code 0x…}, {@code ''} when empty).
		 */
		BINARY,

		/**
		 * The index of an {@code ENUM} value or the bits of a {@code SET} value, unquoted: used when the type has an
		 * empty member, which reads like the invalid value {@code ''} (index 0) of an {@code ENUM}. Other
		 * {@code ENUM}/{@code SET} columns travel by name, as text.
		 */
		INDEX

	}

	/** The shape of a column from its {@code information_schema.COLUMNS} facts. */
	public static ColumnShape of(String name, String dataType, String columnType, @Nullable String charset) {
		String type = dataType.toLowerCase(Locale.ROOT);
		String set = (charset != null) ? charset.toLowerCase(Locale.ROOT) : null;
		Encoding encoding = switch (type) {
			case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric", "double",
					"real", "float", "year" ->
				Encoding.NUMBER;
			case "date", "datetime", "timestamp", "time" -> Encoding.TEMPORAL;
			case "enum", "set" -> hasEmptyMember(columnType) ? Encoding.INDEX : text(set);
			default -> (set == null || set.equals("binary")) ? Encoding.BINARY : text(set);
		};
		return new ColumnShape(name, type, columnType, set, encoding);
	}

	private static Encoding text(@Nullable String charset) {
		return (charset == null || ServerCharsets.UTF8.contains(charset)) ? Encoding.TEXT : Encoding.FOREIGN_TEXT;
	}

	/** The column's name between backticks. */
	public String quotedName() {
		return SqlText.quote(this.name);
	}

	/** What to select so that the value arrives exact (see {@link Encoding}). */
	public String selectExpression() {
		String quoted = quotedName();
		return switch (this.encoding) {
			case INDEX -> quoted + "+0";
			case FOREIGN_TEXT -> "CAST(" + quoted + " AS BINARY)"; // its own bytes, not converted to utf8mb4
			case TEMPORAL -> "CAST(" + quoted + " AS CHAR)";
			case NUMBER -> this.dataType.equals("float") ? "CAST(" + quoted + " AS DOUBLE)" : quoted;
			default -> quoted;
		};
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
