package dev.ferry.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Process checks for tests. */
final class Processes {

	private Processes() {
	}

	/** Running: present and not a zombie (orphans stay zombies until PID 1 reaps them, if ever). */
	static boolean alive(long pid) {
		if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
			return false;
		}
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
			return state != 'Z' && state != 'X';
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Waits until {@code pid} has at least {@code size - 1} descendants; returns the pids of the whole tree. */
	static List<Long> treeOf(long pid, int size) throws InterruptedException {
		ProcessHandle root = ProcessHandle.of(pid).orElseThrow();
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (true) {
			List<Long> tree = new ArrayList<>();
			tree.add(pid);
			root.descendants().forEach(handle -> tree.add(handle.pid()));
			if (tree.size() >= size) {
				return tree;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("process " + pid + " has only " + tree);
			}
			Thread.sleep(20);
		}
	}

	/** Waits up to {@code timeout} for the processes to die; returns those still alive. */
	static List<Long> awaitDead(Collection<Long> pids, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			List<Long> alive = pids.stream().filter(Processes::alive).toList();
			if (alive.isEmpty() || System.nanoTime() > deadline) {
				return alive;
			}
			Thread.sleep(20);
		}
	}

}
