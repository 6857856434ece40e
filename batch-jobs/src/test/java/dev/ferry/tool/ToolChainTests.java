package dev.ferry.tool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A chain of runs in one step ({@link ToolInvocation#next}): in order, each cleaned up, a failure ends it. */
class ToolChainTests {

	@TempDir
	Path dir;

	@Test
	void runsEachCommandOfTheChainInOrderAndCleansEachUp() throws Exception {
		Chain chain = new Chain(this.dir, "echo one", "echo two", "echo three");
		TaskletRunner runner = new TaskletRunner(new ToolProcessTasklet(chain));

		assertThat(runner.runToEnd(Duration.ofSeconds(20))).isEqualTo(RepeatStatus.FINISHED);

		assertThat(Files.readAllLines(this.dir.resolve("chain.log")).stream().filter((l) -> !l.startsWith("===")))
			.containsExactly("one", "two", "three");
		assertThat(chain.cleanedUp).containsExactly("echo one", "echo two", "echo three");
	}

	@Test
	void aFailingLinkFailsTheStepAndSkipsTheRest() throws Exception {
		Chain chain = new Chain(this.dir, "echo one", "echo broken; exit 4", "echo never");
		TaskletRunner runner = new TaskletRunner(new ToolProcessTasklet(chain));

		assertThatThrownBy(() -> runner.runToEnd(Duration.ofSeconds(20))).isInstanceOf(ToolFailedException.class)
			.hasMessageContaining("exited with code 4")
			.hasMessageContaining("broken");

		assertThat(chain.cleanedUp).containsExactly("echo one", "echo broken; exit 4");
		assertThat(Files.readString(this.dir.resolve("chain.log"))).doesNotContain("never");
	}

	/** Hands out shell commands one after another. */
	static final class Chain implements ToolInvocation {

		final List<String> cleanedUp = new ArrayList<>();

		private final Deque<String> scripts;

		private final Path dir;

		Chain(Path dir, String... scripts) {
			this.dir = dir;
			this.scripts = new ArrayDeque<>(List.of(scripts));
		}

		@Override
		public ToolCommand prepare(StepExecution stepExecution) {
			return command(this.scripts.poll());
		}

		@Override
		public @Nullable ToolCommand next(StepExecution stepExecution, ToolCommand finished) {
			return this.scripts.isEmpty() ? null : command(this.scripts.poll());
		}

		@Override
		public void cleanup(StepExecution stepExecution, ToolCommand command) {
			this.cleanedUp.add(command.command().get(2));
		}

		private ToolCommand command(String script) {
			return new ToolCommand("chain", List.of("/bin/sh", "-c", script), this.dir, Map.of(),
					this.dir.resolve("chain.log"), Duration.ofSeconds(10), Duration.ofMillis(50));
		}

	}

}
