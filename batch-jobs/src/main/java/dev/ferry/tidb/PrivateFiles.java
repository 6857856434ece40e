package dev.ferry.tidb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes files that hold secrets: mode 0600 from their creation on, replaced atomically. */
final class PrivateFiles {

	static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

	private PrivateFiles() {
	}

	/**
	 * Writes {@code text} to a new 0600 temporary file next to {@code file}, syncs it, then renames it over
	 * {@code file}. The content is never in a file with other modes, readers see the old or the new file whole, and
	 * an existing {@code file} (even a symbolic link) is replaced, never written through.
	 */
	static void write(Path file, String text) throws IOException {
		Path target = file.toAbsolutePath();
		Path dir = target.getParent();
		Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp",
				PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
		try {
			Files.setPosixFilePermissions(temp, OWNER_READ_WRITE); // exact, whatever the umask took away
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
				channel.force(true);
			}
			Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException | RuntimeException ex) {
			try {
				Files.deleteIfExists(temp);
			}
			catch (IOException cleanup) {
				ex.addSuppressed(cleanup);
			}
			throw ex;
		}
	}

}
