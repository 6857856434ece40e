package dev.ferry.web.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterDraft;

/** Cluster JSON: requests carry the password, responses never do. */
final class ClusterJson {

	private ClusterJson() {
	}

	record Request(@Nullable String name, @Nullable String kind, @Nullable String host, @Nullable Integer port,
			@Nullable Integer statusPort, @Nullable String pdAddress, @Nullable String user,
			@JsonProperty(access = JsonProperty.Access.WRITE_ONLY) @Nullable String password) {

		ClusterDraft toDraft() {
			return new ClusterDraft(this.name, this.kind, this.host, this.port, this.statusPort, this.pdAddress,
					this.user, this.password);
		}

		@Override
		public String toString() {
			return "ClusterJson.Request[name=" + this.name + ", host=" + this.host + ", port=" + this.port + "]";
		}

	}

	record View(String clusterId, String name, String kind, String host, int port, @Nullable Integer statusPort,
			@Nullable String pdAddress, String user) {

		static View of(Cluster cluster) {
			return new View(cluster.clusterId(), cluster.name(), cluster.kind().name(), cluster.host(), cluster.port(),
					cluster.statusPort(), cluster.pdAddress(), cluster.user());
		}

	}

}
