package dev.ferry.s3;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Which files a process tree has open, from the symlinks in {@code /proc/<pid>/fd/} (Linux only). Threads share
 * their process's descriptor table, so one listing per process covers them.
 */
final class OpenFiles {

	private static final Path PROC = Path.of("/proc");

	private OpenFiles() {
	}

	/** Whether this system has {@code /proc/<pid>/fd} (Linux). */
	static boolean supported() {
		return Files.isDirectory(PROC.resolve("self").resolve("fd"));
	}

	/**
	 * The files below {@code directory} (a real path) that {@code root} or any of its live descendants has open.
	 * Processes that end while they are looked at are skipped.
	 * @throws IllegalStateException when a process's descriptors cannot be read (another user's process)
	 */
	static Set<Path> under(Path directory, ProcessHandle root) {
		Set<Path> open = new HashSet<>();
		collect(root.pid(), directory, open);
		root.descendants().forEach((process) -> collect(process.pid(), directory, open));
		return open;
	}

	private static void collect(long pid, Path directory, Set<Path> open) {
		Path fds = PROC.resolve(Long.toString(pid)).resolve("fd");
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
			for (Path entry : entries) {
				Path target;
				try {
					target = Files.readSymbolicLink(entry);
				}
				catch (NoSuchFileException ex) {
					continue; // closed meanwhile
				}
				// "/dir/file", "/dir/file (deleted)", "socket:[123]", "pipe:[456]", "anon_inode:[eventfd]"
				if (target.isAbsolute() && target.startsWith(directory)) {
					open.add(target);
				}
			}
		}
		catch (NoSuchFileException ex) {
			// the process ended
		}
		catch (AccessDeniedException ex) {
			throw new IllegalStateException("cannot read the open files of process " + pid + " (" + fds
					+ "): permission denied", ex);
		}
		catch (IOException ex) {
			if (!Files.exists(fds)) {
				return; // ended while being read
			}
			throw new IllegalStateException("cannot read the open files of process " + pid + " (" + fds + ")", ex);
		}
	}

}
