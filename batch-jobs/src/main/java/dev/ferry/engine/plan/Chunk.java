package dev.ferry.engine.plan;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One chunk of a table: the rows whose key is at least {@code lower} (no lower limit when null) and below
 * {@code upper} (no upper limit when null). The chunks of a table share their bounds, the first has no lower and the
 * last no upper one, so together they hold every row exactly once, also rows inserted after the plan was made.
 * @param index the chunk's number within its table (its file's {@code NNNNN}), from 0
 * @param key the key columns the bounds are on; empty for a table read whole
 * @param rowsEstimate rows expected, from the server's statistics
 * @param bytesEstimate bytes expected, from the server's statistics
 */
public record Chunk(String database, String table, int index, List<KeyColumn> key, @Nullable Bound lower,
		@Nullable Bound upper, long rowsEstimate, long bytesEstimate) {

	public Chunk {
		key = List.copyOf(key);
	}

	/** True when the chunk is the whole table (no bounds). */
	public boolean whole() {
		return this.lower == null && this.upper == null;
	}

}
