package dev.ferry.web.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Real processes: temp shell scripts and binaries on PATH, no mocks. */
class ToolCheckTests {

	@TempDir
	Path dir;

	@Test
	void foundToolAnswersItsFirstVersionLine() throws IOException {
		Path tool = script("fake-mydumper", "printf '\\n  fake-mydumper 0.10.0, built against MySQL 8\\nsecond line\\n'");
		ToolCheck check = ToolCheck.of(tool.toString());
		assertThat(check.found()).isTrue();
		assertThat(check.path()).isEqualTo(tool);
		assertThat(check.version()).isEqualTo("fake-mydumper 0.10.0, built against MySQL 8");
		assertThat(check.problem()).isNull();
	}

	@Test
	void theArgumentIsPassedAsOneArgumentWithoutAShell() throws IOException {
		Path tool = script("args", "echo \"$# args: $1\"");
		assertThat(ToolCheck.of(tool.toString()).version()).isEqualTo("1 args: --version");
	}

	@Test
	void nameIsLookedUpOnPath() {
		ToolCheck check = ToolCheck.of("sh");
		assertThat(check.path()).isNotNull();
		assertThat(check.path().getFileName().toString()).isEqualTo("sh");
	}

	@Test
	void missingToolIsNotFound() {
		assertThat(ToolCheck.of(this.dir.resolve("nope").toString()).problem()).isEqualTo("not found or not executable");
		assertThat(ToolCheck.of("ferry-no-such-tool-xyz").problem()).isEqualTo("not found on PATH");
		assertThat(ToolCheck.of("ferry-no-such-tool-xyz").found()).isFalse();
	}

	@Test
	void hangingToolIsStoppedAfterTheTimeout() throws IOException {
		Path tool = script("hangs", "sleep 30");
		long start = System.nanoTime();
		ToolCheck check = ToolCheck.of(tool.toString(), Duration.ofMillis(300));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		assertThat(check.found()).isFalse();
		assertThat(check.problem()).startsWith("did not answer --version within");
	}

	@Test
	void nonZeroExitIsReportedWithTheOutput() throws IOException {
		Path tool = script("fails", "echo 'unknown flag --version' >&2; exit 3");
		ToolCheck check = ToolCheck.of(tool.toString());
		assertThat(check.path()).isEqualTo(tool);
		assertThat(check.version()).isEqualTo("unknown flag --version");
		assertThat(check.problem()).isEqualTo("--version exited with 3");
	}

	private Path script(String name, String body) throws IOException {
		Path file = this.dir.resolve(name);
		Files.writeString(file, "#!/bin/sh\n" + body + "\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
		return file;
	}

}
