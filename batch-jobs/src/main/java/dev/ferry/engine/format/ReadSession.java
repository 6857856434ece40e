package dev.ferry.engine.format;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The session settings that a connection reading rows for a {@link ChunkEncoder} needs: {@code TIMESTAMP} values are
 * read in UTC, as every data file says it writes them ({@code SET TIME_ZONE='+00:00'}), so no value changes with a
 * time zone or is lost in a daylight-saving overlap.
 */
public final class ReadSession {

	/** The statement {@link #prepare} runs. */
	public static final String SETTINGS = "SET SESSION time_zone = '+00:00'";

	private ReadSession() {
	}

	/** Applies {@link #SETTINGS} to the connection (before its snapshot transaction starts, or within it). */
	public static void prepare(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(SETTINGS);
		}
	}

}
