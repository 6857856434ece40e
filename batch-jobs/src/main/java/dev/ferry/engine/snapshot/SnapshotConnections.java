package dev.ferry.engine.snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections that read an export's snapshot, lent to one worker at a time. A connection that broke is not
 * lent again (no new connection can join a MariaDB/MySQL snapshot); once none is left, a worker asking for one fails
 * at once. {@link #close()} closes them all, {@link #abort()} cuts them off under running reads (a stop).
 */
public final class SnapshotConnections implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SnapshotConnections.class);

	private static final long WAIT_STEP_MILLIS = 200;

	private final SnapshotPoint point;

	private final List<Connection> all;

	private final BlockingQueue<Connection> idle;

	private final AtomicInteger usable;

	private volatile boolean closed;

	SnapshotConnections(SnapshotPoint point, List<Connection> connections) {
		this.point = point;
		this.all = List.copyOf(connections);
		this.idle = new LinkedBlockingQueue<>(connections);
		this.usable = new AtomicInteger(connections.size());
	}

	public SnapshotPoint point() {
		return this.point;
	}

	public int size() {
		return this.all.size();
	}

	/**
	 * A connection for one worker, waiting while all are lent.
	 * @throws SQLException when every connection broke or the snapshot was closed
	 */
	public Lease lease() throws SQLException, InterruptedException {
		while (true) {
			if (this.closed) {
				throw new SQLException("the export's snapshot connections are closed (the export is ending)");
			}
			if (this.usable.get() <= 0) {
				throw new SQLException("every connection of the export's snapshot was lost (the source server closed them or "
						+ "went away; the first partitions that failed say why)");
			}
			Connection connection = this.idle.poll(WAIT_STEP_MILLIS, TimeUnit.MILLISECONDS);
			if (connection != null) {
				return new Lease(connection);
			}
		}
	}

	/**
	 * Cuts every connection off, also those lent to a worker in the middle of a read: their reads fail at once (the
	 * driver kills a running query through a connection of its own). Returns without waiting for that.
	 */
	public void abort() {
		this.closed = true;
		for (Connection connection : this.all) {
			try {
				connection.abort(SnapshotConnections::inBackground);
			}
			catch (SQLException | RuntimeException ex) {
				log.debug("Could not abort a snapshot connection: {}", ex.getMessage());
			}
		}
	}

	private static void inBackground(Runnable task) {
		Thread thread = new Thread(task, "snapshot-abort");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() {
		this.closed = true;
		for (Connection connection : this.all) {
			try {
				connection.close();
			}
			catch (SQLException | RuntimeException ex) {
				log.debug("Could not close a snapshot connection: {}", ex.getMessage());
			}
		}
	}

	/** One connection lent to a worker; closing the lease gives it back. */
	public final class Lease implements AutoCloseable {

		private final Connection connection;

		private boolean broken;

		private boolean returned;

		private Lease(Connection connection) {
			this.connection = connection;
		}

		public Connection connection() {
			return this.connection;
		}

		/** Marks the connection as unusable (its read failed): it is closed instead of given back. */
		public void broken() {
			this.broken = true;
		}

		@Override
		public void close() {
			if (this.returned) {
				return;
			}
			this.returned = true;
			if (this.broken || !valid()) {
				SnapshotConnections.this.usable.decrementAndGet();
				try {
					this.connection.close();
				}
				catch (SQLException ex) {
					log.debug("Could not close a broken snapshot connection: {}", ex.getMessage());
				}
				return;
			}
			SnapshotConnections.this.idle.add(this.connection);
		}

		private boolean valid() {
			try {
				return !SnapshotConnections.this.closed && this.connection.isValid(5);
			}
			catch (SQLException ex) {
				return false;
			}
		}

	}

}
