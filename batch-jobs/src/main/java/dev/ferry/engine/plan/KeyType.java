package dev.ferry.engine.plan;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How a key column's values are compared and carried between the planner and the workers. A boundary is kept as
 * text (in a partition's context): integers and decimals in decimal notation, binary strings in hex, everything else
 * as the server prints it (temporal values in the session time zone, which the engine sets to UTC everywhere).
 * <p>
 * Only types whose {@code ORDER BY} order equals their comparison order are chunked: not {@code ENUM} and
 * {@code SET} (ordered by member number, compared as text), {@code BIT}, floating point, {@code JSON} or spatial.
 */
public enum KeyType {

	/** Whole numbers, signed or unsigned, up to {@code BIGINT UNSIGNED}. */
	INTEGER,

	/** {@code DECIMAL}: exact, compared as decimal. */
	DECIMAL,

	/** Character strings, compared in the column's collation. */
	TEXT,

	/** {@code BINARY}/{@code VARBINARY}: compared byte by byte. */
	BYTES,

	/** {@code DATE}, {@code TIME}, {@code DATETIME}, {@code TIMESTAMP}, {@code YEAR}. */
	TEMPORAL;

	/** The key type of an {@code information_schema.COLUMNS.DATA_TYPE}, or null when it cannot be chunked on. */
	static @Nullable KeyType of(String dataType) {
		return switch (dataType.toLowerCase(Locale.ROOT)) {
			case "tinyint", "smallint", "mediumint", "int", "integer", "bigint" -> INTEGER;
			case "decimal", "numeric" -> DECIMAL;
			case "char", "varchar" -> TEXT;
			case "binary", "varbinary" -> BYTES;
			case "date", "time", "datetime", "timestamp", "year" -> TEMPORAL;
			default -> null;
		};
	}

	/** The column's value in the current row as boundary text. */
	String read(ResultSet rs, int column) throws SQLException {
		return switch (this) {
			case INTEGER, DECIMAL -> rs.getBigDecimal(column).toPlainString();
			case BYTES -> HexFormat.of().formatHex(rs.getBytes(column));
			case TEXT, TEMPORAL -> rs.getString(column);
		};
	}

	/** Binds boundary text so that the server compares it exactly as it compares the column's values. */
	void bind(PreparedStatement statement, int index, String value) throws SQLException {
		switch (this) {
			case INTEGER -> {
				BigInteger number = new BigInteger(value);
				if (number.bitLength() < 64) {
					statement.setLong(index, number.longValue());
				}
				else {
					statement.setBigDecimal(index, new BigDecimal(number)); // BIGINT UNSIGNED above 2^63-1
				}
			}
			case DECIMAL -> statement.setBigDecimal(index, new BigDecimal(value));
			case BYTES -> statement.setBytes(index, HexFormat.of().parseHex(value));
			case TEXT, TEMPORAL -> statement.setString(index, value);
		}
	}

}
