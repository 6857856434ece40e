package dev.ferry.engine.format;

/**
 * How a {@link ChunkEncoder} writes.
 * @param maxStatementBytes the most bytes one {@code INSERT} statement may have, its {@code ;} and line break
 * included (keep it below the target's {@code max_allowed_packet}, which limits a whole statement); rows are added to
 * a statement while it stays under this size, and a row that does not fit in a statement of its own fails
 */
public record EncoderOptions(long maxStatementBytes) {

	/** mydumper's default statement size (1 000 000 bytes). */
	public static final EncoderOptions DEFAULTS = new EncoderOptions(1_000_000);

	public EncoderOptions {
		if (maxStatementBytes < 1024) {
			throw new IllegalArgumentException("maxStatementBytes must be at least 1024, not " + maxStatementBytes);
		}
	}

}
