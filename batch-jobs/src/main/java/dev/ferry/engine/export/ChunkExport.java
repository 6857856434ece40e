package dev.ferry.engine.export;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

import dev.ferry.engine.format.ChunkEncoder;
import dev.ferry.engine.format.TableShape;
import dev.ferry.engine.plan.Chunk;
import dev.ferry.engine.plan.ChunkPredicate;
import dev.ferry.engine.sink.PendingFile;
import dev.ferry.engine.sink.StoredFile;
import dev.ferry.engine.snapshot.SnapshotConnections;

/**
 * One chunk being written: its rows stream from a forward-only result set on a snapshot connection through the
 * encoder and the compression into a pending file, which gets its final name only when {@link #finish()} commits it.
 * {@link #close()} before that abandons the file. Not thread-safe: one worker's.
 */
final class ChunkExport implements AutoCloseable {

	/** How many rows are written between two looks at the clock. */
	private static final int CLOCK_EVERY = 256;

	private final SnapshotConnections.Lease lease;

	private final PendingFile file;

	private final CountingOutputStream stored;

	private final OutputStream compressed;

	private final ChunkEncoder encoder;

	private final PreparedStatement statement;

	private final ResultSet rows;

	private boolean exhausted;

	private @Nullable StoredFile committed;

	private ChunkExport(SnapshotConnections.Lease lease, PendingFile file, CountingOutputStream stored,
			OutputStream compressed, ChunkEncoder encoder, PreparedStatement statement, ResultSet rows) {
		this.lease = lease;
		this.file = file;
		this.stored = stored;
		this.compressed = compressed;
		this.encoder = encoder;
		this.statement = statement;
		this.rows = rows;
	}

	/** Starts the chunk's query and its file. */
	static ChunkExport open(ExportRun run, Chunk chunk, String fileName) throws SQLException, IOException,
			InterruptedException {
		SnapshotConnections.Lease lease = run.connections().lease();
		PendingFile file = null;
		PreparedStatement statement = null;
		try {
			TableShape shape = TableShape.read(lease.connection(), chunk.database(), chunk.table());
			ChunkPredicate predicate = ChunkPredicate.of(chunk);
			statement = lease.connection()
				.prepareStatement("SELECT " + shape.selectList() + " FROM " + shape.qualifiedName()
						+ predicate.whereClause(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			statement.setFetchSize(run.fetchSize());
			predicate.bind(statement, 1);
			ResultSet rows = statement.executeQuery();
			file = run.sink().create(fileName);
			CountingOutputStream stored = new CountingOutputStream(file.stream());
			OutputStream compressed = run.compression().wrap(stored);
			ChunkEncoder encoder = ChunkEncoder.open(run.fileType(), shape, compressed, run.encoderOptions());
			return new ChunkExport(lease, file, stored, compressed, encoder, statement, rows);
		}
		catch (SQLException | IOException | RuntimeException ex) {
			closeQuietly(file);
			closeQuietly(statement);
			lease.close();
			throw ex;
		}
	}

	/**
	 * Writes rows until the chunk is exhausted or the deadline ({@link System#nanoTime()}) passed.
	 * @return true once every row is written
	 */
	boolean pump(long deadline) throws SQLException, IOException {
		int sinceClock = 0;
		while (this.rows.next()) {
			this.encoder.row(this.rows);
			if (++sinceClock == CLOCK_EVERY) {
				sinceClock = 0;
				if (System.nanoTime() - deadline > 0) {
					return false;
				}
			}
		}
		this.exhausted = true;
		return true;
	}

	long rows() {
		return this.encoder.rows();
	}

	long storedBytes() {
		return this.stored.count();
	}

	/** Ends the file (trailers, compression) and commits it under its final name. */
	StoredFile finish() throws SQLException, IOException {
		this.encoder.finish();
		this.compressed.close(); // ends the compressed stream; the sink's stream only flushes on close
		this.rows.close();
		this.statement.close();
		this.committed = this.file.commit();
		this.lease.close();
		return this.committed;
	}

	/** Abandons the file unless it was committed, and gives the connection back (or drops it mid-stream). */
	@Override
	public void close() {
		if (this.committed != null) {
			return;
		}
		closeQuietly(this.encoder);
		closeQuietly(this.file);
		if (!this.exhausted) {
			this.lease.broken(); // rows still on the wire: closing the statement would read them all first
			try {
				this.lease.connection().abort((task) -> {
					Thread thread = new Thread(task, "chunk-abort");
					thread.setDaemon(true);
					thread.start();
				});
			}
			catch (SQLException | RuntimeException ex) {
				// already cut off
			}
		}
		else {
			closeQuietly(this.statement);
		}
		this.lease.close();
	}

	private static void closeQuietly(@Nullable AutoCloseable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// abandoning: nothing more to do
		}
	}

}
