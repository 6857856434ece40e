package dev.ferry.cluster;

import org.jspecify.annotations.Nullable;

/** Result of a connection test: the server version, or the driver's error. */
public record ConnectionCheck(boolean connected, @Nullable String version, @Nullable String error) {

	static ConnectionCheck ok(String version) {
		return new ConnectionCheck(true, version, null);
	}

	static ConnectionCheck failed(String error) {
		return new ConnectionCheck(false, null, error);
	}

}
