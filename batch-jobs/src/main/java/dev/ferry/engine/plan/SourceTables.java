package dev.ferry.engine.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what an export takes from {@code information_schema}: the selected databases (those with a selected table or
 * view, and empty ones the rules take whole) and their selected base tables with estimates and chunk keys.
 */
final class SourceTables {

	static final String SYSTEM_SCHEMAS = "('mysql', 'sys', 'information_schema', 'performance_schema', "
			+ "'metrics_schema', 'inspection_schema')";

	private static final String SCHEMATA = "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME "
			+ "NOT IN " + SYSTEM_SCHEMAS + " ORDER BY SCHEMA_NAME";

	private static final String TABLES = """
			SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_ROWS, AVG_ROW_LENGTH, DATA_LENGTH
			FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME""";

	private SourceTables() {
	}

	/** What {@link #read} found: databases in name order, and their selected base tables. */
	record Found(List<String> databases, List<SourceTable> tables) {
	}

	static Found read(Connection connection, TableSelection selection) throws SQLException {
		Set<String> all = new LinkedHashSet<>();
		Set<String> withObjects = new LinkedHashSet<>();
		Set<String> selectedDatabases = new LinkedHashSet<>();
		Map<String, List<SourceTable>> byDatabase = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(SCHEMATA)) {
			while (rs.next()) {
				all.add(rs.getString(1));
			}
		}
		for (String database : all) {
			if (!selection.mayHaveTablesIn(database) && !selection.selectsEmptyDatabase(database)) {
				continue;
			}
			try (PreparedStatement statement = prepare(connection, TABLES, database);
					ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					String db = rs.getString(1);
					String table = rs.getString(2);
					withObjects.add(db);
					if (!selection.selects(db, table)) {
						continue;
					}
					selectedDatabases.add(db);
					if (holdsRows(rs.getString(3))) {
						long rows = Math.max(0, rs.getLong(5));
						byDatabase.computeIfAbsent(db, (k) -> new ArrayList<>())
							.add(new SourceTable(db, table, rs.getString(4), rows,
									size(rs.getLong(6), rows, rs.getLong(7)), List.of()));
					}
				}
			}
		}
		List<String> databases = new ArrayList<>();
		for (String db : all) {
			if (selectedDatabases.contains(db) || (!withObjects.contains(db) && selection.selectsEmptyDatabase(db))) {
				databases.add(db);
			}
		}
		List<SourceTable> tables = new ArrayList<>();
		for (String db : databases) {
			List<SourceTable> ofDb = byDatabase.getOrDefault(db, List.of());
			if (!ofDb.isEmpty()) {
				Map<String, List<KeyColumn>> keys = TableKeys.read(connection, db);
				for (SourceTable t : ofDb) {
					tables.add(new SourceTable(t.database(), t.table(), t.engine(), t.rowsEstimate(),
							t.bytesEstimate(), keys.getOrDefault(t.table(), List.of())));
				}
			}
		}
		return new Found(List.copyOf(databases), List.copyOf(tables));
	}

	/** Base tables hold rows; MariaDB's system-versioned tables too. Views and sequences are schema only. */
	private static boolean holdsRows(String tableType) {
		return "BASE TABLE".equals(tableType) || "SYSTEM VERSIONED".equals(tableType);
	}

	/** Average row length × rows where both are known, else the data length; never negative. */
	static long size(long averageRowLength, long rows, long dataLength) {
		if (averageRowLength > 0 && rows > 0) {
			return (rows > Long.MAX_VALUE / averageRowLength) ? Long.MAX_VALUE : averageRowLength * rows;
		}
		return Math.max(0, dataLength);
	}

	static PreparedStatement prepare(Connection connection, String sql, String database) throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		statement.setString(1, database);
		return statement;
	}

}
