package dev.ferry.engine.format;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what a database holds, for {@link SchemaFiles}. */
record DatabaseObjects(Connection connection, String database) {

	/** Table, view and sequence names → {@code TABLE_TYPE}, by name. */
	Map<String, String> tables() throws SQLException {
		Map<String, String> tables = new LinkedHashMap<>();
		for (List<String> row : query("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES "
				+ "WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME")) {
			tables.put(row.get(0), row.get(1));
		}
		return tables;
	}

	/** The columns of a table or view, in order. */
	List<String> columns(String table) throws SQLException {
		List<String> columns = new ArrayList<>();
		for (List<String> row : query("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? "
				+ "AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION", table)) {
			columns.add(row.get(0));
		}
		return columns;
	}

	/** Triggers by table, each table's in the order they run (timing, event, action order). */
	Map<String, List<String>> triggers() throws SQLException {
		Map<String, List<String>> triggers = new LinkedHashMap<>();
		for (List<String> row : query("SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME FROM information_schema.TRIGGERS "
				+ "WHERE TRIGGER_SCHEMA = ? ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, "
				+ "ACTION_ORDER")) {
			triggers.computeIfAbsent(row.get(0), (table) -> new ArrayList<>()).add(row.get(1));
		}
		return triggers;
	}

	/** Routines as {name, type}: functions, packages before their bodies, procedures. */
	List<String[]> routines() throws SQLException {
		List<String[]> routines = new ArrayList<>();
		for (List<String> row : query("SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES "
				+ "WHERE ROUTINE_SCHEMA = ? ORDER BY ROUTINE_TYPE, ROUTINE_NAME")) {
			routines.add(new String[] { row.get(0), row.get(1) });
		}
		return routines;
	}

	List<String> events() throws SQLException {
		List<String> events = new ArrayList<>();
		for (List<String> row : query("SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ? "
				+ "ORDER BY EVENT_NAME")) {
			events.add(row.get(0));
		}
		return events;
	}

	/** A sequence's stored {@code next_not_cached_value} and {@code cycle_count}. */
	long[] sequencePosition(String sequence) throws SQLException {
		try (Statement statement = this.connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT next_not_cached_value, cycle_count FROM "
						+ qualified(sequence))) {
			if (!rs.next()) {
				throw new SQLException("sequence " + qualified(sequence) + " has no row");
			}
			return new long[] { rs.getLong(1), rs.getLong(2) };
		}
	}

	/** {@code SHOW CREATE <kind> <name>}: the columns of its row, from index 0 for column 1. */
	List<String> showCreate(String kind, String name) throws SQLException {
		String sql = "SHOW CREATE " + kind + " " + name;
		try (Statement statement = this.connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			if (!rs.next()) {
				throw new SQLException(sql + " returned nothing");
			}
			List<String> row = new ArrayList<>();
			for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
				row.add(rs.getString(i));
			}
			return row;
		}
	}

	String qualified(String name) {
		return SqlText.qualified(this.database, name);
	}

	private List<List<String>> query(String sql, String... more) throws SQLException {
		List<List<String>> rows = new ArrayList<>();
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			statement.setString(1, this.database);
			for (int i = 0; i < more.length; i++) {
				statement.setString(i + 2, more[i]);
			}
			try (ResultSet rs = statement.executeQuery()) {
				int columns = rs.getMetaData().getColumnCount();
				while (rs.next()) {
					List<String> row = new ArrayList<>(columns);
					for (int i = 1; i <= columns; i++) {
						row.add(rs.getString(i));
					}
					rows.add(row);
				}
			}
		}
		return rows;
	}

}
