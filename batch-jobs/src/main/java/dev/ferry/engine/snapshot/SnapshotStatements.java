package dev.ferry.engine.snapshot;

import java.util.List;

/**
 * The statements of a snapshot, by server. MariaDB and MySQL: a brief global read lock while every worker connection
 * starts a consistent-snapshot transaction and the binlog position is read. TiDB: one TSO, set on every connection.
 */
final class SnapshotStatements {

	/** Bounds the wait for the global read lock (seconds): a long transaction or LOCK TABLES must not hang the export. */
	static final int LOCK_WAIT_SECONDS = 30;

	static final String LOCK_WAIT = "SET SESSION lock_wait_timeout = " + LOCK_WAIT_SECONDS;

	static final String LOCK = "FLUSH TABLES WITH READ LOCK";

	static final String UNLOCK = "UNLOCK TABLES";

	static final String REPEATABLE_READ = "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ";

	static final String START = "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY";

	static final String MASTER_STATUS = "SHOW MASTER STATUS";

	static final String MARIADB_GTID = "SELECT @@GLOBAL.gtid_binlog_pos";

	private SnapshotStatements() {
	}

	/**
	 * What a TiDB connection runs to read at {@code tso}: the TSO is TiDB's {@code SHOW MASTER STATUS} position, a
	 * whole number, so it is checked and written as a number.
	 */
	static List<String> tidbSession(String tso) {
		if (!tso.matches("[0-9]{1,20}")) {
			throw new IllegalArgumentException("TiDB TSO '" + tso + "' is not a whole number");
		}
		return List.of("SET SESSION tidb_snapshot = '" + tso + "'");
	}

}
