package dev.ferry.engine.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompressionTests {

	@TempDir
	Path dir;

	@Test
	void namesAndSuffixes() {
		assertThat(Compression.of("none")).isEqualTo(Compression.NONE);
		assertThat(Compression.of("GZIP")).isEqualTo(Compression.GZIP);
		assertThat(Compression.of("zstd")).isEqualTo(Compression.ZSTD);
		assertThat(Compression.GZIP.suffix()).isEqualTo(".gz");
		assertThat(Compression.ZSTD.suffix()).isEqualTo(".zst");
		assertThat(Compression.NONE.suffix()).isEmpty();
		assertThatThrownBy(() -> Compression.of("lz4")).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("unknown compression 'lz4': use one of none, gzip, zstd");
		assertThatThrownBy(() -> Compression.of("")).hasMessageStartingWith("unknown compression ''");
		assertThat(FileType.of("CSV")).isEqualTo(FileType.CSV);
		assertThatThrownBy(() -> FileType.of("parquet")).hasMessage("unknown file type 'parquet': use one of sql, csv");
	}

	@Test
	void everyCompressionRoundTrips() throws IOException {
		byte[] random = new byte[3 * 1024 * 1024 + 17];
		new Random(1).nextBytes(random);
		byte[] text = "INSERT INTO `t` VALUES\n(1,'abc'),\n".repeat(100_000).getBytes(StandardCharsets.UTF_8);
		for (Compression compression : Compression.values()) {
			for (byte[] data : new byte[][] { random, text, new byte[0], { 0x28, (byte) 0xb5, 0x2f, (byte) 0xfd } }) {
				if (compression == Compression.NONE && data.length == 4) {
					continue; // uncompressed bytes that start like zstd are refused: the engine's files never do
				}
				byte[] stored = compress(compression, data);
				try (InputStream in = compression.unwrap(new ByteArrayInputStream(stored))) {
					assertThat(in.readAllBytes()).as(compression + " of " + data.length + " bytes").isEqualTo(data);
				}
			}
			if (compression != Compression.NONE) {
				assertThat(compress(compression, text).length).isLessThan(text.length / 10);
			}
		}
	}

	@Test
	void aWrongCompressionIsNamed() throws IOException {
		byte[] text = "/*!40101 SET NAMES utf8mb4*/;\n".getBytes(StandardCharsets.UTF_8);
		assertThatThrownBy(() -> Compression.GZIP.unwrap(new ByteArrayInputStream(compress(Compression.ZSTD, text))))
			.isInstanceOf(IOException.class).hasMessage("the stream is zstd-compressed, not gzip-compressed");
		assertThatThrownBy(() -> Compression.ZSTD.unwrap(new ByteArrayInputStream(compress(Compression.GZIP, text))))
			.hasMessage("the stream is gzip-compressed, not zstd-compressed");
		assertThatThrownBy(() -> Compression.NONE.unwrap(new ByteArrayInputStream(compress(Compression.GZIP, text))))
			.hasMessage("the stream is gzip-compressed, not uncompressed");
		assertThatThrownBy(() -> Compression.ZSTD.unwrap(new ByteArrayInputStream(text)))
			.hasMessage("the stream is not compressed, not zstd-compressed");
		assertThatThrownBy(() -> Compression.GZIP.unwrap(new ByteArrayInputStream(new byte[0])))
			.hasMessage("the stream is not compressed, not gzip-compressed");
	}

	@Test
	void theCommandLineToolsReadTheFiles() throws Exception {
		byte[] text = "(1,'é😀'),\n".repeat(50_000).getBytes(StandardCharsets.UTF_8);
		Path gz = this.dir.resolve("t.00000.sql.gz");
		Path zst = this.dir.resolve("t.00000.sql.zst");
		Files.write(gz, compress(Compression.GZIP, text));
		Files.write(zst, compress(Compression.ZSTD, text));

		assertThat(run("gzip", "-dc", gz.toString())).isEqualTo(text);
		assertThat(run("zstd", "-dcq", zst.toString())).isEqualTo(text);
	}

	private static byte[] run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		byte[] out = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).isZero();
		return out;
	}

	private static byte[] compress(Compression compression, byte[] data) throws IOException {
		ByteArrayOutputStream stored = new ByteArrayOutputStream();
		try (OutputStream out = compression.wrap(stored)) {
			out.write(data);
		}
		return stored.toByteArray();
	}

}
