import java.nio.file.Files;
import java.nio.file.Path;

import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.ManifestWriter;

/**
 * The manifest scan's speed (ops/bench/scan.sh): a dump directory in the page cache read with {@code cat}-like plain
 * reads, then scanned by ManifestWriter with CRC32C only and with sha256 too. Prints MB/s (10^6 bytes a second).
 */
public class ScanSpeed {

	public static void main(String[] args) throws Exception {
		Path data = Path.of(args[0]);
		int rounds = Integer.parseInt(args[1]);
		long bytes = 0;
		try (var files = Files.list(data)) {
			for (Path file : files.toList()) {
				bytes += Files.size(file);
			}
		}
		for (int round = 1; round <= rounds; round++) {
			long t0 = System.nanoTime();
			byte[] buffer = new byte[1 << 18];
			try (var files = Files.list(data)) {
				for (Path file : files.filter((f) -> !f.endsWith(Manifest.FILE_NAME)).toList()) {
					try (var in = Files.newInputStream(file)) {
						while (in.read(buffer) >= 0) {
						}
					}
				}
			}
			long t1 = System.nanoTime();
			Manifest crc = new ManifestWriter(data, false).finish("mydumper");
			long t2 = System.nanoTime();
			new ManifestWriter(data, true).finish("mydumper");
			long t3 = System.nanoTime();
			System.out.printf("round %d: read alone %.0f MB/s | read + CRC32C + rows %.0f MB/s (%d rows) | with sha256 %.0f MB/s%n",
					round, mbs(bytes, t1 - t0), mbs(bytes, t2 - t1), crc.totalRows(), mbs(bytes, t3 - t2));
		}
	}

	private static double mbs(long bytes, long nanos) {
		return bytes / 1e6 / (nanos / 1e9);
	}

}
