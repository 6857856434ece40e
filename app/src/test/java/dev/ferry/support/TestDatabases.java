package dev.ferry.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The two private MariaDB instances that {@code ops/test.sh} starts: {@code source} (the cluster to export) and
 * {@code target} (Ferry's own repository and the restore target). Root has no password on both; tests create
 * uniquely named databases and users.
 */
public final class TestDatabases {

	private TestDatabases() {
	}

	public static int sourcePort() {
		return port("FERRY_IT_SOURCE_PORT");
	}

	public static int targetPort() {
		return port("FERRY_IT_TARGET_PORT");
	}

	private static int port(String variable) {
		String value = System.getenv(variable);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(variable + " is unset: start the test MariaDB instances with ops/test.sh "
					+ "(or source ops/lib/mariadb.sh and export the ports)");
		}
		return Integer.parseInt(value.strip());
	}

	public static String uniqueName(String prefix) {
		return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	public static Connection root(int port) throws SQLException {
		return connect(port, "root", "");
	}

	public static Connection connect(int port, String user, String password) throws SQLException {
		return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/?allowMultiQueries=true", user,
				password);
	}

	public static void execute(int port, String... statements) throws SQLException {
		try (Connection connection = root(port); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	/** A back-quoted identifier (a backtick inside doubled). */
	public static String quote(String identifier) {
		return "`" + identifier.replace("`", "``") + "`";
	}

	/** A SQL string literal, for DDL that takes no bind parameters (CREATE USER … IDENTIFIED BY). */
	public static String literal(String value) {
		return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
	}

	public static List<String> baseTables(int port, String database) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Connection connection = root(port);
				var statement = connection.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES "
						+ "WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
			statement.setString(1, database);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
		}
		return tables;
	}

	/** {@code CHECKSUM TABLE} of every base table of a database, by table name. */
	public static Map<String, Long> checksums(int port, String database) throws SQLException {
		Map<String, Long> sums = new LinkedHashMap<>();
		try (Connection connection = root(port); Statement statement = connection.createStatement()) {
			for (String table : baseTables(port, database)) {
				try (ResultSet rs = statement.executeQuery("CHECKSUM TABLE " + quote(database) + "." + quote(table))) {
					rs.next();
					sums.put(table, rs.getLong(2));
				}
			}
		}
		return sums;
	}

	public static long count(int port, String sql) throws SQLException {
		try (Connection connection = root(port); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/**
	 * An open transaction that read {@code table}: DDL on it (an import's DROP TABLE) waits until it commits or the
	 * connection closes.
	 */
	public static Connection holdTable(int port, String table) throws SQLException {
		Connection connection = root(port);
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.executeQuery("SELECT * FROM " + table).close();
		}
		return connection;
	}

}
