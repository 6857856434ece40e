package dev.ferry.tool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * {@code ferry.tool.exits}: tool runs by tool ({@code mydumper}, {@code myloader}, {@code dumpling},
 * {@code tidb-lightning}) and class of exit code: {@code ok} (0), {@code error} (1–125), {@code not_runnable}
 * (126, 127: the shell's "cannot execute" and "not found"), {@code signal} (128 and above: killed by a signal),
 * {@code timeout} (ended by Ferry after {@code ferry.tools.timeout}). Classes rather than codes keep the series few.
 */
@Component
public class ToolMetrics implements ToolExitListener {

	private final MeterRegistry registry;

	ToolMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void ended(ToolCommand command, int exitCode, boolean timedOut) {
		Counter.builder("ferry.tool.exits")
			.description("Tool runs by tool and class of exit code")
			.tag("tool", command.displayName())
			.tag("code_class", codeClass(exitCode, timedOut))
			.register(this.registry)
			.increment();
	}

	static String codeClass(int exitCode, boolean timedOut) {
		if (timedOut) {
			return "timeout";
		}
		if (exitCode == 0) {
			return "ok";
		}
		if (exitCode == 126 || exitCode == 127) {
			return "not_runnable";
		}
		return (exitCode >= 128 || exitCode < 0) ? "signal" : "error";
	}

}
