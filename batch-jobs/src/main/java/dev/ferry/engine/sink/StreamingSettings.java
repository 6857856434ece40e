package dev.ferry.engine.sink;

/**
 * How {@link S3StreamingSink} buffers a file.
 *
 * @param singlePutMax a file that ends at or below this many bytes (rounded up to whole parts: the check is made
 * when a buffer is full) is stored with one PutObject from memory; past it the file becomes a multipart upload
 * @param partSize the size of each part but the last (S3: 5 MiB to 5 GiB, at most 10,000 parts a file)
 * @param partsInFlight parts of one file being uploaded at the same time; the writer waits for a free slot
 */
public record StreamingSettings(long singlePutMax, int partSize, int partsInFlight) {

	static final int MIB = 1024 * 1024;

	/** S3's smallest part (all but the last). */
	static final int MIN_PART_SIZE = 5 * MIB;

	/** S3's most parts in one upload. */
	static final int MAX_PARTS = 10_000;

	public StreamingSettings {
		if (partSize < MIN_PART_SIZE) {
			throw new IllegalArgumentException("partSize must be at least 5 MiB (S3's smallest part), not " + partSize);
		}
		if (singlePutMax < 0 || singlePutMax > 4L * 1024 * MIB) {
			throw new IllegalArgumentException("singlePutMax must be between 0 and 4 GiB, not " + singlePutMax);
		}
		if (partsInFlight < 1) {
			throw new IllegalArgumentException("partsInFlight must be at least 1, not " + partsInFlight);
		}
	}

	/**
	 * One PUT up to 32 MiB, then parts of 16 MiB, 2 in flight: at most 3 buffers, 48 MiB, a file (4 writers: 192 MiB).
	 * A chunk file up to 32 MiB, the size the engine's chunks should aim at on S3, is one PUT: on S3Mock a multipart
	 * upload costs a request and a stored file per part. 16 MiB parts: the size S3's performance guide names for
	 * ranged reads (8 or 16 MB), 10,000 of them reach 156 GiB; two in flight keep a file's connection busy while
	 * the next part fills.
	 */
	public static StreamingSettings defaults() {
		return new StreamingSettings(32L * MIB, 16 * MIB, 2);
	}

	/**
	 * The most buffers of {@link #partSize()} one file holds: those of a file not yet known to be big, or the parts in
	 * flight, and the one being filled.
	 */
	public int maxBuffers() {
		long beforeMultipart = (this.singlePutMax + this.partSize - 1) / this.partSize;
		return (int) Math.max(beforeMultipart, this.partsInFlight) + 1;
	}

	/** The biggest file these settings can store ({@link #MAX_PARTS} parts). */
	public long maxFileSize() {
		return (long) this.partSize * MAX_PARTS;
	}

}
