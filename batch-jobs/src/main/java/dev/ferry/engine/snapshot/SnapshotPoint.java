package dev.ferry.engine.snapshot;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.ferry.manifest.Manifest;

/**
 * The point in time an export's connections read at.
 * @param kind {@code mariadb}, {@code mysql} or {@code tidb}
 * @param takenAt when the snapshot was taken
 * @param consistent whether every worker connection reads the same point (false without the privilege for the global
 * read lock: each connection then reads its own point)
 * @param inconsistency why it is not consistent, null when it is
 * @param binlogFile the binary log file at the point; null when the server has no binary log (or would not say)
 * @param binlogPosition the position in it
 * @param gtid the GTID position ({@code @@gtid_binlog_pos} on MariaDB, {@code Executed_Gtid_Set} on MySQL)
 * @param tso TiDB's timestamp of the snapshot
 * @param positionNote why there is no binlog position, null when there is one (or on TiDB)
 */
public record SnapshotPoint(String kind, Instant takenAt, boolean consistent, @Nullable String inconsistency,
		@Nullable String binlogFile, @Nullable Long binlogPosition, @Nullable String gtid, @Nullable String tso,
		@Nullable String positionNote) {

	/** The manifest's form, with the tables read outside this point (non-transactional tables). */
	public Manifest.Snapshot toManifest(List<String> outside) {
		return new Manifest.Snapshot(this.kind, this.takenAt, this.consistent, this.binlogFile, this.binlogPosition,
				this.gtid, this.tso, List.copyOf(outside));
	}

	/** For the log: the TSO, or the binlog position (or its absence), and whether it is consistent. */
	public String describe() {
		if (this.tso != null) {
			return "TSO " + this.tso;
		}
		String position = (this.binlogFile != null) ? this.binlogFile + ":" + this.binlogPosition
				+ (this.gtid != null ? " GTID " + this.gtid : "") : "no binlog position";
		return position + (this.consistent ? "" : ", NOT consistent");
	}

}
