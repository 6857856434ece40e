package dev.ferry.dump;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * The inspector's cost, for {@code ops/bench/inspect.sh}: inspects a dump directory once and prints one line,
 * {@code seconds bytes statements tables peakHeapBytes liveHeapAfterGcBytes maxHeapBytes}.
 */
public final class InspectBench {

	private InspectBench() {
	}

	public static void main(String[] args) {
		Path dir = Path.of(args[0]);
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
		long t0 = System.nanoTime();
		DumpContents contents = DumpInspector.inspectDirectory(dir);
		double seconds = (System.nanoTime() - t0) / 1e9;
		long peak = 0;
		long live = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
				if (pool.getCollectionUsage() != null) {
					live = Math.max(live, pool.getCollectionUsage().getUsed());
				}
			}
		}
		System.gc();
		long afterGc = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
		System.out.printf("%.3f %d %d %d %d %d %d%n", seconds, contents.bytes(), contents.statements(),
				contents.tables().size(), peak, afterGc, Runtime.getRuntime().maxMemory());
	}

}
