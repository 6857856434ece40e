package dev.ferry.engine.sink;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ferry.storage.FileModes;

/**
 * A {@link FileSink} on a local (or NFS-mounted) directory. A file is written as {@code .{name}.partial} in the same
 * directory and renamed atomically to its name once flushed and synced, so a crash never leaves a partial file under
 * a final name. Files are narrowed to 0640 like everything else Ferry writes.
 */
public final class LocalDirectorySink implements FileSink {

	static final String PARTIAL_PREFIX = ".";

	static final String PARTIAL_SUFFIX = ".partial";

	private static final Logger log = LoggerFactory.getLogger(LocalDirectorySink.class);

	private final Path directory;

	private final boolean sha256;

	/**
	 * @param directory the dump's {@code data/} directory (created 0750 when missing)
	 * @param sha256 whether each file's SHA-256 is computed besides its CRC32C
	 */
	public LocalDirectorySink(Path directory, boolean sha256) throws IOException {
		this.directory = FileModes.createDirectories(directory);
		this.sha256 = sha256;
	}

	public Path directory() {
		return this.directory;
	}

	@Override
	public PendingFile create(String name) throws IOException {
		FileNameRules.check(name);
		Path partial = partialPath(name);
		FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
		try {
			FileModes.restrict(partial);
		}
		catch (IOException ex) {
			channel.close();
			Files.deleteIfExists(partial);
			throw ex;
		}
		return new LocalPendingFile(this, name, partial, channel, new StreamChecksum(this.sha256));
	}

	@Override
	public Set<String> committed() throws IOException {
		Set<String> names = new TreeSet<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.directory)) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				if (!isPartial(name) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
					names.add(name);
				}
			}
		}
		return names;
	}

	@Override
	public void delete(String name) throws IOException {
		FileNameRules.check(name);
		Files.deleteIfExists(this.directory.resolve(name));
	}

	/**
	 * Deletes the temporary files that writers left behind when they could not clean up (a killed JVM).
	 * @return how many were deleted
	 */
	public int deletePartials() throws IOException {
		int deleted = 0;
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.directory)) {
			for (Path entry : entries) {
				if (isPartial(entry.getFileName().toString()) && Files.deleteIfExists(entry)) {
					deleted++;
				}
			}
		}
		return deleted;
	}

	Path finalPath(String name) {
		return this.directory.resolve(name);
	}

	/** Syncs the directory so that a rename in it survives a crash; best effort (not every file system allows it). */
	void syncDirectory() {
		try (FileChannel dir = FileChannel.open(this.directory, StandardOpenOption.READ)) {
			dir.force(true);
		}
		catch (IOException ex) {
			log.debug("Could not sync directory {}: {}", this.directory, ex.getMessage());
		}
	}

	private Path partialPath(String name) {
		return this.directory.resolve(PARTIAL_PREFIX + name + PARTIAL_SUFFIX);
	}

	static boolean isPartial(String name) {
		return name.startsWith(PARTIAL_PREFIX) && name.endsWith(PARTIAL_SUFFIX);
	}

}
