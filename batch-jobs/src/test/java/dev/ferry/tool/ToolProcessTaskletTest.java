package dev.ferry.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

class ToolProcessTaskletTest {

	private static final Duration LIMIT = Duration.ofSeconds(20);

	@TempDir
	Path dir;

	@Test
	void eachArgumentArrivesAsOneArgvEntry() throws Exception {
		ScriptedInvocation invocation = new ScriptedInvocation(this.dir)
			.thenShell("printf '[%s]\\n' \"$@\"", "a b", "it's", "ünï 🚀", "", "$HOME", "*", "x;y|z");
		TaskletRunner runner = new TaskletRunner(new ToolProcessTasklet(invocation));

		assertThat(runner.runToEnd(LIMIT)).isEqualTo(RepeatStatus.FINISHED);

		assertThat(toolOutput(invocation)).containsExactly("[a b]", "[it's]", "[ünï 🚀]", "[]", "[$HOME]", "[*]",
				"[x;y|z]");
	}

	@Test
	void environmentIsExactlyPathHomeLangAndTheCommandsVariables() throws Exception {
		ScriptedInvocation invocation = new ScriptedInvocation(this.dir)
			.environment(Map.of("FERRY_TEST_VAR", "some value", "LANG", "en_US.UTF-8"))
			.then("env");
		TaskletRunner runner = new TaskletRunner(new ToolProcessTasklet(invocation));

		runner.runToEnd(LIMIT);

		Map<String, String> env = toolOutput(invocation).stream()
			.map(line -> line.split("=", 2))
			.collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
		assertThat(env.keySet()).containsExactlyInAnyOrder("PATH", "HOME", "LANG", "FERRY_TEST_VAR");
		assertThat(env).containsEntry("FERRY_TEST_VAR", "some value")
			.containsEntry("LANG", "en_US.UTF-8")
			.containsEntry("PATH", System.getenv("PATH"));
		assertThat(System.getenv().keySet()).as("the JVM has variables the tool must not see")
			.isNotEqualTo(Set.of("PATH", "HOME", "LANG"));
	}

	@Test
	void runsInTheWorkingDirectory() throws Exception {
		Path work = Files.createDirectories(this.dir.resolve("work dir"));
		ScriptedInvocation invocation = new ScriptedInvocation(work).then("pwd");
		new TaskletRunner(new ToolProcessTasklet(invocation)).runToEnd(LIMIT);

		assertThat(toolOutput(invocation)).containsExactly(work.toRealPath().toString());
	}

	@Test
	void exitZeroFinishesAfterPollingAndRecordsProgressOnEachPoll() throws Exception {
		ScriptedInvocation invocation = new ScriptedInvocation(this.dir).thenShell("sleep 0.4; echo done");
		TaskletRunner runner = new TaskletRunner(new ToolProcessTasklet(invocation));

		assertThat(runner.executeOnce()).isEqualTo(RepeatStatus.CONTINUABLE);
		ExecutionContext context = runner.stepExecution.getExecutionContext();
		assertThat(context.getLong(ToolProcessTasklet.PID_KEY)).isPositive();
		assertThat(context.getString(ToolProcessTasklet.COMMAND_KEY)).isEqualTo("/bin/sh -c 'sleep 0.4; echo done' sh");
		assertThat(context.getLong(ToolProcessTasklet.STARTED_AT_KEY)).isCloseTo(System.currentTimeMillis(),
				org.assertj.core.data.Offset.offset(5000L));

		assertThat(runner.runToEnd(LIMIT)).isEqualTo(RepeatStatus.FINISHED);

		assertThat(runner.continuable).isGreaterThanOrEqualTo(3);
		assertThat(invocation.progress.get()).as("one progress call per CONTINUABLE poll")
			.isEqualTo(runner.continuable - 1);
		assertThat(context.getInt("test.polls")).isEqualTo(invocation.progress.get());
		assertThat(context.getLong(ToolProcessTasklet.POLLED_AT_KEY)).isPositive();
		assertThat(context.getInt(ToolProcessTasklet.EXIT_CODE_KEY)).isZero();
		assertThat(toolOutput(invocation)).containsExactly("done");
		assertThat(invocation.cleanedUp).hasValue(1);
		assertThat(RunningTools.snapshot()).doesNotContainKey(runner.pid());
	}

	@Test
	void nonZeroExitFailsWithTheCodeAndTheLogTail() throws Exception {
		ScriptedInvocation invocation = new ScriptedInvocation(this.dir)
			.thenShell("i=1; while [ $i -le 100 ]; do echo \"line $i\"; i=$((i+1)); done; echo oops >&2; exit 3");
		TaskletRunner runner = new TaskletRunner(new ToolProcessTasklet(invocation));

		assertThatThrownBy(() -> runner.runToEnd(LIMIT)).isInstanceOfSatisfying(ToolFailedException.class, ex -> {
			assertThat(ex.getExitCode()).isEqualTo(3);
			assertThat(ex.getMessage()).startsWith("test-tool exited with code 3\n")
				.endsWith("line 100\noops")
				.contains("line 62")
				.doesNotContain("line 60\n")
				.hasSizeLessThan(2100);
		});
		assertThat(runner.stepExecution.getExecutionContext().getInt(ToolProcessTasklet.EXIT_CODE_KEY)).isEqualTo(3);
		assertThat(invocation.cleanedUp).hasValue(1);
	}

	@Test
	void missingExecutableFailsClearly() {
		ScriptedInvocation invocation = new ScriptedInvocation(this.dir).then("/nonexistent/ferry-no-such-tool", "-v");
		TaskletRunner runner = new TaskletRunner(new ToolProcessTasklet(invocation));

		assertThatThrownBy(runner::executeOnce).isInstanceOf(ToolFailedException.class)
			.hasMessage("test-tool: cannot start /nonexistent/ferry-no-such-tool: No such file or directory")
			.extracting(ex -> ((ToolFailedException) ex).getExitCode())
			.isEqualTo(ToolFailedException.NO_EXIT_CODE);
		assertThat(invocation.cleanedUp).hasValue(1);
		assertThat(runner.stepExecution.getExecutionContext().containsKey(ToolProcessTasklet.PID_KEY)).isFalse();
	}

	@Test
	void missingWorkingDirectoryFailsClearly() {
		Path missing = this.dir.resolve("missing");
		ScriptedInvocation invocation = new ScriptedInvocation(missing).then("true");

		assertThatThrownBy(new TaskletRunner(new ToolProcessTasklet(invocation))::executeOnce)
			.isInstanceOf(ToolFailedException.class)
			.hasMessage("test-tool: cannot start true: working directory " + missing + " does not exist");
		assertThat(invocation.cleanedUp).hasValue(1);
	}

	@Test
	void timeoutTerminatesTheProcess() throws Exception {
		ScriptedInvocation invocation = new ScriptedInvocation(this.dir).timeout(Duration.ofMillis(300))
			.then("sleep", "30");
		TaskletRunner runner = new TaskletRunner(new ToolProcessTasklet(invocation));
		long started = System.nanoTime();

		assertThatThrownBy(() -> runner.runToEnd(LIMIT)).isInstanceOf(ToolTimeoutException.class)
			.hasMessageStartingWith("test-tool did not finish within 300ms; stopped\n")
			.hasMessageEndingWith("test-tool: sleep 30");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(Processes.alive(runner.pid())).isFalse();
		assertThat(invocation.cleanedUp).hasValue(1);
	}

	@Test
	void stopKillsTheWholeTree() throws Exception {
		ScriptedInvocation invocation = new ScriptedInvocation(this.dir).thenShell("sleep 60 & sleep 60; wait");
		ToolProcessTasklet tasklet = new ToolProcessTasklet(invocation, Duration.ofSeconds(5));
		TaskletRunner runner = new TaskletRunner(tasklet);
		runner.executeOnce();
		List<Long> tree = Processes.treeOf(runner.pid(), 3);

		tasklet.stop(runner.stepExecution);

		assertThat(Processes.awaitDead(tree, Duration.ofSeconds(3))).as("alive of %s", tree).isEmpty();
		assertThat(invocation.cleanedUp).hasValue(1);
		assertThat(runner.executeOnce()).isEqualTo(RepeatStatus.CONTINUABLE);
		assertThat(runner.stepExecution.isTerminateOnly()).as("the step will end STOPPED").isTrue();
		tasklet.stop(runner.stepExecution);
		assertThat(invocation.cleanedUp).hasValue(1);
		assertThat(RunningTools.snapshot()).doesNotContainKey(runner.pid());
	}

	@Test
	void stopWhilePollingEndsThePollingThreadPromptly() throws Exception {
		ScriptedInvocation invocation = new ScriptedInvocation(this.dir).pollInterval(Duration.ofSeconds(10))
			.then("sleep", "60");
		ToolProcessTasklet tasklet = new ToolProcessTasklet(invocation);
		TaskletRunner runner = new TaskletRunner(tasklet);
		runner.executeOnce();
		CompletableFuture<RepeatStatus> polling = CompletableFuture.supplyAsync(() -> {
			try {
				return runner.runToEnd(LIMIT);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		Thread.sleep(200);

		tasklet.stop(runner.stepExecution);

		assertThat(polling.get(3, TimeUnit.SECONDS)).isEqualTo(RepeatStatus.CONTINUABLE);
		assertThat(runner.stepExecution.isTerminateOnly()).isTrue();
		assertThat(Processes.alive(runner.pid())).isFalse();
		assertThat(invocation.cleanedUp).hasValue(1);
	}

	@Test
	void childIgnoringSigtermIsKilledAfterTheGracePeriod() throws Exception {
		ScriptedInvocation invocation = new ScriptedInvocation(this.dir)
			.thenShell("trap '' TERM; sleep 60 & sleep 60; wait");
		ToolProcessTasklet tasklet = new ToolProcessTasklet(invocation, Duration.ofMillis(500));
		TaskletRunner runner = new TaskletRunner(tasklet);
		runner.executeOnce();
		List<Long> tree = Processes.treeOf(runner.pid(), 3);
		long started = System.nanoTime();

		tasklet.stop(runner.stepExecution);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
		assertThat(Processes.awaitDead(tree, Duration.ofSeconds(3))).as("alive of %s", tree).isEmpty();
		assertThat(invocation.cleanedUp).hasValue(1);
	}

	@Test
	void stopBeforeStartStartsNothing() throws Exception {
		ScriptedInvocation invocation = new ScriptedInvocation(this.dir).then("sleep", "30");
		ToolProcessTasklet tasklet = new ToolProcessTasklet(invocation);
		TaskletRunner runner = new TaskletRunner(tasklet);

		tasklet.stop(runner.stepExecution);
		tasklet.stop(runner.stepExecution);

		assertThat(runner.executeOnce()).isEqualTo(RepeatStatus.CONTINUABLE);
		assertThat(runner.stepExecution.isTerminateOnly()).isTrue();
		assertThat(invocation.prepared).hasValue(0);
		assertThat(invocation.cleanedUp).hasValue(0);
	}

	@Test
	void interruptingThePollingThreadTerminatesTheTool() throws Exception {
		ScriptedInvocation invocation = new ScriptedInvocation(this.dir).pollInterval(Duration.ofSeconds(10))
			.then("sleep", "30");
		TaskletRunner runner = new TaskletRunner(new ToolProcessTasklet(invocation, Duration.ofSeconds(2)));
		runner.executeOnce();
		CompletableFuture<Throwable> failure = new CompletableFuture<>();
		Thread poller = new Thread(() -> {
			try {
				runner.executeOnce();
				failure.complete(new AssertionError("no exception"));
			}
			catch (Throwable ex) {
				failure.complete(ex);
			}
		});
		poller.start();
		Thread.sleep(200);

		poller.interrupt();

		assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(JobInterruptedException.class);
		assertThat(Processes.alive(runner.pid())).isFalse();
		assertThat(invocation.cleanedUp).hasValue(1);
	}

	@Test
	void terminateAllStopsRunningToolsAsStoppedNotFailed() throws Exception {
		ScriptedInvocation invocation = new ScriptedInvocation(this.dir).then("sleep", "30");
		TaskletRunner runner = new TaskletRunner(new ToolProcessTasklet(invocation));
		runner.executeOnce();
		assertThat(RunningTools.snapshot()).containsEntry(runner.pid(), "test-tool");

		RunningTools.terminateAll(Duration.ofSeconds(2));

		assertThat(Processes.alive(runner.pid())).isFalse();
		assertThat(RunningTools.snapshot()).doesNotContainKey(runner.pid());
		assertThat(runner.executeOnce()).isEqualTo(RepeatStatus.CONTINUABLE);
		assertThat(runner.stepExecution.isTerminateOnly()).isTrue();
		assertThat(invocation.cleanedUp).hasValue(1);
	}

	@Test
	void aReusedInstanceStartsAfreshForTheNextStepExecution() throws Exception {
		ScriptedInvocation invocation = new ScriptedInvocation(this.dir).then("sleep", "30").then("true");
		ToolProcessTasklet tasklet = new ToolProcessTasklet(invocation);
		TaskletRunner first = new TaskletRunner(tasklet, 1L);
		first.executeOnce();
		tasklet.stop(first.stepExecution);
		assertThat(first.runToEnd(LIMIT)).isEqualTo(RepeatStatus.CONTINUABLE);
		assertThat(first.stepExecution.isTerminateOnly()).isTrue();

		TaskletRunner second = new TaskletRunner(tasklet, 2L);

		assertThat(second.runToEnd(LIMIT)).isEqualTo(RepeatStatus.FINISHED);
		assertThat(second.stepExecution.isTerminateOnly()).isFalse();
		assertThat(invocation.prepared).hasValue(2);
		assertThat(invocation.cleanedUp).hasValue(2);
	}

	@Test
	void aSharedInstanceRefusesASecondConcurrentStepExecution() throws Exception {
		ScriptedInvocation invocation = new ScriptedInvocation(this.dir).then("sleep", "30");
		ToolProcessTasklet tasklet = new ToolProcessTasklet(invocation);
		TaskletRunner first = new TaskletRunner(tasklet, 1L);
		TaskletRunner second = new TaskletRunner(tasklet, 2L);
		first.executeOnce();

		assertThatThrownBy(second::executeOnce).isInstanceOf(IllegalStateException.class).hasMessageContaining("@StepScope");
		tasklet.stop(second.stepExecution);

		assertThat(Processes.alive(first.pid())).as("the other step execution's tool").isTrue();
		tasklet.stop(first.stepExecution);
		assertThat(Processes.alive(first.pid())).isFalse();
		assertThat(invocation.cleanedUp).hasValue(1);
	}

	/** What the tool wrote: the log without the header line Ferry writes before starting it. */
	private static List<String> toolOutput(ScriptedInvocation invocation) throws IOException {
		return Files.readAllLines(invocation.logFile(), StandardCharsets.UTF_8)
			.stream()
			.filter(line -> !line.startsWith("=== "))
			.toList();
	}

}
