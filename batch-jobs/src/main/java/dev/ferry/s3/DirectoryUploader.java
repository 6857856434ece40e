package dev.ferry.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.FileRequestBodyConfiguration;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.transfer.s3.model.FileUpload;
import software.amazon.awssdk.transfer.s3.model.UploadFileRequest;

/**
 * Uploads the files a dump tool writes into a local directory, each as soon as the tool has closed it, while the tool
 * is still running; the object key of {@code <directory>/a/b.sql} is {@code location.key("a/b.sql")}.
 * <p>
 * The caller (one thread) calls {@link #poll()} about every second while the producer runs, then {@link #finish()}
 * once it has exited. A file is picked up by {@code poll()} when it is a regular file (symlinks are ignored), is not
 * open in the producer or any of its descendants (the symlinks in {@code /proc/<pid>/fd/}, Linux only), was not
 * modified during the {@link UploadOptions#quietPeriod() quiet period}, does not carry a
 * {@link UploadOptions#deferredSuffixes() deferred suffix}, and was not uploaded before with the same size and
 * modification time; {@link UploadOptions#lastFileNames() last files} wait for {@code finish()} and for every other
 * file's upload. Up to {@link S3ClientSettings#maxConcurrentTransfers()} files are uploaded at a time; the others wait
 * for a later call. A file below {@link S3ClientSettings#multipartThreshold()} goes as one PutObject (the files of a
 * dump are chunk-sized, and several in flight keep the connections busy: measured about 3 times faster than 8 MiB
 * parts, see {@code ops/bench/s3upload.sh}); a bigger one as a multipart upload of the transfer manager, its parts in
 * parallel. A file that changes after its upload is uploaded again; a file that vanishes during its upload (renamed
 * by the producer) is skipped.
 * <p>
 * The first failed upload is thrown, as an {@link S3TransferException} naming the key, from the next {@code poll()} or
 * from {@code finish()}; no new uploads start after a failure. {@link #close()} cancels running uploads.
 */
public final class DirectoryUploader implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DirectoryUploader.class);

	/**
	 * How much of a file the SDK reads at a time for a single PUT: its default (16 KiB) made a PUT of 1 GiB of dump
	 * files, 4 at a time, take 4.9-6.8 s against S3Mock, 1 MiB 4.4-4.6 s (curl: 2.8 s). Netty holds a few per upload.
	 */
	static final int BODY_CHUNK = 1024 * 1024;

	private final S3Clients clients;

	private final S3Location location;

	private final Path directory;

	private volatile @Nullable ProcessHandle producer;

	private final UploadOptions options;

	private final int maxConcurrent;

	/** Relative path -> the size and mtime it had when its upload succeeded. */
	private final Map<Path, Stamp> uploaded = new ConcurrentHashMap<>();

	private final Map<Path, Running> running = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<S3TransferException> failures = new ConcurrentLinkedQueue<>();

	private final AtomicInteger filesDone = new AtomicInteger();

	private final AtomicLong bytesDone = new AtomicLong();

	private @Nullable Path realDirectory;

	private boolean closed;

	/**
	 * @param clients the clients to upload with (not closed by this)
	 * @param location where the directory's files go
	 * @param directory the directory the producer writes; it may not exist yet
	 * @param producer the process writing the files, or {@code null} if nothing writes them any more
	 * @param options what to upload when, and whether to delete local copies
	 */
	public DirectoryUploader(S3Clients clients, S3Location location, Path directory,
			@Nullable ProcessHandle producer, UploadOptions options) {
		this.clients = Objects.requireNonNull(clients, "clients");
		this.location = Objects.requireNonNull(location, "location");
		this.directory = directory.toAbsolutePath().normalize();
		this.producer = producer;
		this.options = Objects.requireNonNull(options, "options");
		this.maxConcurrent = clients.settings().maxConcurrentTransfers();
		if (producer != null && !OpenFiles.supported()) {
			throw new UnsupportedOperationException("watching a producer's open files needs Linux /proc/<pid>/fd");
		}
	}

	/**
	 * Starts uploads of the files the producer has finished with, without waiting for them.
	 * @return the progress so far
	 * @throws S3TransferException if an upload failed (this or an earlier one)
	 */
	public TransferProgress poll() {
		checkOpen();
		throwIfFailed();
		start(readyFiles(false));
		throwIfFailed();
		return progress();
	}

	/**
	 * Uploads everything still in the directory (whatever its age or suffix) and waits until all uploads are done.
	 * Call it after the producer has exited.
	 * @return the final progress
	 * @throws IllegalStateException if the producer is still alive
	 * @throws S3TransferException if an upload failed
	 */
	public TransferProgress finish() {
		checkOpen();
		if (this.producer != null && this.producer.isAlive()) {
			throw new IllegalStateException("the producer (pid " + this.producer.pid() + ") is still running");
		}
		while (true) {
			throwIfFailed();
			start(readyFiles(true));
			if (this.running.isEmpty()) {
				throwIfFailed();
				if (readyFiles(true).isEmpty()) {
					return progress();
				}
				continue;
			}
			awaitAnyRunning();
		}
	}

	/** Watches another producer from now on: a tool that runs several times into one directory (one run a database). */
	public void watch(@Nullable ProcessHandle producer) {
		if (producer != null && !OpenFiles.supported()) {
			throw new UnsupportedOperationException("watching a producer's open files needs Linux /proc/<pid>/fd");
		}
		this.producer = producer;
	}

	/** Files and bytes uploaded so far, and the uploads running now. */
	public TransferProgress progress() {
		long inProgress = 0;
		for (Running upload : this.running.values()) {
			inProgress += upload.transferred().getAsLong();
		}
		return new TransferProgress(this.filesDone.get(), this.bytesDone.get(), this.running.size(), inProgress);
	}

	/** The relative paths uploaded so far (for tests and logs). */
	public Set<Path> uploadedFiles() {
		return Set.copyOf(this.uploaded.keySet());
	}

	/** Cancels the uploads still running (a multipart upload is aborted by the SDK). */
	@Override
	public void close() {
		this.closed = true;
		for (Running upload : this.running.values()) {
			upload.completion().cancel(true);
		}
	}

	private void checkOpen() {
		if (this.closed) {
			throw new IllegalStateException("uploader is closed");
		}
	}

	private void throwIfFailed() {
		S3TransferException failure = this.failures.peek();
		if (failure != null) {
			throw failure;
		}
	}

	/** Files to upload now, oldest first. When finishing, age, suffix and open descriptors do not matter. */
	private List<Candidate> readyFiles(boolean finishing) {
		if (!Files.isDirectory(this.directory)) {
			return List.of();
		}
		Path root = realDirectory();
		Instant quietSince = Instant.now().minus(this.options.quietPeriod());
		List<Candidate> candidates = new ArrayList<>();
		List<Path> files;
		try (Stream<Path> walk = Files.walk(root)) {
			files = walk.filter((file) -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).toList();
		}
		catch (IOException | UncheckedIOException ex) {
			if (isVanished(ex)) {
				return List.of(); // a directory disappeared while walking; try again next time
			}
			throw new S3TransferException(this.location.keyPrefix(), "cannot list " + root + ": " + ex.getMessage(),
					ex);
		}
		for (Path file : files) {
			Path relative = root.relativize(file);
			if (this.running.containsKey(relative)) {
				continue;
			}
			BasicFileAttributes attributes;
			try {
				attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			}
			catch (IOException ex) {
				continue; // vanished
			}
			Stamp stamp = new Stamp(attributes.size(), attributes.lastModifiedTime());
			if (stamp.equals(this.uploaded.get(relative))) {
				continue;
			}
			if (!finishing && (stamp.modified().toInstant().isAfter(quietSince)
					|| this.options.deferred(file.getFileName().toString()))) {
				continue;
			}
			candidates.add(new Candidate(file, relative, stamp));
		}
		if (!finishing && this.producer != null && !candidates.isEmpty()) {
			Set<Path> open = OpenFiles.under(root, this.producer);
			candidates.removeIf((candidate) -> open.contains(candidate.file()));
		}
		if (!finishing || candidates.stream().anyMatch((candidate) -> !this.options.last(candidate.relative()))
				|| this.running.keySet().stream().anyMatch((running) -> !this.options.last(running))) {
			candidates.removeIf((candidate) -> this.options.last(candidate.relative()));
		}
		candidates.sort(Comparator.comparing((Candidate candidate) -> candidate.stamp().modified())
			.thenComparing(Candidate::relative));
		return candidates;
	}

	private Path realDirectory() {
		Path root = this.realDirectory;
		if (root == null) {
			try {
				root = this.directory.toRealPath();
			}
			catch (IOException ex) {
				throw new S3TransferException(this.location.keyPrefix(),
						"cannot resolve " + this.directory + ": " + ex.getMessage(), ex);
			}
			this.realDirectory = root;
		}
		return root;
	}

	private void start(List<Candidate> candidates) {
		for (Candidate candidate : candidates) {
			if (this.running.size() >= this.maxConcurrent || !this.failures.isEmpty()) {
				return;
			}
			if (this.uploaded.containsKey(candidate.relative())) {
				log.warn("{} changed after its upload; uploading it again", candidate.file());
			}
			String key = this.location.key(candidate.relative());
			Running entry;
			try {
				entry = (candidate.stamp().size() < this.clients.settings().multipartThreshold())
						? putWhole(candidate, key) : putInParts(candidate, key);
			}
			catch (RuntimeException ex) {
				this.failures.add(failure(candidate, key, ex));
				return;
			}
			this.running.put(candidate.relative(), entry);
			entry.completion().whenComplete((result, error) -> {
				try {
					completed(candidate, entry, error);
				}
				finally {
					this.running.remove(candidate.relative());
					entry.settled().complete(null);
				}
			});
		}
	}

	/** One PutObject, the file read in {@link #BODY_CHUNK} pieces. */
	private Running putWhole(Candidate candidate, String key) {
		CountingRequestBody body = new CountingRequestBody(AsyncRequestBody.fromFile(FileRequestBodyConfiguration
			.builder()
			.path(candidate.file())
			.chunkSizeInBytes(BODY_CHUNK)
			.build()));
		CompletableFuture<?> put = this.clients.s3()
			.putObject((request) -> request.bucket(this.location.bucket()).key(key), body);
		return new Running(key, put, body::transferred, new CompletableFuture<>());
	}

	/** A multipart upload of the transfer manager, {@link S3ClientSettings#partSize()} parts in parallel. */
	private Running putInParts(Candidate candidate, String key) {
		FileUpload upload = this.clients.transfers()
			.uploadFile(UploadFileRequest.builder()
				.putObjectRequest((put) -> put.bucket(this.location.bucket()).key(key))
				.source(candidate.file())
				.build());
		return new Running(key, upload.completionFuture(), () -> upload.progress().snapshot().transferredBytes(),
				new CompletableFuture<>());
	}

	private void completed(Candidate candidate, Running entry, @Nullable Throwable error) {
		if (error != null) {
			if (S3Failures.unwrap(error) instanceof CancellationException) {
				return;
			}
			if (!Files.exists(candidate.file(), LinkOption.NOFOLLOW_LINKS)) {
				log.info("{} vanished during its upload (renamed or deleted by its producer); skipped",
						candidate.file());
				return;
			}
			this.failures.add(failure(candidate, entry.key(), error));
			return;
		}
		this.filesDone.incrementAndGet();
		this.bytesDone.addAndGet(candidate.stamp().size());
		Stamp now = currentStamp(candidate.file());
		if (!candidate.stamp().equals(now)) {
			if (now != null) {
				log.warn("{} changed during its upload; it will be uploaded again", candidate.file());
			}
			return;
		}
		this.uploaded.put(candidate.relative(), candidate.stamp());
		log.debug("uploaded {} to s3://{}/{} ({} bytes)", candidate.file(), this.location.bucket(), entry.key(),
				candidate.stamp().size());
		if (this.options.deleteLocalAfterUpload()) {
			try {
				Files.deleteIfExists(candidate.file());
			}
			catch (IOException ex) {
				this.failures.add(new S3TransferException(entry.key(), "uploaded " + candidate.file()
						+ " but cannot delete the local file: " + ex.getMessage(), ex));
			}
		}
	}

	private S3TransferException failure(Candidate candidate, String key, Throwable error) {
		return new S3TransferException(key, "upload of " + candidate.file() + " to s3://" + this.location.bucket()
				+ "/" + key + " at " + this.location.endpoint() + " failed: " + S3Failures.describe(error),
				S3Failures.unwrap(error));
	}

	private void awaitAnyRunning() {
		CompletableFuture<?>[] settled = this.running.values()
			.stream()
			.map(Running::settled)
			.toArray(CompletableFuture<?>[]::new);
		if (settled.length == 0) {
			return;
		}
		try {
			CompletableFuture.anyOf(settled).get(1, TimeUnit.SECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			// progress is re-checked by the caller's loop; failures are recorded by the completion callback
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close();
			throw new S3TransferException(this.location.keyPrefix(), "interrupted while waiting for uploads", ex);
		}
	}

	private static @Nullable Stamp currentStamp(Path file) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			return new Stamp(attributes.size(), attributes.lastModifiedTime());
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static boolean isVanished(Exception ex) {
		Throwable cause = (ex instanceof UncheckedIOException unchecked) ? unchecked.getCause() : ex;
		return cause instanceof NoSuchFileException;
	}

	private record Stamp(long size, FileTime modified) {
	}

	private record Candidate(Path file, Path relative, Stamp stamp) {
	}

	private record Running(String key, CompletableFuture<?> completion, LongSupplier transferred,
			CompletableFuture<@Nullable Void> settled) {
	}

}
