package dev.ferry.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

	@TempDir
	Path dir;

	@Test
	void lastFortyLines() throws IOException {
		Path log = write(IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n\n")));

		String tail = LogTail.read(log);

		assertThat(tail.lines()).hasSize(40).startsWith("line 61").endsWith("line 100");
	}

	@Test
	void atMostTwoThousandCharactersStartingAtALine() throws IOException {
		Path log = write(IntStream.rangeClosed(1, 30).mapToObj(i -> i + ":" + "x".repeat(198)).collect(Collectors.joining("\n")));

		String tail = LogTail.read(log);

		assertThat(tail).hasSizeLessThanOrEqualTo(2000).startsWith("22:").endsWith("30:" + "x".repeat(198));
	}

	@Test
	void hugeFileIsReadFromTheEndOnly() throws IOException {
		Path log = this.dir.resolve("huge.log");
		try (OutputStream out = Files.newOutputStream(log)) {
			byte[] line = ("filler".repeat(20) + "\n").getBytes(StandardCharsets.US_ASCII);
			for (int i = 0; i < 200_000; i++) {
				out.write(line);
			}
			out.write("the end\n".getBytes(StandardCharsets.US_ASCII));
		}

		assertThat(LogTail.read(log)).endsWith("\nthe end");
	}

	@Test
	void invalidUtf8AndCutCharactersAreReplacedNotFatal() throws IOException {
		Path log = this.dir.resolve("binary.log");
		byte[] multibyte = "ü🚀".repeat(3000).getBytes(StandardCharsets.UTF_8);
		byte[] tail = { 'o', 'k', ' ', (byte) 0xC3, (byte) 0x28, ' ', (byte) 0xFF, '\n' };
		byte[] all = new byte[multibyte.length + 1 + tail.length];
		System.arraycopy(multibyte, 0, all, 0, multibyte.length);
		all[multibyte.length] = '\n';
		System.arraycopy(tail, 0, all, multibyte.length + 1, tail.length);
		Files.write(log, all);

		String text = LogTail.read(log);

		assertThat(text).endsWith("ok \uFFFD( \uFFFD").hasSizeLessThanOrEqualTo(2000);
		assertThat(LogTail.read(log, 1, 5)).isEqualTo(" \uFFFD( \uFFFD");
	}

	@Test
	void singleLongLineIsCutFromTheEnd() throws IOException {
		Path log = write("a".repeat(10_000) + "END");

		assertThat(LogTail.read(log)).hasSize(2000).endsWith("END");
	}

	@Test
	void missingOrEmptyFileGivesNothing() throws IOException {
		assertThat(LogTail.read(this.dir.resolve("missing.log"))).isEmpty();
		assertThat(LogTail.read(write(""))).isEmpty();
	}

	private Path write(String text) throws IOException {
		return Files.writeString(this.dir.resolve("tool.log"), text);
	}

}
