package dev.ferry.objects;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.ferry.cluster.SqlNames;
import dev.ferry.storage.FileModes;

/**
 * Reads the stored objects of a database ({@code SHOW CREATE} of each trigger, in action order per table, procedure,
 * function and event) and keeps them in the dump's {@value #FILE_NAME}, by database; no tool reads that file.
 */
public final class StoredObjects {

	/** Beside mydumper's files in the dump's {@code data/}. */
	public static final String FILE_NAME = "ferry-objects.json";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private static final TypeReference<Map<String, List<StoredObject>>> BY_DATABASE = new TypeReference<>() {
	};

	private StoredObjects() {
	}

	/** The triggers (by table, in action order), procedures, functions and events of {@code database}. */
	public static List<StoredObject> read(Connection connection, String database) throws SQLException {
		List<StoredObject> objects = new ArrayList<>();
		for (String[] trigger : names(connection, "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS"
				+ " WHERE TRIGGER_SCHEMA = ? ORDER BY EVENT_OBJECT_TABLE, ACTION_ORDER", database)) {
			addIfShown(objects, show(connection, StoredObject.Kind.TRIGGER, database, trigger[0], trigger[1]));
		}
		for (String[] routine : names(connection, "SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES"
				+ " WHERE ROUTINE_SCHEMA = ? AND ROUTINE_TYPE IN ('PROCEDURE', 'FUNCTION') ORDER BY ROUTINE_TYPE,"
				+ " ROUTINE_NAME", database)) {
			addIfShown(objects, show(connection, StoredObject.Kind.valueOf(routine[1]), database, routine[0], null));
		}
		for (String[] event : names(connection, "SELECT EVENT_NAME, NULL FROM information_schema.EVENTS"
				+ " WHERE EVENT_SCHEMA = ? ORDER BY EVENT_NAME", database)) {
			addIfShown(objects, show(connection, StoredObject.Kind.EVENT, database, event[0], null));
		}
		return objects;
	}

	/** Adds (or replaces) {@code database}'s objects in {@code data}'s {@value #FILE_NAME}; none, nothing written. */
	public static void keep(Path data, String database, List<StoredObject> objects) throws IOException {
		if (objects.isEmpty()) {
			return;
		}
		Map<String, List<StoredObject>> all = new TreeMap<>(kept(data));
		all.put(database, List.copyOf(objects));
		Path file = data.resolve(FILE_NAME);
		JSON.writeValue(file.toFile(), all);
		FileModes.restrict(file);
	}

	/** The objects kept in {@code data}, by database; empty when there is no such file. */
	public static Map<String, List<StoredObject>> kept(Path data) {
		Path file = data.resolve(FILE_NAME);
		return Files.exists(file) ? JSON.readValue(file.toFile(), BY_DATABASE) : Map.of();
	}

	private static List<String[]> names(Connection connection, String sql, String database) throws SQLException {
		List<String[]> names = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement(sql)) {
			query.setString(1, database);
			try (ResultSet rs = query.executeQuery()) {
				while (rs.next()) {
					names.add(new String[] { rs.getString(1), rs.getString(2) });
				}
			}
		}
		return names;
	}

	private static void addIfShown(List<StoredObject> objects, @Nullable StoredObject object) {
		if (object != null) {
			objects.add(object);
		}
	}

	/** The object; null when the user may not see its text (a routine of another definer shows no body). */
	private static @Nullable StoredObject show(Connection connection, StoredObject.Kind kind, String database,
			String name, @Nullable String table) throws SQLException {
		String statementColumn = switch (kind) {
			case TRIGGER -> "SQL Original Statement";
			case PROCEDURE -> "Create Procedure";
			case FUNCTION -> "Create Function";
			case EVENT -> "Create Event";
		};
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SHOW CREATE " + kind.name() + " " + SqlNames.qualified(database, name))) {
			if (!rs.next()) {
				throw new SQLException("SHOW CREATE " + kind + " " + database + "." + name + " returned nothing");
			}
			String create = rs.getString(statementColumn);
			if (create == null) {
				return null;
			}
			return new StoredObject(kind, name, table, create, rs.getString("sql_mode"),
					rs.getString("character_set_client"), rs.getString("collation_connection"),
					kind == StoredObject.Kind.EVENT ? rs.getString("time_zone") : null);
		}
	}

}
