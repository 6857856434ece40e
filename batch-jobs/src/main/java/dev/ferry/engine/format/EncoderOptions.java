package dev.ferry.engine.format;

/**
 * How a {@link ChunkEncoder} writes SQL (CSV files have no statements).
 * @param statementBytes the size rows are grouped to: a row joins the open {@code INSERT} while the statement, its
 * {@code ;} and line break included, stays within this size (mydumper's default is 1 000 000 bytes)
 * @param maxStatementBytes the most bytes one statement may have: a row that joins no statement is written in a
 * statement of its own, and fails the chunk if that is bigger than this (keep it at or below the target's
 * {@code max_allowed_packet}, which limits a whole statement)
 */
public record EncoderOptions(long statementBytes, long maxStatementBytes) {

	/** The largest {@code max_allowed_packet} MariaDB and MySQL accept: 1 GiB. */
	public static final long LARGEST_PACKET = 1L << 30;

	/**
	 * Rows grouped to 1 000 000 bytes (mydumper's default); a bigger row alone in its statement up to
	 * {@link #LARGEST_PACKET}, so that no row a server can hold fails an export whose target is not known yet.
	 */
	public static final EncoderOptions DEFAULTS = new EncoderOptions(1_000_000, LARGEST_PACKET);

	public EncoderOptions {
		if (statementBytes < 1024) {
			throw new IllegalArgumentException("statementBytes must be at least 1024, not " + statementBytes);
		}
		if (maxStatementBytes < statementBytes) {
			throw new IllegalArgumentException("maxStatementBytes (" + maxStatementBytes
					+ ") must be at least statementBytes (" + statementBytes + ")");
		}
	}

	/** One limit for both: rows grouped to {@code maxStatementBytes}, and no statement bigger. */
	public EncoderOptions(long maxStatementBytes) {
		this(maxStatementBytes, maxStatementBytes);
	}

}
