package dev.ferry.tool;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tool processes this JVM has started and not yet seen exit, so that they can all be terminated when the JVM
 * shuts down (a shutdown hook or {@code @PreDestroy} calls {@link #terminateAll()}).
 */
public final class RunningTools {

	private static final Logger log = LoggerFactory.getLogger(RunningTools.class);

	/** Grace period between SIGTERM and SIGKILL used by {@link #terminateAll()}. */
	public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

	private static final Map<Long, Entry> RUNNING = new ConcurrentHashMap<>();

	private RunningTools() {
	}

	/** pid → display name of the tools running now. */
	public static Map<Long, String> snapshot() {
		Map<Long, String> result = new TreeMap<>();
		RUNNING.forEach((pid, entry) -> result.put(pid, entry.displayName()));
		return result;
	}

	/** Terminates every running tool's process tree, waiting up to {@link #DEFAULT_GRACE} before SIGKILL. */
	public static void terminateAll() {
		terminateAll(DEFAULT_GRACE);
	}

	/** Terminates every running tool's process tree; the trees share one grace period. */
	public static void terminateAll(Duration grace) {
		List<Entry> entries = List.copyOf(RUNNING.values());
		if (entries.isEmpty()) {
			return;
		}
		log.info("Terminating {} running tool(s): {}", entries.size(), snapshot());
		for (Entry entry : entries) {
			try {
				entry.onTerminate().run();
			}
			catch (RuntimeException ex) {
				log.warn("Marking {} (pid {}) as stopped failed", entry.displayName(), entry.process().pid(), ex);
			}
		}
		ProcessTrees.terminate(entries.stream().map(Entry::process).toList(), grace);
		entries.forEach(entry -> RUNNING.remove(entry.process().pid(), entry));
	}

	/**
	 * Registers a started process. {@code onTerminate} runs (before the process is signalled) when
	 * {@link #terminateAll} takes it down, so its owner can report a stop rather than a failure.
	 */
	static void register(ProcessHandle process, String displayName, Runnable onTerminate) {
		RUNNING.put(process.pid(), new Entry(process, displayName, onTerminate));
	}

	static void unregister(ProcessHandle process) {
		RUNNING.computeIfPresent(process.pid(), (pid, entry) -> entry.process().equals(process) ? null : entry);
	}

	private record Entry(ProcessHandle process, String displayName, Runnable onTerminate) {
	}

}
