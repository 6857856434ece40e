package dev.ferry.engine.format;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Turns text back into the bytes of a server character set: an object (routine, trigger, event, view) keeps the
 * {@code character_set_client} it was created with, and its statement is written in that character set so that the
 * server reads the same text and records the same setting.
 */
final class ServerCharsets {

	/**
	 * Server character sets whose bytes are UTF-8 (Connector/J, which asks for utf8mb4 results, receives their values
	 * unchanged).
	 */
	static final Set<String> UTF8 = Set.of("utf8mb4", "utf8mb3", "utf8", "ascii");

	/** Server names whose Java name differs, or that need care. */
	private static final Map<String, String> JAVA_NAMES = Map.ofEntries(Map.entry("utf8mb4", "UTF-8"),
			Map.entry("utf8mb3", "UTF-8"), Map.entry("utf8", "UTF-8"), Map.entry("ascii", "US-ASCII"),
			Map.entry("latin2", "ISO-8859-2"), Map.entry("latin5", "ISO-8859-9"), Map.entry("latin7", "ISO-8859-13"),
			Map.entry("greek", "ISO-8859-7"), Map.entry("hebrew", "ISO-8859-8"), Map.entry("koi8r", "KOI8-R"),
			Map.entry("koi8u", "KOI8-U"), Map.entry("cp1250", "windows-1250"), Map.entry("cp1251", "windows-1251"),
			Map.entry("cp1256", "windows-1256"), Map.entry("cp1257", "windows-1257"), Map.entry("cp850", "IBM850"),
			Map.entry("cp852", "IBM852"), Map.entry("cp866", "IBM866"), Map.entry("sjis", "Shift_JIS"),
			Map.entry("cp932", "windows-31j"), Map.entry("ujis", "EUC-JP"), Map.entry("eucjpms", "EUC-JP"),
			Map.entry("euckr", "EUC-KR"), Map.entry("gbk", "GBK"), Map.entry("gb2312", "GB2312"),
			Map.entry("big5", "Big5"), Map.entry("tis620", "TIS-620"), Map.entry("ucs2", "UTF-16BE"),
			Map.entry("utf16", "UTF-16BE"), Map.entry("utf16le", "UTF-16LE"), Map.entry("utf32", "UTF-32BE"));

	private ServerCharsets() {
	}

	/**
	 * The bytes of {@code text} in the server character set {@code name}, or null when Java does not know it or
	 * cannot encode some character of the text in it.
	 */
	static byte @Nullable [] encode(String text, String name) {
		String server = name.toLowerCase(Locale.ROOT);
		if (server.equals("latin1")) {
			return latin1(text);
		}
		String java = JAVA_NAMES.get(server);
		if (java == null || !Charset.isSupported(java)) {
			return null;
		}
		CharsetEncoder encoder = Charset.forName(java).newEncoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		try {
			ByteBuffer bytes = encoder.encode(CharBuffer.wrap(text));
			byte[] out = new byte[bytes.remaining()];
			bytes.get(out);
			return out;
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	/**
	 * MariaDB's {@code latin1} is cp1252 whose five unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) stand for the C1
	 * controls of the same code: every byte is a character.
	 */
	private static byte @Nullable [] latin1(String text) {
		CharsetEncoder cp1252 = Charset.forName("windows-1252").newEncoder();
		byte[] out = new byte[text.length()];
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80 || (c >= 0xa0 && c <= 0xff) || c == 0x81 || c == 0x8d || c == 0x8f || c == 0x90
					|| c == 0x9d) {
				out[i] = (byte) c;
			}
			else if (cp1252.canEncode(c)) {
				out[i] = String.valueOf(c).getBytes(Charset.forName("windows-1252"))[0];
			}
			else {
				return null;
			}
		}
		return out;
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
