package dev.ferry.engine.sink;

import java.io.IOException;
import java.util.Set;

/**
 * Where an export's files go: a directory (NFS) or a bucket prefix (S3). Names are relative to the dump's
 * {@code data/} directory. Implementations are safe for use by several threads at once.
 */
public interface FileSink {

	/**
	 * Starts a file. It is visible under {@code name} only once {@link PendingFile#commit()} returns; until then
	 * (and for ever if it is closed without commit) a reader sees no such file.
	 * @param name the final name, relative to {@code data/}
	 */
	PendingFile create(String name) throws IOException;

	/** The final names present (for restart bookkeeping); files still being written are not listed. */
	Set<String> committed() throws IOException;

	/** Deletes a committed file; no error if it is not there. */
	void delete(String name) throws IOException;

}
