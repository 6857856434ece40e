package dev.ferry.tool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** A {@link ToolInvocation} for tests: hands out prepared commands in turn and counts the callbacks. */
class ScriptedInvocation implements ToolInvocation {

	final AtomicInteger prepared = new AtomicInteger();

	final AtomicInteger progress = new AtomicInteger();

	final AtomicInteger cleanedUp = new AtomicInteger();

	private final Deque<ToolCommand> commands = new ArrayDeque<>();

	private final Path dir;

	private Map<String, String> environment = Map.of();

	private Duration timeout = Duration.ofSeconds(30);

	private Duration pollInterval = Duration.ofMillis(50);

	ScriptedInvocation(Path dir) {
		this.dir = dir;
	}

	ScriptedInvocation environment(Map<String, String> environment) {
		this.environment = environment;
		return this;
	}

	ScriptedInvocation timeout(Duration timeout) {
		this.timeout = timeout;
		return this;
	}

	ScriptedInvocation pollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
		return this;
	}

	/** Queues a command; the last one queued is repeated once the others are used up. */
	synchronized ScriptedInvocation then(String... argv) {
		this.commands.add(new ToolCommand("test-tool", List.of(argv), this.dir, this.environment,
				logFile(), this.timeout, this.pollInterval));
		return this;
	}

	/** Queues a shell script; {@code args} become $1, $2, ... */
	ScriptedInvocation thenShell(String script, String... args) {
		List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", script, "sh"));
		argv.addAll(List.of(args));
		return then(argv.toArray(String[]::new));
	}

	Path logFile() {
		return this.dir.resolve("logs/test-tool.log");
	}

	@Override
	public synchronized ToolCommand prepare(StepExecution stepExecution) {
		this.prepared.incrementAndGet();
		return (this.commands.size() > 1) ? this.commands.poll() : this.commands.getFirst();
	}

	@Override
	public void recordProgress(StepExecution stepExecution, ToolCommand command, ExecutionContext context) {
		context.putInt("test.polls", this.progress.incrementAndGet());
	}

	@Override
	public void cleanup(StepExecution stepExecution, ToolCommand command) {
		this.cleanedUp.incrementAndGet();
	}

}
