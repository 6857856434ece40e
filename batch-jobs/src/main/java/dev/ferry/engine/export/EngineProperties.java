package dev.ferry.engine.export;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The native engine's settings ({@code ferry.engine.*}). Its thread count is the dump threads setting
 * ({@code FERRY_DUMP_THREADS}) and whether manifests carry sha256 is {@code FERRY_MANIFEST_SHA256}, both shared with the
 * external tools.
 *
 * @param chunkRows about how many rows go into one data file, i.e. one partition ({@code FERRY_CHUNK_ROWS}); an export
 * request's {@code chunkRows} overrides it
 * @param fetchSize rows the driver fetches at a time while streaming a chunk ({@code FERRY_ENGINE_FETCH_SIZE})
 */
@Validated
@ConfigurationProperties("ferry.engine")
public record EngineProperties(
		@Min(MIN_CHUNK_ROWS) @Max(MAX_CHUNK_ROWS) @DefaultValue("250000") long chunkRows,
		@Min(1) @Max(1_000_000) @DefaultValue("4096") int fetchSize) {

	/** The smallest chunk a request or the setting may ask for. */
	public static final long MIN_CHUNK_ROWS = 100;

	/** The largest chunk a request or the setting may ask for. */
	public static final long MAX_CHUNK_ROWS = 100_000_000;

}
