package dev.ferry.s3;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link S3Clients} talks to an endpoint. {@link #defaults()} suits S3-compatible stores (MinIO, Ceph, S3Mock)
 * and AWS alike.
 *
 * @param region the signing region; S3-compatible stores mostly accept {@code us-east-1}
 * @param connectTimeout TCP connect timeout
 * @param readTimeout how long a connection may stay silent while reading or writing
 * @param maxConnections connections to one endpoint (the HTTP client is shared, see {@link S3Clients}); a file's
 * parts in flight are limited to {@code maxConnections / maxConcurrentTransfers}
 * @param maxAttempts attempts per request including the first (the SDK retries throttling, 5xx and I/O errors;
 * {@link S3Probe} uses 1)
 * @param maxConcurrentTransfers files uploaded or downloaded at the same time by {@link DirectoryUploader} and
 * {@link DirectoryDownloader}
 * @param multipartThreshold files of at least this size are uploaded in parts by {@link DirectoryUploader}; smaller
 * ones with one PutObject
 * @param partSize the size of one part (S3's minimum is 5 MiB)
 */
public record S3ClientSettings(String region, Duration connectTimeout, Duration readTimeout, int maxConnections,
		int maxAttempts, int maxConcurrentTransfers, long multipartThreshold, long partSize) {

	private static final long MIB = 1024L * 1024L;

	public S3ClientSettings {
		Objects.requireNonNull(region, "region");
		Objects.requireNonNull(connectTimeout, "connectTimeout");
		Objects.requireNonNull(readTimeout, "readTimeout");
		if (region.isBlank()) {
			throw new IllegalArgumentException("region is empty");
		}
		if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
				|| readTimeout.isZero()) {
			throw new IllegalArgumentException("timeouts must be positive");
		}
		if (maxConnections < 1 || maxAttempts < 1 || maxConcurrentTransfers < 1) {
			throw new IllegalArgumentException(
					"maxConnections, maxAttempts and maxConcurrentTransfers must be at least 1");
		}
		if (partSize < 5 * MIB || multipartThreshold < partSize) {
			throw new IllegalArgumentException("partSize must be at least 5 MiB and multipartThreshold at least partSize");
		}
	}

	/**
	 * us-east-1, 5 s connect, 60 s read, 64 connections, 3 attempts, 4 files at a time, one PUT per file below 1 GiB,
	 * 64 MiB parts from 1 GiB on.
	 * <p>
	 * Why 1 GiB: S3 takes up to 5 GiB in one PUT and suggests multipart "when your object size reaches 100 MB" (its
	 * multipart limits page), for parallel parts and cheaper retries. Ferry uploads several files at a time, so the
	 * connections are busy without splitting files, and on the same 1 GiB of 64-256 MiB dump files a PUT per file was
	 * about 3 times faster than 8 MiB parts (ops/bench/s3upload.sh: a multipart upload costs a request per part and,
	 * on S3-compatible stores like S3Mock, a stored file per part; 4 parts of 64 MiB took 1.3-1.5 times as long as one
	 * PUT of the same 256 MiB with curl). Parts still pay for the rare
	 * file above 1 GiB: a failed PUT would send it again from the start, and a lone big file would use one connection.
	 * 64 MiB parts: a multiple of the 8/16 MB that S3's performance guide names for ranged reads, few requests, and
	 * 10,000 parts reach 640 GiB.
	 */
	public static S3ClientSettings defaults() {
		return new S3ClientSettings("us-east-1", Duration.ofSeconds(5), Duration.ofSeconds(60), 64, 3, 4, 1024 * MIB,
				64 * MIB);
	}

	public S3ClientSettings withRegion(String region) {
		return new S3ClientSettings(region, this.connectTimeout, this.readTimeout, this.maxConnections,
				this.maxAttempts, this.maxConcurrentTransfers, this.multipartThreshold, this.partSize);
	}

	public S3ClientSettings withMaxAttempts(int maxAttempts) {
		return new S3ClientSettings(this.region, this.connectTimeout, this.readTimeout, this.maxConnections,
				maxAttempts, this.maxConcurrentTransfers, this.multipartThreshold, this.partSize);
	}

	public S3ClientSettings withMaxConcurrentTransfers(int maxConcurrentTransfers) {
		return new S3ClientSettings(this.region, this.connectTimeout, this.readTimeout, this.maxConnections,
				this.maxAttempts, maxConcurrentTransfers, this.multipartThreshold, this.partSize);
	}

	public S3ClientSettings withMultipart(long multipartThreshold, long partSize) {
		return new S3ClientSettings(this.region, this.connectTimeout, this.readTimeout, this.maxConnections,
				this.maxAttempts, this.maxConcurrentTransfers, multipartThreshold, partSize);
	}

}
