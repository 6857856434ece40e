package dev.ferry.dump;

/**
 * What of the session's {@code sql_mode} changes how the server reads a statement's bytes: whether a backslash
 * escapes the next byte in a string ({@code NO_BACKSLASH_ESCAPES} off), and whether {@code "…"} is a name
 * ({@code ANSI_QUOTES}) or a string. The client character sets the inspector lets through read alike (see
 * {@link SetStatement}).
 */
record LexMode(boolean backslashEscapes, boolean ansiQuotes) {

	/** How a file is read from its start: the server's defaults, as myloader's sessions have them. */
	static final LexMode DEFAULT = new LexMode(true, false);

}
