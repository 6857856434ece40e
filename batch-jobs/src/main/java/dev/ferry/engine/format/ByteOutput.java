package dev.ferry.engine.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer. As a file buffer ({@link #ByteOutput(OutputStream)}), it hands its bytes to the stream each
 * time it holds {@link #FLUSH_AT} of them; as a row buffer, it grows to hold a whole row.
 */
final class ByteOutput {

	static final int FLUSH_AT = 64 * 1024;

	/** The capacity kept after a big row. */
	private static final int KEEP = 1024 * 1024;

	private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private final OutputStream out;

	private byte[] bytes;

	private int size;

	private long flushed;

	ByteOutput(OutputStream out) {
		this.out = out;
		this.bytes = new byte[FLUSH_AT + 1024];
	}

	ByteOutput() {
		this.out = OutputStream.nullOutputStream();
		this.bytes = new byte[1024];
	}

	int size() {
		return this.size;
	}

	/** Every byte written, flushed or not. */
	long total() {
		return this.flushed + this.size;
	}

	void reset() {
		this.size = 0;
	}

	void write(int b) {
		if (this.size == this.bytes.length) {
			grow(1);
		}
		this.bytes[this.size++] = (byte) b;
	}

	void write(byte[] b) {
		write(b, 0, b.length);
	}

	void write(byte[] b, int off, int len) {
		ensure(len);
		System.arraycopy(b, off, this.bytes, this.size, len);
		this.size += len;
	}

	/** Writes the characters of an ASCII text (a number or a date as the server prints it). */
	void writeAscii(String text) {
		int length = text.length();
		ensure(length);
		byte[] into = this.bytes;
		int at = this.size;
		for (int i = 0; i < length; i++) {
			into[at + i] = (byte) text.charAt(i);
		}
		this.size += length;
	}

	/** Writes each byte as two upper-case hex digits. */
	void writeHex(byte[] value) {
		ensure(value.length * 2);
		int at = this.size;
		for (byte b : value) {
			this.bytes[at++] = HEX[(b >> 4) & 0xf];
			this.bytes[at++] = HEX[b & 0xf];
		}
		this.size = at;
	}

	/** Appends the bytes of another buffer; a big one (a row with a big value) goes straight to the stream. */
	void write(ByteOutput other) throws IOException {
		if (other.size >= FLUSH_AT) {
			flush();
			this.out.write(other.bytes, 0, other.size);
			this.flushed += other.size;
		}
		else {
			write(other.bytes, 0, other.size);
		}
	}

	/** Lets a buffer that grew for a big row go, so that one big value does not hold memory for the whole file. */
	void shrink() {
		if (this.bytes.length > KEEP && this.size < KEEP / 2) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(KEEP / 2, this.size));
		}
	}

	/** Room for {@code len} more bytes. */
	void ensure(int len) {
		if (this.bytes.length - this.size < len) {
			grow(len);
		}
	}

	/** The array to write into directly at {@link #size()} after {@link #ensure}. */
	byte[] array() {
		return this.bytes;
	}

	void advance(int len) {
		this.size += len;
	}

	/** Hands the bytes to the stream when there are enough of them. */
	void flushIfFull() throws IOException {
		if (this.size >= FLUSH_AT) {
			flush();
		}
	}

	void flush() throws IOException {
		if (this.size > 0) {
			this.out.write(this.bytes, 0, this.size);
			this.flushed += this.size;
			this.size = 0;
		}
		shrink();
	}

	private void grow(int len) {
		long wanted = Math.max((long) this.size + len, (long) this.bytes.length * 2);
		if (wanted > Integer.MAX_VALUE - 16) {
			throw new IllegalStateException("a row of more than 2 GiB cannot be encoded");
		}
		this.bytes = Arrays.copyOf(this.bytes, (int) wanted);
	}

}
