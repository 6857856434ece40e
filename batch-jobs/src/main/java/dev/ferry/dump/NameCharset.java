package dev.ferry.dump;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How the server reads the bytes of a name under a client character set, for the character sets whose Java decoder
 * reads them alike. Under any other (or before a file sets its own: myloader runs files one after another in a
 * session, so the one a file starts with is not known), a name with a byte above 127 cannot be read, and so never
 * matches a file's own database or table.
 *
 * @param charset the Java character set
 * @param basicPlaneOnly whether characters of four bytes are invalid ({@code utf8mb3})
 */
record NameCharset(Charset charset, boolean basicPlaneOnly) {

	/** What a name that cannot be read starts with: no file name holds it. */
	static final char UNREADABLE = '\0';

	private static final Map<String, String> JAVA = Map.ofEntries(Map.entry("BINARY", "UTF-8"),
			Map.entry("UTF8MB4", "UTF-8"), Map.entry("UTF8MB3", "UTF-8"), Map.entry("UTF8", "UTF-8"),
			Map.entry("ASCII", "US-ASCII"), Map.entry("LATIN1", "windows-1252"), Map.entry("LATIN2", "ISO-8859-2"),
			Map.entry("LATIN5", "ISO-8859-9"), Map.entry("LATIN7", "ISO-8859-13"), Map.entry("GREEK", "ISO-8859-7"),
			Map.entry("HEBREW", "ISO-8859-8"), Map.entry("KOI8R", "KOI8-R"), Map.entry("KOI8U", "KOI8-U"),
			Map.entry("CP1250", "windows-1250"), Map.entry("CP1251", "windows-1251"),
			Map.entry("CP1256", "windows-1256"), Map.entry("CP1257", "windows-1257"), Map.entry("CP850", "IBM850"),
			Map.entry("CP852", "IBM852"), Map.entry("CP866", "IBM866"));

	/** The reading of a server character set (or a collation of it), or null if names in it are not read. */
	static @Nullable NameCharset of(@Nullable String server) {
		if (server == null) {
			return null;
		}
		String upper = server.toUpperCase(Locale.ROOT);
		int underscore = upper.indexOf('_');
		String charset = (underscore > 0) ? upper.substring(0, underscore) : upper;
		String java = JAVA.get(charset);
		return (java == null || !Charset.isSupported(java)) ? null
				: new NameCharset(Charset.forName(java), charset.equals("UTF8MB3") || charset.equals("UTF8"));
	}

	/** What {@code a} and {@code b} both read alike (null if not known, or they differ). */
	static @Nullable NameCharset common(@Nullable NameCharset a, @Nullable NameCharset b) {
		if (a == null || b == null || !a.charset.equals(b.charset)) {
			return null;
		}
		return new NameCharset(a.charset, a.basicPlaneOnly || b.basicPlaneOnly);
	}

	/** A name read from bytes (one {@code char} per byte): itself if ASCII, else decoded, or unreadable. */
	static String name(String bytes, @Nullable NameCharset names) {
		for (int i = 0; i < bytes.length(); i++) {
			if (bytes.charAt(i) >= 0x80) {
				String decoded = (names != null) ? names.decode(bytes) : null;
				return (decoded != null) ? decoded : UNREADABLE + bytes;
			}
		}
		return bytes;
	}

	private @Nullable String decode(String bytes) {
		try {
			String name = this.charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.ISO_8859_1)))
				.toString();
			return (this.basicPlaneOnly && name.codePoints().anyMatch(Character::isSupplementaryCodePoint)) ? null
					: name;
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}
