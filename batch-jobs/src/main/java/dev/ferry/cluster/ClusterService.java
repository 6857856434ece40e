package dev.ferry.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ferry.audit.AuditLog;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.secret.SecretStore;

/** Registers and manages clusters; passwords go to the {@link SecretStore}. */
@Service
public class ClusterService {

	static final String PASSWORD_PURPOSE = "cluster-password";

	private final ClusterRepository clusters;

	private final SecretStore secrets;

	private final ObjectProvider<ClusterUsage> usages;

	private final AuditLog audit;

	ClusterService(ClusterRepository clusters, SecretStore secrets, ObjectProvider<ClusterUsage> usages,
			AuditLog audit) {
		this.clusters = clusters;
		this.secrets = secrets;
		this.usages = usages;
		this.audit = audit;
	}

	@Transactional(readOnly = true)
	public List<Cluster> list() {
		return this.clusters.findAll();
	}

	/** @param clusterId the cluster id as the API spells it (a string) */
	@Transactional(readOnly = true)
	public Cluster get(String clusterId) {
		return this.clusters.findById(parseId(clusterId))
			.orElseThrow(() -> new FerryException(ErrorCode.CLUSTER_NOT_FOUND, "cluster " + clusterId + " not found"));
	}

	/** @param actor who registers it, for the audit trail */
	@Transactional
	public Cluster create(ClusterDraft draft, String actor) {
		ClusterKind kind = ClusterValidator.validate(draft);
		checkNameFree(draft.name().strip(), null);
		Long secretId = this.secrets.store(PASSWORD_PURPOSE, draft.password() == null ? "" : draft.password());
		long id = this.clusters.insert(toCluster(0, kind, draft, secretId));
		Cluster created = this.clusters.findById(id).orElseThrow();
		this.audit.record(actor, "cluster.create", target(created),
				created.kind() + " " + created.user() + "@" + created.host() + ":" + created.port());
		return created;
	}

	/** @param actor who changes it, for the audit trail (which fields changed; never a password) */
	@Transactional
	public Cluster update(String clusterId, ClusterDraft draft, String actor) {
		Cluster existing = get(clusterId);
		ClusterKind kind = ClusterValidator.validate(draft);
		checkNameFree(draft.name().strip(), existing.id());
		Long secretId = existing.passwordSecretId();
		if (draft.password() != null) {
			if (secretId == null) {
				secretId = this.secrets.store(PASSWORD_PURPOSE, draft.password());
			}
			else {
				this.secrets.replace(secretId, draft.password());
			}
		}
		Cluster updated = toCluster(existing.id(), kind, draft, secretId);
		this.clusters.update(updated);
		this.audit.record(actor, "cluster.update", target(updated), changes(existing, updated, draft.password() != null));
		return this.clusters.findById(existing.id()).orElseThrow();
	}

	/**
	 * Deletes the cluster and its stored password; refused while a transfer of it is queued or running or a schedule
	 * exports it. Its records and files stay.
	 */
	@Transactional
	public void delete(String clusterId, String actor) {
		Cluster existing = get(clusterId);
		List<String> uses = this.usages.orderedStream()
			.map((usage) -> usage.describeUse(existing.id()))
			.flatMap(Optional::stream)
			.toList();
		if (!uses.isEmpty()) {
			throw FerryException.invalid("cluster '" + existing.name() + "' is still used by " + String.join(" and ", uses)
					+ "; stop or wait for its transfers and delete or change its schedules first");
		}
		this.audit.record(actor, "cluster.delete", target(existing), "");
		this.clusters.delete(existing.id());
		if (existing.passwordSecretId() != null) {
			this.secrets.delete(existing.passwordSecretId());
		}
	}

	/** Runs {@code SELECT VERSION()} with the stored credentials. */
	public ConnectionCheck testConnection(String clusterId) {
		Cluster cluster = get(clusterId);
		return ClusterConnector.check(cluster, password(cluster));
	}

	/** The stored password in plaintext, for the moment a tool needs it. */
	public String password(Cluster cluster) {
		return cluster.passwordSecretId() == null ? "" : this.secrets.reveal(cluster.passwordSecretId());
	}

	private static String target(Cluster cluster) {
		return "cluster " + cluster.clusterId() + " (" + cluster.name() + ")";
	}

	private static String changes(Cluster before, Cluster after, boolean passwordSent) {
		List<String> changed = new ArrayList<>();
		addIfChanged(changed, "name", before.name(), after.name());
		addIfChanged(changed, "kind", before.kind(), after.kind());
		addIfChanged(changed, "host", before.host(), after.host());
		addIfChanged(changed, "port", before.port(), after.port());
		addIfChanged(changed, "statusPort", before.statusPort(), after.statusPort());
		addIfChanged(changed, "pdAddress", before.pdAddress(), after.pdAddress());
		addIfChanged(changed, "user", before.user(), after.user());
		if (passwordSent) {
			changed.add("password");
		}
		return changed.isEmpty() ? "nothing changed" : "changed: " + String.join(", ", changed);
	}

	private static void addIfChanged(List<String> changed, String field, @Nullable Object before,
			@Nullable Object after) {
		if (!Objects.equals(before, after)) {
			changed.add(field + " " + before + " -> " + after);
		}
	}

	private void checkNameFree(String name, Long exceptId) {
		if (this.clusters.nameTaken(name, exceptId)) {
			throw FerryException.invalid("a cluster named '" + name + "' already exists");
		}
	}

	private static Cluster toCluster(long id, ClusterKind kind, ClusterDraft draft, Long secretId) {
		return new Cluster(id, draft.name().strip(), kind, draft.host().strip(), draft.port(), draft.statusPort(),
				ClusterValidator.isBlank(draft.pdAddress()) ? null : draft.pdAddress().strip(), draft.user().strip(),
				secretId);
	}

	private static long parseId(String clusterId) {
		try {
			return Long.parseLong(clusterId.strip());
		}
		catch (NumberFormatException ex) {
			throw new FerryException(ErrorCode.CLUSTER_NOT_FOUND, "cluster " + clusterId + " not found");
		}
	}

}
