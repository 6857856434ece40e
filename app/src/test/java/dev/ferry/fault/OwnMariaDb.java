package dev.ferry.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server of the test's own, which it may kill: created and started by {@code ops/lib/mariadb.sh}
 * ({@code mariadb-install-db}, {@code mariadbd --no-defaults --datadir=… --port=…}, root without password) under
 * {@code target/fault-mariadb/<name>}, on a port of the fault tests' private range.
 */
final class OwnMariaDb implements AutoCloseable {

	private static final Path SCRIPT = Path.of("..", "ops", "lib", "mariadb.sh").toAbsolutePath().normalize();

	private static final Path BASE = Path.of("target", "fault-mariadb").toAbsolutePath();

	private final String name;

	private final int port;

	private OwnMariaDb(String name, int port) {
		this.name = name;
		this.port = port;
	}

	/** Creates the instance if needed and starts it; returns once it answers. */
	static OwnMariaDb start(String name, int port) {
		OwnMariaDb server = new OwnMariaDb(name, port);
		server.start();
		return server;
	}

	int port() {
		return this.port;
	}

	void start() {
		shell("mariadb_start \"$1\" \"$2\"");
	}

	/** SIGKILL of mariadbd: no shutdown, open transactions are rolled back by the next start's crash recovery. */
	void kill() throws IOException {
		long pid = Long.parseLong(Files.readString(BASE.resolve(this.name).resolve("mariadbd.pid")).strip());
		ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no mariadbd " + pid));
		server.destroyForcibly();
		server.onExit().orTimeout(30, TimeUnit.SECONDS).join();
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
