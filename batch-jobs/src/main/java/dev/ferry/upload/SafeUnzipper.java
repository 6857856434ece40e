package dev.ferry.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipFile;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.storage.FileModes;

/**
 * Unpacks a zip that {@link ZipSafety} accepted, trusting none of its declared sizes: the bytes actually written are
 * counted per entry and in total and unpacking stops at the first byte past a limit; each entry's CRC is checked. The
 * files are written to a hidden sibling of the target and moved into place at the end, so the target holds the whole
 * zip or nothing.
 */
public final class SafeUnzipper {

	private static final Logger log = LoggerFactory.getLogger(SafeUnzipper.class);

	private static final int BUFFER = 64 * 1024;

	private SafeUnzipper() {
	}

	/** What a zip holds or unpacked to: files, their bytes, and the single top folder stripped (or null). */
	public record ZipContents(int files, long unpackedBytes, @Nullable String strippedFolder) {
	}

	/** Checks a zip without unpacking it. */
	public static ZipContents inspect(Path zip, ZipLimits limits, String what) {
		try (ZipFile file = ZipSafety.open(zip, limits, what)) {
			ZipSafety.Plan plan = ZipSafety.check(file, limits, what);
			return new ZipContents(plan.files(), plan.unpackedBytes(), plan.strippedFolder());
		}
		catch (IOException ex) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_FILE_UPLOAD_FAILED, "cannot read " + what, ex);
		}
	}

	/**
	 * Unpacks {@code zip} into {@code target}, which must not exist or be an empty directory.
	 * @param what how messages name the zip, e.g. "upload 1f0e…"
	 */
	public static ZipContents unpack(Path zip, Path target, ZipLimits limits, String what) {
		Path destination = target.toAbsolutePath().normalize();
		checkTarget(destination);
		Path staging = destination.resolveSibling("." + destination.getFileName() + ".unpacking-" + UUID.randomUUID());
		try (ZipFile file = ZipSafety.open(zip, limits, what)) {
			ZipSafety.Plan plan = ZipSafety.check(file, limits, what);
			FileModes.createDirectories(staging);
			long total = 0;
			for (ZipSafety.Entry entry : plan.entries()) {
				Path out = staging.resolve(entry.path()).normalize();
				if (!out.startsWith(staging) || out.equals(staging)) {
					throw FerryException.invalid(what + ": entry '" + entry.name() + "' resolves outside the target");
				}
				if (entry.directory()) {
					Files.createDirectories(out);
					continue;
				}
				Files.createDirectories(out.getParent());
				total += copy(file, entry, out, limits.maxUnpackedBytes() - total, what);
			}
			FileModes.restrictTree(staging);
			if (Files.exists(destination)) {
				Files.delete(destination);
			}
			Files.move(staging, destination, StandardCopyOption.ATOMIC_MOVE);
			return new ZipContents(plan.files(), total, plan.strippedFolder());
		}
		catch (IOException ex) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_FILE_UPLOAD_FAILED,
					"unpacking " + what + " into " + destination + " failed: " + ex, ex);
		}
		finally {
			deleteQuietly(staging);
		}
	}

	private static long copy(ZipFile file, ZipSafety.Entry entry, Path out, long budget, String what)
			throws IOException {
		CRC32 crc = new CRC32();
		long written = 0;
		byte[] buffer = new byte[BUFFER];
		InputStream in;
		try {
			in = file.getInputStream(file.getEntry(entry.name()));
		}
		catch (IOException ex) {
			throw ZipSafety.notAZip(what, "entry '" + entry.name() + "': " + ex.getMessage());
		}
		try (in; OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW)) {
			while (true) {
				int n;
				try {
					n = in.read(buffer);
				}
				catch (IOException ex) {
					throw ZipSafety.notAZip(what, "entry '" + entry.name() + "' is corrupt: " + ex.getMessage());
				}
				if (n < 0) {
					break;
				}
				written += n;
				if (written > entry.size()) {
					throw FerryException.invalid(what + " looks like a zip bomb: entry '" + entry.name()
							+ "' unpacks to more than the " + entry.size() + " bytes it declares");
				}
				if (written > budget) {
					throw FerryException.invalid(what + " unpacks to more bytes than the limit allows");
				}
				crc.update(buffer, 0, n);
				os.write(buffer, 0, n);
			}
		}
		if (written != entry.size() || crc.getValue() != entry.crc()) {
			throw ZipSafety.notAZip(what, "entry '" + entry.name() + "' is corrupt (" + written + " of "
					+ entry.size() + " bytes, CRC " + (crc.getValue() == entry.crc() ? "ok" : "mismatch") + ")");
		}
		return written;
	}

	private static void checkTarget(Path target) {
		if (!Files.exists(target)) {
			return;
		}
		try (Stream<Path> children = Files.list(target)) {
			if (children.findAny().isPresent()) {
				throw new FerryException(ErrorCode.TIEM_TRANSPORT_PATH_CREATE_FAILED,
						"cannot unpack into " + target + ": it already holds files");
			}
		}
		catch (IOException ex) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_PATH_CREATE_FAILED,
					"cannot unpack into " + target + ": " + ex.getMessage(), ex);
		}
	}

	static void deleteQuietly(Path path) {
		try {
			deleteRecursively(path);
		}
		catch (RuntimeException ex) {
			log.warn("Could not remove {}: {}", path, ex.getMessage());
		}
	}

	/** Removes a file or a directory tree; a missing path is fine. Symbolic links are removed, never followed. */
	static void deleteRecursively(Path path) {
		if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(path)) {
			for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
		catch (IOException ex) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_FILE_DELETE_FAILED,
					"cannot remove " + path + ": " + ex.getMessage(), ex);
		}
	}

}
