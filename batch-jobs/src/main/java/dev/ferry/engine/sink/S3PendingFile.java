package dev.ferry.engine.sink;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import dev.ferry.s3.S3Failures;

/**
 * A file of an {@link S3StreamingSink} being written: in memory while it is small, a multipart upload once it is not
 * (see the sink). Written by one thread; the part uploads complete on the SDK's threads.
 */
public final class S3PendingFile implements PendingFile {

	private static final Logger log = LoggerFactory.getLogger(S3PendingFile.class);

	/** The size of the pieces a buffer is handed to the HTTP client in (see {@link #slice}). */
	static final int BODY_PIECE = 1024 * 1024;

	private enum State {

		OPEN, COMMITTED, ABANDONED

	}

	private final S3AsyncClient s3;

	private final String bucket;

	private final String key;

	private final String name;

	private final StreamChecksum checksum;

	private final StreamingSettings settings;

	private final OutputStream stream = new Stream();

	/** Full buffers kept while the file may still end below {@code singlePutMax}. */
	private final List<byte[]> held = new ArrayList<>();

	/** Buffers whose part is uploaded, ready to be filled again; guarded by {@code this}. */
	private final Deque<byte[]> free = new ArrayDeque<>();

	private final Semaphore slots;

	private final List<CompletableFuture<CompletedPart>> parts = new ArrayList<>();

	private byte @Nullable [] current;

	private int position;

	private @Nullable String uploadId;

	private volatile @Nullable Throwable failure;

	private volatile State state = State.OPEN;

	private @Nullable StoredFile stored;

	/** Buffers allocated, guarded by {@code this}. */
	private int buffers;

	private int inFlight;

	private int maxInFlight;

	S3PendingFile(S3AsyncClient s3, String bucket, String key, String name, StreamChecksum checksum,
			StreamingSettings settings) {
		this.s3 = s3;
		this.bucket = bucket;
		this.key = key;
		this.name = name;
		this.checksum = checksum;
		this.settings = settings;
		this.slots = new Semaphore(settings.partsInFlight());
	}

	@Override
	public OutputStream stream() {
		return this.stream;
	}

	/** The object key the file is stored under. */
	public String key() {
		return this.key;
	}

	@Override
	public StoredFile commit() throws IOException {
		if (this.stored != null) {
			return this.stored;
		}
		requireOpen();
		throwIfFailed();
		try {
			if (this.uploadId == null) {
				putWhole();
			}
			else {
				completeParts();
			}
		}
		catch (CompletionException | SdkException ex) {
			throw ioFailure("cannot store s3://" + this.bucket + "/" + this.key, ex);
		}
		this.state = State.COMMITTED;
		this.stored = this.checksum.stored(this.name);
		release();
		return this.stored;
	}

	@Override
	public void close() throws IOException {
		if (this.state != State.OPEN) {
			return;
		}
		this.state = State.ABANDONED;
		String upload = this.uploadId;
		release();
		if (upload == null) {
			return; // nothing was sent
		}
		for (CompletableFuture<CompletedPart> part : this.parts) {
			part.cancel(true);
		}
		try {
			this.s3.abortMultipartUpload((abort) -> abort.bucket(this.bucket).key(this.key).uploadId(upload)).join();
		}
		catch (CompletionException | SdkException ex) {
			throw ioFailure("cannot abort the upload of s3://" + this.bucket + "/" + this.key
					+ " (its parts stay until a lifecycle rule removes them)", ex);
		}
	}

	/** The most parts that were in flight at once (for tests of the memory bound). */
	synchronized int maxPartsInFlight() {
		return this.maxInFlight;
	}

	/** Parts in flight now. */
	synchronized int partsInFlight() {
		return this.inFlight;
	}

	/** Buffers this file allocated (for tests of the memory bound). */
	synchronized int buffersAllocated() {
		return this.buffers;
	}

	/** Whether the file became a multipart upload. */
	boolean multipart() {
		return this.uploadId != null;
	}

	private void putWhole() {
		List<ByteBuffer> bodies = new ArrayList<>();
		long length = 0;
		for (byte[] buffer : this.held) {
			slice(buffer, buffer.length, bodies);
			length += buffer.length;
		}
		if (this.current != null && this.position > 0) {
			slice(this.current, this.position, bodies);
			length += this.position;
		}
		long contentLength = length;
		this.s3.putObject((put) -> put.bucket(this.bucket).key(this.key).contentLength(contentLength),
				AsyncRequestBody.fromRemainingByteBuffersUnsafe(bodies.toArray(ByteBuffer[]::new)))
			.join();
	}

	private void completeParts() throws IOException {
		byte[] last = this.current;
		if (last != null && (this.position > 0 || this.parts.isEmpty())) {
			sendPart(last, this.position); // the last part may be smaller than partSize
			this.current = null;
			this.position = 0;
		}
		CompletableFuture.allOf(this.parts.toArray(CompletableFuture[]::new)).join();
		throwIfFailed();
		List<CompletedPart> completed = this.parts.stream()
			.map(CompletableFuture::join)
			.sorted(Comparator.comparing(CompletedPart::partNumber))
			.toList();
		String upload = this.uploadId;
		this.s3.completeMultipartUpload((complete) -> complete.bucket(this.bucket)
			.key(this.key)
			.uploadId(upload)
			.multipartUpload((parts) -> parts.parts(completed))).join();
	}

	/**
	 * A buffer as {@link #BODY_PIECE} views: Netty copies what it sends into pooled direct buffers, and a piece of a
	 * pool chunk's size or less is served from the pool (one 16 MiB view is an unpooled allocation per part: a PUT
	 * of 1 GiB from memory took twice as long as from a file read in 1 MiB pieces).
	 */
	private static ByteBuffer[] slice(byte[] buffer, int length) {
		List<ByteBuffer> pieces = new ArrayList<>();
		slice(buffer, length, pieces);
		return pieces.toArray(ByteBuffer[]::new);
	}

	private static void slice(byte[] buffer, int length, List<ByteBuffer> pieces) {
		for (int offset = 0; offset < length; offset += BODY_PIECE) {
			pieces.add(ByteBuffer.wrap(buffer, offset, Math.min(BODY_PIECE, length - offset)));
		}
	}

	/** The current buffer is full: keep it while the file may still be small, else send it as a part. */
	private void full() throws IOException {
		byte[] buffer = this.current;
		this.current = null;
		this.position = 0;
		if (this.uploadId == null) {
			this.held.add(buffer);
			return;
		}
		sendPart(buffer, buffer.length);
	}

	/** More bytes are coming: past {@code singlePutMax} the file becomes a multipart upload. */
	private void startMultipartIfBig() throws IOException {
		if (this.uploadId != null || this.checksum.size() < this.settings.singlePutMax()) {
			return;
		}
		try {
			this.uploadId = this.s3.createMultipartUpload((create) -> create.bucket(this.bucket).key(this.key))
				.join()
				.uploadId();
		}
		catch (CompletionException | SdkException ex) {
			throw ioFailure("cannot start the upload of s3://" + this.bucket + "/" + this.key, ex);
		}
		for (byte[] buffer : this.held) {
			sendPart(buffer, buffer.length);
		}
		this.held.clear();
	}

	private void sendPart(byte[] buffer, int length) throws IOException {
		int partNumber = this.parts.size() + 1;
		if (partNumber > StreamingSettings.MAX_PARTS) {
			throw new IOException("s3://" + this.bucket + "/" + this.key + " is bigger than "
					+ this.settings.maxFileSize() + " bytes, S3's 10,000 parts of " + this.settings.partSize());
		}
		try {
			this.slots.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting to upload a part of " + this.key);
		}
		throwIfFailed(); // a part that failed meanwhile
		synchronized (this) {
			this.inFlight++;
			this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		}
		String upload = this.uploadId;
		CompletableFuture<CompletedPart> part;
		try {
			part = this.s3.uploadPart((request) -> request.bucket(this.bucket)
				.key(this.key)
				.uploadId(upload)
				.partNumber(partNumber)
				.contentLength((long) length), AsyncRequestBody.fromRemainingByteBuffersUnsafe(slice(buffer, length)))
				.thenApply((response) -> CompletedPart.builder().partNumber(partNumber).eTag(response.eTag()).build());
		}
		catch (RuntimeException ex) {
			partDone(buffer, ex);
			throw ioFailure("cannot upload part " + partNumber + " of s3://" + this.bucket + "/" + this.key, ex);
		}
		this.parts.add(part);
		part.whenComplete((done, error) -> partDone(buffer, error));
	}

	private void partDone(byte[] buffer, @Nullable Throwable error) {
		if (error != null && this.failure == null && this.state == State.OPEN) {
			this.failure = error;
		}
		synchronized (this) {
			this.inFlight--;
			if (this.state == State.OPEN && error == null) {
				this.free.push(buffer);
			}
			notifyAll();
		}
		this.slots.release();
	}

	/** A buffer to fill: one whose part is done, or a new one while fewer than {@code maxBuffers} exist. */
	private byte[] buffer() throws IOException {
		synchronized (this) {
			while (true) {
				byte[] reused = this.free.poll();
				if (reused != null) {
					return reused;
				}
				if (this.buffers < this.settings.maxBuffers()) {
					this.buffers++;
					return new byte[this.settings.partSize()];
				}
				throwIfFailed();
				try {
					wait(); // cannot happen while slots bound the parts in flight; kept as a guard
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new InterruptedIOException("interrupted while waiting for a buffer for " + this.key);
				}
			}
		}
	}

	private synchronized void release() {
		this.held.clear();
		this.free.clear();
		this.current = null;
	}

	private void requireOpen() throws IOException {
		if (this.state != State.OPEN) {
			throw new IOException("file " + this.name + " was already "
					+ ((this.state == State.COMMITTED) ? "committed" : "abandoned"));
		}
	}

	private void throwIfFailed() throws IOException {
		Throwable failed = this.failure;
		if (failed != null) {
			throw ioFailure("upload of s3://" + this.bucket + "/" + this.key + " failed", failed);
		}
	}

	static IOException ioFailure(String what, Throwable failure) {
		log.debug("{}: {}", what, S3Failures.describeForLog(failure));
		return new IOException(what + ": " + S3Failures.describe(failure), S3Failures.unwrap(failure));
	}

	private final class Stream extends OutputStream {

		@Override
		public void write(int b) throws IOException {
			byte[] buffer = room();
			buffer[S3PendingFile.this.position++] = (byte) b;
			S3PendingFile.this.checksum.update(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			Objects.checkFromIndexSize(offset, length, bytes.length);
			int done = 0;
			while (done < length) {
				byte[] buffer = room();
				int n = Math.min(length - done, buffer.length - S3PendingFile.this.position);
				System.arraycopy(bytes, offset + done, buffer, S3PendingFile.this.position, n);
				S3PendingFile.this.checksum.update(bytes, offset + done, n);
				S3PendingFile.this.position += n;
				done += n;
			}
		}

		/** Flushing sends nothing: parts go when they are full. */
		@Override
		public void flush() {
		}

		/** Closing does not commit (a compressing stream closes what it wraps). */
		@Override
		public void close() {
		}

		/** The buffer with room for at least one byte. */
		private byte[] room() throws IOException {
			requireOpen();
			throwIfFailed();
			byte[] buffer = S3PendingFile.this.current;
			if (buffer != null && S3PendingFile.this.position < buffer.length) {
				return buffer;
			}
			if (buffer != null) {
				full();
			}
			startMultipartIfBig();
			byte[] next = buffer();
			S3PendingFile.this.current = next;
			S3PendingFile.this.position = 0;
			return next;
		}

	}

}
