package dev.ferry.engine.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.jspecify.annotations.Nullable;

import dev.ferry.storage.FileModes;

/** A file of a {@link LocalDirectorySink} under its temporary name, buffered, checksummed while written. */
final class LocalPendingFile implements PendingFile {

	private static final int BUFFER = 256 * 1024;

	private final LocalDirectorySink sink;

	private final String name;

	private final Path partial;

	private final FileChannel channel;

	private final StreamChecksum checksum;

	private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);

	private final OutputStream stream = new Stream();

	private @Nullable StoredFile stored;

	private boolean closed;

	LocalPendingFile(LocalDirectorySink sink, String name, Path partial, FileChannel channel, StreamChecksum checksum) {
		this.sink = sink;
		this.name = name;
		this.partial = partial;
		this.channel = channel;
		this.checksum = checksum;
	}

	@Override
	public OutputStream stream() {
		return this.stream;
	}

	@Override
	public synchronized StoredFile commit() throws IOException {
		if (this.stored != null) {
			return this.stored;
		}
		requireOpen();
		drain();
		this.channel.force(true);
		this.channel.close();
		this.closed = true;
		Path target = this.sink.finalPath(this.name);
		Files.move(this.partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		FileModes.restrict(target);
		this.sink.syncDirectory();
		this.stored = this.checksum.stored(this.name);
		return this.stored;
	}

	@Override
	public synchronized void close() throws IOException {
		if (this.stored != null) {
			return;
		}
		try {
			if (!this.closed) {
				this.closed = true;
				this.channel.close();
			}
		}
		finally {
			Files.deleteIfExists(this.partial);
		}
	}

	private void requireOpen() throws IOException {
		if (this.closed) {
			throw new IOException("file " + this.name + " was already " + (this.stored != null ? "committed" : "abandoned"));
		}
	}

	private void drain() throws IOException {
		this.buffer.flip();
		while (this.buffer.hasRemaining()) {
			this.channel.write(this.buffer);
		}
		this.buffer.clear();
	}

	private final class Stream extends OutputStream {

		@Override
		public void write(int b) throws IOException {
			requireOpen();
			if (!LocalPendingFile.this.buffer.hasRemaining()) {
				drain();
			}
			LocalPendingFile.this.buffer.put((byte) b);
			LocalPendingFile.this.checksum.update(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			requireOpen();
			LocalPendingFile.this.checksum.update(bytes, offset, length);
			ByteBuffer buf = LocalPendingFile.this.buffer;
			if (length >= buf.capacity()) {
				drain();
				ByteBuffer direct = ByteBuffer.wrap(bytes, offset, length);
				while (direct.hasRemaining()) {
					LocalPendingFile.this.channel.write(direct);
				}
				return;
			}
			if (length > buf.remaining()) {
				drain();
			}
			buf.put(bytes, offset, length);
		}

		@Override
		public void flush() throws IOException {
			if (!LocalPendingFile.this.closed) {
				drain();
			}
		}

		@Override
		public void close() throws IOException {
			flush();
		}

	}

}
