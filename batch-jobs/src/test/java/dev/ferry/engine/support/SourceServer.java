package dev.ferry.engine.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The shared {@code source} MariaDB the integration tests read ({@code FERRY_IT_SOURCE_PORT}, root without password;
 * {@code ops/test.sh} starts it). Tests create databases with unique names and drop them afterwards.
 */
public final class SourceServer {

	private SourceServer() {
	}

	public static int port() {
		String value = System.getenv("FERRY_IT_SOURCE_PORT");
		if (value == null || value.isBlank()) {
			throw new IllegalStateException("FERRY_IT_SOURCE_PORT is unset: start the test MariaDB instances with "
					+ "ops/test.sh (or source ops/lib/mariadb.sh and export the ports)");
		}
		return Integer.parseInt(value.strip());
	}

	public static Connection root() throws SQLException {
		return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port() + "/", "root", "");
	}

	/** A root connection in UTC, as the engine's own connections are. */
	public static Connection rootUtc() throws SQLException {
		Connection connection = root();
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET time_zone = '+00:00'");
		}
		return connection;
	}

	public static String uniqueName(String prefix) {
		return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	public static void execute(String... statements) throws SQLException {
		try (Connection connection = root(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

}
