package dev.ferry.transfer;

import java.nio.file.Path;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.stereotype.Component;

/** Until uploads are wired: says so clearly. */
@Component
@ConditionalOnMissingBean(value = UploadSource.class, ignored = UnavailableUploadSource.class)
class UnavailableUploadSource implements UploadSource {

	@Override
	public void unpack(String uploadId, String clusterId, Path dataDir) {
		throw new IllegalStateException("imports of uploaded files are not available yet");
	}

}
