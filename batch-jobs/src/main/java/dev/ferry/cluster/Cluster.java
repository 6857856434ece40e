package dev.ferry.cluster;

import org.jspecify.annotations.Nullable;

/**
 * A registered cluster. The password is not here: {@code passwordSecretId} references it in the secret store.
 */
public record Cluster(long id, String name, ClusterKind kind, String host, int port, @Nullable Integer statusPort,
		@Nullable String pdAddress, String user, @Nullable Long passwordSecretId) {

	public String clusterId() {
		return Long.toString(this.id);
	}

}
