package dev.ferry.engine.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import dev.ferry.engine.sink.StoredFile;

/**
 * A partition's files as they are kept in its execution context: one line per file, {@code name TAB size TAB crc32c
 * TAB sha256} (names never hold a tab or a line break: the format escapes control characters), gzip-compressed and
 * Base64-encoded (prefix {@code gz:}) once longer than {@value #PLAIN_MAX} characters. A database's schema partition
 * lists a file per table, view, trigger set and sequence, and the job repository keeps a context in a MariaDB
 * {@code TEXT} column (64 KiB): compressed, a database of about 4,000 objects (tables, views, trigger sets,
 * sequences) fits; a database with more fails its schema partition (a known limit).
 */
final class StoredFiles {

	static final int PLAIN_MAX = 4096;

	private static final String COMPRESSED = "gz:";

	private StoredFiles() {
	}

	static String encode(List<StoredFile> files) {
		StringBuilder text = new StringBuilder();
		for (StoredFile file : files) {
			text.append(file.name()).append('\t').append(file.size()).append('\t').append(file.crc32c()).append('\t')
				.append(file.sha256() == null ? "" : file.sha256()).append('\n');
		}
		if (text.length() <= PLAIN_MAX) {
			return text.toString();
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			gzip.write(text.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return COMPRESSED + Base64.getEncoder().encodeToString(bytes.toByteArray());
	}

	static List<StoredFile> decode(String encoded) {
		String text = encoded;
		if (encoded.startsWith(COMPRESSED)) {
			byte[] bytes = Base64.getDecoder().decode(encoded.substring(COMPRESSED.length()));
			try (GZIPInputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
				text = new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		List<StoredFile> files = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isEmpty()) {
				continue;
			}
			String[] parts = line.split("\t", -1);
			files.add(new StoredFile(parts[0], Long.parseLong(parts[1]), parts[2], parts[3].isEmpty() ? null
					: parts[3]));
		}
		return files;
	}

}
