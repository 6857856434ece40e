package dev.ferry.engine.plan;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.ferry.cluster.SqlNames;

/**
 * Equal value ranges of a single integer key between its minimum and maximum (exact for every integer type, signed or
 * unsigned: the arithmetic is on {@link BigInteger}). Keys whose values are much sparser than the rows (more than
 * {@link #SPARSE_FACTOR} values per row: an outlier such as one row at 2^63) would give a few huge chunks and many
 * empty ones; those are left to {@link SampledBoundaries}.
 */
final class IntegerRanges {

	/** Key values per row above which the values are too sparse for even value ranges. */
	static final long SPARSE_FACTOR = 64;

	private IntegerRanges() {
	}

	/** The boundaries (the first key value of each chunk but the first), or null when the key is too sparse. */
	static @Nullable List<Bound> boundaries(Connection connection, SourceTable table, long chunkRows)
			throws SQLException {
		String key = SqlNames.quote(table.key().get(0).name());
		BigInteger min;
		BigInteger max;
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT MIN(" + key + "), MAX(" + key + ") FROM "
						+ SqlNames.qualified(table.database(), table.table()))) {
			rs.next();
			if (rs.getBigDecimal(1) == null) {
				return List.of(); // empty (the statistics were stale)
			}
			min = rs.getBigDecimal(1).toBigIntegerExact();
			max = rs.getBigDecimal(2).toBigIntegerExact();
		}
		return split(min, max, table.rowsEstimate(), chunkRows);
	}

	static @Nullable List<Bound> split(BigInteger min, BigInteger max, long rows, long chunkRows) {
		BigInteger span = max.subtract(min).add(BigInteger.ONE);
		BigInteger rowCount = BigInteger.valueOf(Math.max(1, rows));
		if (span.compareTo(rowCount.multiply(BigInteger.valueOf(SPARSE_FACTOR))) > 0) {
			return null;
		}
		BigInteger count = ChunkPlanner.ceilDiv(rowCount, BigInteger.valueOf(chunkRows)).min(span);
		BigInteger step = ChunkPlanner.ceilDiv(span, count);
		List<Bound> boundaries = new ArrayList<>();
		for (BigInteger next = min.add(step); next.compareTo(max) <= 0; next = next.add(step)) {
			boundaries.add(Bound.of(next.toString()));
		}
		return boundaries;
	}

}
