package dev.ferry.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small real {@code tmpfs} under {@code target/} for the fault tests that fill or size an export root
 * ({@code mount -t tmpfs -o size=…}; the tests run as root on these machines). {@link #close()} unmounts it (lazily,
 * idempotent) and removes the directory; a shutdown hook does the same should the JVM end before the test's clean-up.
 */
final class TmpfsRoot implements AutoCloseable {

	private final Path path;

	private TmpfsRoot(Path path) {
		this.path = path;
	}

	static TmpfsRoot mount(String prefix, String size) {
		try {
			Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), prefix);
			TmpfsRoot root = new TmpfsRoot(dir);
			run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "ferry-" + prefix + "disk",
					dir.toString());
			Runtime.getRuntime().addShutdownHook(new Thread(root::close));
			return root;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Path path() {
		return this.path;
	}

	boolean mounted() throws IOException {
		return Files.readAllLines(Path.of("/proc/self/mounts"))
			.stream()
			.anyMatch((line) -> line.split(" ")[1].equals(this.path.toString()));
	}

	@Override
	public synchronized void close() {
		try {
			if (mounted()) {
				run("umount", "-l", this.path.toString());
			}
			Files.deleteIfExists(this.path);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void run(String... command) {
		try {
			Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
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
