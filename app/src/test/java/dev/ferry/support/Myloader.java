package dev.ferry.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads a dump with Debian's {@code myloader} 0.10 into a MariaDB server as root (empty password), each database
 * under its own name. myloader 0.10 reads {@code .sql} and {@code .sql.gz} data files but loads nothing from
 * {@code .sql.zst} (and still exits 0), and it refuses a directory without {@code metadata}: a dump with zstd files
 * is loaded from a copy with those files decompressed.
 */
public final class Myloader {

	private Myloader() {
	}

	/**
	 * Runs myloader on {@code data} against {@code 127.0.0.1:port}; asserts it exits 0. One thread: myloader 0.10 does
	 * not retry an InnoDB deadlock between two threads inserting chunks of one table (seen once in CI), and these
	 * checks are about the data, not the loader's speed.
	 */
	public static void load(Path data, int port) throws IOException, InterruptedException {
		Path directory = hasZstd(data) ? decompressedCopy(data) : data;
		try {
			Process process = new ProcessBuilder("myloader", "--host", "127.0.0.1", "--port", Integer.toString(port),
					"--user", "root", "--directory", directory.toString(), "--threads", "1", "-v", "3")
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes());
			assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("myloader finished").isTrue();
			assertThat(process.exitValue()).as("myloader on %s:\n%s", data, output).isZero();
			assertThat(output).as("myloader on %s", data).doesNotContain("CRITICAL");
		}
		finally {
			if (!directory.equals(data)) {
				delete(directory);
			}
		}
	}

	private static boolean hasZstd(Path data) throws IOException {
		try (Stream<Path> files = Files.list(data)) {
			return files.anyMatch((f) -> f.getFileName().toString().endsWith(".zst"));
		}
	}

	private static Path decompressedCopy(Path data) throws IOException {
		Path copy = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "myloader-");
		try (Stream<Path> files = Files.list(data)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String name = file.getFileName().toString();
				if (name.endsWith(".zst")) {
					try (InputStream in = NativeDump.open(file)) {
						Files.copy(in, copy.resolve(name.substring(0, name.length() - ".zst".length())));
					}
				}
				else {
					Files.copy(file, copy.resolve(name));
				}
			}
		}
		return copy;
	}

	private static void delete(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

}
