package dev.ferry.web.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Whether a storage root can be used: absolute, an existing writable directory or one that can be created (its
 * nearest existing parent is a writable directory), and how much space is free there. Checks only; creates nothing.
 * @param path the root
 * @param exists whether it exists already
 * @param freeBytes usable space on its file system; null when unknown
 * @param problem why it cannot be used; null when it can
 */
public record StorageCheck(Path path, boolean exists, @Nullable Long freeBytes, @Nullable String problem) {

	public boolean usable() {
		return this.problem == null;
	}

	public static StorageCheck of(Path path) {
		if (!path.isAbsolute()) {
			return new StorageCheck(path, false, null, "not an absolute path");
		}
		Path normalized = path.normalize();
		Path existing = normalized;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		if (existing == null) {
			return new StorageCheck(normalized, false, null, "no part of it exists");
		}
		boolean exists = existing.equals(normalized);
		if (!Files.isDirectory(existing)) {
			return new StorageCheck(normalized, exists, null,
					exists ? "is not a directory" : existing + " is a file, so it cannot be created");
		}
		Long free = null;
		try {
			free = Files.getFileStore(existing).getUsableSpace();
		}
		catch (IOException ex) {
			// free space unknown; writability decides
		}
		if (!Files.isWritable(existing) || !Files.isExecutable(existing)) {
			return new StorageCheck(normalized, exists, free, exists ? "is not writable by Ferry"
					: "cannot be created: " + existing + " is not writable by Ferry");
		}
		return new StorageCheck(normalized, exists, free, null);
	}

}
