package dev.ferry.engine.format;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;

/**
 * How a data file is compressed. {@link #wrap} compresses what is written to it (closing it finishes the compressed
 * stream and closes the one it wraps); {@link #unwrap} checks the stream's first bytes and refuses a stream that is
 * not compressed this way, naming what it found.
 * <ul>
 * <li>{@link #GZIP}: {@code java.util.zip} at level 1 (the fastest; dump files are text and compress well anyway);
 * </li>
 * <li>{@link #ZSTD}: zstd-jni at level 3 (zstd's default), one thread per stream (the engine runs several files at
 * once).</li>
 * </ul>
 */
public enum Compression {

	NONE("none", ""), GZIP("gzip", ".gz"), ZSTD("zstd", ".zst");

	static final int GZIP_LEVEL = Deflater.BEST_SPEED;

	static final int ZSTD_LEVEL = 3;

	private static final int BUFFER = 64 * 1024;

	private static final byte[] GZIP_MAGIC = { 0x1f, (byte) 0x8b };

	private static final byte[] ZSTD_MAGIC = { 0x28, (byte) 0xb5, 0x2f, (byte) 0xfd };

	private final String id;

	private final String suffix;

	Compression(String id, String suffix) {
		this.id = id;
		this.suffix = suffix;
	}

	/** The name used in requests and the manifest: {@code none}, {@code gzip} or {@code zstd}. */
	public String id() {
		return this.id;
	}

	/** What the file name ends with after {@code .sql} or {@code .csv}: {@code ""}, {@code .gz} or {@code .zst}. */
	public String suffix() {
		return this.suffix;
	}

	/**
	 * The compression named {@code name} ({@code none}, {@code gzip} or {@code zstd}, any case).
	 * @throws IllegalArgumentException for any other name, listing the accepted ones
	 */
	public static Compression of(String name) {
		for (Compression compression : values()) {
			if (compression.id.equalsIgnoreCase(name)) {
				return compression;
			}
		}
		throw new IllegalArgumentException("unknown compression '" + name + "': use one of "
				+ Arrays.stream(values()).map(Compression::id).collect(Collectors.joining(", ")));
	}

	/** A stream that compresses into {@code out}; {@link #NONE} returns {@code out} itself. */
	public OutputStream wrap(OutputStream out) throws IOException {
		return switch (this) {
			case NONE -> out;
			case GZIP -> new FastGzipOutputStream(out);
			case ZSTD -> {
				ZstdOutputStream zstd = new ZstdOutputStream(out, ZSTD_LEVEL);
				zstd.setWorkers(0);
				yield zstd;
			}
		};
	}

	/**
	 * A stream of the uncompressed bytes of {@code in}.
	 * @throws IOException when {@code in} does not start like a stream of this compression (a gzip or zstd stream read
	 * as uncompressed, an uncompressed or zstd stream read as gzip...), naming what it looks like. Uncompressed bytes
	 * that happen to start with gzip's or zstd's magic number are refused too; the engine's files never do (SQL files
	 * start with {@code /*}, CSV files with a quoted header)
	 */
	public InputStream unwrap(InputStream in) throws IOException {
		BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
		Compression found = sniff(buffered);
		if (found != this) {
			throw new IOException("the stream is " + (found == NONE ? "not compressed" : found.id + "-compressed")
					+ ", not " + (this == NONE ? "uncompressed" : this.id + "-compressed"));
		}
		return switch (this) {
			case NONE -> buffered;
			case GZIP -> new GZIPInputStream(buffered, BUFFER);
			case ZSTD -> new BufferedInputStream(new ZstdInputStream(buffered), BUFFER);
		};
	}

	/** What the first bytes of the stream look like; the stream is left where it was. */
	static Compression sniff(BufferedInputStream in) throws IOException {
		in.mark(ZSTD_MAGIC.length);
		byte[] head = in.readNBytes(ZSTD_MAGIC.length);
		in.reset();
		if (startsWith(head, ZSTD_MAGIC)) {
			return ZSTD;
		}
		if (startsWith(head, GZIP_MAGIC)) {
			return GZIP;
		}
		return NONE;
	}

	private static boolean startsWith(byte[] head, byte[] magic) {
		return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
	}

	/** gzip at {@link #GZIP_LEVEL} with a 64 KiB buffer. */
	private static final class FastGzipOutputStream extends GZIPOutputStream {

		FastGzipOutputStream(OutputStream out) throws IOException {
			super(out, BUFFER);
			this.def.setLevel(GZIP_LEVEL);
		}

	}

}
