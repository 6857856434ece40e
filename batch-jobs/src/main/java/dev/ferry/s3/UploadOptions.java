package dev.ferry.s3;

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
 */
public record UploadOptions(boolean deleteLocalAfterUpload, Duration quietPeriod, Set<String> deferredSuffixes) {

	public UploadOptions {
		Objects.requireNonNull(quietPeriod, "quietPeriod");
		if (quietPeriod.isNegative()) {
			throw new IllegalArgumentException("quietPeriod must not be negative");
		}
		deferredSuffixes = Set.copyOf(deferredSuffixes);
	}

	/** Keep local files, 1 s quiet period, {@code .partial} and {@code .tmp} files deferred. */
	public static UploadOptions defaults() {
		return new UploadOptions(false, Duration.ofSeconds(1), Set.of(".partial", ".tmp"));
	}

	public UploadOptions withDeleteLocalAfterUpload(boolean deleteLocalAfterUpload) {
		return new UploadOptions(deleteLocalAfterUpload, this.quietPeriod, this.deferredSuffixes);
	}

	public UploadOptions withQuietPeriod(Duration quietPeriod) {
		return new UploadOptions(this.deleteLocalAfterUpload, quietPeriod, this.deferredSuffixes);
	}

	boolean deferred(String fileName) {
		return this.deferredSuffixes.stream().anyMatch(fileName::endsWith);
	}

}
