package dev.ferry.cluster;

import org.jspecify.annotations.Nullable;

/**
 * What a user submits to register or change a cluster; {@link ClusterValidator} checks it. On update a
 * {@code null} password keeps the stored one; an empty string means "no password".
 */
public record ClusterDraft(@Nullable String name, @Nullable String kind, @Nullable String host, @Nullable Integer port,
		@Nullable Integer statusPort, @Nullable String pdAddress, @Nullable String user, @Nullable String password) {
}
