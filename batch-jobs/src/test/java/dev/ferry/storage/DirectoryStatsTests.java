package dev.ferry.storage;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Size and regular-file count below a directory. */
class DirectoryStatsTests {

	@TempDir
	Path dir;

	@Test
	void countsBytesAndRegularFilesRecursively() throws Exception {
		write(this.dir.resolve("top.sql"), 100);
		write(this.dir.resolve("a").resolve("one.sql"), 2_000);
		write(this.dir.resolve("a").resolve("b").resolve("two.sql"), 30_000);
		write(this.dir.resolve("a").resolve("b").resolve("c").resolve("empty"), 0);
		Files.createDirectories(this.dir.resolve("empty-dir").resolve("nested"));

		DirectoryStats stats = DirectoryStats.of(this.dir);

		assertThat(stats).isEqualTo(new DirectoryStats(32_100, 4));
	}

	@Test
	void anEmptyDirectoryHasNoBytesAndNoFiles() throws Exception {
		Files.createDirectories(this.dir.resolve("x").resolve("y"));

		assertThat(DirectoryStats.of(this.dir)).isEqualTo(new DirectoryStats(0, 0));
	}

	@Test
	void aMissingDirectoryHasNoBytesAndNoFiles() {
		assertThat(DirectoryStats.of(this.dir.resolve("missing"))).isEqualTo(new DirectoryStats(0, 0));
	}

	@Test
	void aRegularFileInsteadOfADirectoryCountsAsNothing() throws Exception {
		Path file = write(this.dir.resolve("file.bin"), 500);

		assertThat(DirectoryStats.of(file)).isEqualTo(new DirectoryStats(0, 0));
	}

	@Test
	void onlyCountsBelowTheGivenDirectory() throws Exception {
		write(this.dir.resolve("outside.bin"), 1_000);
		write(this.dir.resolve("inside").resolve("in.bin"), 10);

		assertThat(DirectoryStats.of(this.dir.resolve("inside"))).isEqualTo(new DirectoryStats(10, 1));
	}

	private static Path write(Path file, int size) throws Exception {
		Files.createDirectories(file.getParent());
		return Files.write(file, new byte[size]);
	}

}
