package dev.ferry.tool;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Ending a tool left behind by a crashed JVM: by pid and start time, never a process that merely reuses the pid. */
class OrphanedToolTests {

	@Test
	void endsTheProcessTreeOnlyWhenPidAndStartTimeMatch() throws Exception {
		Process shell = new ProcessBuilder("sh", "-c", "sleep 60 & wait").start();
		try {
			ProcessHandle handle = shell.toHandle();
			long started = ProcessTrees.startMillis(handle);
			assertThat(started).isPositive();
			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (handle.children().findAny().isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			ProcessHandle child = handle.children().findFirst().orElseThrow();

			assertThat(ProcessTrees.terminateIfSame(shell.pid(), started - 60_000, Duration.ofSeconds(1)))
				.as("another start time: a reused pid").isFalse();
			assertThat(ProcessTrees.terminateIfSame(shell.pid(), -1, Duration.ofSeconds(1))).as("unknown start")
				.isFalse();
			assertThat(shell.isAlive()).isTrue();

			assertThat(ProcessTrees.terminateIfSame(shell.pid(), started, Duration.ofSeconds(1))).isTrue();

			assertThat(ProcessTrees.awaitGone(java.util.List.of(handle, child), Duration.ofSeconds(5))).isTrue();
			assertThat(ProcessTrees.terminateIfSame(shell.pid(), started, Duration.ofSeconds(1))).as("already gone")
				.isFalse();
		}
		finally {
			shell.destroyForcibly();
		}
	}

}
