package dev.ferry.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The fidelity fixture ({@code src/test/resources/fidelity/}) on a test MariaDB: every value and object an export
 * must carry exactly, in databases whose names all start with a prefix unique to the run.
 * <ul>
 * <li>{@link #FIXTURE}: types, objects, awkward table names, databases with no table. myloader 0.10 can load all of
 * it;</li>
 * <li>{@link #ESCAPED}: databases whose names myloader 0.10 cannot take (a dot, a slash, a backtick, a
 * {@code %}).</li>
 * </ul>
 * Usage: {@code String prefix = FidelityFixture.prefix("mytest"); FidelityFixture.load(sourcePort(), FIXTURE,
 * prefix);} then export {@link #databases(Connection, String)}, load them into the target, compare with
 * {@link FidelityComparison}, and {@link #drop} the prefix on both servers. Loading runs the {@code mysql} client
 * (the files use {@code DELIMITER}).
 */
public final class FidelityFixture {

	public static final String FIXTURE = "fidelity/fixture.sql";

	public static final String ESCAPED = "fidelity/fixture-escaped-databases.sql";

	private FidelityFixture() {
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
			throw new IllegalStateException(variable + " is unset: export the test MariaDB ports (see ops/test.sh)");
		}
		return Integer.parseInt(value.strip());
	}

	/** A prefix unique to the run: {@code {name}_{10 hex digits}}. */
	public static String prefix(String name) {
		return name + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	/** Root on the server, with multi-statements and {@code LOAD DATA LOCAL} allowed. */
	public static Connection connect(int port) throws SQLException {
		return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port
				+ "/?allowMultiQueries=true&allowLocalInfile=true", "root", "");
	}

	/** Runs a fixture file ({@link #FIXTURE} or {@link #ESCAPED}) with {@code @P@} replaced by {@code prefix}. */
	public static void load(int port, String resource, String prefix) throws IOException, InterruptedException {
		String sql;
		try (InputStream in = FidelityFixture.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("no resource " + resource);
			}
			sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@P@", prefix);
		}
		Process mysql = new ProcessBuilder("mysql", "--protocol=TCP", "-h", "127.0.0.1", "-P", String.valueOf(port),
				"-u", "root", "--default-character-set=utf8mb4", "--batch")
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectErrorStream(false)
			.start();
		try (OutputStream in = mysql.getOutputStream()) {
			in.write(sql.getBytes(StandardCharsets.UTF_8));
		}
		String errors = new String(mysql.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!mysql.waitFor(2, TimeUnit.MINUTES)) {
			mysql.destroyForcibly();
			throw new IllegalStateException("mysql did not load " + resource + " within 2 minutes");
		}
		if (mysql.exitValue() != 0) {
			throw new IllegalStateException("mysql failed to load " + resource + ": " + errors);
		}
	}

	/** The databases whose names start with {@code prefix}, sorted. */
	public static List<String> databases(Connection connection, String prefix) throws SQLException {
		List<String> databases = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement("SELECT SCHEMA_NAME FROM "
				+ "information_schema.SCHEMATA WHERE LEFT(SCHEMA_NAME, ?) = ? ORDER BY SCHEMA_NAME")) {
			statement.setInt(1, prefix.length());
			statement.setString(2, prefix);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					databases.add(rs.getString(1));
				}
			}
		}
		return databases;
	}

	/** Drops every database whose name starts with {@code prefix}. */
	public static void drop(int port, String prefix) throws SQLException {
		try (Connection connection = connect(port); Statement statement = connection.createStatement()) {
			for (String database : databases(connection, prefix)) {
				statement.execute("DROP DATABASE `" + database.replace("`", "``") + "`");
			}
		}
	}

}
