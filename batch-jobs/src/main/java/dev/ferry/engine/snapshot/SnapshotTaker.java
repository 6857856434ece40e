package dev.ferry.engine.snapshot;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ferry.engine.format.ReadSession;

/**
 * Takes an export's snapshot: opens the worker connections and makes them all read one point in time.
 * <p>
 * MariaDB/MySQL: the worker connections are opened first, then a control connection takes {@code FLUSH TABLES WITH
 * READ LOCK}, each worker connection starts {@code START TRANSACTION WITH CONSISTENT SNAPSHOT} (REPEATABLE READ), the
 * binlog file, position and GTID are read, and the lock is released: it is held for a few round trips. Without the
 * privilege for the lock (RELOAD), the export goes on, each connection in a snapshot of its own, and the point says
 * it is not consistent and why. A lock not granted within {@value SnapshotStatements#LOCK_WAIT_SECONDS} s (a long
 * transaction or {@code LOCK TABLES} holds tables) fails the export rather than blocking the server's writes.
 * <p>
 * TiDB: one TSO (its {@code SHOW MASTER STATUS} position, or the one to reuse on a restart) set as
 * {@code tidb_snapshot} on every connection; new connections can join it at any time.
 */
public final class SnapshotTaker {

	private static final Logger log = LoggerFactory.getLogger(SnapshotTaker.class);

	/** MySQL's error for a missing privilege (ER_SPECIFIC_ACCESS_DENIED_ERROR) and access denied in general. */
	private static final List<Integer> DENIED = List.of(1227, 1044, 1045, 1142);

	private final SourceConnector connector;

	private final Clock clock;

	public SnapshotTaker(SourceConnector connector, Clock clock) {
		this.connector = connector;
		this.clock = clock;
	}

	/**
	 * Opens {@code connections} connections in one snapshot.
	 * @param reuseTso on TiDB, the TSO of an earlier snapshot of this export to read at again; ignored elsewhere
	 */
	public SnapshotConnections take(int connections, @Nullable String reuseTso) throws SQLException {
		List<Connection> workers = new ArrayList<>();
		try (Connection control = this.connector.open()) {
			ServerFlavor flavor = ServerFlavor.detect(control);
			for (int i = 0; i < connections; i++) {
				Connection worker = this.connector.open();
				workers.add(worker);
				ReadSession.prepare(worker);
			}
			SnapshotPoint point = (flavor == ServerFlavor.TIDB) ? tidb(control, workers, reuseTso)
					: locked(control, workers, flavor);
			return new SnapshotConnections(point, workers);
		}
		catch (SQLException | RuntimeException ex) {
			for (Connection worker : workers) {
				closeQuietly(worker);
			}
			throw ex;
		}
	}

	private SnapshotPoint tidb(Connection control, List<Connection> workers, @Nullable String reuseTso)
			throws SQLException {
		String tso = reuseTso;
		if (tso == null) {
			try (Statement statement = control.createStatement();
					ResultSet rs = statement.executeQuery(SnapshotStatements.MASTER_STATUS)) {
				if (!rs.next()) {
					throw new SQLException("TiDB answered SHOW MASTER STATUS with no row: no TSO to read at");
				}
				tso = rs.getString("Position");
			}
		}
		for (Connection worker : workers) {
			execute(worker, SnapshotStatements.tidbSession(tso));
		}
		return new SnapshotPoint(ServerFlavor.TIDB.kind(), this.clock.instant(), true, null, null, null, null, tso,
				null);
	}

	private SnapshotPoint locked(Connection control, List<Connection> workers, ServerFlavor flavor)
			throws SQLException {
		for (Connection worker : workers) {
			execute(worker, List.of(SnapshotStatements.REPEATABLE_READ));
		}
		String inconsistency = lock(control);
		long lockedAt = System.nanoTime();
		try {
			for (Connection worker : workers) {
				execute(worker, List.of(SnapshotStatements.START));
			}
			Position position = position(control, flavor);
			return new SnapshotPoint(flavor.kind(), this.clock.instant(), inconsistency == null, inconsistency,
					position.file(), position.position(), position.gtid(), null, position.note());
		}
		finally {
			if (inconsistency == null) {
				execute(control, List.of(SnapshotStatements.UNLOCK));
				log.info("Global read lock held for {} ms while {} connections started their snapshot",
						(System.nanoTime() - lockedAt) / 1_000_000, workers.size());
			}
		}
	}

	/** Takes the global read lock; the reason it could not, or null when it holds it. */
	private static @Nullable String lock(Connection control) throws SQLException {
		try (Statement statement = control.createStatement()) {
			statement.execute(SnapshotStatements.LOCK_WAIT);
			statement.execute(SnapshotStatements.LOCK);
			return null;
		}
		catch (SQLException ex) {
			if (DENIED.contains(ex.getErrorCode())) {
				log.warn("No global read lock ({}): the export goes on, each connection in a snapshot of its own",
						ex.getMessage());
				return "the user may not take the global read lock (FLUSH TABLES WITH READ LOCK needs the RELOAD "
						+ "privilege), so each of the export's connections read its own point in time: tables are "
						+ "not consistent with each other";
			}
			if (ex.getErrorCode() == 1205) { // ER_LOCK_WAIT_TIMEOUT
				throw new SQLException("the global read lock was not granted within "
						+ SnapshotStatements.LOCK_WAIT_SECONDS + " s: a long transaction, a long query or LOCK TABLES "
						+ "holds tables; try again when it ended", ex.getSQLState(), ex.getErrorCode(), ex);
			}
			throw ex;
		}
	}

	private record Position(@Nullable String file, @Nullable Long position, @Nullable String gtid,
			@Nullable String note) {
	}

	private static Position position(Connection control, ServerFlavor flavor) {
		String file = null;
		Long position = null;
		String gtid = null;
		try (Statement statement = control.createStatement()) {
			try (ResultSet rs = statement.executeQuery(SnapshotStatements.MASTER_STATUS)) {
				if (rs.next()) {
					file = rs.getString("File");
					position = rs.getLong("Position");
					if (flavor == ServerFlavor.MYSQL && rs.getMetaData().getColumnCount() >= 5) {
						gtid = blankToNull(rs.getString("Executed_Gtid_Set"));
					}
				}
			}
			if (flavor == ServerFlavor.MARIADB) {
				try (ResultSet rs = statement.executeQuery(SnapshotStatements.MARIADB_GTID)) {
					gtid = rs.next() ? blankToNull(rs.getString(1)) : null;
				}
			}
		}
		catch (SQLException ex) {
			log.warn("Could not read the binlog position ({}); the export goes on without it", ex.getMessage());
			return new Position(null, null, null, "the binlog position could not be read: " + ex.getMessage());
		}
		return new Position(file, position, gtid, file == null ? "the server writes no binary log (log_bin is off)"
				: null);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static void execute(Connection connection, List<String> statements) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			log.debug("Could not close a connection: {}", ex.getMessage());
		}
	}

}
