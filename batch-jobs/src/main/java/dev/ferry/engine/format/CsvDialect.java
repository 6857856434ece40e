package dev.ferry.engine.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The one CSV dialect of the engine's CSV files, and the {@code LOAD DATA} statement that reads them back exact. It
 * is what both MariaDB's {@code LOAD DATA} and tidb-lightning's CSV reader with its defaults read:
 * <ul>
 * <li>fields separated by {@code ,}; lines ended by {@code \n}; a first line of column names (Lightning
 * {@code header = true}, {@code LOAD DATA … IGNORE 1 LINES});</li>
 * <li>{@code NULL} as an unquoted {@code \N} (Lightning {@code null = '\N'});</li>
 * <li>numbers unquoted; every other value between {@code "}, its bytes as they are except the backslash escapes
 * {@code \\ \" \0 \n \r \Z} (Lightning {@code backslash-escape = true}, {@code LOAD DATA … ESCAPED BY '\\'}), so
 * each row is one line;</li>
 * <li>values are the columns' own bytes, each in its column's character set, never converted: the file is read as
 * {@code CHARACTER SET binary} (Lightning's {@code data-character-set = "binary"}, its default). Binary strings, blobs,
 * {@code BIT} and spatial values are their raw bytes too;</li>
 * <li>{@code ENUM}/{@code SET} columns with an empty member are written as their index (see
 * {@link ColumnShape.Encoding#INDEX}), which {@code LOAD DATA} reads into a variable and converts to a number.</li>
 * </ul>
 */
public final class CsvDialect {

	/**
	 * The session settings an importer applies before {@link #loadDataStatement}: a {@code sql_mode} that takes every
	 * value a table can hold and reads {@code '\\'} as one backslash, UTC for {@code TIMESTAMP} values, and no foreign
	 * key checks (files load in any order).
	 */
	public static final List<String> LOAD_SESSION = List.of("SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'",
			"SET SESSION time_zone = '+00:00'", "SET SESSION foreign_key_checks = 0");

	static final byte SEPARATOR = ',';

	static final byte[] NULL = { '\\', 'N' };

	private CsvDialect() {
	}

	/**
	 * {@code LOAD DATA LOCAL INFILE '<streamName>' INTO TABLE `db`.`t` CHARACTER SET binary FIELDS TERMINATED BY ','
	 * ENCLOSED BY '"' ESCAPED BY '\\' LINES TERMINATED BY '\n' IGNORE 1 LINES (`a`,@ferry_2,...) SET `b` =
	 * CAST(@ferry_2 AS UNSIGNED)}: loads one CSV file of the table (from the stream given to Connector/J's
	 * {@code setLocalInfileInputStream}, whose name does not matter, or from a file of that name).
	 */
	public static String loadDataStatement(TableShape shape, String streamName) {
		List<String> targets = new ArrayList<>();
		List<String> sets = new ArrayList<>();
		List<ColumnShape> columns = shape.columns();
		for (int i = 0; i < columns.size(); i++) {
			ColumnShape column = columns.get(i);
			if (column.encoding() == ColumnShape.Encoding.INDEX) {
				String variable = "@ferry_" + (i + 1);
				targets.add(variable);
				sets.add(column.quotedName() + " = CAST(" + variable + " AS UNSIGNED)");
			}
			else {
				targets.add(column.quotedName());
			}
		}
		return "LOAD DATA LOCAL INFILE " + SqlText.literal(streamName) + " INTO TABLE " + shape.qualifiedName()
				+ " CHARACTER SET binary FIELDS TERMINATED BY ',' ENCLOSED BY '\"' ESCAPED BY '\\\\'"
				+ " LINES TERMINATED BY '\\n' IGNORE 1 LINES (" + String.join(",", targets) + ")"
				+ (sets.isEmpty() ? "" : " SET " + String.join(", ", sets));
	}

}
