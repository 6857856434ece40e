package dev.ferry.engine.plan;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the selected tables into chunks of about {@code chunkRows} rows:
 * <ul>
 * <li>a table estimated at no more than {@code chunkRows} rows, or without a usable key, is one chunk;</li>
 * <li>a single integer key is split into equal value ranges between its minimum and maximum ({@link IntegerRanges}),
 * unless its values are too sparse for that to give even chunks;</li>
 * <li>any other key, and sparse integer keys, by boundaries read from the key's index ({@link SampledBoundaries}).</li>
 * </ul>
 * The connection should use the session time zone the workers use (UTC), since temporal bounds are kept as text.
 */
public final class ChunkPlanner {

	private static final Logger log = LoggerFactory.getLogger(ChunkPlanner.class);

	private final long chunkRows;

	public ChunkPlanner(long chunkRows) {
		if (chunkRows < 1) {
			throw new IllegalArgumentException("chunkRows must be positive");
		}
		this.chunkRows = chunkRows;
	}

	public ChunkPlan plan(Connection connection, TableSelection selection) throws SQLException {
		SourceTables.Found found = SourceTables.read(connection, selection);
		List<Chunk> chunks = new ArrayList<>();
		for (SourceTable table : found.tables()) {
			chunks.addAll(chunks(connection, table));
		}
		log.debug("Planned {} chunks of {} tables in {} databases", chunks.size(), found.tables().size(),
				found.databases().size());
		return new ChunkPlan(found.databases(), found.tables(), chunks);
	}

	List<Chunk> chunks(Connection connection, SourceTable table) throws SQLException {
		if (table.key().isEmpty() || table.rowsEstimate() <= this.chunkRows) {
			return List.of(whole(table));
		}
		List<Bound> boundaries = null;
		if (table.key().size() == 1 && table.key().get(0).type() == KeyType.INTEGER) {
			boundaries = IntegerRanges.boundaries(connection, table, this.chunkRows);
		}
		if (boundaries == null) {
			boundaries = SampledBoundaries.boundaries(connection, table, this.chunkRows);
		}
		return fromBoundaries(table, boundaries);
	}

	/** Chunks between consecutive boundaries: the first open below, the last open above. */
	static List<Chunk> fromBoundaries(SourceTable table, List<Bound> boundaries) {
		if (boundaries.isEmpty()) {
			return List.of(whole(table));
		}
		int count = boundaries.size() + 1;
		long rows = table.rowsEstimate() / count;
		long bytes = table.bytesEstimate() / count;
		List<Chunk> chunks = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Bound lower = (i == 0) ? null : boundaries.get(i - 1);
			Bound upper = (i == count - 1) ? null : boundaries.get(i);
			chunks.add(new Chunk(table.database(), table.table(), i, table.key(), lower, upper, rows, bytes));
		}
		return chunks;
	}

	private static Chunk whole(SourceTable table) {
		return new Chunk(table.database(), table.table(), 0, List.of(), null, null, table.rowsEstimate(),
				table.bytesEstimate());
	}

	/** {@code ceil(a / b)} for positive numbers. */
	static BigInteger ceilDiv(BigInteger a, BigInteger b) {
		BigInteger[] qr = a.divideAndRemainder(b);
		return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
	}

}
