package dev.ferry.engine.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts the bytes that pass on to storage (after compression), for the progress while a file is written. */
final class CountingOutputStream extends FilterOutputStream {

	private volatile long count;

	CountingOutputStream(OutputStream out) {
		super(out);
	}

	long count() {
		return this.count;
	}

	@Override
	public void write(int b) throws IOException {
		this.out.write(b);
		this.count++;
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		this.out.write(bytes, offset, length);
		this.count += length;
	}

}
