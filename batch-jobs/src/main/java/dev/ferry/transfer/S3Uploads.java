package dev.ferry.transfer;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

import dev.ferry.manifest.Manifest;
import dev.ferry.s3.DirectoryUploader;
import dev.ferry.s3.S3Clients;
import dev.ferry.s3.S3Location;
import dev.ferry.s3.TransferProgress;
import dev.ferry.s3.UploadOptions;

/**
 * Uploads of mysql-chain exports to S3, by job execution: every file mydumper has closed is sent while the dump
 * goes on (each poll), the rest when it ends. A record step on another node simply uploads everything.
 */
@Component
class S3Uploads {

	private static final int MAX_OPEN = 16;

	private record Upload(S3Clients clients, DirectoryUploader uploader) {

		void close() {
			this.uploader.close();
			this.clients.close();
		}

	}

	private final Map<Long, Upload> uploads = Collections.synchronizedMap(new LinkedHashMap<>() {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, Upload> eldest) {
			if (size() > MAX_OPEN) { // a stopped or failed export never finishes its upload
				eldest.getValue().close();
				return true;
			}
			return false;
		}
	});

	void open(long jobExecutionId, S3Target target, S3Location location, Path dir) {
		Upload previous = this.uploads.remove(jobExecutionId);
		if (previous != null) {
			previous.close();
		}
		this.uploads.put(jobExecutionId, create(target, location, dir));
	}

	/** Uploads what the tool ({@code pid}) has closed since the last poll; records upload progress. */
	void poll(long jobExecutionId, long pid, ExecutionContext progress) {
		Upload upload = this.uploads.get(jobExecutionId);
		if (upload == null) {
			return;
		}
		upload.uploader().watch(ProcessHandle.of(pid).orElse(null));
		TransferProgress done = upload.uploader().poll();
		progress.putLong("progress.uploadedFiles", done.filesDone());
		progress.putLong("progress.uploadedBytes", done.bytesDone());
	}

	/** Uploads the rest (the tool has exited) and waits for every upload. */
	TransferProgress finish(long jobExecutionId, S3Target target, S3Location location, Path dir) {
		Upload upload = this.uploads.remove(jobExecutionId);
		if (upload == null) {
			upload = create(target, location, dir);
		}
		try {
			upload.uploader().watch(null);
			return upload.uploader().finish();
		}
		finally {
			upload.close();
		}
	}

	private static Upload create(S3Target target, S3Location location, Path dir) {
		S3Clients clients = S3Clients.open(location, target.credentials());
		// manifest.json last: while a file is missing, no manifest says the export is complete
		return new Upload(clients, new DirectoryUploader(clients, location, dir, null,
				UploadOptions.defaults().withLastFileNames(Set.of(Manifest.FILE_NAME))));
	}

}
