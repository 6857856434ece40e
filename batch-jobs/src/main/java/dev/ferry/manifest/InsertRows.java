package dev.ferry.manifest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Counts the rows of mydumper's and dumpling's {@code INSERT} statements as their bytes stream by: each row starts
 * with {@code (} right after a line break (a line break inside a value is written escaped, {@code \n}). Sixteen bytes
 * at a time: a cheap test (<em>Hacker's Delight</em> 6-1) tells whether they may hold a line break at all, and only
 * then are the line breaks and the parentheses one byte further found exactly, eight bytes at a time, and the pairs
 * counted – so counting keeps up with the page cache.
 */
final class InsertRows {

	private static final long LINE_BREAKS = 0x0A0A_0A0A_0A0A_0A0AL;

	private static final long ONES = 0x0101_0101_0101_0101L;

	private static final long HIGH = 0x8080_8080_8080_8080L;

	private static final long LOW7 = 0x7F7F_7F7F_7F7F_7F7FL;

	private static final long PARENS = 0x2828_2828_2828_2828L;

	private long rows;

	private boolean afterLineBreak = true;

	/** Counts the rows starting in {@code buffer}'s remaining bytes; leaves its position where it was. */
	void update(ByteBuffer buffer) {
		int from = buffer.position();
		int to = buffer.limit();
		if (from == to) {
			return;
		}
		ByteBuffer bytes = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
		long found = (this.afterLineBreak && bytes.get(from) == '(') ? 1 : 0;
		int i = from;
		for (; i + 17 <= to; i += 16) { // pairs (i+k, i+k+1) for k = 0..15: reads bytes i..i+16
			long a = bytes.getLong(i) ^ LINE_BREAKS;
			long b = bytes.getLong(i + 8) ^ LINE_BREAKS;
			if (((((a - ONES) & ~a) | ((b - ONES) & ~b)) & HIGH) != 0) { // may hold a line break (false positives)
				found += Long.bitCount(zeroBytes(a) & zeroBytes(bytes.getLong(i + 1) ^ PARENS))
						+ Long.bitCount(zeroBytes(b) & zeroBytes(bytes.getLong(i + 9) ^ PARENS));
			}
		}
		for (; i + 1 < to; i++) {
			if (bytes.get(i) == '\n' && bytes.get(i + 1) == '(') {
				found++;
			}
		}
		this.rows += found;
		this.afterLineBreak = bytes.get(to - 1) == '\n'; // a row starting in the next block
	}

	long rows() {
		return this.rows;
	}

	/** The high bit of each byte of {@code x} that is zero, and only of those (no carry between bytes). */
	private static long zeroBytes(long x) {
		return ~(((x & LOW7) + LOW7) | x | LOW7);
	}

}
