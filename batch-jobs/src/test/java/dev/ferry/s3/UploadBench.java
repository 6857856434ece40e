package dev.ferry.s3;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import dev.ferry.engine.sink.PendingFile;
import dev.ferry.engine.sink.S3StreamingSink;
import dev.ferry.engine.sink.StreamingSettings;

/**
 * The Java side of {@code ops/bench/s3upload.sh}: uploads every file of a directory to S3, 4 at a time, the way
 * Ferry does, and prints {@code <mode> <seconds> <bytes>}. The time is measured inside the JVM, after a warm-up
 * upload of the smallest file (Ferry is a long-running server: its JIT is warm), clients included.
 * <ul>
 * <li>{@code uploader}: {@link DirectoryUploader} with {@link S3ClientSettings#defaults()} (the mysql and tidb
 * chains: the files are staged locally, then uploaded);</li>
 * <li>{@code uploader-8mib-parts}: the same with the settings before issue 9 (8 MiB parts from 8 MiB on);</li>
 * <li>{@code sink}: {@link S3StreamingSink} with {@link StreamingSettings#defaults()}, 4 writers each writing a
 * file in 64 KiB pieces (the native engine: no staging); {@code -Dsink.part=MiB}, {@code -Dsink.put=MiB},
 * {@code -Dsink.inflight=N} change its settings;</li>
 * <li>{@code sink-32mib-chunks}: the same, each file written as files of 32 MiB, the size the engine's chunks should
 * aim at on S3 (one PUT each).</li>
 * </ul>
 * Usage: {@code UploadBench <mode> <directory> <endpoint> <bucket> <prefix>}
 */
public final class UploadBench {

	private static final int MIB = 1024 * 1024;

	private static final S3Credentials CREDENTIALS = new S3Credentials("bench-access", "bench-secret");

	private UploadBench() {
	}

	public static void main(String[] args) throws Exception {
		String mode = args[0];
		Path dir = Path.of(args[1]);
		S3Location location = new S3Location(URI.create(args[2]), args[3], args[4]);
		List<Path> files;
		try (Stream<Path> list = Files.list(dir)) {
			files = list.filter(Files::isRegularFile).sorted().toList();
		}
		Path smallest = files.stream().min(Comparator.comparingLong(UploadBench::size)).orElseThrow();
		run(mode, List.of(smallest), location.resolve("warm-up"));
		long start = System.nanoTime();
		long bytes = run(mode, files, location);
		System.out.printf("%s %.3f %d%n", mode, (System.nanoTime() - start) / 1e9, bytes);
	}

	private static long run(String mode, List<Path> files, S3Location location) throws Exception {
		return switch (mode) {
			case "uploader" -> uploader(files, location, S3ClientSettings.defaults());
			case "uploader-8mib-parts" ->
				uploader(files, location, S3ClientSettings.defaults().withMultipart(8 * MIB, 8 * MIB));
			case "sink" -> sink(files, location, Long.MAX_VALUE);
			case "sink-32mib-chunks" -> sink(files, location, 32L * MIB);
			default -> throw new IllegalArgumentException("unknown mode " + mode);
		};
	}

	private static long uploader(List<Path> files, S3Location location, S3ClientSettings settings) throws Exception {
		Path dir = Files.createTempDirectory("ferry-upload-bench"); // the uploader takes a directory: hard links
		try {
			for (Path file : files) {
				Files.createLink(dir.resolve(file.getFileName()), file.toAbsolutePath());
			}
			try (S3Clients clients = S3Clients.open(location.endpoint(), CREDENTIALS, settings);
					DirectoryUploader uploader = new DirectoryUploader(clients, location, dir, null,
							UploadOptions.defaults())) {
				return uploader.finish().bytesDone();
			}
		}
		finally {
			deleteAll(dir);
		}
	}

	/** Each file written as files of {@code chunkBytes} (the last smaller), as the engine writes a table's chunks. */
	private static long sink(List<Path> files, S3Location location, long chunkBytes) throws Exception {
		StreamingSettings defaults = StreamingSettings.defaults();
		StreamingSettings settings = new StreamingSettings(Long.getLong("sink.put", defaults.singlePutMax() / MIB) * MIB,
				Integer.getInteger("sink.part", defaults.partSize() / MIB) * MIB,
				Integer.getInteger("sink.inflight", defaults.partsInFlight()));
		ExecutorService writers = Executors.newFixedThreadPool(4);
		try (S3Clients clients = S3Clients.open(location.endpoint(), CREDENTIALS, S3ClientSettings.defaults())) {
			S3StreamingSink sink = new S3StreamingSink(clients, location, false, settings);
			List<Future<Long>> stored = new ArrayList<>();
			for (Path file : files) {
				stored.add(writers.submit(() -> {
					byte[] piece = new byte[64 * 1024];
					long size = 0;
					try (InputStream in = Files.newInputStream(file)) {
						for (int chunk = 0; true; chunk++) {
							String name = file.getFileName() + ((chunkBytes == Long.MAX_VALUE) ? "" : "." + chunk);
							long written = 0;
							try (PendingFile pending = sink.create(name)) {
								int n;
								while (written < chunkBytes
										&& (n = in.read(piece, 0, (int) Math.min(piece.length, chunkBytes - written))) > 0) {
									pending.stream().write(piece, 0, n);
									written += n;
								}
								if (written == 0 && chunk > 0) {
									return size;
								}
								size += pending.commit().size();
							}
							if (written < chunkBytes) {
								return size;
							}
						}
					}
				}));
			}
			long bytes = 0;
			for (Future<Long> file : stored) {
				bytes += file.get();
			}
			return bytes;
		}
		finally {
			writers.shutdown();
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static void deleteAll(Path dir) throws java.io.IOException {
		try (Stream<Path> entries = Files.list(dir)) {
			for (Path entry : entries.toList()) {
				Files.delete(entry);
			}
		}
		Files.delete(dir);
	}

}
