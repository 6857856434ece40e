package dev.ferry.upload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.jspecify.annotations.Nullable;

import dev.ferry.error.FerryException;

/**
 * Checks a zip before anything of it is unpacked, from its central directory ({@link ZipFile}), never from the
 * local headers a streaming reader would trust:
 * <ul>
 * <li>not a zip, truncated (no end record), encrypted or with names that are not UTF-8 → refused;</li>
 * <li>more than {@link ZipLimits#maxEntries()} entries (checked on the end record before the central directory is
 * even read, so a forged directory cannot make Ferry allocate gigabytes);</li>
 * <li>an entry name that is absolute ({@code /x}, {@code C:x}), holds a {@code ..} segment, a backslash or a NUL, or
 * would resolve outside the target → refused, naming the entry;</li>
 * <li>declared unpacked total above {@link ZipLimits#maxUnpackedBytes()}, or an entry larger than
 * {@link ZipLimits#RATIO_GRACE_BYTES} whose unpacked/packed ratio exceeds {@link ZipLimits#maxCompressionRatio()}
 * (a zip bomb) → refused;</li>
 * <li>compression methods other than stored and deflate (e.g. Deflate64 from Windows Explorer) → refused with a hint.</li>
 * </ul>
 * Directory entries are fine (TiUniManager failed on them). {@code __MACOSX/…} and {@code .DS_Store} are ignored.
 * <p>
 * <b>Layout:</b> relative paths are kept. A zip whose files all sit in one top folder (as when a user zips the
 * {@code data} folder itself: {@code data/a.sql, data/b.sql}) has that single folder stripped, so that the dump files
 * land directly in the target; a zip with its files at the top is taken as it is.
 */
final class ZipSafety {

	static final String JUNK_FOLDER = "__MACOSX";

	static final String JUNK_FILE = ".DS_Store";

	private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

	private ZipSafety() {
	}

	/** An entry to unpack: its name in the zip and its checked relative path in the target. */
	record Entry(String name, String path, boolean directory, long size, long crc) {
	}

	/** What a checked zip will unpack to. */
	record Plan(List<Entry> entries, int files, long unpackedBytes, @Nullable String strippedFolder) {
	}

	/** Opens the zip after checking its end record; the caller closes it. */
	static ZipFile open(Path zip, ZipLimits limits, String what) {
		ZipEndRecord.check(zip, limits, what);
		try {
			return new ZipFile(zip.toFile());
		}
		catch (IOException | IllegalArgumentException ex) {
			String reason = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
			if (reason.contains("compression method")) {
				reason += "; Ferry unpacks stored and Deflate entries: zip the files with plain Deflate";
			}
			throw notAZip(what, reason);
		}
	}

	/** Checks every entry of an open zip against the limits and returns what it will unpack to. */
	static Plan check(ZipFile zip, ZipLimits limits, String what) {
		List<ZipEntry> kept = new ArrayList<>();
		List<String[]> segments = new ArrayList<>();
		int count = 0;
		try {
			Enumeration<? extends ZipEntry> all = zip.entries();
			while (all.hasMoreElements()) {
				ZipEntry entry = all.nextElement();
				if (++count > limits.maxEntries()) {
					throw FerryException.invalid(what + " has more than " + limits.maxEntries() + " entries");
				}
				String[] parts = segments(entry.getName(), what);
				if (parts.length == 0 || isJunk(parts)) {
					continue;
				}
				kept.add(entry);
				segments.add(parts);
			}
		}
		catch (IllegalArgumentException ex) {
			throw notAZip(what, "an entry name is not valid UTF-8 (" + ex.getMessage() + ")");
		}
		String strip = singleTopFolder(kept, segments);
		List<Entry> entries = new ArrayList<>();
		Set<String> files = new HashSet<>();
		Set<String> folders = new HashSet<>();
		long total = 0;
		int fileCount = 0;
		for (int i = 0; i < kept.size(); i++) {
			ZipEntry entry = kept.get(i);
			String[] parts = segments.get(i);
			if (strip != null) {
				parts = Arrays.copyOfRange(parts, 1, parts.length);
				if (parts.length == 0) {
					continue;
				}
			}
			String path = String.join("/", parts);
			for (int p = 1; p < parts.length; p++) {
				folders.add(String.join("/", Arrays.copyOfRange(parts, 0, p)));
			}
			if (entry.isDirectory()) {
				folders.add(path);
				entries.add(new Entry(entry.getName(), path, true, 0, 0));
				continue;
			}
			if (!files.add(path)) {
				throw FerryException.invalid(what + ": entry '" + entry.getName() + "' appears more than once");
			}
			checkEntry(entry, limits, what);
			total += entry.getSize();
			if (total > limits.maxUnpackedBytes()) {
				throw FerryException.invalid(what + " would unpack to more than " + limits.maxUnpackedBytes()
						+ " bytes (the limit of an upload once unpacked)");
			}
			fileCount++;
			entries.add(new Entry(entry.getName(), path, false, entry.getSize(), entry.getCrc()));
		}
		for (String file : files) {
			if (folders.contains(file)) {
				throw FerryException.invalid(what + ": '" + file + "' is both a file and a folder");
			}
		}
		if (fileCount == 0) {
			throw FerryException.invalid(what + " contains no files");
		}
		return new Plan(List.copyOf(entries), fileCount, total, strip);
	}

	private static void checkEntry(ZipEntry entry, ZipLimits limits, String what) {
		if (entry.getMethod() != ZipEntry.STORED && entry.getMethod() != ZipEntry.DEFLATED) {
			throw FerryException.invalid(what + ": entry '" + entry.getName() + "' uses compression method "
					+ entry.getMethod() + ", which Ferry cannot unpack; zip the files with plain Deflate");
		}
		long size = entry.getSize();
		long packed = entry.getCompressedSize();
		if (size < 0 || packed < 0) {
			throw notAZip(what, "entry '" + entry.getName() + "' has no size in the central directory");
		}
		if (size > ZipLimits.RATIO_GRACE_BYTES && (packed == 0 || size / packed > limits.maxCompressionRatio())) {
			throw FerryException.invalid(what + " looks like a zip bomb: entry '" + entry.getName() + "' would unpack "
					+ packed + " bytes to " + size + " (ratio " + (packed == 0 ? "∞" : size / packed)
					+ ", the limit is " + limits.maxCompressionRatio() + ")");
		}
	}

	/** The checked segments of an entry name; {@code .} and empty segments are dropped. */
	static String[] segments(String name, String what) {
		if (name.indexOf('\\') >= 0) {
			throw unsafe(what, name, "contains a backslash");
		}
		if (name.indexOf('\0') >= 0) {
			throw unsafe(what, name, "contains a NUL character");
		}
		if (name.startsWith("/") || DRIVE.matcher(name).matches()) {
			throw unsafe(what, name, "is an absolute path");
		}
		List<String> parts = new ArrayList<>();
		for (String part : name.split("/")) {
			if (part.equals("..")) {
				throw unsafe(what, name, "climbs out of the target with '..'");
			}
			if (!part.isEmpty() && !part.equals(".")) {
				parts.add(part);
			}
		}
		Path root = Path.of("/ferry-unpack-root");
		Path resolved = root.resolve(String.join("/", parts)).normalize();
		if (!resolved.startsWith(root)) {
			throw unsafe(what, name, "resolves outside the target");
		}
		return parts.toArray(String[]::new);
	}

	private static boolean isJunk(String[] parts) {
		return parts[0].equals(JUNK_FOLDER) || parts[parts.length - 1].equals(JUNK_FILE);
	}

	/** The one folder every entry sits in (no file at the top), or null. */
	private static @Nullable String singleTopFolder(List<ZipEntry> entries, List<String[]> segments) {
		String top = null;
		for (int i = 0; i < entries.size(); i++) {
			String[] parts = segments.get(i);
			if (parts.length == 1 && !entries.get(i).isDirectory()) {
				return null;
			}
			if (top == null) {
				top = parts[0];
			}
			else if (!top.equals(parts[0])) {
				return null;
			}
		}
		return top;
	}

	static FerryException notAZip(String what, String reason) {
		return FerryException.invalid(what + " is not a valid zip file: " + reason);
	}

	private static FerryException unsafe(String what, String name, String why) {
		return FerryException.invalid(what + ": entry '" + name + "' " + why + "; refusing to unpack it");
	}

}
