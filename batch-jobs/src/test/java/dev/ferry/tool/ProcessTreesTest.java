package dev.ferry.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProcessTreesTest {

	@Test
	void terminatesATreeWhoseRootIsNotOurChild() throws Exception {
		// The root here is a grandchild of this JVM: terminate must work on any ProcessHandle.
		Process outer = new ProcessBuilder("/bin/sh", "-c", "sh -c 'sleep 60 & sleep 60; wait' & wait").start();
		try {
			List<Long> tree = Processes.treeOf(outer.pid(), 4);
			ProcessHandle inner = ProcessHandle.of(tree.get(1)).orElseThrow();

			ProcessTrees.terminate(inner, Duration.ofSeconds(2));

			assertThat(Processes.awaitDead(tree.subList(1, tree.size()), Duration.ofSeconds(2))).isEmpty();
			assertThat(outer.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)).as("outer shell saw its child die").isTrue();
		}
		finally {
			outer.destroyForcibly();
		}
	}

	@Test
	void terminatingWhatIsGoneDoesNothing() throws Exception {
		Process done = new ProcessBuilder("true").start();
		done.waitFor();
		long started = System.nanoTime();

		ProcessTrees.terminate(done.toHandle(), Duration.ofSeconds(5));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
	}

}
