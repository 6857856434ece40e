package dev.ferry.config;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Ferry's settings ({@code ferry.*}). Defaults live in {@code application.yml}; every path default derives from
 * {@code ferry.home} ({@code FERRY_HOME}, default {@code ./data}).
 *
 * @param home data directory: the embedded database, the secret key file, storage roots by default
 * @param exportRoot root of export record directories (the seed's ExportShareStoragePath)
 * @param importRoot root of import record directories (the seed's ImportShareStoragePath)
 * @param maxConcurrentTransfers transfers that run at once; the rest wait
 * @param tools tool binaries and process limits
 * @param manifestSha256 whether an export's manifest also gets a sha256 of every file (CRC32C always)
 */
@Validated
@ConfigurationProperties("ferry")
public record FerryProperties(@NotNull Path home, @NotNull Path exportRoot, @NotNull Path importRoot,
		@Min(1) @Max(64) int maxConcurrentTransfers, @Valid @NotNull Tools tools, @Valid @NotNull Files files,
		boolean manifestSha256) {

	/**
	 * Limits of uploads (zip files to import) and downloads (zips of exports).
	 * @param maxUploadBytes largest accepted upload
	 * @param maxConcurrentUploads uploads at once (more → TIEM_TRANSPORT_FILE_TRANSFER_LIMITED)
	 * @param maxConcurrentDownloads downloads at once
	 * @param maxUnpackedBytes largest total size of a zip's entries once unpacked
	 * @param maxEntries most entries in one zip
	 * @param maxCompressionRatio largest unpacked/packed ratio of an entry (zip bombs)
	 */
	public record Files(@Min(1) long maxUploadBytes, @Min(1) int maxConcurrentUploads,
			@Min(1) int maxConcurrentDownloads, @Min(1) long maxUnpackedBytes, @Min(1) int maxEntries,
			@Min(1) int maxCompressionRatio) {
	}

	/**
	 * @param mydumper path or name (looked up on PATH) of mydumper
	 * @param myloader path or name of myloader
	 * @param dumpThreads threads per dump ({@code -t}; the seed's DumplingThreadNum)
	 * @param timeout a tool run is stopped after this long
	 * @param pollInterval how often a running tool is checked and its progress recorded
	 * @param stopGrace time between SIGTERM and SIGKILL when a tool is stopped
	 * @param tiup path or name of TiUP, which runs dumpling and tidb-lightning (the tidb chain)
	 * @param dumpling a standalone dumpling binary, used instead of TiUP when set
	 * @param lightning a standalone tidb-lightning binary, used instead of TiUP when set
	 */
	public record Tools(@NotNull String mydumper, @NotNull String myloader, @Min(1) @Max(128) int dumpThreads,
			@NotNull Duration timeout, @NotNull Duration pollInterval, @NotNull Duration stopGrace,
			@NotNull String tiup, @NotNull String dumpling, @NotNull String lightning) {
	}

}
