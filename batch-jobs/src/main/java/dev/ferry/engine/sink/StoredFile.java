package dev.ferry.engine.sink;

import org.jspecify.annotations.Nullable;

/**
 * A committed file.
 * @param name the final name, relative to {@code data/}
 * @param size bytes stored
 * @param crc32c CRC32C of the stored bytes, 8 lowercase hex digits
 * @param sha256 SHA-256 of the stored bytes, lowercase hex, when the sink was asked for it
 */
public record StoredFile(String name, long size, String crc32c, @Nullable String sha256) {
}
