package dev.ferry.transfer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the threads of mydumper or myloader 0.10 have done, from their {@code -v 3} log, read incrementally: a line
 * {@code Thread N <verb><item>} starts a job of thread N, and any later line of the same thread (its next job, or
 * {@code Thread N shutting down}) ends the job it had. So a job counts as done only once its thread has moved on:
 * a table being dumped, a file being loaded, is not done. Neither tool logs the end of a job itself.
 */
final class ToolLogThreads {

	private static final Pattern THREAD_LINE = Pattern.compile("Thread (\\d+) (.*)");

	private static final int MAX_READ = 4 * 1024 * 1024;

	private final String verb;

	private final Map<String, String> running = new HashMap<>();

	private final Set<String> done = new LinkedHashSet<>();

	private long offset;

	/**
	 * @param verb what starts a job, e.g. {@code "dumping data for "}
	 * @param offset where this run's lines start in the log (the log of an earlier attempt is appended to)
	 */
	ToolLogThreads(String verb, long offset) {
		this.verb = verb;
		this.offset = offset;
	}

	/** Where the log ends now: a new attempt's lines start there. */
	static long end(Path log) {
		try {
			return Files.exists(log) ? Files.size(log) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** Reads the complete lines written since the last call; a half-written last line waits for the next. */
	void read(Path log) {
		try {
			if (!Files.exists(log)) {
				return;
			}
			try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
				long length = file.length();
				while (length > this.offset) {
					byte[] chunk = new byte[(int) Math.min(length - this.offset, MAX_READ)];
					file.seek(this.offset);
					file.readFully(chunk);
					int end = lastLineBreak(chunk);
					if (end < 0) {
						return;
					}
					for (String line : new String(chunk, 0, end + 1, StandardCharsets.UTF_8).split("\n")) {
						line(line);
					}
					this.offset += end + 1;
				}
			}
		}
		catch (IOException ex) {
			// progress is best effort: the tool's exit code decides the outcome
		}
	}

	private void line(String line) {
		Matcher thread = THREAD_LINE.matcher(line);
		if (!thread.find()) {
			return;
		}
		String finished = this.running.remove(thread.group(1));
		if (finished != null) {
			this.done.add(finished);
		}
		String what = thread.group(2);
		if (what.startsWith(this.verb)) {
			this.running.put(thread.group(1), what.substring(this.verb.length()).strip());
		}
	}

	/** The jobs done, in the order they ended. */
	Set<String> done() {
		return this.done;
	}

	private static int lastLineBreak(byte[] chunk) {
		for (int i = chunk.length - 1; i >= 0; i--) {
			if (chunk[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

}
