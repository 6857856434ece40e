package dev.ferry.web.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import dev.ferry.transfer.ToolBinaries;

/**
 * Whether a tool is installed: found as an absolute path or on {@code PATH}, and what {@code <tool> --version} says
 * (first non-blank line of its output). Run with an argument list (no shell), its output to a temp file, and ended
 * after {@link #TIMEOUT}.
 * @param configured the setting's value (a path or a name)
 * @param path where it was found; null when not found
 * @param version the first line of {@code --version}; null when not found or it said nothing
 * @param problem why it is not usable; null when found and it answered
 */
public record ToolCheck(String configured, @Nullable Path path, @Nullable String version, @Nullable String problem) {

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final int MAX_LINE = 200;

	public boolean found() {
		return this.path != null && this.problem == null;
	}

	public static ToolCheck of(String configured) {
		return of(configured, TIMEOUT);
	}

	static ToolCheck of(String configured, Duration timeout) {
		if (configured.isBlank()) {
			return new ToolCheck(configured, null, null, "not set");
		}
		Optional<Path> found = ToolBinaries.find(configured);
		if (found.isEmpty()) {
			return new ToolCheck(configured, null, null,
					configured.contains("/") ? "not found or not executable" : "not found on PATH");
		}
		Path path = found.get();
		Path output = null;
		try {
			output = Files.createTempFile("ferry-version-", ".txt");
			Process process = new ProcessBuilder(List.of(path.toString(), "--version")).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
				.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return new ToolCheck(configured, path, null,
						"did not answer --version within " + timeout.toSeconds() + " s");
			}
			String version = firstLine(output);
			if (process.exitValue() != 0) {
				return new ToolCheck(configured, path, version, "--version exited with " + process.exitValue());
			}
			return new ToolCheck(configured, path, version, null);
		}
		catch (IOException ex) {
			return new ToolCheck(configured, path, null, "cannot run: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new ToolCheck(configured, path, null, "interrupted");
		}
		finally {
			if (output != null) {
				try {
					Files.deleteIfExists(output);
				}
				catch (IOException ex) {
					// a temp file left behind; nothing else to do
				}
			}
		}
	}

	private static @Nullable String firstLine(Path output) throws IOException {
		byte[] head;
		try (var in = Files.newInputStream(output)) {
			head = in.readNBytes(4096);
		}
		for (String line : new String(head, StandardCharsets.UTF_8).split("\\R")) {
			String text = line.strip();
			if (!text.isEmpty()) {
				return text.length() > MAX_LINE ? text.substring(0, MAX_LINE) + "…" : text;
			}
		}
		return null;
	}

}
