package dev.ferry.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterConnector;
import dev.ferry.cluster.ClusterService;
import dev.ferry.config.SettingsService;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

/**
 * The space preflight: an export is refused before it starts when the storage it writes to has less free space than
 * its estimated size times {@code ferry.transfers.space-margin}; an import, when its target reports less free space
 * than the dump's size times the margin. The export's estimate comes from the source's
 * {@code information_schema.TABLES}, read once with the pre-check's {@link SourceInventory}.
 */
@Component
public class SpacePreflight {

	private static final Logger log = LoggerFactory.getLogger(SpacePreflight.class);

	static final String QUERY_NOTE = "a query's result size cannot be estimated";

	static final String UNREADABLE_NOTE = "the source's tables could not be read";

	static final String DUMPLING_S3_NOTE = "dumpling writes to S3 directly, no local space is checked";

	static final String NATIVE_S3_NOTE = "the native engine streams to S3 directly, no local space is checked";

	private final SpaceProperties properties;

	private final SettingsService settings;

	private final ClusterService clusters;

	SpacePreflight(SpaceProperties properties, SettingsService settings, ClusterService clusters) {
		this.properties = properties;
		this.settings = settings;
		this.clusters = clusters;
	}

	/**
	 * The estimate the export form and the API show before an export is requested: the source is read with the
	 * cluster's stored user and password.
	 * @param query whether the export is a query ({@code sql}): then only the free space is reported
	 */
	public SpaceEstimate estimateExport(@Nullable String clusterId, @Nullable String filter,
			@Nullable String storageType, @Nullable String toolChain, boolean query) {
		if (RequestFields.isBlank(clusterId)) {
			throw FerryException.invalid("clusterId is required");
		}
		if (filter != null && filter.length() > 2000) {
			throw FerryException.invalid("filter is longer than 2000 characters");
		}
		Cluster cluster = this.clusters.get(clusterId);
		ToolChain chain = ToolChain.choose(toolChain, cluster.kind());
		boolean s3 = storageType != null && storageType.strip().equalsIgnoreCase("s3");
		TableFilter tables = TableFilter.parse(filter);
		if (query) {
			return estimate(chain, s3, null, QUERY_NOTE);
		}
		try {
			return estimate(chain, s3,
					SourceInventory.read(cluster, cluster.user(), this.clusters.password(cluster), tables), null);
		}
		catch (SQLException ex) {
			log.debug("Space estimate could not read cluster {}: {}", cluster.clusterId(), ex.getMessage());
			return estimate(chain, s3, null, UNREADABLE_NOTE);
		}
	}

	/**
	 * Refuses the export when it does not fit. Not refused: the margin is 0, the size is unknown (a query, or the
	 * source could not be read), or nothing local is written (dumpling to S3).
	 * @param inventory the pre-check's read of the source; null when there is none
	 */
	void checkExport(ExportPlan plan, @Nullable SourceInventory inventory) {
		if (this.properties.spaceMargin() == 0) {
			return;
		}
		String note = (inventory != null) ? null : plan.sql().isEmpty() ? UNREADABLE_NOTE : QUERY_NOTE;
		SpaceEstimate estimate = estimate(plan.chain(), plan.s3() != null, inventory, note);
		if (!estimate.fits()) {
			throw new FerryException(ErrorCode.TRANSFER_SPACE_INSUFFICIENT, estimate.refusal());
		}
		log.debug("Export of cluster {}: {}", plan.cluster().clusterId(), estimate.summary());
	}

	SpaceEstimate estimate(ToolChain chain, boolean s3, @Nullable SourceInventory inventory, @Nullable String note) {
		Long bytes = (inventory != null) ? inventory.bytes() : null;
		int tables = (inventory != null) ? inventory.tables() : 0;
		double margin = this.properties.spaceMargin();
		if (chain == ToolChain.TIDB && s3) {
			return new SpaceEstimate(bytes, tables, null, null, margin, (note != null) ? note : DUMPLING_S3_NOTE);
		}
		if (chain == ToolChain.NATIVE && s3) {
			return new SpaceEstimate(bytes, tables, null, null, margin, (note != null) ? note : NATIVE_S3_NOTE);
		}
		Path root = this.settings.current().exportRoot().toAbsolutePath().normalize();
		return new SpaceEstimate(bytes, tables, usableSpace(root), root.toString(), margin, note);
	}

	/**
	 * Refuses an import whose target reports (information_schema.DISKS) less free space in its data directory than
	 * the dump's size times the margin; skips, with a log line, a target that reports nothing.
	 */
	void checkImport(ImportPlan plan, String password, long dumpBytes) {
		double margin = this.properties.spaceMargin();
		if (margin == 0) {
			return;
		}
		Cluster cluster = plan.cluster();
		TargetDisks.DataDisk disk;
		try (Connection target = ClusterConnector.open(cluster, plan.userName(), password)) {
			disk = TargetDisks.read(target);
		}
		catch (SQLException ex) {
			log.info("Import into cluster {}: free space not checked, the target could not be asked ({})",
					cluster.clusterId(), ex.getMessage());
			return;
		}
		if (disk == null) {
			log.info("Import into cluster {}: free space not checked, the target does not report it "
					+ "(no information_schema.DISKS)", cluster.clusterId());
			return;
		}
		SpaceEstimate need = new SpaceEstimate(dumpBytes, 0, disk.disk().availableBytes(), disk.datadir(), margin,
				null);
		if (!need.fits()) {
			throw new FerryException(ErrorCode.TRANSFER_SPACE_INSUFFICIENT, "the dump holds "
					+ SpaceEstimate.bytes(dumpBytes) + " of SQL × margin " + SpaceEstimate.margin(margin) + " = "
					+ SpaceEstimate.bytes(need.requiredBytes()) + ", but the target cluster " + cluster.name()
					+ " reports only " + SpaceEstimate.bytes(disk.disk().availableBytes()) + " free on "
					+ disk.disk().path() + " (its data directory " + disk.datadir() + ", information_schema.DISKS). "
					+ "Free space there, or change " + SpaceEstimate.SETTING + " (0 turns this check off)");
		}
	}

	/** Usable space of the file store that holds {@code dir} (or, while it does not exist, its nearest parent). */
	static @Nullable Long usableSpace(Path dir) {
		Path existing = dir;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		if (existing == null) {
			return null;
		}
		try {
			return Files.getFileStore(existing).getUsableSpace();
		}
		catch (IOException ex) {
			log.warn("Free space of {} unknown: {}", existing, ex.getMessage());
			return null;
		}
	}

}
