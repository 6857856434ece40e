package dev.ferry.transfer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/** Reads myloader's {@code -v 3} log incrementally: one "restoring `db`.`table` part N" line per data file. */
final class MyloaderProgress {

	static final String FILES_DONE = "progress.filesStarted";

	static final String FILES_TOTAL = "progress.filesTotal";

	private static final String LOG_OFFSET = "progress.logOffset";

	private static final String RESTORING = " restoring `";

	private MyloaderProgress() {
	}

	static void update(ExecutionContext context, Path log, long startedAtMillis) {
		long offset = context.getLong(LOG_OFFSET, 0L);
		long started = context.getLong(FILES_DONE, 0L);
		try {
			if (Files.exists(log)) {
				try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
					if (file.length() > offset) {
						byte[] chunk = new byte[(int) Math.min(file.length() - offset, 4 * 1024 * 1024)];
						file.seek(offset);
						file.readFully(chunk);
						String text = new String(chunk, StandardCharsets.UTF_8);
						int lastNewline = text.lastIndexOf('\n');
						if (lastNewline >= 0) {
							String complete = text.substring(0, lastNewline + 1);
							for (int i = complete.indexOf(RESTORING); i >= 0; i = complete.indexOf(RESTORING, i + 1)) {
								started++;
							}
							offset += complete.getBytes(StandardCharsets.UTF_8).length;
						}
					}
				}
			}
		}
		catch (IOException ex) {
			// best effort: the exit code decides the outcome
		}
		context.putLong(LOG_OFFSET, offset);
		context.putLong(FILES_DONE, started);
		context.putString(MydumperProgress.PHASE, "loading");
		context.putLong(MydumperProgress.UPDATED_AT, System.currentTimeMillis());
	}

}
