package dev.ferry.engine.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.ferry.cluster.SqlNames;

/**
 * Boundaries read from the key's index, every {@code chunkRows}-th key in key order: {@code SELECT key FROM t WHERE
 * key >= previous ORDER BY key LIMIT 1 OFFSET chunkRows}. One pass over the index (the key columns only), for any
 * key type and composite keys, and exact however the values are spread.
 */
final class SampledBoundaries {

	/** A plan never makes more chunks of one table than this (a larger table gets larger chunks). */
	static final int MAX_CHUNKS = 100_000;

	private SampledBoundaries() {
	}

	static List<Bound> boundaries(Connection connection, SourceTable table, long chunkRows) throws SQLException {
		long step = Math.max(chunkRows, table.rowsEstimate() / MAX_CHUNKS);
		String columns = table.key().stream().map((k) -> SqlNames.quote(k.name())).collect(Collectors.joining(", "));
		List<Bound> boundaries = new ArrayList<>();
		Bound previous = null;
		while (true) {
			Bound next = next(connection, table, columns, previous, step);
			if (next == null) {
				return boundaries;
			}
			boundaries.add(next);
			previous = next;
		}
	}

	private static @Nullable Bound next(Connection connection, SourceTable table, String columns,
			@Nullable Bound from, long step) throws SQLException {
		ChunkPredicate predicate = ChunkPredicate.of(table.key(), from, null);
		String sql = "SELECT " + columns + " FROM " + SqlNames.qualified(table.database(), table.table())
				+ predicate.whereClause() + " ORDER BY " + columns + " LIMIT 1 OFFSET " + step;
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			predicate.bind(statement, 1);
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					return null;
				}
				List<String> values = new ArrayList<>();
				for (int i = 0; i < table.key().size(); i++) {
					values.add(table.key().get(i).type().read(rs, i + 1));
				}
				return new Bound(values);
			}
		}
	}

}
