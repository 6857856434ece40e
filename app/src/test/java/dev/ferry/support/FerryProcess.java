package dev.ferry.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Ferry node as its own JVM process ({@code dev.ferry.FerryApplication} on the main classpath of this build, i.e.
 * what {@code ferry.jar} holds), so that tests can run several nodes and kill one with SIGKILL.
 */
public final class FerryProcess implements AutoCloseable {

	private final List<String> command;

	private final Map<String, String> environment;

	private final Path log;

	private final int port;

	private Process process;

	private FerryProcess(List<String> command, Map<String, String> environment, Path log, int port) {
		this.command = command;
		this.environment = environment;
		this.log = log;
		this.port = port;
	}

	/**
	 * @param settings Spring properties ({@code --name=value} arguments), e.g. the node id and storage roots
	 * @param environment environment variables (database, secret key, admin password)
	 */
	public static FerryProcess start(String name, Map<String, String> settings, Map<String, String> environment,
			Path logDir) throws IOException, InterruptedException {
		return start(name, freePort(), settings, environment, logDir);
	}

	/** {@link #start(String, Map, Map, Path)} on a given HTTP port (a test's private port range). */
	public static FerryProcess start(String name, int port, Map<String, String> settings,
			Map<String, String> environment, Path logDir) throws IOException, InterruptedException {
		List<String> command = command(port, settings);
		Files.createDirectories(logDir);
		FerryProcess node = new FerryProcess(command, environment, logDir.resolve(name + ".log"), port);
		node.launch();
		return node;
	}

	/** How a Ferry process that was expected to fail ended: its exit code and everything it printed. */
	public record Exit(int code, String output) {
	}

	/**
	 * Runs Ferry until it exits by itself (a start that must fail); kills it and fails if it is still running after
	 * the timeout.
	 */
	public static Exit runToExit(String name, Map<String, String> settings, Map<String, String> environment,
			Path logDir, Duration timeout) throws IOException, InterruptedException {
		List<String> command = command(freePort(), settings);
		Files.createDirectories(logDir);
		Path log = logDir.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
			process.destroyForcibly().waitFor();
			throw new IllegalStateException(name + " still ran after " + timeout + ":\n" + Files.readString(log));
		}
		return new Exit(process.exitValue(), Files.readString(log));
	}

	/** Starts the same node again (same settings, new port stays the same) after it was killed. */
	public void restart() throws IOException, InterruptedException {
		launch();
	}

	private void launch() throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(this.command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		builder.environment().putAll(this.environment);
		this.process = builder.start();
		awaitHealthy(Duration.ofSeconds(120));
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	public FerryClient client(String user, String password) {
		return new FerryClient(baseUrl(), user, password);
	}

	public long pid() {
		return this.process.pid();
	}

	/** SIGKILL: no shutdown hook, no cleanup – like a crash. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	public String logText() throws IOException {
		return Files.readString(this.log);
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
	}

	private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Ferry node exited with " + this.process.exitValue() + ":\n" + tail());
			}
			try {
				HttpResponse<String> health = http.send(
						HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("Ferry node not healthy after " + timeout + ":\n" + tail());
	}

	private String tail() throws IOException {
		List<String> lines = Files.readAllLines(this.log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
	}

	private static List<String> command(int port, Map<String, String> settings) {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", mainClasspath(), "dev.ferry.FerryApplication",
				"--server.port=" + port));
		settings.forEach((key, value) -> command.add("--" + key + "=" + value));
		return command;
	}

	/** This build's classpath without test classes: the application as ferry.jar packs it. */
	private static String mainClasspath() {
		return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
			.collect(Collectors.joining(java.io.File.pathSeparator));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
