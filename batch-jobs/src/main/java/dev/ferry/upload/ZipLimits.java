package dev.ferry.upload;

import dev.ferry.config.FerryProperties;

/**
 * What a zip may hold before Ferry refuses it.
 * @param maxUnpackedBytes largest total size of the entries once unpacked (declared and actually written)
 * @param maxEntries most entries (files, directories and junk alike)
 * @param maxCompressionRatio largest unpacked/packed ratio of an entry larger than
 * {@link #RATIO_GRACE_BYTES}
 */
public record ZipLimits(long maxUnpackedBytes, int maxEntries, int maxCompressionRatio) {

	/** Entries up to this size are exempt from the ratio check: small files compress well and do no harm. */
	public static final long RATIO_GRACE_BYTES = 1024 * 1024;

	public static ZipLimits of(FerryProperties.Files files) {
		return new ZipLimits(files.maxUnpackedBytes(), files.maxEntries(), files.maxCompressionRatio());
	}

}
