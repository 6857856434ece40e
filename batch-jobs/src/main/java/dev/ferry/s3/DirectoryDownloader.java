package dev.ferry.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.transfer.s3.model.DownloadFileRequest;
import software.amazon.awssdk.transfer.s3.model.FileDownload;

import dev.ferry.storage.FileModes;

/**
 * Downloads every object under an S3 location's prefix into a local directory: {@code <prefix>/a/b.sql} becomes
 * {@code <directory>/a/b.sql}.
 * <p>
 * All keys are listed and checked before anything is written: a key whose remainder after the prefix is absolute or
 * has {@code ..}, {@code .} or empty segments or control characters (it could escape the directory or be ambiguous)
 * makes the whole download fail. Zero-byte keys ending in {@code /} ("folder" markers of S3 consoles) are skipped.
 * Existing files are overwritten. Up to {@link S3ClientSettings#maxConcurrentTransfers()} files are fetched at a
 * time; the first failure cancels the others and is thrown as an {@link S3TransferException} naming the key.
 */
public final class DirectoryDownloader {

	private DirectoryDownloader() {
	}

	/**
	 * @return the number of files and bytes written
	 * @throws S3TransferException if listing, a key's check or a download fails
	 */
	public static DownloadResult download(S3Clients clients, S3Location location, Path directory) {
		Path root = directory.toAbsolutePath().normalize();
		Map<S3Object, Path> targets = plan(location, root, list(clients, location));
		try {
			FileModes.createDirectories(root);
		}
		catch (IOException ex) {
			throw new S3TransferException(location.keyPrefix(), "cannot create " + root + ": " + ex.getMessage(), ex);
		}
		int maxConcurrent = clients.settings().maxConcurrentTransfers();
		Map<CompletableFuture<?>, S3Object> running = new LinkedHashMap<>();
		int files = 0;
		long bytes = 0;
		try {
			for (Map.Entry<S3Object, Path> target : targets.entrySet()) {
				while (running.size() >= maxConcurrent) {
					bytes += awaitOne(running, location);
					files++;
				}
				running.put(start(clients, location, target.getKey(), target.getValue()), target.getKey());
			}
			while (!running.isEmpty()) {
				bytes += awaitOne(running, location);
				files++;
			}
		}
		catch (RuntimeException ex) {
			running.keySet().forEach((future) -> future.cancel(true));
			throw ex;
		}
		return new DownloadResult(files, bytes);
	}

	private static List<S3Object> list(S3Clients clients, S3Location location) {
		try {
			return clients.list(location);
		}
		catch (RuntimeException ex) {
			throw new S3TransferException(location.keyPrefix(),
					"cannot list " + location + ": " + S3Failures.describe(ex), S3Failures.unwrap(ex));
		}
	}

	/** Local file of each object, in listing order; throws for keys that would escape {@code root}. */
	static Map<S3Object, Path> plan(S3Location location, Path root, List<S3Object> objects) {
		Map<S3Object, Path> targets = new LinkedHashMap<>();
		String prefix = location.keyPrefix();
		for (S3Object object : objects) {
			String key = object.key();
			if (!key.startsWith(prefix)) {
				throw new S3TransferException(key, "listing of " + location + " returned key '" + key
						+ "' outside the prefix", null);
			}
			String relative = key.substring(prefix.length());
			if (relative.endsWith("/") && (object.size() == null || object.size() == 0)) {
				continue; // a "folder" marker
			}
			try {
				S3Location.checkPath(relative, "key", "relative name");
			}
			catch (IllegalArgumentException ex) {
				throw new S3TransferException(key, "refusing to download s3://" + location.bucket() + "/" + key
						+ " into " + root + ": " + ex.getMessage(), ex);
			}
			Path target = root.resolve(relative).normalize();
			if (!target.startsWith(root) || target.equals(root)) {
				throw new S3TransferException(key, "refusing to download s3://" + location.bucket() + "/" + key
						+ ": it would be written outside " + root, null);
			}
			targets.put(object, target);
		}
		return targets;
	}

	private static CompletableFuture<?> start(S3Clients clients, S3Location location, S3Object object,
			Path target) {
		try {
			FileModes.createDirectories(target.getParent());
		}
		catch (IOException ex) {
			throw new S3TransferException(object.key(),
					"cannot create the directory for " + target + ": " + ex.getMessage(), ex);
		}
		FileDownload download = clients.transfers()
			.downloadFile(DownloadFileRequest.builder()
				.getObjectRequest((get) -> get.bucket(location.bucket()).key(object.key()))
				.destination(target)
				.build());
		return download.completionFuture().thenApply((done) -> target);
	}

	/** Waits for one of {@code running} to end; returns its size, throws its failure. */
	private static long awaitOne(Map<CompletableFuture<?>, S3Object> running, S3Location location) {
		try {
			CompletableFuture.anyOf(running.keySet().toArray(CompletableFuture<?>[]::new)).get();
		}
		catch (ExecutionException ex) {
			// found below
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new S3TransferException(location.keyPrefix(), "interrupted while downloading " + location, ex);
		}
		for (Map.Entry<CompletableFuture<?>, S3Object> entry : running.entrySet()) {
			CompletableFuture<?> future = entry.getKey();
			if (future.isDone()) {
				S3Object object = entry.getValue();
				running.remove(future);
				try {
					Path file = (Path) future.join();
					return Files.size(file);
				}
				catch (RuntimeException ex) {
					throw new S3TransferException(object.key(), "download of s3://" + location.bucket() + "/"
							+ object.key() + " at " + location.endpoint() + " failed: " + S3Failures.describe(ex),
							S3Failures.unwrap(ex));
				}
				catch (IOException ex) {
					throw new S3TransferException(object.key(), "downloaded s3://" + location.bucket() + "/"
							+ object.key() + " but cannot read its size: " + ex.getMessage(), ex);
				}
			}
		}
		throw new IllegalStateException("no finished download although one completed");
	}

}
