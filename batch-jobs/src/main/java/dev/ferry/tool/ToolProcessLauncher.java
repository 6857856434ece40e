package dev.ferry.tool;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;

import dev.ferry.storage.FileModes;

/**
 * Starts a {@link ToolCommand}: no shell, its own working directory, an environment built from scratch (PATH and
 * HOME of this JVM, LANG=C.UTF-8, then the command's variables), stdout and stderr merged and appended to the log
 * file, stdin closed.
 */
final class ToolProcessLauncher {

	private ToolProcessLauncher() {
	}

	static Process launch(ToolCommand command) throws IOException {
		if (!Files.isDirectory(command.workingDir())) {
			throw new IOException("working directory " + command.workingDir() + " does not exist");
		}
		Path logFile = command.logFile().toAbsolutePath();
		if (logFile.getParent() != null) {
			FileModes.createDirectories(logFile.getParent());
		}
		Files.writeString(logFile, "=== " + Instant.now() + " " + command.displayName() + ": "
				+ command.displayCommandLine() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
		FileModes.restrict(logFile);
		ProcessBuilder builder = new ProcessBuilder(command.command()).directory(command.workingDir().toFile())
			.redirectErrorStream(true)
			.redirectOutput(Redirect.appendTo(logFile.toFile()));
		environment(builder.environment(), command.environment());
		Process process = builder.start();
		process.getOutputStream().close();
		return process;
	}

	static void environment(Map<String, String> target, Map<String, String> commandEnvironment) {
		target.clear();
		String path = System.getenv("PATH");
		target.put("PATH", (path != null) ? path : "/usr/local/bin:/usr/bin:/bin");
		String home = System.getenv("HOME");
		target.put("HOME", (home != null) ? home : System.getProperty("user.home"));
		target.put("LANG", "C.UTF-8");
		target.putAll(commandEnvironment);
	}

}
