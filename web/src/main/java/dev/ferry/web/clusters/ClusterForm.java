package dev.ferry.web.clusters;

import org.jspecify.annotations.Nullable;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterDraft;

/**
 * The cluster form. On edit a blank password keeps the stored one, {@code clearPassword} sets an empty one; on
 * register a blank password is an empty one. The password is never rendered back.
 */
class ClusterForm {

	private @Nullable String name;

	private String kind = "MYSQL";

	private @Nullable String host;

	private @Nullable Integer port = 3306;

	private @Nullable Integer statusPort;

	private @Nullable String pdAddress;

	private @Nullable String user;

	private @Nullable String password;

	private boolean clearPassword;

	static ClusterForm of(Cluster cluster) {
		ClusterForm form = new ClusterForm();
		form.name = cluster.name();
		form.kind = cluster.kind().name();
		form.host = cluster.host();
		form.port = cluster.port();
		form.statusPort = cluster.statusPort();
		form.pdAddress = cluster.pdAddress();
		form.user = cluster.user();
		return form;
	}

	ClusterDraft toDraft(boolean existing) {
		String secret;
		if (this.password != null && !this.password.isEmpty()) {
			secret = this.password;
		}
		else if (existing) {
			secret = this.clearPassword ? "" : null;
		}
		else {
			secret = "";
		}
		return new ClusterDraft(this.name, this.kind, this.host, this.port, this.statusPort,
				this.pdAddress == null || this.pdAddress.isBlank() ? null : this.pdAddress, this.user, secret);
	}

	void forgetPassword() {
		this.password = null;
	}

	public @Nullable String getName() {
		return this.name;
	}

	public void setName(@Nullable String name) {
		this.name = name;
	}

	public String getKind() {
		return this.kind;
	}

	public void setKind(String kind) {
		this.kind = kind;
	}

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

	public @Nullable Integer getStatusPort() {
		return this.statusPort;
	}

	public void setStatusPort(@Nullable Integer statusPort) {
		this.statusPort = statusPort;
	}

	public @Nullable String getPdAddress() {
		return this.pdAddress;
	}

	public void setPdAddress(@Nullable String pdAddress) {
		this.pdAddress = pdAddress;
	}

	public @Nullable String getUser() {
		return this.user;
	}

	public void setUser(@Nullable String user) {
		this.user = user;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public boolean isClearPassword() {
		return this.clearPassword;
	}

	public void setClearPassword(boolean clearPassword) {
		this.clearPassword = clearPassword;
	}

}
