package dev.ferry.transfer;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.ferry.engine.export.EngineProperties;
import dev.ferry.error.FerryException;

/** The export fields only the native engine has: {@code compression} and {@code chunkRows}. */
final class NativeOptions {

	static final String NO_COMPRESSION = "none";

	private static final java.util.List<String> COMPRESSIONS = java.util.List.of(NO_COMPRESSION, "gzip", "zstd");

	private NativeOptions() {
	}

	/** {@code none}, {@code gzip} or {@code zstd}; anything but {@code none} only on the native chain. */
	static String compression(@Nullable String requested, ToolChain chain) {
		if (RequestFields.isBlank(requested)) {
			return NO_COMPRESSION;
		}
		String compression = requested.strip().toLowerCase(Locale.ROOT);
		if (!COMPRESSIONS.contains(compression)) {
			throw FerryException.invalid("compression '" + requested + "' is invalid: use none, gzip or zstd");
		}
		if (!compression.equals(NO_COMPRESSION) && chain != ToolChain.NATIVE) {
			throw FerryException.invalid("compression " + compression + " is available on the native tool chain "
					+ "only (toolChain native); the " + chain.parameter() + " tool chain writes uncompressed files");
		}
		return compression;
	}

	/** The request's rows per chunk, null when not given; only on the native chain, within the setting's range. */
	static @Nullable Long chunkRows(@Nullable String requested, ToolChain chain) {
		if (RequestFields.isBlank(requested)) {
			return null;
		}
		if (chain != ToolChain.NATIVE) {
			throw FerryException.invalid("chunkRows is a setting of the native tool chain only (toolChain native); the "
					+ chain.parameter() + " tool chain chooses its own file sizes");
		}
		long rows;
		try {
			rows = Long.parseLong(requested.strip());
		}
		catch (NumberFormatException ex) {
			throw FerryException.invalid("chunkRows '" + requested + "' is not a whole number");
		}
		if (rows < EngineProperties.MIN_CHUNK_ROWS || rows > EngineProperties.MAX_CHUNK_ROWS) {
			throw FerryException.invalid("chunkRows " + rows + " is out of range: use " + EngineProperties.MIN_CHUNK_ROWS
					+ " to " + EngineProperties.MAX_CHUNK_ROWS);
		}
		return rows;
	}

}
