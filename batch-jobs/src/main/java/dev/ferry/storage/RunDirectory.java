package dev.ferry.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code $FERRY_HOME/run} (mode 0700): the short-lived files that hand a tool its secrets – mydumper's and
 * myloader's option files, tidb-lightning's TOML – each 0600 and named
 * {@code <jobExecutionId>-<tool>-<stepExecutionId>.<ext>}, so that the files of one execution can be told apart.
 * A tool's files are deleted when it exits; files a crash left behind are swept at startup (all but those of
 * executions that still run on another node sharing this home) and when their execution is recovered.
 */
public final class RunDirectory {

	static final String NAME = "run";

	/** The job execution id at the start of a name (a leading dot: a temporary file being written). */
	private static final Pattern EXECUTION = Pattern.compile("^\\.?(\\d+)-");

	private static final Logger log = LoggerFactory.getLogger(RunDirectory.class);

	private RunDirectory() {
	}

	public static Path of(Path home) {
		return home.resolve(NAME);
	}

	/** Where a tool's secret file for one step execution lives; {@link #prepare} makes its directory. */
	public static Path file(Path home, long jobExecutionId, String tool, long stepExecutionId, String extension) {
		return of(home).resolve(jobExecutionId + "-" + tool + "-" + stepExecutionId + "." + extension);
	}

	/** Creates {@code run/} (0700), or narrows an existing one to owner-only. */
	public static Path prepare(Path home) throws IOException {
		Path run = of(home);
		FileModes.createPrivateDirectories(run);
		FileModes.restrictToOwner(run);
		return run;
	}

	/** The job execution a file of {@code run/} belongs to; empty for names of another scheme (older versions). */
	static OptionalLong executionOf(String fileName) {
		Matcher matcher = EXECUTION.matcher(fileName);
		if (!matcher.find()) {
			return OptionalLong.empty();
		}
		try {
			return OptionalLong.of(Long.parseLong(matcher.group(1)));
		}
		catch (NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	/** Deletes the files of one job execution. */
	public static int sweepExecution(Path home, long jobExecutionId) {
		return sweep(home, (execution) -> execution != jobExecutionId, false);
	}

	/**
	 * Deletes every file of {@code run/} except those of the executions {@code keep} accepts; files whose name
	 * names no execution (an older version's {@code mydumper-<n>.cnf}) are deleted too.
	 */
	public static int sweep(Path home, LongPredicate keep) {
		return sweep(home, keep, true);
	}

	private static int sweep(Path home, LongPredicate keep, boolean unnamed) {
		Path run = of(home);
		if (!Files.isDirectory(run, LinkOption.NOFOLLOW_LINKS)) {
			return 0;
		}
		int deleted = 0;
		try (Stream<Path> files = Files.list(run)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				OptionalLong execution = executionOf(file.getFileName().toString());
				boolean sweep = execution.isPresent() ? !keep.test(execution.getAsLong()) : unnamed;
				if (sweep && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) && delete(file)) {
					deleted++;
				}
			}
		}
		catch (IOException ex) {
			log.warn("Could not list {} to sweep it: {}", run, ex.getMessage());
		}
		return deleted;
	}

	private static boolean delete(Path file) {
		try {
			return Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not delete {} (it may hold a password): {}", file, ex.getMessage());
			return false;
		}
	}

}
