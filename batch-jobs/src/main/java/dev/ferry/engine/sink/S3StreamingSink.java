package dev.ferry.engine.sink;

import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import dev.ferry.s3.S3Clients;
import dev.ferry.s3.S3Location;

/**
 * A {@link FileSink} on an S3 prefix: each file is streamed to the bucket while it is written, never staged on local
 * disk, and appears under its key only on {@link PendingFile#commit()}. The key of a file is
 * {@code location.key(name)}, the layout of the other chains' S3 exports ({@code <prefix>/ferry-export-<id>/<name>}
 * when given an export's location).
 * <p>
 * A file is kept in memory until it grows past {@link StreamingSettings#singlePutMax()}: a file that ends below it is
 * stored with one PutObject. A bigger one (a length not known in advance) becomes a multipart upload: parts of
 * {@link StreamingSettings#partSize()} are sent while later bytes are written, at most
 * {@link StreamingSettings#partsInFlight()} of them at a time (the writer waits for a free slot), and
 * CompleteMultipartUpload on commit; closing without commit aborts it. So a file never holds more than
 * {@link StreamingSettings#maxBuffers()} buffers of {@code partSize}. CRC32C (and SHA-256 when asked) of the stored
 * bytes are computed as they pass.
 * <p>
 * Uses the caller's {@link S3Clients} (the shared HTTP client, the endpoint policy, the credentials from the secret
 * store); it does not close them.
 */
public final class S3StreamingSink implements FileSink {

	private final S3Clients clients;

	private final S3Location location;

	private final boolean sha256;

	private final StreamingSettings settings;

	/**
	 * @param clients the clients to upload with (not closed by the sink)
	 * @param location the prefix of the dump's files (an export's location)
	 * @param sha256 whether each file's SHA-256 is computed besides its CRC32C
	 * @param settings buffer and part sizes
	 */
	public S3StreamingSink(S3Clients clients, S3Location location, boolean sha256, StreamingSettings settings) {
		this.clients = Objects.requireNonNull(clients, "clients");
		this.location = Objects.requireNonNull(location, "location");
		this.sha256 = sha256;
		this.settings = Objects.requireNonNull(settings, "settings");
	}

	/** A sink with {@link StreamingSettings#defaults()}. */
	public S3StreamingSink(S3Clients clients, S3Location location, boolean sha256) {
		this(clients, location, sha256, StreamingSettings.defaults());
	}

	public S3Location location() {
		return this.location;
	}

	@Override
	public S3PendingFile create(String name) {
		FileNameRules.check(name);
		return new S3PendingFile(this.clients.s3(), this.location.bucket(), this.location.key(name), name,
				new StreamChecksum(this.sha256), this.settings);
	}

	@Override
	public Set<String> committed() throws IOException {
		String prefix = this.location.keyPrefix();
		Set<String> names = new TreeSet<>();
		try {
			this.clients.s3()
				.listObjectsV2Paginator(
						ListObjectsV2Request.builder().bucket(this.location.bucket()).prefix(prefix).build())
				.contents()
				.subscribe((S3Object object) -> {
					String name = object.key().substring(prefix.length());
					if (!name.isEmpty() && name.indexOf('/') < 0) {
						names.add(name);
					}
				})
				.join();
		}
		catch (CompletionException | SdkException ex) {
			throw S3PendingFile.ioFailure("cannot list " + this.location, ex);
		}
		return names;
	}

	@Override
	public void delete(String name) throws IOException {
		FileNameRules.check(name);
		String key = this.location.key(name);
		try {
			this.clients.s3().deleteObject((delete) -> delete.bucket(this.location.bucket()).key(key)).join();
		}
		catch (CompletionException | SdkException ex) {
			throw S3PendingFile.ioFailure("cannot delete s3://" + this.location.bucket() + "/" + key, ex);
		}
	}

}
