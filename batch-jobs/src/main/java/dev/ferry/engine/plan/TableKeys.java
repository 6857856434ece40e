package dev.ferry.engine.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The key each table of a database is chunked on: its primary key, else its best unique key whose columns are all
 * NOT NULL (fewest columns, an integer first); a key with a column prefix or a type that cannot be chunked on
 * ({@link KeyType#of}) does not count. Tables without such a key are read whole.
 */
final class TableKeys {

	private static final String INDEXES = """
			SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART
			FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?
			ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX""";

	private static final String COLUMNS = """
			SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, IS_NULLABLE
			FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?""";

	private TableKeys() {
	}

	private record Column(String dataType, boolean nullable) {
	}

	private record Index(String name, boolean unique, List<String> columns, boolean prefixed) {
	}

	static Map<String, List<KeyColumn>> read(Connection connection, String database) throws SQLException {
		Map<String, Map<String, Column>> columns = new HashMap<>();
		try (PreparedStatement statement = SourceTables.prepare(connection, COLUMNS, database);
				ResultSet rs = statement.executeQuery()) {
			while (rs.next()) {
				columns.computeIfAbsent(rs.getString(1), (k) -> new HashMap<>())
					.put(rs.getString(2), new Column(rs.getString(3), "YES".equals(rs.getString(4))));
			}
		}
		Map<String, Map<String, Index>> indexes = new LinkedHashMap<>();
		try (PreparedStatement statement = SourceTables.prepare(connection, INDEXES, database);
				ResultSet rs = statement.executeQuery()) {
			while (rs.next()) {
				Map<String, Index> ofTable = indexes.computeIfAbsent(rs.getString(1), (k) -> new LinkedHashMap<>());
				String name = rs.getString(2);
				rs.getObject(6);
				boolean prefixed = !rs.wasNull();
				Index index = ofTable.computeIfAbsent(name, (k) -> new Index(k, true, new ArrayList<>(), false));
				boolean unique = index.unique() && rs.getLong(3) == 0;
				index.columns().add(rs.getString(5));
				ofTable.put(name, new Index(name, unique, index.columns(), index.prefixed() || prefixed));
			}
		}
		Map<String, List<KeyColumn>> keys = new HashMap<>();
		indexes.forEach((table, ofTable) -> {
			List<KeyColumn> key = choose(ofTable.values(), columns.getOrDefault(table, Map.of()));
			if (key != null) {
				keys.put(table, key);
			}
		});
		return keys;
	}

	private static @Nullable List<KeyColumn> choose(Iterable<Index> indexes, Map<String, Column> columns) {
		List<KeyColumn> best = null;
		for (Index index : indexes) {
			List<KeyColumn> key = usable(index, columns);
			if (key == null) {
				continue;
			}
			if (index.name().equals("PRIMARY")) {
				return key;
			}
			if (best == null || better(key, best)) {
				best = key;
			}
		}
		return best;
	}

	private static boolean better(List<KeyColumn> candidate, List<KeyColumn> best) {
		if (candidate.size() != best.size()) {
			return candidate.size() < best.size();
		}
		return candidate.get(0).type() == KeyType.INTEGER && best.get(0).type() != KeyType.INTEGER;
	}

	private static @Nullable List<KeyColumn> usable(Index index, Map<String, Column> columns) {
		if (!index.unique() || index.prefixed()) {
			return null;
		}
		List<KeyColumn> key = new ArrayList<>();
		for (String name : index.columns()) {
			Column column = columns.get(name);
			KeyType type = (column == null) ? null : KeyType.of(column.dataType());
			if (type == null || column.nullable()) {
				return null;
			}
			key.add(new KeyColumn(name, type));
		}
		return List.copyOf(key);
	}

}
