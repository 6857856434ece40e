package dev.ferry.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One file's manifest entry, built incrementally: each {@link #readTo()} hashes the bytes appended since the last
 * call and counts the rows in them, so a growing dump file can be scanned while the tool still writes it.
 */
final class FileScan {

	private final Path file;

	private final boolean countRows;

	private final boolean csv;

	private final MessageDigest digest = sha256();

	private long offset;

	private long rows;

	private boolean lineStart = true;

	FileScan(Path file) {
		this.file = file;
		String name = file.getFileName().toString();
		this.csv = name.endsWith(".csv");
		this.countRows = !this.csv && DumpFile.of(name).map(DumpFile::data).orElse(false);
	}

	/** Reads what was appended since the last call; returns the file's size now. */
	long readTo() throws IOException {
		try (FileChannel channel = FileChannel.open(this.file, StandardOpenOption.READ)) {
			long size = channel.size();
			if (size < this.offset) {
				throw new IOException(this.file + " shrank while it was scanned");
			}
			channel.position(this.offset);
			byte[] buffer = new byte[1 << 16];
			try (InputStream in = Channels.newInputStream(channel)) {
				long left = size - this.offset;
				while (left > 0) {
					int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
					if (n < 0) {
						break;
					}
					update(buffer, n);
					left -= n;
					this.offset += n;
				}
			}
			return size;
		}
	}

	private void update(byte[] buffer, int n) {
		this.digest.update(buffer, 0, n);
		if (this.countRows && n > 0) {
			// a row starts at '(' right after a line break: one compare per byte, the next byte only after '\n'
			long found = (this.lineStart && buffer[0] == '(') ? 1 : 0;
			int last = n - 1;
			for (int i = 0; i < last; i++) {
				if (buffer[i] == '\n' && buffer[i + 1] == '(') {
					found++;
				}
			}
			this.rows += found;
			this.lineStart = buffer[last] == '\n';
		}
	}

	long offset() {
		return this.offset;
	}

	long rows() {
		return this.csv ? Manifest.UNKNOWN_ROWS : this.rows;
	}

	String sha256Hex() {
		try {
			return HexFormat.of().formatHex(((MessageDigest) this.digest.clone()).digest());
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
