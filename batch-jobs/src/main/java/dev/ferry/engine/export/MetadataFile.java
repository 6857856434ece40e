package dev.ferry.engine.export;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import dev.ferry.engine.snapshot.SnapshotPoint;

/**
 * The dump's {@code metadata} file in mydumper 0.10's format: start and finish time (local time, as mydumper writes
 * them) and, when the server gave one, the snapshot's position as {@code SHOW MASTER STATUS} showed it (TiDB, as
 * dumpling writes it: log {@code tidb-binlog}, the TSO as position). A resumed export's files come from several
 * snapshots: this file gives the first one; the manifest lists them all.
 */
final class MetadataFile {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private MetadataFile() {
	}

	static String text(Instant started, Instant finished, SnapshotPoint first, ZoneId zone) {
		StringBuilder text = new StringBuilder("Started dump at: ").append(TIME.format(started.atZone(zone)))
			.append('\n');
		if (first.tso() != null) {
			text.append("SHOW MASTER STATUS:\n\tLog: tidb-binlog\n\tPos: ").append(first.tso()).append("\n\tGTID:\n\n");
		}
		else if (first.binlogFile() != null) {
			text.append("SHOW MASTER STATUS:\n\tLog: ").append(first.binlogFile())
				.append("\n\tPos: ").append(first.binlogPosition())
				.append("\n\tGTID:").append(first.gtid() != null ? first.gtid() : "")
				.append("\n\n");
		}
		return text.append("Finished dump at: ").append(TIME.format(finished.atZone(zone))).append('\n').toString();
	}

}
