package dev.ferry.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Terminates whole process trees: the descendants are collected first (once the root is gone they are re-parented
 * and can no longer be found from it), then the root and all descendants get SIGTERM ({@link ProcessHandle#destroy()}),
 * and whatever is still alive after the grace period gets SIGKILL ({@link ProcessHandle#destroyForcibly()}).
 * Zombies count as gone.
 */
public final class ProcessTrees {

	private static final Logger log = LoggerFactory.getLogger(ProcessTrees.class);

	private static final long POLL_MILLIS = 25;

	/** How long to wait for SIGKILLed processes to disappear before giving up. */
	private static final Duration KILL_WAIT = Duration.ofSeconds(5);

	private ProcessTrees() {
	}

	/** SIGTERM the tree under and including {@code root}, wait up to {@code grace}, then SIGKILL what is left. */
	public static void terminate(ProcessHandle root, Duration grace) {
		terminate(List.of(root), grace);
	}

	/** When the process started (epoch millis as the OS reports it), or -1 if unknown. */
	public static long startMillis(ProcessHandle handle) {
		return handle.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
	}

	/**
	 * Terminates the tree of the process {@code pid} – only if it is still the process that started at
	 * {@code startedAtMillis} (within a second: the OS reports start times in clock ticks), so a pid that was reused
	 * by an unrelated process is never signalled. True if such a process was found and terminated.
	 */
	public static boolean terminateIfSame(long pid, long startedAtMillis, Duration grace) {
		if (startedAtMillis <= 0) {
			return false;
		}
		ProcessHandle handle = ProcessHandle.of(pid).filter(ProcessTrees::isRunning).orElse(null);
		if (handle == null) {
			return false;
		}
		long started = startMillis(handle);
		if (started < 0 || Math.abs(started - startedAtMillis) > 1000) {
			return false;
		}
		log.warn("Terminating orphaned tool process {} (started {}) and its descendants", pid,
				Instant.ofEpochMilli(started));
		terminate(handle, grace);
		return true;
	}

	/** Like {@link #terminate(ProcessHandle, Duration)} for several trees at once, sharing one grace period. */
	static void terminate(Collection<ProcessHandle> roots, Duration grace) {
		Set<ProcessHandle> tree = collect(roots);
		if (tree.isEmpty()) {
			return;
		}
		tree.forEach(ProcessTrees::destroy);
		if (awaitGone(tree, grace)) {
			return;
		}
		// Children forked after the first snapshot: collect again from what is still alive.
		Set<ProcessHandle> left = collect(alive(tree));
		log.warn("Killing {} process(es) still alive {} after SIGTERM: {}", left.size(), grace, pids(left));
		left.forEach(ProcessHandle::destroyForcibly);
		if (!awaitGone(left, KILL_WAIT)) {
			log.error("Processes survived SIGKILL: {}", pids(alive(left)));
		}
	}

	/** The roots and all their live descendants, descendants listed before the roots are signalled. */
	static Set<ProcessHandle> collect(Collection<ProcessHandle> roots) {
		Set<ProcessHandle> tree = new LinkedHashSet<>();
		for (ProcessHandle root : roots) {
			if (isRunning(root)) {
				tree.add(root);
				root.descendants().filter(ProcessTrees::isRunning).forEach(tree::add);
			}
		}
		return tree;
	}

	/** Polls until none of {@code handles} is alive or {@code timeout} passed; true if all are gone. */
	static boolean awaitGone(Collection<ProcessHandle> handles, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			if (alive(handles).isEmpty()) {
				return true;
			}
			if (System.nanoTime() - deadline >= 0) {
				return false;
			}
			try {
				Thread.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return alive(handles).isEmpty();
			}
		}
	}

	private static void destroy(ProcessHandle handle) {
		try {
			handle.destroy();
		}
		catch (IllegalStateException | SecurityException ex) {
			log.warn("Cannot signal process {}: {}", handle.pid(), ex.getMessage());
		}
	}

	private static List<ProcessHandle> alive(Collection<ProcessHandle> handles) {
		return handles.stream().filter(ProcessTrees::isRunning).toList();
	}

	/**
	 * Alive and not a zombie. Killed grandchildren are re-parented to PID 1 and stay zombies (which
	 * {@link ProcessHandle#isAlive()} reports as alive) until it reaps them – in a container without an init
	 * process, never.
	 */
	static boolean isRunning(ProcessHandle handle) {
		if (!handle.isAlive()) {
			return false;
		}
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
			String afterName = stat.substring(stat.lastIndexOf(')') + 1).trim(); // "pid (comm) S ppid ..."
			return !(afterName.startsWith("Z") || afterName.startsWith("X"));
		}
		catch (IOException | RuntimeException ex) {
			return handle.isAlive(); // no procfs (not Linux) or the process just went away
		}
	}

	private static String pids(Collection<ProcessHandle> handles) {
		return handles.stream().map(h -> String.valueOf(h.pid())).collect(Collectors.joining(", ", "[", "]"));
	}

}
