package dev.ferry.engine.sink;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;

import org.jspecify.annotations.Nullable;

/**
 * Size, CRC32C and (when asked) SHA-256 of bytes as they pass on their way to storage, so that a sink never reads a
 * file back. Not thread-safe: one per file.
 */
public final class StreamChecksum {

	private final CRC32C crc32c = new CRC32C();

	private final @Nullable MessageDigest sha256;

	private long size;

	public StreamChecksum(boolean sha256) {
		this.sha256 = sha256 ? newSha256() : null;
	}

	public void update(byte[] bytes, int offset, int length) {
		this.crc32c.update(bytes, offset, length);
		if (this.sha256 != null) {
			this.sha256.update(bytes, offset, length);
		}
		this.size += length;
	}

	public void update(int b) {
		this.crc32c.update(b);
		if (this.sha256 != null) {
			this.sha256.update((byte) b);
		}
		this.size++;
	}

	public long size() {
		return this.size;
	}

	/** The file as stored; call once, after the last byte. */
	public StoredFile stored(String name) {
		String crc = String.format("%08x", this.crc32c.getValue());
		String sha = (this.sha256 != null) ? HexFormat.of().formatHex(this.sha256.digest()) : null;
		return new StoredFile(name, this.size, crc, sha);
	}

	private static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
