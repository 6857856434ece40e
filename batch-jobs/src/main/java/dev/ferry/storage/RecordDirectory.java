package dev.ferry.storage;

import java.nio.file.Path;

/**
 * The directory a transfer record owns: {@code <root>/<clusterId>/<recordId>-<nfs|s3>/}, holding {@code data/} and
 * the tool log.
 */
public record RecordDirectory(Path root, Path path) {

	public static final String DATA = "data";

	public Path data() {
		return this.path.resolve(DATA);
	}

	public Path toolLog(String tool) {
		return this.path.resolve(tool + ".log");
	}

	/**
	 * Resolves the directory of a record and checks that it stays inside {@code root}.
	 * @throws IllegalArgumentException if the cluster id would lead outside the root
	 */
	public static RecordDirectory of(Path root, String clusterId, long recordId, String storageType) {
		Path normalizedRoot = root.toAbsolutePath().normalize();
		Path path = normalizedRoot.resolve(clusterId).resolve(recordId + "-" + storageType).normalize();
		if (!storageType.equals("nfs") && !storageType.equals("s3")) {
			throw new IllegalArgumentException("storage type '" + storageType + "' is not nfs or s3");
		}
		if (!clusterId.matches("[A-Za-z0-9_-]+") || !path.startsWith(normalizedRoot) || path.equals(normalizedRoot)) {
			throw new IllegalArgumentException("record directory for cluster '" + clusterId + "' leaves " + normalizedRoot);
		}
		return new RecordDirectory(normalizedRoot, path);
	}

}
