package dev.ferry.s3;

/**
 * Counters of a directory upload or download.
 *
 * @param filesDone files completely transferred
 * @param bytesDone bytes of those files
 * @param filesInProgress files being transferred now
 * @param bytesInProgress bytes of those files transferred so far
 */
public record TransferProgress(int filesDone, long bytesDone, int filesInProgress, long bytesInProgress) {

	/** All bytes moved so far, finished files and the parts of running ones. */
	public long bytesTransferred() {
		return this.bytesDone + this.bytesInProgress;
	}

}
