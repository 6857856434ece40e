package dev.ferry.transfer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.ferry.storage.DirectoryStats;

/**
 * Reads mydumper's {@code -v 3} log incrementally (from the offset kept in the context) and counts tables whose data
 * dump started; measures the output directory for bytes and files.
 */
final class MydumperProgress {

	static final String PHASE = "progress.phase";

	static final String BYTES = "progress.bytes";

	static final String FILES = "progress.files";

	static final String TABLES_STARTED = "progress.tablesStarted";

	static final String TABLES_TOTAL = "progress.tablesTotal";

	static final String BYTES_PER_SECOND = "progress.bytesPerSecond";

	static final String UPDATED_AT = "progress.updatedAt";

	private static final String LOG_OFFSET = "progress.logOffset";

	private static final String DATA_LINE = "dumping data for";

	private MydumperProgress() {
	}

	static void update(ExecutionContext context, Path log, Path data, long startedAtMillis) {
		long offset = context.getLong(LOG_OFFSET, 0L);
		int started = context.getInt(TABLES_STARTED, 0);
		try {
			if (Files.exists(log)) {
				try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
					long length = file.length();
					if (length > offset) {
						byte[] chunk = new byte[(int) Math.min(length - offset, 4 * 1024 * 1024)];
						file.seek(offset);
						file.readFully(chunk);
						String text = new String(chunk, StandardCharsets.UTF_8);
						int lastNewline = text.lastIndexOf('\n');
						if (lastNewline >= 0) {
							started += count(text.substring(0, lastNewline), DATA_LINE);
							offset += text.substring(0, lastNewline + 1).getBytes(StandardCharsets.UTF_8).length;
						}
					}
				}
			}
		}
		catch (IOException ex) {
			// progress is best effort; the tool's exit code decides the outcome
		}
		DirectoryStats stats = DirectoryStats.of(data);
		long now = System.currentTimeMillis();
		long elapsed = Math.max(1, now - startedAtMillis);
		context.putLong(LOG_OFFSET, offset);
		context.putInt(TABLES_STARTED, started);
		context.putString(PHASE, "dumping");
		context.putLong(BYTES, stats.bytes());
		context.putLong(FILES, stats.files());
		context.putLong(BYTES_PER_SECOND, stats.bytes() * 1000 / elapsed);
		context.putLong(UPDATED_AT, now);
	}

	private static int count(String text, String needle) {
		int count = 0;
		for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
			count++;
		}
		return count;
	}

}
