package dev.ferry.upload;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.storage.FileModes;

/**
 * One upload in progress: a reserved slot and a fresh staging directory {@code <importRoot>/uploads/<uploadId>/}.
 * Write the zip to {@link #output()}, then {@link #complete(String)} it; {@link #close()} (or {@link #abort()})
 * without completing removes everything. The slot is released exactly once, whichever way the upload ends.
 */
public final class UploadTicket implements AutoCloseable {

	private final UploadStore store;

	private final String uploadId;

	private final Path directory;

	private final long maxBytes;

	private final Runnable releaseSlot;

	private final AtomicBoolean finished = new AtomicBoolean();

	private final CountingOutput output;

	UploadTicket(UploadStore store, String uploadId, Path directory, long maxBytes, Runnable releaseSlot)
			throws IOException {
		this.store = store;
		this.uploadId = uploadId;
		this.directory = directory;
		this.maxBytes = maxBytes;
		this.releaseSlot = releaseSlot;
		this.output = new CountingOutput(new BufferedOutputStream(Files.newOutputStream(zip(),
				StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 64 * 1024));
		FileModes.restrict(zip());
	}

	public String uploadId() {
		return this.uploadId;
	}

	Path directory() {
		return this.directory;
	}

	Path zip() {
		return this.directory.resolve(UploadStore.ZIP);
	}

	/**
	 * The stream to {@code upload.zip}. Writing past {@code files.maxUploadBytes} aborts the upload (file and
	 * directory removed, slot released) and throws {@code TIEM_TRANSPORT_FILE_SIZE_INVALID}.
	 */
	public OutputStream output() {
		return this.output;
	}

	/** Bytes written so far. */
	public long size() {
		return this.output.count;
	}

	/**
	 * Closes the zip, checks it ({@link ZipSafety}) and records it for {@code clusterId}. Any failure aborts the
	 * upload before it is rethrown.
	 */
	public StagedUpload complete(String clusterId) {
		if (this.finished.get()) {
			throw new IllegalStateException("upload " + this.uploadId + " is already finished");
		}
		try {
			UploadStore.checkClusterId(clusterId);
			this.output.close();
			StagedUpload staged = this.store.record(this, clusterId);
			finish();
			return staged;
		}
		catch (IOException ex) {
			abort();
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_FILE_UPLOAD_FAILED,
					"storing upload " + this.uploadId + " failed: " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			abort();
			throw ex;
		}
	}

	/** Removes the staging directory and releases the slot; does nothing once the upload is finished. */
	public void abort() {
		try {
			this.output.close();
		}
		catch (IOException | RuntimeException ex) {
			// the directory goes anyway
		}
		if (finish()) {
			SafeUnzipper.deleteQuietly(this.directory);
		}
	}

	/** Aborts the upload unless it was completed. */
	@Override
	public void close() {
		abort();
	}

	private boolean finish() {
		if (this.finished.compareAndSet(false, true)) {
			this.store.finished(this.uploadId);
			this.releaseSlot.run();
			return true;
		}
		return false;
	}

	private final class CountingOutput extends FilterOutputStream {

		private long count;

		private boolean closed;

		CountingOutput(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			if (this.closed) {
				throw new IOException("upload " + UploadTicket.this.uploadId + " is closed");
			}
			if (this.count + len > UploadTicket.this.maxBytes) {
				abort();
				throw UploadTicket.this.store.tooBig("the uploaded file is ");
			}
			this.out.write(b, off, len);
			this.count += len;
		}

		@Override
		public void close() throws IOException {
			if (!this.closed) {
				this.closed = true;
				super.close();
			}
		}

	}

}
