package dev.ferry.dump;

import org.jspecify.annotations.Nullable;

/**
 * What of the session changes how the server reads a statement's bytes: whether a backslash escapes the next byte in
 * a string ({@code NO_BACKSLASH_ESCAPES} off), whether {@code "…"} is a name ({@code ANSI_QUOTES}) or a string, and
 * how names with bytes above 127 read under the client character set (null: not known). The client character sets
 * the inspector lets through split statements alike (see {@link SetStatement}).
 */
record LexMode(boolean backslashEscapes, boolean ansiQuotes, @Nullable NameCharset names) {

	/**
	 * How a file is read from its start: the {@code sql_mode} of myloader's sessions (which files must leave as they
	 * found it), and a client character set not known.
	 */
	static final LexMode DEFAULT = new LexMode(true, false, null);

	/** Whether statements split alike under both modes. */
	boolean splitsLike(LexMode other) {
		return this.backslashEscapes == other.backslashEscapes && this.ansiQuotes == other.ansiQuotes;
	}

}
