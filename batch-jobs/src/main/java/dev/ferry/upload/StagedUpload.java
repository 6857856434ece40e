package dev.ferry.upload;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A finished upload waiting in its staging directory for the import that will unpack it.
 * @param uploadId the id the import request names (a random UUID)
 * @param clusterId the cluster it was uploaded for; only an import into that cluster may use it
 * @param size bytes of the zip
 * @param entries files in the zip (directories and {@code __MACOSX} junk not counted)
 * @param unpackedBytes declared size of those files once unpacked
 * @param createdAt when the upload finished
 * @param zip the staged zip file
 */
public record StagedUpload(String uploadId, String clusterId, long size, int entries, long unpackedBytes,
		Instant createdAt, Path zip) {
}
