package dev.ferry.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;

import org.jspecify.annotations.Nullable;

/**
 * One file's manifest entry, built incrementally: each {@link #readTo} checksums the bytes appended since the last
 * call – CRC32C always (hardware-accelerated), sha256 only when asked for – and counts the rows in them, so a growing
 * dump file can be scanned while the tool still writes it. One pass over each block of bytes: read into a buffer that
 * stays in the CPU cache, then checksummed and counted there.
 */
final class FileScan {

	/** Fits the L2 cache of one core, so the checksum and the row count read what the read just put there. */
	static final int BUFFER_BYTES = 256 * 1024;

	private Path file;

	private @Nullable Object fileKey;

	private final boolean csv;

	private final @Nullable InsertRows rows;

	private final CRC32C crc32c = new CRC32C();

	private final @Nullable MessageDigest sha256;

	private long offset;

	FileScan(Path file, boolean sha256) {
		this.file = file;
		String name = file.getFileName().toString();
		this.csv = name.endsWith(".csv");
		boolean data = DumpFile.of(name).map(DumpFile::data).orElse(false);
		this.rows = (data && !this.csv) ? new InsertRows() : null;
		this.sha256 = sha256 ? sha256() : null;
	}

	/** A direct buffer for {@link #readTo}: one per thread that scans, reused for every file. */
	static ByteBuffer buffer() {
		return ByteBuffer.allocateDirect(BUFFER_BYTES);
	}

	/** Reads what was appended since the last call; returns the file's size now. */
	long readTo(ByteBuffer buffer) throws IOException {
		try (FileChannel channel = FileChannel.open(this.file, StandardOpenOption.READ)) {
			if (this.fileKey == null) {
				this.fileKey = Files.readAttributes(this.file, BasicFileAttributes.class).fileKey();
			}
			long size = channel.size();
			if (size < this.offset) {
				throw new IOException(this.file + " shrank while it was scanned");
			}
			while (this.offset < size) {
				buffer.clear();
				buffer.limit((int) Math.min(buffer.capacity(), size - this.offset));
				int n = channel.read(buffer, this.offset);
				if (n < 0) {
					break;
				}
				buffer.flip();
				update(buffer);
				this.offset += n;
			}
			return size;
		}
	}

	private void update(ByteBuffer buffer) {
		if (this.rows != null) {
			this.rows.update(buffer); // leaves the position
		}
		if (this.sha256 != null) {
			this.sha256.update(buffer.duplicate());
		}
		this.crc32c.update(buffer);
	}

	/** Device and inode of the file scanned (null where the file system has none). */
	@Nullable Object fileKey() {
		return this.fileKey;
	}

	/** The same file under the name it was renamed to: the scan goes on where it was. */
	FileScan renamedTo(Path file) {
		this.file = file;
		return this;
	}

	long offset() {
		return this.offset;
	}

	/** Rows of a data file ({@link Manifest#UNKNOWN_ROWS} for CSV: a quoted value may span lines); null for others. */
	@Nullable Long rows() {
		if (this.csv) {
			return Manifest.UNKNOWN_ROWS;
		}
		return (this.rows != null) ? this.rows.rows() : null;
	}

	/** Rows to add to the file's table: a non-data file adds none. */
	long tableRows() {
		Long rows = rows();
		return (rows != null) ? rows : 0;
	}

	/** Lowercase hex, eight digits. */
	String crc32cHex() {
		return hex32(this.crc32c.getValue());
	}

	@Nullable String sha256Hex() {
		if (this.sha256 == null) {
			return null;
		}
		try {
			return HexFormat.of().formatHex(((MessageDigest) this.sha256.clone()).digest());
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String hex32(long value) {
		return String.format("%08x", value);
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
