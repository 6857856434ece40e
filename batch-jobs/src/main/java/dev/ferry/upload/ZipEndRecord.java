package dev.ferry.upload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

/** The end of central directory record of a zip, read before anything else of it. */
final class ZipEndRecord {

	/** A central directory larger than this per allowed entry (plus a fixed allowance) is refused unread. */
	private static final long DIRECTORY_BYTES_PER_ENTRY = 1024;

	private static final int END_SIZE = 22;

	private ZipEndRecord() {
	}

	/**
	 * Reads the end of central directory record (and its Zip64 form) to refuse a zip with too many entries or an
	 * oversized directory before {@link ZipFile} reads the whole directory into memory.
	 */
	static void check(Path zip, ZipLimits limits, String what) {
		try (SeekableByteChannel channel = Files.newByteChannel(zip)) {
			long length = channel.size();
			if (length < END_SIZE) {
				throw ZipSafety.notAZip(what, "it is only " + length + " bytes long");
			}
			int tailLength = (int) Math.min(length, END_SIZE + 0xFFFF);
			ByteBuffer tail = read(channel, length - tailLength, tailLength);
			int end = -1;
			for (int i = tailLength - END_SIZE; i >= 0; i--) {
				if (tail.getInt(i) == 0x06054b50 && i + END_SIZE + (tail.getShort(i + 20) & 0xFFFF) <= tailLength) {
					end = i;
					break;
				}
			}
			if (end < 0) {
				throw ZipSafety.notAZip(what, "no end of central directory record (truncated, or not a zip at all)");
			}
			long entries = tail.getShort(end + 10) & 0xFFFF;
			long directorySize = tail.getInt(end + 12) & 0xFFFFFFFFL;
			long endPosition = length - tailLength + end;
			if ((entries == 0xFFFF || directorySize == 0xFFFFFFFFL) && endPosition >= 20) {
				ByteBuffer locator = read(channel, endPosition - 20, 20);
				if (locator.getInt(0) == 0x07064b50) {
					long zip64End = locator.getLong(8);
					if (zip64End >= 0 && zip64End + 56 <= length) {
						ByteBuffer record = read(channel, zip64End, 56);
						if (record.getInt(0) == 0x06064b50) {
							entries = record.getLong(32);
							directorySize = record.getLong(40);
						}
					}
				}
			}
			if (entries < 0 || entries > limits.maxEntries()) {
				throw FerryException.invalid(what + " has more than " + limits.maxEntries() + " entries");
			}
			long directoryLimit = (long) limits.maxEntries() * DIRECTORY_BYTES_PER_ENTRY + 1024 * 1024;
			if (directorySize < 0 || directorySize > directoryLimit) {
				throw FerryException.invalid(what + " has a central directory of " + directorySize
						+ " bytes, more than its entries can need (" + directoryLimit + ")");
			}
		}
		catch (IOException ex) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_FILE_UPLOAD_FAILED,
					"cannot read " + what + ": " + ex.getMessage(), ex);
		}
	}

	private static ByteBuffer read(SeekableByteChannel channel, long position, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
		channel.position(position);
		while (buffer.hasRemaining()) {
			if (channel.read(buffer) < 0) {
				throw new IOException("unexpected end of file");
			}
		}
		return buffer.flip();
	}

}
