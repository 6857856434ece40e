package dev.ferry.objects;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.ferry.cluster.SqlNames;

/**
 * Puts the exact objects back after myloader. mydumper 0.10 writes a space after each {@code ;} that ends a body line
 * ({@link StoredObject#asMydumperWrites()}), and neither tool keeps an object's {@code sql_mode} nor an event's time
 * zone (myloader creates every object with its own session's). So an object of the target whose {@code SHOW CREATE}
 * is its kept statement, or the kept statement as mydumper wrote it, but differs in text or settings, is dropped and
 * created again from the kept statement with the settings it was created with. Nothing else is run: an object the
 * target does not hold just so (not loaded, changed since, another object of that name) stays as it is, so a kept
 * file can only take out the spaces mydumper added and put back the settings. A table's triggers are re-created all
 * together, in their action order.
 */
public final class StoredObjectsRestore {

	private static final Pattern CHARSET_NAME = Pattern.compile("[A-Za-z0-9_]+");

	private StoredObjectsRestore() {
	}

	/**
	 * What was done in one database.
	 * @param restored objects re-created with their exact text
	 * @param unchanged objects already exact (no body line ended with {@code ;})
	 * @param left objects not held by the target as mydumper wrote them, left alone
	 */
	public record Outcome(int restored, int unchanged, int left) {
	}

	/**
	 * Restores {@code kept} (the objects of one exported database) in {@code database} of the target.
	 * @param connection a connection to the target; its session settings are put back afterwards
	 */
	public static Outcome restore(Connection connection, String database, List<StoredObject> kept) throws SQLException {
		Map<String, StoredObject> loaded = new LinkedHashMap<>();
		for (StoredObject object : StoredObjects.read(connection, database)) {
			loaded.put(key(object), object);
		}
		int restored = 0;
		int unchanged = 0;
		int left = 0;
		List<List<StoredObject>> groups = groups(kept);
		try (Statement session = connection.createStatement()) {
			session.execute("SET @ferry_sql_mode = @@SESSION.sql_mode, @ferry_cs_client = @@SESSION.character_set_client,"
					+ " @ferry_collation = @@SESSION.collation_connection, @ferry_time_zone = @@SESSION.time_zone");
			try {
				for (List<StoredObject> group : groups) {
					int exact = 0;
					boolean restorable = true;
					for (StoredObject object : group) {
						StoredObject now = loaded.get(key(object));
						if (now != null && now.equals(object)) {
							exact++;
						}
						else if (now == null || !Objects.equals(now.table(), object.table()) || !settable(object)
								|| !(now.statement().equals(object.statement())
										|| now.statement().equals(object.asMydumperWrites()))) {
							restorable = false;
						}
					}
					if (exact == group.size()) {
						unchanged += exact;
					}
					else if (!restorable) {
						left += group.size();
					}
					else {
						recreate(connection, database, group);
						restored += group.size();
					}
				}
			}
			finally {
				session.execute("SET SESSION sql_mode = @ferry_sql_mode, character_set_client = @ferry_cs_client,"
						+ " collation_connection = @ferry_collation, time_zone = @ferry_time_zone");
			}
		}
		return new Outcome(restored, unchanged, left);
	}

	/** Each trigger table's triggers together (their order is their creation order), every other object alone. */
	private static List<List<StoredObject>> groups(List<StoredObject> kept) {
		Map<String, List<StoredObject>> groups = new LinkedHashMap<>();
		for (StoredObject object : kept) {
			String group = (object.kind() == StoredObject.Kind.TRIGGER) ? "TRIGGERS ON " + object.table() : key(object);
			groups.computeIfAbsent(group, (k) -> new ArrayList<>()).add(object);
		}
		return new ArrayList<>(groups.values());
	}

	private static void recreate(Connection connection, String database, List<StoredObject> group) throws SQLException {
		String catalog = connection.getCatalog();
		connection.setCatalog(database); // the statements name their objects without a database
		try (Statement statement = connection.createStatement()) {
			statement.setEscapeProcessing(false);
			for (StoredObject object : group) {
				statement.execute("DROP " + object.kind().name() + " IF EXISTS " + SqlNames.quote(object.name()));
			}
			for (StoredObject object : group) {
				try (PreparedStatement settings = connection.prepareStatement("SET SESSION sql_mode = ?, time_zone = ?")) {
					settings.setString(1, object.sqlMode());
					settings.setString(2, object.timeZone() != null ? object.timeZone() : "SYSTEM");
					settings.execute();
				}
				statement.execute("SET SESSION character_set_client = " + object.characterSetClient()
						+ ", collation_connection = " + object.collationConnection());
				statement.execute(object.statement());
			}
		}
		finally {
			if (catalog != null && !catalog.isEmpty()) {
				connection.setCatalog(catalog);
			}
		}
	}

	/**
	 * Whether the statement can be sent as it is: the JDBC driver sends UTF-8, so a client character set other than
	 * UTF-8 takes only ASCII text.
	 */
	private static boolean settable(StoredObject object) {
		if (!CHARSET_NAME.matcher(object.characterSetClient()).matches()
				|| !CHARSET_NAME.matcher(object.collationConnection()).matches()) {
			return false;
		}
		return object.characterSetClient().toLowerCase(java.util.Locale.ROOT).startsWith("utf8")
				|| object.statement().chars().allMatch((c) -> c < 128);
	}

	private static String key(StoredObject object) {
		return object.kind() + " " + object.name();
	}


}
