package dev.ferry.transfer;

import java.nio.file.Path;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.stereotype.Component;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterService;
import dev.ferry.config.FerryProperties;
import dev.ferry.config.SettingsService;
import dev.ferry.secret.SecretStore;

/** What every tool invocation needs from a running transfer: its cluster, its password, the tools and settings. */
@Component
class TransferContext {

	private final ClusterService clusters;

	private final SecretStore secrets;

	private final ToolBinaries binaries;

	private final SettingsService settings;

	TransferContext(ClusterService clusters, SecretStore secrets, ToolBinaries binaries, SettingsService settings) {
		this.clusters = clusters;
		this.secrets = secrets;
		this.binaries = binaries;
		this.settings = settings;
	}

	Cluster cluster(JobParameters parameters) {
		return this.clusters.get(parameters.getString(TransferParameters.CLUSTER_ID));
	}

	/** The database password, revealed for the moment a tool needs it. */
	String password(JobParameters parameters) {
		return this.secrets.reveal(parameters.getLong(TransferParameters.CREDENTIAL_SECRET_ID));
	}

	SecretStore secrets() {
		return this.secrets;
	}

	ToolBinaries binaries() {
		return this.binaries;
	}

	/** The tool settings in effect now (console changes included): read when a tool starts. */
	FerryProperties.Tools tools() {
		return this.settings.current().tools();
	}

	Path home() {
		return this.settings.defaults().home();
	}

}
