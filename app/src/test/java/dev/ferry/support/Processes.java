package dev.ferry.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds processes by their command line in {@code /proc}, as an operator would with {@code ps}. */
public final class Processes {

	private Processes() {
	}

	/** The argv of every live process whose command line contains {@code needle}. */
	public static List<List<String>> commandLinesContaining(String needle) {
		try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
			return procs.filter((p) -> p.getFileName().toString().matches("\\d+"))
				.map(Processes::argv)
				.flatMap(Optional::stream)
				.filter((argv) -> String.join(" ", argv).contains(needle))
				.toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Optional<List<String>> argv(Path proc) {
		try {
			byte[] raw = Files.readAllBytes(proc.resolve("cmdline"));
			if (raw.length == 0) {
				return Optional.empty();
			}
			return Optional.of(List.of(new String(raw, StandardCharsets.UTF_8).split("\0")));
		}
		catch (IOException ex) {
			return Optional.empty(); // the process ended meanwhile
		}
	}

	/** Waits until a process whose command line contains {@code needle} is running; its argv. */
	public static List<List<String>> await(String needle, java.time.Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			List<List<String>> found = commandLinesContaining(needle);
			if (!found.isEmpty()) {
				return found;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("no process with " + needle + " in its command line appeared within " + timeout);
	}

}
