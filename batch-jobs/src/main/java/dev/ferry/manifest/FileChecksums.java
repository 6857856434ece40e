package dev.ferry.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Checks a dump's files against its {@code manifest.json} before they are loaded: every listed file is there with its
 * size and checksum, and no file is there that the manifest does not list. Format 2 manifests carry CRC32C (and sha256
 * when the export asked for it), format 1 manifests sha256 only: each checksum the manifest has is checked.
 */
public final class FileChecksums {

	private FileChecksums() {
	}

	/**
	 * The verdict.
	 * @param files files checked
	 * @param bytes their bytes
	 * @param problems what differs, one entry per file (empty when all match)
	 */
	public record Check(int files, long bytes, List<String> problems) {

		public boolean passed() {
			return this.problems.isEmpty();
		}

		public String summary() {
			return passed() ? this.files + " files match the manifest's checksums"
					: "the dump's files do not match its manifest.json (changed after the export?): "
							+ String.join("; ", this.problems);
		}

	}

	/** Checks {@code data} against its manifest; a directory without {@code manifest.json} is not checked (null). */
	public static @Nullable Check verify(Path data) throws IOException {
		if (!Files.exists(data.resolve(Manifest.FILE_NAME))) {
			return null;
		}
		return verify(data, ManifestWriter.read(data));
	}

	/**
	 * Fails when {@code data} has a manifest and its files do not match it; a dump without one (not a Ferry export)
	 * passes unchecked.
	 * @throws IllegalStateException naming every file that differs
	 */
	public static void require(Path data) throws IOException {
		Check check = verify(data);
		if (check != null && !check.passed()) {
			throw new IllegalStateException(check.summary());
		}
	}

	public static Check verify(Path data, Manifest manifest) throws IOException {
		Path root = data.toAbsolutePath().normalize();
		ByteBuffer buffer = FileScan.buffer();
		List<String> problems = new ArrayList<>();
		Set<Path> listed = new HashSet<>();
		long bytes = 0;
		for (Manifest.FileEntry entry : manifest.files()) {
			Path file = root.resolve(entry.path()).normalize();
			if (!file.startsWith(root) || file.equals(root)) {
				problems.add(entry.path() + " is not a file of the dump");
				continue;
			}
			listed.add(file);
			String problem = problem(entry, file, buffer);
			if (problem != null) {
				problems.add(problem);
			}
			bytes += entry.size();
		}
		for (Path file : files(root)) {
			if (!listed.contains(file)) {
				problems.add(root.relativize(file) + " is not in the manifest");
			}
		}
		return new Check(manifest.files().size(), bytes, List.copyOf(problems));
	}

	private static @Nullable String problem(Manifest.FileEntry entry, Path file, ByteBuffer buffer) throws IOException {
		if (!Files.isRegularFile(file)) {
			return entry.path() + " is missing";
		}
		long size = Files.size(file);
		if (size != entry.size()) {
			return entry.path() + " has " + size + " bytes, the manifest says " + entry.size();
		}
		if (entry.crc32c() == null && entry.sha256() == null) {
			return entry.path() + " has no checksum in the manifest";
		}
		FileScan scan = new FileScan(file, entry.sha256() != null);
		scan.readTo(buffer);
		if (scan.offset() != entry.size()) {
			return entry.path() + " changed while it was checked";
		}
		if (entry.crc32c() != null && !entry.crc32c().equalsIgnoreCase(scan.crc32cHex())) {
			return entry.path() + " does not match its CRC32C (" + scan.crc32cHex() + ", the manifest says "
					+ entry.crc32c() + ")";
		}
		if (entry.sha256() != null && !entry.sha256().equalsIgnoreCase(scan.sha256Hex())) {
			return entry.path() + " does not match its sha256";
		}
		return null;
	}

	private static List<Path> files(Path root) throws IOException {
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter(Files::isRegularFile)
				.filter((p) -> !p.equals(root.resolve(Manifest.FILE_NAME)))
				.map(Path::normalize)
				.toList();
		}
	}

}
