package dev.ferry.engine.support;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server of the test's own (created and started by {@code ops/lib/mariadb.sh} under
 * {@code target/engine-mariadb/<name>}, root without password), for what the shared servers are not: a binary log, a
 * server to kill. Ports come from the engine tests' private range (36050–36099).
 */
public final class OwnServer implements AutoCloseable {

	private static final Path SCRIPT = Path.of("..", "ops", "lib", "mariadb.sh").toAbsolutePath().normalize();

	private static final Path BASE = Path.of("target", "engine-mariadb").toAbsolutePath();

	private final String name;

	private final int port;

	private OwnServer(String name, int port) {
		this.name = name;
		this.port = port;
	}

	/** Creates the instance if needed and starts it with the extra {@code mariadbd} arguments; returns once it answers. */
	public static OwnServer start(String name, int port, String... serverArguments) {
		OwnServer server = new OwnServer(name, port);
		List<String> call = new ArrayList<>(List.of("mariadb_start \"$1\" \"$2\""));
		for (String argument : serverArguments) {
			call.add("'" + argument.replace("'", "'\\''") + "'");
		}
		server.shell(String.join(" ", call));
		return server;
	}

	public int port() {
		return this.port;
	}

	public Connection root() throws SQLException {
		return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + this.port + "/", "root", "");
	}

	/** Stops the server and deletes its data directory. */
	@Override
	public void close() {
		shell("mariadb_reset \"$1\"");
	}

	private void shell(String call) {
		try {
			ProcessBuilder builder = new ProcessBuilder("bash", "-c", "source \"$0\" && " + call, SCRIPT.toString(),
					this.name, Integer.toString(this.port))
				.redirectErrorStream(true);
			builder.environment().put("FERRY_IT_DIR", BASE.toString());
			builder.environment().put("MARIADB_QUIET", "1");
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(call + " failed for " + this.name + ":\n" + output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
