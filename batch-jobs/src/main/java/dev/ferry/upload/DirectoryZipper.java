package dev.ferry.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a directory tree as a zip straight to a stream, as it is read: no temporary file and no size cap.
 * {@link ZipOutputStream} switches to Zip64 by itself for entries of 4 GiB or more and for more than 65,535 entries.
 * Entries keep their paths relative to the directory ({@code db/t.sql}, never flattened to the base name), with
 * {@code /} separators, in sorted order; empty folders get a directory entry. Symbolic links are skipped, so the zip
 * never reaches outside the directory. Compression is Deflate at its fastest level: dumps are text and compress well,
 * and the zip is built while the client waits.
 */
public final class DirectoryZipper {

	private DirectoryZipper() {
	}

	/** Files and bytes (uncompressed) written. */
	public record Written(int files, long bytes) {
	}

	/** Writes the zip and finishes it; {@code out} is flushed, not closed. */
	public static Written write(Path directory, OutputStream out) throws IOException {
		Path root = directory.toAbsolutePath().normalize();
		List<Path> paths;
		try (Stream<Path> walk = Files.walk(root)) {
			paths = walk.filter((p) -> !p.equals(root)).sorted().collect(Collectors.toList());
		}
		ZipOutputStream zip = new ZipOutputStream(new NonClosing(out));
		zip.setLevel(Deflater.BEST_SPEED);
		int files = 0;
		long bytes = 0;
		byte[] buffer = new byte[64 * 1024];
		for (Path path : paths) {
			BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			String name = entryName(root, path);
			if (attributes.isDirectory()) {
				if (isEmpty(path)) {
					zip.putNextEntry(entry(name + "/", attributes));
					zip.closeEntry();
				}
				continue;
			}
			if (!attributes.isRegularFile()) {
				continue;
			}
			zip.putNextEntry(entry(name, attributes));
			try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
				int n;
				while ((n = in.read(buffer)) >= 0) {
					zip.write(buffer, 0, n);
					bytes += n;
				}
			}
			zip.closeEntry();
			files++;
		}
		zip.finish();
		zip.flush();
		return new Written(files, bytes);
	}

	private static String entryName(Path root, Path path) {
		StringBuilder name = new StringBuilder();
		for (Path part : root.relativize(path)) {
			if (name.length() > 0) {
				name.append('/');
			}
			name.append(part);
		}
		return name.toString();
	}

	private static ZipEntry entry(String name, BasicFileAttributes attributes) {
		ZipEntry entry = new ZipEntry(name);
		entry.setLastModifiedTime(attributes.lastModifiedTime());
		return entry;
	}

	private static boolean isEmpty(Path directory) throws IOException {
		try (Stream<Path> children = Files.list(directory)) {
			return children.findAny().isEmpty();
		}
	}

	/** Lets the zip be finished without closing the response stream under it. */
	private static final class NonClosing extends java.io.FilterOutputStream {

		NonClosing(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.out.write(b, off, len);
		}

		@Override
		public void close() throws IOException {
			flush();
		}

	}

}
