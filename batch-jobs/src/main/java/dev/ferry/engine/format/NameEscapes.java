package dev.ferry.engine.format;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/** The percent-encoding of names in file names, and its reverse: the rules are in {@link FileNames}. */
final class NameEscapes {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private NameEscapes() {
	}

	/** See {@link FileNames#unescape}. */
	static String unescape(String escaped) {
		if (escaped.indexOf('%') < 0) {
			return escaped;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(escaped.length());
		byte[] utf8 = escaped.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < utf8.length; i++) {
			if (utf8[i] == '%') {
				int high = i + 2 < utf8.length ? Character.digit(utf8[i + 1], 16) : -1;
				int low = i + 2 < utf8.length ? Character.digit(utf8[i + 2], 16) : -1;
				if (high < 0 || low < 0) {
					throw new IllegalArgumentException("'" + escaped + "' has a % without two hex digits after it");
				}
				bytes.write(high * 16 + low);
				i += 2;
			}
			else {
				bytes.write(utf8[i]);
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
		}
		catch (CharacterCodingException ex) {
			throw new IllegalArgumentException("'" + escaped + "' does not unescape to UTF-8", ex);
		}
	}

	/** A name as written in file names: see {@link FileNames}. */
	static String escape(String name, boolean database) {
		if (name.isEmpty()) {
			throw new IllegalArgumentException("a database or table name cannot be empty");
		}
		StringBuilder out = null;
		int length = name.length();
		for (int i = 0; i < length; i++) {
			char c = name.charAt(i);
			boolean escape = c == '%' || c == '/' || c == '\\' || c < 0x20 || c == 0x7f
					|| (c == '.' && (database || dotNeedsEscape(name, i)))
					|| (c == '-' && !database && name.regionMatches(true, i + 1, "schema", 0, 6));
			if (escape && out == null) {
				out = new StringBuilder(length + 8).append(name, 0, i);
			}
			if (escape) {
				out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
			}
			else if (out != null) {
				out.append(c);
			}
		}
		return out == null ? name : out.toString();
	}

	/** A table name's dot at an end, next to another dot, or before a last part of digits only. */
	private static boolean dotNeedsEscape(String name, int i) {
		int last = name.length() - 1;
		if (i == 0 || i == last || name.charAt(i - 1) == '.' || name.charAt(i + 1) == '.') {
			return true;
		}
		for (int j = i + 1; j <= last; j++) {
			char c = name.charAt(j);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

}
