package dev.ferry.cluster;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** Result of a connection test: the server version, or the driver's error. */
@Schema(description = "Result of a connection test (SELECT VERSION() with the stored credentials).")
public record ConnectionCheck(
		@Schema(description = "true when Ferry could connect and run SELECT VERSION().", example = "true") boolean connected,
		@Schema(description = "The server's version when connected, else null.", example = "10.11.6-MariaDB") @Nullable String version,
		@Schema(description = "The driver's error when not connected, else null.", example = "Access denied for user 'root'@'localhost'") @Nullable String error) {

	static ConnectionCheck ok(String version) {
		return new ConnectionCheck(true, version, null);
	}

	static ConnectionCheck failed(String error) {
		return new ConnectionCheck(false, null, error);
	}

}
