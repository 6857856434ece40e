package dev.ferry.storage;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The modes of what Ferry writes, whatever the process umask (Java cannot set it): directories at most 0750, files
 * at most 0640, and private data (the H2 database, {@code run/}) owner-only, 0700/0600. Modes are set right after
 * Ferry creates something, and on a tool's output tree once the tool is gone (tools write with the umask). They are
 * only ever narrowed – group write and every bit for others removed – never widened; symbolic links are never
 * followed, set-id bits are kept (a set-group-id export root still passes on its group) and sticky directories
 * (such as {@code /tmp}) are left alone. A file system without POSIX modes, or an entry Ferry does not own, is left
 * as it is.
 */
public final class FileModes {

	/** Group write and everything for others: what {@link #restrict} removes (like umask 027). */
	private static final int NOT_SHARED = 0027;

	/** Everything for group and others: what {@link #restrictToOwner} removes (like umask 077). */
	private static final int NOT_PRIVATE = 0077;

	private static final int ALL_BITS = 07777;

	private static final int SET_ID = 06000;

	private static final int STICKY = 01000;

	private static final String UNIX_MODE = "unix:mode";

	private static final Logger log = LoggerFactory.getLogger(FileModes.class);

	private FileModes() {
	}

	/**
	 * {@link Files#createDirectories}, with every directory it creates set to 0750 ({@code privateDir}: 0700).
	 * Directories that existed are left as they are.
	 */
	public static Path createDirectories(Path dir) throws IOException {
		return createDirectories(dir, false);
	}

	/** {@link #createDirectories(Path)} with owner-only directories (0700). */
	public static Path createPrivateDirectories(Path dir) throws IOException {
		return createDirectories(dir, true);
	}

	private static Path createDirectories(Path dir, boolean privateDir) throws IOException {
		Path absolute = dir.toAbsolutePath();
		Deque<Path> missing = new ArrayDeque<>();
		for (Path p = absolute; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
			missing.push(p);
		}
		Files.createDirectories(dir);
		for (Path created : missing) {
			setMode(created, privateDir ? 0700 : 0750);
		}
		return dir;
	}

	/** Narrows one file or directory to at most 0640/0750. */
	public static void restrict(Path path) throws IOException {
		narrow(path, NOT_SHARED);
	}

	/** Narrows one file or directory to owner-only (at most 0600/0700). */
	public static void restrictToOwner(Path path) throws IOException {
		narrow(path, NOT_PRIVATE);
	}

	/**
	 * {@link #restrict} on a directory and everything below it (a tool's output), best effort: an entry that
	 * cannot be changed (not Ferry's, gone meanwhile) is skipped and logged.
	 * @return how many entries were narrowed
	 */
	public static int restrictTree(Path root) {
		return narrowTree(root, NOT_SHARED);
	}

	/** {@link #restrictToOwner} on a directory and everything below it, best effort. */
	public static int restrictTreeToOwner(Path root) {
		return narrowTree(root, NOT_PRIVATE);
	}

	private static int narrowTree(Path root, int removed) {
		if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
			return 0;
		}
		int[] narrowed = { 0 };
		try {
			Files.walkFileTree(root, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
					narrowQuietly(dir);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
					if (!attrs.isSymbolicLink()) {
						narrowQuietly(file);
					}
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException ex) {
					return FileVisitResult.CONTINUE; // gone meanwhile, or not readable: not ours to change
				}

				private void narrowQuietly(Path path) {
					try {
						if (narrow(path, removed)) {
							narrowed[0]++;
						}
					}
					catch (IOException ex) {
						log.debug("Could not narrow the mode of {}: {}", path, ex.getMessage());
					}
				}

			});
		}
		catch (IOException ex) {
			log.warn("Could not narrow the modes below {}: {}", root, ex.getMessage());
		}
		return narrowed[0];
	}

	private static boolean narrow(Path path, int removed) throws IOException {
		if (Files.isSymbolicLink(path)) {
			return false;
		}
		Integer mode = mode(path);
		if (mode == null || (mode & STICKY) != 0) {
			return false; // no POSIX modes here, or a shared directory such as /tmp: not Ferry's to narrow
		}
		int narrowed = mode & ~removed & ALL_BITS;
		if (narrowed == (mode & ALL_BITS)) {
			return false;
		}
		chmod(path, narrowed);
		return true;
	}

	/** Sets the permission bits of a directory Ferry just created; a set-group-id bit it inherited stays. */
	private static void setMode(Path path, int permissions) throws IOException {
		Integer mode = mode(path);
		if (mode == null) {
			return;
		}
		try {
			chmod(path, (mode & SET_ID) | permissions);
		}
		catch (FileSystemException ex) {
			log.debug("Could not set the mode of {}: {}", path, ex.getMessage());
		}
	}

	/**
	 * {@code chmod} by path, for an entry already known not to be a symbolic link. Not the JDK's no-follow variant:
	 * that opens the file and closes it again, and closing any descriptor of a file drops every POSIX record lock
	 * the process holds on it – such as H2's lock on its open database file, which would then let a second process
	 * open the same database.
	 */
	private static void chmod(Path path, int mode) throws IOException {
		Files.setAttribute(path, UNIX_MODE, mode);
	}

	/** The {@code st_mode} bits, or null on a file system without them. */
	private static @Nullable Integer mode(Path path) throws IOException {
		try {
			return (Integer) Files.getAttribute(path, UNIX_MODE, LinkOption.NOFOLLOW_LINKS);
		}
		catch (UnsupportedOperationException | IllegalArgumentException ex) {
			return null;
		}
	}

}
