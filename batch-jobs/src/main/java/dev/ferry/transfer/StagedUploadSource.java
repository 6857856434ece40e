package dev.ferry.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import dev.ferry.upload.UploadStore;

/**
 * Unpacks an uploaded zip into the import's data directory and then drops the staged upload. A restart after the
 * unpack finds the data already there.
 */
@Component
class StagedUploadSource implements UploadSource {

	private final UploadStore uploads;

	StagedUploadSource(UploadStore uploads) {
		this.uploads = uploads;
	}

	@Override
	public void unpack(String uploadId, String clusterId, Path dataDir) throws Exception {
		if (this.uploads.find(uploadId).isEmpty() && hasFiles(dataDir)) {
			return; // unpacked by an earlier attempt of this record
		}
		this.uploads.unpackInto(uploadId, clusterId, dataDir);
		this.uploads.delete(uploadId);
	}

	private static boolean hasFiles(Path dir) throws Exception {
		if (!Files.isDirectory(dir)) {
			return false;
		}
		try (Stream<Path> files = Files.list(dir)) {
			return files.findAny().isPresent();
		}
	}

}
