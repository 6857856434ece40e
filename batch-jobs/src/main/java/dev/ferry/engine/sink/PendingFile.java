package dev.ferry.engine.sink;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A file being written: visible under its final name only after {@link #commit()}. Closing the stream returned by
 * {@link #stream()} (as a compressing stream does when it is closed) does not commit it.
 */
public interface PendingFile extends Closeable {

	/** The stored bytes (already compressed by the caller). Closing it only flushes. */
	OutputStream stream();

	/**
	 * Makes the file visible under its final name (local: flush, fsync and an atomic rename from its temporary
	 * name; S3: the PUT or the multipart upload completes).
	 * @return what was stored: name, size, CRC32C and (when asked) sha256 of the stored bytes
	 */
	StoredFile commit() throws IOException;

	/** Abandons the file (deletes the temporary file, aborts the upload) unless it was committed. */
	@Override
	void close() throws IOException;

}
