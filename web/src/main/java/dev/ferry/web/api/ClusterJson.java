package dev.ferry.web.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterDraft;

/** Cluster JSON: requests carry the password, responses never do. */
final class ClusterJson {

	private ClusterJson() {
	}

	@Schema(name = "ClusterRequest", description = "A cluster to register (POST) or its new state (PUT).")
	record Request(@Schema(description = "Unique name of the cluster, up to 128 characters. Required.", requiredMode = Schema.RequiredMode.REQUIRED, example = "shop-prod") @Nullable String name,
			@Schema(description = "TIDB or MYSQL (MySQL or MariaDB), case-insensitive. Required. It chooses the default tool chain: TIDB dumpling/tidb-lightning, MYSQL mydumper/myloader.", requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = { "TIDB", "MYSQL" }, example = "MYSQL") @Nullable String kind,
			@Schema(description = "Host name or IP address of the SQL endpoint. Required.", requiredMode = Schema.RequiredMode.REQUIRED, example = "10.0.0.12") @Nullable String host,
			@Schema(description = "SQL port, 1-65535. Required.", requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", maximum = "65535", example = "3306") @Nullable Integer port,
			@Schema(description = "TiDB status port (1-65535), optional; tidb-lightning's local backend needs it.", minimum = "1", maximum = "65535", example = "10080") @Nullable Integer statusPort,
			@Schema(description = "TiDB: PD addresses as host:port, comma-separated, optional; tidb-lightning's local backend needs them.", example = "10.0.0.21:2379,10.0.0.22:2379") @Nullable String pdAddress,
			@Schema(description = "User Ferry connects as, up to 128 characters. Required.", requiredMode = Schema.RequiredMode.REQUIRED, example = "root") @Nullable String user,
			@Schema(description = "Password of user, up to 1000 characters; stored AES-GCM encrypted. On PUT an omitted password keeps the stored one and \"\" sets an empty one. Write-only: never returned.", accessMode = Schema.AccessMode.WRITE_ONLY, format = "password", example = "secret") @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) @Nullable String password) {

		ClusterDraft toDraft() {
			return new ClusterDraft(this.name, this.kind, this.host, this.port, this.statusPort, this.pdAddress,
					this.user, this.password);
		}

		@Override
		public String toString() {
			return "ClusterJson.Request[name=" + this.name + ", host=" + this.host + ", port=" + this.port + "]";
		}

	}

	@Schema(name = "ClusterView", description = "A registered cluster. Its password is never returned.")
	record View(@Schema(description = "Id of the cluster, used in paths and in transfer requests.", example = "1") String clusterId,
			@Schema(description = "Unique name of the cluster.", example = "shop-prod") String name,
			@Schema(description = "TIDB or MYSQL; chooses the default tool chain.", allowableValues = { "TIDB", "MYSQL" }, example = "MYSQL") String kind,
			@Schema(description = "Host name or IP address of the SQL endpoint.", example = "10.0.0.12") String host,
			@Schema(description = "SQL port.", example = "3306") int port,
			@Schema(description = "TiDB status port; null when not set.", example = "10080") @Nullable Integer statusPort,
			@Schema(description = "TiDB PD addresses (host:port, comma-separated); null when not set.", example = "10.0.0.21:2379") @Nullable String pdAddress,
			@Schema(description = "User Ferry connects as.", example = "root") String user) {

		static View of(Cluster cluster) {
			return new View(cluster.clusterId(), cluster.name(), cluster.kind().name(), cluster.host(), cluster.port(),
					cluster.statusPort(), cluster.pdAddress(), cluster.user());
		}

	}

}
