package dev.ferry.transfer;

import java.nio.file.Path;

/** Unpacks an uploaded zip into an import's data directory. */
interface UploadSource {

	void unpack(String uploadId, String clusterId, Path dataDir) throws Exception;

}
