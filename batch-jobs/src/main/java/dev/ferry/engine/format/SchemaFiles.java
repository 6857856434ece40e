package dev.ferry.engine.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.ferry.engine.sink.FileSink;
import dev.ferry.engine.sink.PendingFile;
import dev.ferry.engine.sink.StoredFile;

/**
 * Writes the object files of one database through a {@link FileSink}, as myloader 0.10 loads them: the database,
 * its tables, views (a placeholder table and the view), triggers, procedures, functions, events and sequences.
 * Files are uncompressed: they are small, and myloader 0.10 reads only uncompressed schema files.
 */
public final class SchemaFiles {

	/** What every table schema file starts with. */
	static final String TABLE_HEADER = """
			/*!40101 SET NAMES utf8mb4*/;
			/*!40014 SET FOREIGN_KEY_CHECKS=0*/;
			/*!40103 SET TIME_ZONE='+00:00' */;
			/*!40101 SET SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
			""";

	private static final String TABLES = "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES "
			+ "WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME";

	private final FileSink sink;

	private final FileNames names;

	public SchemaFiles(FileSink sink, FileNames names) {
		this.sink = sink;
		this.names = names;
	}

	/**
	 * What was written for a database.
	 * @param files the files, committed
	 * @param tables the base tables whose rows go into data files (not views, not sequences)
	 */
	public record Written(List<StoredFile> files, List<String> tables) {
	}

	/**
	 * Writes every object file of {@code database}. The connection's session time zone and {@code sql_mode} are set
	 * for the reading ({@code SHOW CREATE} prints {@code TIMESTAMP} defaults in the session's zone) and put back.
	 */
	public Written write(Connection connection, String database) throws SQLException, IOException {
		List<StoredFile> files = new ArrayList<>();
		List<String> tables = new ArrayList<>();
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET @ferry_time_zone = @@SESSION.time_zone, @ferry_sql_mode = @@SESSION.sql_mode, "
					+ "SESSION time_zone = '+00:00', SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'");
			try {
				files.add(file(this.names.databaseCreate(database),
						showCreate(statement, "SHOW CREATE DATABASE " + SqlText.quote(database), 2) + ";\n"));
				for (String[] table : tables(connection, database)) {
					if (table[1].equals("BASE TABLE")) {
						String create = showCreate(statement, "SHOW CREATE TABLE " + SqlText.qualified(database,
								table[0]), 2);
						files.add(file(this.names.tableSchema(database, table[0]), TABLE_HEADER + create + ";\n"));
						tables.add(table[0]);
					}
				}
			}
			finally {
				statement.execute("SET SESSION time_zone = @ferry_time_zone, SESSION sql_mode = @ferry_sql_mode");
			}
		}
		return new Written(files, tables);
	}

	private static List<String[]> tables(Connection connection, String database) throws SQLException {
		List<String[]> tables = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(TABLES)) {
			statement.setString(1, database);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					tables.add(new String[] { rs.getString(1), rs.getString(2) });
				}
			}
		}
		return tables;
	}

	private static String showCreate(Statement statement, String sql, int column) throws SQLException {
		try (ResultSet rs = statement.executeQuery(sql)) {
			if (!rs.next()) {
				throw new SQLException(sql + " returned nothing");
			}
			return rs.getString(column);
		}
	}

	private StoredFile file(String name, String text) throws IOException {
		try (PendingFile file = this.sink.create(name)) {
			OutputStream out = file.stream();
			out.write(text.getBytes(StandardCharsets.UTF_8));
			return file.commit();
		}
	}

}
