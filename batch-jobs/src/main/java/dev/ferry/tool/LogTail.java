package dev.ferry.tool;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads the last lines of a (possibly huge) log file without reading all of it; invalid UTF-8 becomes U+FFFD. */
public final class LogTail {

	static final int MAX_LINES = 40;

	static final int MAX_CHARS = 2000;

	private LogTail() {
	}

	static String read(Path file) {
		return read(file, MAX_LINES, MAX_CHARS);
	}

	/** The last {@code maxLines} lines, at most {@code maxChars} characters; "" if the file is missing or empty. */
	public static String read(Path file, int maxLines, int maxChars) {
		if (!Files.isRegularFile(file)) {
			return "";
		}
		String text;
		boolean fromStart;
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
			long length = raf.length();
			// Up to 4 bytes per character, plus one byte to see whether the first line is complete.
			int size = (int) Math.min(length, 4L * maxChars + 1);
			byte[] bytes = new byte[size];
			raf.seek(length - size);
			raf.readFully(bytes);
			fromStart = size == length;
			text = new String(bytes, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
		List<String> lines = Arrays.asList(text.split("\r?\n", -1));
		// The first line read may be cut (even mid-character) unless it is all there is.
		int from = (fromStart || lines.size() == 1) ? 0 : 1;
		int to = lines.size();
		while (to > from && lines.get(to - 1).isBlank()) {
			to--;
		}
		from = Math.max(from, to - maxLines);
		String tail = String.join("\n", lines.subList(from, to));
		if (tail.length() > maxChars) {
			tail = tail.substring(tail.length() - maxChars);
			int newline = tail.indexOf('\n');
			if (newline >= 0 && newline < tail.length() - 1) {
				tail = tail.substring(newline + 1);
			}
			else if (Character.isLowSurrogate(tail.charAt(0))) {
				tail = tail.substring(1);
			}
		}
		return tail;
	}

}
