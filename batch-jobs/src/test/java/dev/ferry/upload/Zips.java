package dev.ferry.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds zips for tests, including malicious ones that no honest tool would write. */
final class Zips {

	private Zips() {
	}

	/** A zip of the entries in order; a name ending in '/' is a directory entry. */
	static byte[] of(Map<String, byte[]> entries) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				zip.putNextEntry(new ZipEntry(entry.getKey()));
				if (!entry.getKey().endsWith("/")) {
					zip.write(entry.getValue());
				}
				zip.closeEntry();
			}
		}
		return bytes.toByteArray();
	}

	static Path write(Path file, Map<String, byte[]> entries) throws IOException {
		return Files.write(file, of(entries));
	}

	/** Entries in the given order: name, content, name, content… (content a String or byte[]). */
	static Map<String, byte[]> entries(Object... nameThenContent) {
		Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
		for (int i = 0; i < nameThenContent.length; i += 2) {
			Object content = nameThenContent[i + 1];
			entries.put((String) nameThenContent[i], content instanceof byte[] b ? b : text((String) content));
		}
		return entries;
	}

	static byte[] text(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	/** Rewrites a field of the central directory header of {@code name}: offset from the header start, 2 or 4 bytes. */
	static byte[] patchCentralHeader(byte[] zip, String name, int offset, int width, long value) {
		ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
		byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i + 46 <= zip.length; i++) {
			if (buffer.getInt(i) != 0x02014b50) {
				continue;
			}
			int nameLength = buffer.getShort(i + 28) & 0xFFFF;
			if (nameLength == wanted.length
					&& java.util.Arrays.equals(zip, i + 46, i + 46 + nameLength, wanted, 0, wanted.length)) {
				if (width == 2) {
					buffer.putShort(i + offset, (short) value);
				}
				else {
					buffer.putInt(i + offset, (int) value);
				}
				return zip;
			}
		}
		throw new IllegalArgumentException("no central header for " + name);
	}

	static final int METHOD = 10;

	static final int UNCOMPRESSED_SIZE = 24;

}
