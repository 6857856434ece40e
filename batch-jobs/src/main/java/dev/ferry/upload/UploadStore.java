package dev.ferry.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import dev.ferry.config.FerryProperties;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.storage.FileModes;

/**
 * Staged uploads of zips to import. Each upload gets a slot (at most {@code files.maxConcurrentUploads} at once, the
 * rest are refused with {@code TIEM_TRANSPORT_FILE_TRANSFER_LIMITED}) and its own directory
 * {@code <importRoot>/uploads/<uploadId>/} holding {@code upload.zip} and, once checked, {@code upload.json}
 * (clusterId, size, entries, unpacked bytes, createdAt). An import later unpacks it with
 * {@link #unpackInto(String, String, Path)}. Nothing is ever shared between uploads (TiUniManager kept one
 * {@code temp/} per cluster that concurrent uploads overwrote).
 */
@Service
public class UploadStore {

	static final String UPLOADS = "uploads";

	static final String ZIP = "upload.zip";

	static final String META = "upload.json";

	/** Staged uploads older than this are removed by {@link #removeStale()}. */
	public static final Duration STALE_AFTER = Duration.ofHours(24);

	/** What a multipart request may carry besides the file (boundaries, part headers, the clusterId field). */
	static final long MULTIPART_ALLOWANCE = 1024 * 1024;

	private static final Logger log = LoggerFactory.getLogger(UploadStore.class);

	private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final Path root;

	private final FerryProperties.Files limits;

	private final ZipLimits zipLimits;

	private final Semaphore slots;

	private final Clock clock;

	private final Set<String> active = ConcurrentHashMap.newKeySet();

	@Autowired
	UploadStore(FerryProperties properties) {
		this(properties.importRoot(), properties.files(), Clock.systemUTC());
	}

	/** A store outside Spring (tests, tools): uploads under {@code <importRoot>/uploads}. */
	public UploadStore(Path importRoot, FerryProperties.Files limits) {
		this(importRoot, limits, Clock.systemUTC());
	}

	UploadStore(Path importRoot, FerryProperties.Files limits, Clock clock) {
		this.root = importRoot.toAbsolutePath().normalize().resolve(UPLOADS);
		this.limits = limits;
		this.zipLimits = ZipLimits.of(limits);
		this.slots = new Semaphore(limits.maxConcurrentUploads());
		this.clock = clock;
	}

	/** {@code <importRoot>/uploads}. */
	public Path root() {
		return this.root;
	}

	public long maxUploadBytes() {
		return this.limits.maxUploadBytes();
	}

	/**
	 * Refuses at once a request whose declared length cannot fit the limit (before a byte of it is read).
	 * @param contentLength the request's Content-Length, -1 if unknown
	 */
	public void checkRequestLength(long contentLength) {
		if (contentLength > this.limits.maxUploadBytes() + MULTIPART_ALLOWANCE) {
			throw tooBig("the request is " + UploadMetadata.bytes(contentLength) + ", ");
		}
	}

	/**
	 * Reserves an upload slot and a fresh staging directory. The cluster is named at {@link UploadTicket#complete}, so
	 * that the file may come before the clusterId field.
	 */
	public UploadTicket begin() {
		if (!this.slots.tryAcquire()) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_FILE_TRANSFER_LIMITED, "too many uploads: Ferry takes at "
					+ "most " + this.limits.maxConcurrentUploads() + " uploads at once; try again when one has finished");
		}
		String uploadId = UUID.randomUUID().toString();
		Path directory = this.root.resolve(uploadId);
		try {
			FileModes.createDirectories(this.root);
			FileModes.createDirectories(directory);
			this.active.add(uploadId);
			return new UploadTicket(this, uploadId, directory, this.limits.maxUploadBytes(), this.slots::release);
		}
		catch (IOException | RuntimeException ex) {
			this.active.remove(uploadId);
			SafeUnzipper.deleteQuietly(directory);
			this.slots.release();
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_PATH_CREATE_FAILED,
					"cannot create the upload directory " + directory + ": " + ex.getMessage(), ex);
		}
	}

	/** A finished upload; empty for an unknown, unfinished or malformed id. */
	public Optional<StagedUpload> find(String uploadId) {
		if (!isUploadId(uploadId) || this.active.contains(uploadId)) {
			return Optional.empty();
		}
		Path directory = this.root.resolve(uploadId);
		Path meta = directory.resolve(META);
		if (!Files.isRegularFile(meta) || !Files.isRegularFile(directory.resolve(ZIP))) {
			return Optional.empty();
		}
		try {
			return Optional.of(UploadMetadata.read(meta, uploadId, directory.resolve(ZIP)));
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Ignoring upload {}: unreadable {}: {}", uploadId, META, ex.toString());
			return Optional.empty();
		}
	}

	/**
	 * Unpacks a finished upload into an import record's data directory (see {@link SafeUnzipper} for the checks and
	 * the layout). The upload stays until {@link #delete(String)}.
	 * @throws FerryException PARAMETER_INVALID if the upload does not exist or was uploaded for another cluster
	 */
	public SafeUnzipper.ZipContents unpackInto(String uploadId, String clusterId, Path targetDataDir) {
		StagedUpload upload = find(requireUploadId(uploadId)).orElseThrow(() -> FerryException.invalid("upload "
				+ uploadId + " does not exist (or is still in progress); uploads are kept for "
				+ STALE_AFTER.toHours() + " hours"));
		if (!upload.clusterId().equals(clusterId)) {
			throw FerryException.invalid("upload " + uploadId + " was uploaded for cluster " + upload.clusterId()
					+ ", not for cluster " + clusterId);
		}
		return SafeUnzipper.unpack(upload.zip(), targetDataDir, this.zipLimits, "upload " + uploadId);
	}

	/** Removes a finished upload; false if there was none (an upload in progress is left alone). */
	public boolean delete(String uploadId) {
		requireUploadId(uploadId);
		Path directory = this.root.resolve(uploadId);
		if (this.active.contains(uploadId) || !Files.isDirectory(directory)) {
			return false;
		}
		SafeUnzipper.deleteRecursively(directory);
		return true;
	}

	/** Hourly housekeeping: staged uploads nobody imported within {@link #STALE_AFTER} are removed. */
	@Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
	void removeStaleHourly() {
		removeStale();
	}

	/** Removes staged uploads older than {@link #STALE_AFTER}; returns how many. */
	public int removeStale() {
		return removeStaleBefore(this.clock.instant().minus(STALE_AFTER));
	}

	int removeStaleBefore(Instant cutoff) {
		if (!Files.isDirectory(this.root)) {
			return 0;
		}
		int removed = 0;
		try (Stream<Path> children = Files.list(this.root)) {
			for (Path directory : children.toList()) {
				String id = directory.getFileName().toString();
				if (!isUploadId(id) || this.active.contains(id) || !createdAt(directory).isBefore(cutoff)) {
					continue;
				}
				SafeUnzipper.deleteQuietly(directory);
				removed++;
				log.info("Removed stale upload {}", id);
			}
		}
		catch (IOException ex) {
			log.warn("Cannot list {}: {}", this.root, ex.toString());
		}
		return removed;
	}

	/** Called by a ticket when it completes: checks the zip and writes {@code upload.json}. */
	StagedUpload record(UploadTicket ticket, String clusterId) throws IOException {
		SafeUnzipper.ZipContents contents = SafeUnzipper.inspect(ticket.zip(), this.zipLimits, "the uploaded file");
		StagedUpload staged = new StagedUpload(ticket.uploadId(), clusterId, ticket.size(), contents.files(),
				contents.unpackedBytes(), this.clock.instant(), ticket.zip());
		UploadMetadata.write(ticket.directory().resolve(META), staged);
		return staged;
	}

	void finished(String uploadId) {
		this.active.remove(uploadId);
	}

	private Instant createdAt(Path directory) {
		try {
			Path meta = directory.resolve(META);
			if (Files.isRegularFile(meta)) {
				String value = UploadMetadata.fields(meta).get("createdAt");
				if (value != null) {
					return Instant.parse(value);
				}
			}
			return Files.getLastModifiedTime(directory).toInstant();
		}
		catch (IOException | DateTimeParseException ex) {
			return Instant.EPOCH;
		}
	}

	static void checkClusterId(String clusterId) {
		if (!CLUSTER_ID.matcher(clusterId).matches()) {
			throw FerryException.invalid("clusterId '" + clusterId + "' is invalid");
		}
	}

	private static String requireUploadId(String uploadId) {
		if (!isUploadId(uploadId)) {
			throw FerryException.invalid("uploadId '" + uploadId + "' is not an upload id (a UUID)");
		}
		return uploadId;
	}

	static boolean isUploadId(String value) {
		try {
			return UUID.fromString(value).toString().equals(value);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	FerryException tooBig(String prefix) {
		return new FerryException(ErrorCode.TIEM_TRANSPORT_FILE_SIZE_INVALID, prefix + "larger than the upload limit "
				+ "of " + UploadMetadata.bytes(this.limits.maxUploadBytes()));
	}

}
