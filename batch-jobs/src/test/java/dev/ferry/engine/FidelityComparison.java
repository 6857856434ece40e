package dev.ferry.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Compares databases on two servers object by object: what a round trip (an export, then a load) must keep.
 * <ul>
 * <li>the database: {@code SHOW CREATE DATABASE};</li>
 * <li>the list of tables, views and sequences (with their type), triggers, routines and events;</li>
 * <li>each table: {@code SHOW CREATE TABLE}, its row count and {@code CHECKSUM TABLE … EXTENDED};</li>
 * <li>each view, trigger, procedure, function, package and event: every column of its {@code SHOW CREATE} row
 * ({@code sql_mode}, time zone, character set and collation of the client, the database collation, the text byte for
 * byte), but a trigger's {@code Created} time; triggers' action order;</li>
 * <li>each sequence: {@code SHOW CREATE SEQUENCE} and its stored row ({@code next_not_cached_value},
 * {@code cycle_count}...), read without {@code NEXTVAL}.</li>
 * </ul>
 * Usage: {@code FidelityComparison.assertSame(source, target, databases)} (same names on both servers), or
 * {@link #differences(Connection, Connection, Map)} with a map of source to target names for a load into other
 * names; each difference is one line naming the object. The connections' session time zone is set to UTC
 * ({@code SHOW CREATE TABLE} prints {@code TIMESTAMP} defaults in it).
 */
public final class FidelityComparison {

	private final Connection source;

	private final Connection target;

	private final List<String> differences = new ArrayList<>();

	private FidelityComparison(Connection source, Connection target) {
		this.source = source;
		this.target = target;
	}

	/** Fails with every difference when the databases (same names on both servers) are not the same. */
	public static void assertSame(Connection source, Connection target, Collection<String> databases)
			throws SQLException {
		Map<String, String> names = new LinkedHashMap<>();
		databases.forEach((database) -> names.put(database, database));
		List<String> differences = differences(source, target, names);
		if (!differences.isEmpty()) {
			throw new AssertionError(differences.size() + " differences after the round trip:\n  "
					+ String.join("\n  ", differences));
		}
	}

	/** Every difference between each source database and its target database ({@code source name → target name}). */
	public static List<String> differences(Connection source, Connection target, Map<String, String> databases)
			throws SQLException {
		FidelityComparison comparison = new FidelityComparison(source, target);
		for (Connection connection : List.of(source, target)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET SESSION time_zone = '+00:00'");
			}
		}
		for (Map.Entry<String, String> database : databases.entrySet()) {
			comparison.database(database.getKey(), database.getValue());
		}
		return comparison.differences;
	}

	private void database(String from, String to) throws SQLException {
		if (rows(this.target, "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", to).isEmpty()) {
			this.differences.add("database " + quote(to) + " is missing");
			return;
		}
		Object created = show(this.source, "DATABASE " + quote(from)).get("Create Database");
		Object createdThere = show(this.target, "DATABASE " + quote(to)).get("Create Database");
		same("database " + quote(from), String.valueOf(created),
				String.valueOf(createdThere).replace("DATABASE " + quote(to), "DATABASE " + quote(from)));
		String tables = "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? "
				+ "ORDER BY TABLE_NAME";
		Map<String, String> types = pairs(this.source, tables, from);
		same("tables of " + quote(from), types, pairs(this.target, tables, to));
		for (Map.Entry<String, String> table : types.entrySet()) {
			String a = quote(from) + "." + quote(table.getKey());
			String b = quote(to) + "." + quote(table.getKey());
			switch (table.getValue()) {
				case "VIEW" -> sameShow("view " + a, "VIEW " + a, "VIEW " + b);
				case "SEQUENCE" -> {
					sameShow("sequence " + a, "SEQUENCE " + a, "SEQUENCE " + b);
					same("position of sequence " + a, rows(this.source, "SELECT * FROM " + a),
							rows(this.target, "SELECT * FROM " + b));
				}
				default -> {
					sameShow("table " + a, "TABLE " + a, "TABLE " + b);
					same("rows of " + a, rows(this.source, "SELECT COUNT(*) FROM " + a),
							rows(this.target, "SELECT COUNT(*) FROM " + b));
					same("CHECKSUM TABLE " + a, rows(this.source, "CHECKSUM TABLE " + a + " EXTENDED").get(0).get(1),
							rows(this.target, "CHECKSUM TABLE " + b + " EXTENDED").get(0).get(1));
				}
			}
		}
		String triggers = "SELECT TRIGGER_NAME, CONCAT(EVENT_OBJECT_TABLE, ' ', ACTION_TIMING, ' ', "
				+ "EVENT_MANIPULATION, ' ', ACTION_ORDER) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? "
				+ "ORDER BY TRIGGER_NAME";
		Map<String, String> triggerOrder = pairs(this.source, triggers, from);
		same("triggers of " + quote(from), triggerOrder, pairs(this.target, triggers, to));
		for (String trigger : triggerOrder.keySet()) {
			sameShow("trigger " + quote(from) + "." + quote(trigger), "TRIGGER " + quote(from) + "." + quote(trigger),
					"TRIGGER " + quote(to) + "." + quote(trigger));
		}
		String routines = "SELECT CONCAT(ROUTINE_TYPE, ' ', ROUTINE_NAME), ROUTINE_NAME FROM "
				+ "information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? ORDER BY 1";
		Map<String, String> routineNames = pairs(this.source, routines, from);
		same("routines of " + quote(from), routineNames, pairs(this.target, routines, to));
		for (Map.Entry<String, String> routine : routineNames.entrySet()) {
			String type = routine.getKey().substring(0, routine.getKey().length() - routine.getValue().length() - 1);
			sameShow(type.toLowerCase() + " " + quote(from) + "." + quote(routine.getValue()),
					type + " " + quote(from) + "." + quote(routine.getValue()),
					type + " " + quote(to) + "." + quote(routine.getValue()));
		}
		String events = "SELECT EVENT_NAME, STATUS FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ? ORDER BY 1";
		Map<String, String> eventNames = pairs(this.source, events, from);
		same("events of " + quote(from), eventNames, pairs(this.target, events, to));
		for (String event : eventNames.keySet()) {
			sameShow("event " + quote(from) + "." + quote(event), "EVENT " + quote(from) + "." + quote(event),
					"EVENT " + quote(to) + "." + quote(event));
		}
	}

	/** {@code SHOW CREATE} on both sides, every column but {@code Created}; names in the text are the object's own. */
	private void sameShow(String what, String sourceObject, String targetObject) throws SQLException {
		Map<String, Object> a = show(this.source, sourceObject);
		Map<String, Object> b = show(this.target, targetObject);
		a.remove("Created");
		b.remove("Created");
		same(what, a, b);
	}

	private void same(String what, Object expected, Object actual) {
		if (!Objects.equals(expected, actual)) {
			this.differences.add(what + ": expected <" + expected + "> but was <" + actual + ">");
		}
	}

	private static Map<String, Object> show(Connection connection, String object) throws SQLException {
		Map<String, Object> columns = new TreeMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SHOW CREATE " + object)) {
			ResultSetMetaData meta = rs.getMetaData();
			if (rs.next()) {
				for (int i = 1; i <= meta.getColumnCount(); i++) {
					columns.put(meta.getColumnLabel(i), rs.getString(i));
				}
			}
		}
		return columns;
	}

	private static Map<String, String> pairs(Connection connection, String sql, String database) throws SQLException {
		Map<String, String> pairs = new TreeMap<>();
		for (List<String> row : rows(connection, sql, database)) {
			pairs.put(row.get(0), row.get(1));
		}
		return pairs;
	}

	private static List<List<String>> rows(Connection connection, String sql, String... parameters)
			throws SQLException {
		List<List<String>> rows = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			try (ResultSet rs = statement.executeQuery()) {
				int columns = rs.getMetaData().getColumnCount();
				while (rs.next()) {
					List<String> row = new ArrayList<>();
					for (int i = 1; i <= columns; i++) {
						row.add(rs.getString(i));
					}
					rows.add(row);
				}
			}
		}
		return rows;
	}

	private static String quote(String name) {
		return "`" + name.replace("`", "``") + "`";
	}

}
