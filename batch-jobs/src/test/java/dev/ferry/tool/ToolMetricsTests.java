package dev.ferry.tool;

import java.nio.file.Path;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code ferry.tool.exits}: real processes through {@link ToolProcessTasklet}, counted by tool and code class. */
class ToolMetricsTests {

	private static final Duration LIMIT = Duration.ofSeconds(20);

	@TempDir
	Path dir;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ToolMetrics metrics = new ToolMetrics(this.registry);

	@Test
	void aSuccessAndAFailureAreCountedByTheirClass() throws Exception {
		ScriptedInvocation ok = new ScriptedInvocation(this.dir).thenShell("exit 0");
		new TaskletRunner(new ToolProcessTasklet(ok, Duration.ofSeconds(5), this.metrics)).runToEnd(LIMIT);
		ScriptedInvocation failing = new ScriptedInvocation(this.dir).thenShell("exit 3");
		assertThatThrownBy(() -> new TaskletRunner(new ToolProcessTasklet(failing, Duration.ofSeconds(5),
				this.metrics)).runToEnd(LIMIT)).isInstanceOf(ToolFailedException.class);

		assertThat(count("ok")).isEqualTo(1);
		assertThat(count("error")).isEqualTo(1);
		assertThat(count("signal")).isZero();
	}

	@Test
	void aKilledToolIsASignalAndATimeoutIsATimeout() throws Exception {
		ScriptedInvocation killed = new ScriptedInvocation(this.dir).thenShell("kill -9 $$");
		assertThatThrownBy(() -> new TaskletRunner(new ToolProcessTasklet(killed, Duration.ofSeconds(5), this.metrics))
			.runToEnd(LIMIT)).isInstanceOf(ToolFailedException.class);
		ScriptedInvocation slow = new ScriptedInvocation(this.dir).timeout(Duration.ofMillis(300)).then("sleep", "30");
		assertThatThrownBy(() -> new TaskletRunner(new ToolProcessTasklet(slow, Duration.ofSeconds(5), this.metrics))
			.runToEnd(LIMIT)).isInstanceOf(ToolTimeoutException.class);

		assertThat(count("signal")).isEqualTo(1);
		assertThat(count("timeout")).isEqualTo(1);
		assertThat(count("ok")).isZero();
	}

	@Test
	void codeClasses() {
		assertThat(ToolMetrics.codeClass(0, false)).isEqualTo("ok");
		assertThat(ToolMetrics.codeClass(1, false)).isEqualTo("error");
		assertThat(ToolMetrics.codeClass(125, false)).isEqualTo("error");
		assertThat(ToolMetrics.codeClass(127, false)).isEqualTo("not_runnable");
		assertThat(ToolMetrics.codeClass(137, false)).isEqualTo("signal");
		assertThat(ToolMetrics.codeClass(ToolExitListener.NO_EXIT_CODE, true)).isEqualTo("timeout");
	}

	private double count(String codeClass) {
		var counter = this.registry.find("ferry.tool.exits").tags("tool", "test-tool", "code_class", codeClass)
			.counter();
		return counter == null ? 0 : counter.count();
	}

}
