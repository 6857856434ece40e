package dev.ferry.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Total size and file count below a directory, walked on demand. */
public record DirectoryStats(long bytes, long files) {

	public static DirectoryStats of(Path dir) {
		if (!Files.isDirectory(dir)) {
			return new DirectoryStats(0, 0);
		}
		try (Stream<Path> walk = Files.walk(dir)) {
			long[] totals = new long[2];
			walk.filter(Files::isRegularFile).forEach((file) -> {
				totals[0] += sizeOf(file);
				totals[1]++;
			});
			return new DirectoryStats(totals[0], totals[1]);
		}
		catch (IOException | UncheckedIOException ex) {
			return new DirectoryStats(0, 0); // a file vanished while walking: report nothing rather than fail
		}
	}

	private static long sizeOf(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
