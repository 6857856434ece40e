package dev.ferry.web.launch;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.ferry.cluster.Cluster;

/**
 * What every transfer form posts: the cluster and the credentials to use on it, the S3 location and keys (when the
 * transfer reads or writes S3) and a comment. The password and the S3 secret key are never rendered back.
 */
public abstract class TransferForm {

	protected @Nullable String clusterId;

	protected @Nullable String userName;

	protected @Nullable String password;

	protected @Nullable String endpointUrl;

	protected @Nullable String bucketUrl;

	protected @Nullable String accessKey;

	protected @Nullable String secretAccessKey;

	protected @Nullable String comment;

	public @Nullable String getClusterId() {
		return this.clusterId;
	}

	/**
	 * Preselects the requested cluster (the {@code ?cluster=} of a link), else the first one, with its stored user;
	 * nothing when no cluster is registered.
	 */
	void preselect(List<Cluster> clusters, @Nullable String requested) {
		clusters.stream()
			.filter((c) -> c.clusterId().equals(requested))
			.findFirst()
			.or(() -> clusters.stream().findFirst())
			.ifPresent((chosen) -> {
				this.clusterId = chosen.clusterId();
				this.userName = chosen.user();
			});
	}

	public void setClusterId(@Nullable String clusterId) {
		this.clusterId = clusterId;
	}

	public @Nullable String getUserName() {
		return this.userName;
	}

	public void setUserName(@Nullable String userName) {
		this.userName = userName;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable String getEndpointUrl() {
		return this.endpointUrl;
	}

	public void setEndpointUrl(@Nullable String endpointUrl) {
		this.endpointUrl = endpointUrl;
	}

	public @Nullable String getBucketUrl() {
		return this.bucketUrl;
	}

	public void setBucketUrl(@Nullable String bucketUrl) {
		this.bucketUrl = bucketUrl;
	}

	public @Nullable String getAccessKey() {
		return this.accessKey;
	}

	public void setAccessKey(@Nullable String accessKey) {
		this.accessKey = accessKey;
	}

	public @Nullable String getSecretAccessKey() {
		return this.secretAccessKey;
	}

	public void setSecretAccessKey(@Nullable String secretAccessKey) {
		this.secretAccessKey = secretAccessKey;
	}

	public @Nullable String getComment() {
		return this.comment;
	}

	public void setComment(@Nullable String comment) {
		this.comment = comment;
	}

}
