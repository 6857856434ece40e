package dev.ferry.tidb;

import java.nio.charset.StandardCharsets;

/** Percent-encoding for the storage URLs that dumpling and lightning parse with Go's {@code net/url}. */
final class UrlText {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private UrlText() {
	}

	/** A query value: keeps unreserved characters plus {@code : /} (so {@code http://minio:9000} stays readable). */
	static String queryValue(String value) {
		return encode(value, ":/");
	}

	/** A path: keeps unreserved characters and {@code /}; everything else (space, {@code % ? # &}, unicode) encoded. */
	static String path(String value) {
		return encode(value, "/");
	}

	private static String encode(String value, String alsoKept) {
		StringBuilder out = new StringBuilder(value.length() + 16);
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~' || alsoKept.indexOf(c) >= 0) {
				out.append((char) c);
			}
			else {
				out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
		}
		return out.toString();
	}

}
