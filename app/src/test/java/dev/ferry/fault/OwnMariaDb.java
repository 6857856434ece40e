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
		ProcessHandle server = process();
		server.destroyForcibly();
		server.onExit().orTimeout(30, TimeUnit.SECONDS).join();
	}

	/**
	 * SIGSTOP of mariadbd: it answers nothing until {@link #resume()}, so every client waits where it is (a query
	 * in flight, a connect), and a test can act at that point whatever the machine's speed.
	 */
	void pause() throws IOException {
		signal("STOP");
	}

	/** SIGCONT: the server goes on where {@link #pause()} froze it. */
	void resume() throws IOException {
		signal("CONT");
	}

	private void signal(String signal) throws IOException {
		long pid = process().pid();
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
			String output = new String(kill.getInputStream().readAllBytes());
			if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private ProcessHandle process() throws IOException {
		long pid = Long.parseLong(Files.readString(BASE.resolve(this.name).resolve("mariadbd.pid")).strip());
		return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no mariadbd " + pid));
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
