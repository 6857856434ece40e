package dev.ferry.s3;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link DirectoryUploader} picks and treats files.
 *
 * @param deleteLocalAfterUpload delete each local file once its upload has completed (and it did not change
 * meanwhile)
 * @param quietPeriod a file is only uploaded before {@link DirectoryUploader#finish()} when it was not modified for
 * this long (besides not being open by the producer)
 * @param deferredSuffixes files whose names end with one of these are only uploaded by
 * {@link DirectoryUploader#finish()}: the producer's work-in-progress files that it renames when done (mydumper's
 * {@code metadata.partial})
 * @param lastFileNames files with these names are uploaded by {@link DirectoryUploader#finish()} only, after every
 * other file was uploaded: a manifest that says the set is complete must not be there while a file is missing
 */
public record UploadOptions(boolean deleteLocalAfterUpload, Duration quietPeriod, Set<String> deferredSuffixes,
		Set<String> lastFileNames) {

	public UploadOptions {
		Objects.requireNonNull(quietPeriod, "quietPeriod");
		if (quietPeriod.isNegative()) {
			throw new IllegalArgumentException("quietPeriod must not be negative");
		}
		deferredSuffixes = Set.copyOf(deferredSuffixes);
		lastFileNames = Set.copyOf(lastFileNames);
	}

	public UploadOptions(boolean deleteLocalAfterUpload, Duration quietPeriod, Set<String> deferredSuffixes) {
		this(deleteLocalAfterUpload, quietPeriod, deferredSuffixes, Set.of());
	}

	/** Keep local files, 1 s quiet period, {@code .partial} and {@code .tmp} files deferred. */
	public static UploadOptions defaults() {
		return new UploadOptions(false, Duration.ofSeconds(1), Set.of(".partial", ".tmp"));
	}

	public UploadOptions withDeleteLocalAfterUpload(boolean deleteLocalAfterUpload) {
		return new UploadOptions(deleteLocalAfterUpload, this.quietPeriod, this.deferredSuffixes, this.lastFileNames);
	}

	public UploadOptions withQuietPeriod(Duration quietPeriod) {
		return new UploadOptions(this.deleteLocalAfterUpload, quietPeriod, this.deferredSuffixes, this.lastFileNames);
	}

	public UploadOptions withLastFileNames(Set<String> lastFileNames) {
		return new UploadOptions(this.deleteLocalAfterUpload, this.quietPeriod, this.deferredSuffixes, lastFileNames);
	}

	boolean last(Path file) {
		return this.lastFileNames.contains(file.getFileName().toString());
	}

	boolean deferred(String fileName) {
		return this.deferredSuffixes.stream().anyMatch(fileName::endsWith);
	}

}
