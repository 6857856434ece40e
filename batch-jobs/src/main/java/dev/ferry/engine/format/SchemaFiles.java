package dev.ferry.engine.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ferry.engine.sink.FileSink;
import dev.ferry.engine.sink.PendingFile;
import dev.ferry.engine.sink.StoredFile;

/**
 * Writes the object files of one database through a {@link FileSink}, in the layout and order that myloader 0.10
 * loads (schema files, then data, then {@code -schema-post.sql}, views, triggers), so that {@code SHOW CREATE} of
 * every object is the same after the load:
 * <ul>
 * <li>{@code {db}-schema-create.sql}: the database;</li>
 * <li>{@code {db}.{t}-schema.sql}: each table; for a view, mydumper's placeholder table with the view's columns, so
 * that views on views load in any order;</li>
 * <li>{@code {db}.{v}-schema-view.sql}: drops the placeholder and creates the view;</li>
 * <li>{@code {db}.{s}-schema-sequence.sql}: a sequence and its position ({@code DO SETVAL} of the stored
 * {@code next_not_cached_value} and cycle count; myloader 0.10 runs it with the data files);</li>
 * <li>{@code {db}.{t}-schema-triggers.sql}: the triggers of a table, in their action order;</li>
 * <li>{@code {db}-schema-post.sql}: procedures, functions (and packages), events.</li>
 * </ul>
 * Stored objects keep their {@code sql_mode}, client character set and collation (and an event its time zone): see
 * {@link ObjectStatement}. A database without any table or view also gets {@link FileNames#placeholder}, since
 * myloader 0.10 creates a database only when it loads a table of it. Files are uncompressed.
 */
public final class SchemaFiles {

	/** What every table schema file starts with (its statement is UTF-8, like {@code SHOW CREATE TABLE}'s text). */
	static final String TABLE_HEADER = """
			/*!40101 SET NAMES utf8mb4*/;
			/*!40014 SET FOREIGN_KEY_CHECKS=0*/;
			/*!40103 SET TIME_ZONE='+00:00' */;
			/*!40101 SET SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
			""";

	private final FileSink sink;

	private final FileNames names;

	public SchemaFiles(FileSink sink, FileNames names) {
		this.sink = sink;
		this.names = names;
	}

	/**
	 * What was written for a database.
	 * @param files the files, committed
	 * @param tables the tables whose rows go into data files (base tables; not views, not sequences)
	 */
	public record Written(List<StoredFile> files, List<String> tables) {
	}

	/**
	 * Writes every object file of {@code database}. The session's time zone and {@code sql_mode} are set while it
	 * reads ({@code SHOW CREATE TABLE} prints {@code TIMESTAMP} defaults in the session's zone, and quotes names by
	 * the session's mode) and put back after; so is its current database ({@code SHOW CREATE VIEW} names the tables
	 * of the current database alone, so that a view loads into a database of another name).
	 */
	public Written write(Connection connection, String database) throws SQLException, IOException {
		String catalog = connection.getCatalog();
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET @ferry_time_zone = @@SESSION.time_zone, @ferry_sql_mode = @@SESSION.sql_mode, "
					+ "SESSION time_zone = '+00:00', SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'");
			// the database's own: SHOW CREATE VIEW names tables of the current database without their database
			connection.setCatalog(database);
			try {
				return write(new DatabaseObjects(connection, database));
			}
			finally {
				statement.execute("SET SESSION time_zone = @ferry_time_zone, SESSION sql_mode = @ferry_sql_mode");
				if (catalog != null && !catalog.isEmpty()) {
					connection.setCatalog(catalog);
				}
			}
		}
	}

	private Written write(DatabaseObjects objects) throws SQLException, IOException {
		String database = objects.database();
		List<StoredFile> files = new ArrayList<>();
		List<String> tables = new ArrayList<>();
		files.add(file(this.names.databaseCreate(database), utf8("/*!40101 SET NAMES utf8mb4*/;\n"
				+ objects.showCreate("DATABASE", SqlText.quote(database)).get(1) + ";\n")));
		Map<String, String> types = objects.tables();
		for (Map.Entry<String, String> entry : types.entrySet()) {
			String table = entry.getKey();
			switch (entry.getValue()) {
				case "VIEW" -> {
					files.add(file(this.names.tableSchema(database, table), placeholder(table, objects.columns(table))));
					files.add(file(this.names.viewSchema(database, table), view(objects, table)));
				}
				case "SEQUENCE" -> files.add(file(this.names.sequence(database, table), sequence(objects, table)));
				default -> { // BASE TABLE, SYSTEM VERSIONED (its current rows)
					String create = objects.showCreate("TABLE", objects.qualified(table)).get(1);
					files.add(file(this.names.tableSchema(database, table), utf8(TABLE_HEADER + create + ";\n")));
					tables.add(table);
				}
			}
		}
		for (Map.Entry<String, List<String>> triggers : objects.triggers().entrySet()) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			for (String trigger : triggers.getValue()) {
				List<String> show = objects.showCreate("TRIGGER", objects.qualified(trigger));
				out.writeBytes(ObjectStatement.write(show.get(2), show.get(1), show.get(3), show.get(4), null));
			}
			files.add(file(this.names.triggers(database, triggers.getKey()), out.toByteArray()));
		}
		byte[] post = post(objects);
		if (post.length > 0) {
			files.add(file(this.names.post(database), post));
		}
		if (!types.containsValue("VIEW") && tables.isEmpty()) {
			files.add(file(this.names.placeholder(database), utf8(FileNames.PLACEHOLDER_TEXT)));
		}
		return new Written(files, tables);
	}

	/** mydumper's placeholder table of a view: one {@code int} column per column of the view, MyISAM. */
	private static byte[] placeholder(String view, List<String> columns) {
		StringBuilder text = new StringBuilder("/*!40101 SET NAMES utf8mb4*/;\nCREATE TABLE ")
			.append(SqlText.quote(view))
			.append("(\n");
		for (int i = 0; i < columns.size(); i++) {
			text.append(i > 0 ? ",\n" : "").append(SqlText.quote(columns.get(i))).append(" int");
		}
		return utf8(text.append("\n)ENGINE=MyISAM;\n").toString());
	}

	private static byte[] view(DatabaseObjects objects, String view) throws SQLException {
		List<String> show = objects.showCreate("VIEW", objects.qualified(view));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(utf8("/*!40101 SET NAMES utf8mb4*/;\nDROP TABLE IF EXISTS " + SqlText.quote(view) + ";\n"
				+ "DROP VIEW IF EXISTS " + SqlText.quote(view) + ";\n"));
		out.writeBytes(ObjectStatement.write(show.get(1), null, show.get(2), show.get(3), null));
		return out.toByteArray();
	}

	private static byte[] sequence(DatabaseObjects objects, String sequence) throws SQLException {
		String create = objects.showCreate("SEQUENCE", objects.qualified(sequence)).get(1);
		long[] position = objects.sequencePosition(sequence);
		return utf8(TABLE_HEADER + create + ";\nDO SETVAL(" + SqlText.quote(sequence) + ", " + position[0] + ", 0, "
				+ position[1] + ");\n");
	}

	/** Procedures, functions and packages, then events; empty when the database has none. */
	private static byte[] post(DatabaseObjects objects) throws SQLException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (String[] routine : objects.routines()) {
			List<String> show = objects.showCreate(routine[1], objects.qualified(routine[0]));
			out.writeBytes(ObjectStatement.write(show.get(2), show.get(1), show.get(3), show.get(4), null));
		}
		for (String event : objects.events()) {
			List<String> show = objects.showCreate("EVENT", objects.qualified(event));
			out.writeBytes(ObjectStatement.write(show.get(3), show.get(1), show.get(4), show.get(5), show.get(2)));
		}
		return out.toByteArray();
	}

	private StoredFile file(String name, byte[] bytes) throws IOException {
		try (PendingFile file = this.sink.create(name)) {
			file.stream().write(bytes);
			return file.commit();
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
