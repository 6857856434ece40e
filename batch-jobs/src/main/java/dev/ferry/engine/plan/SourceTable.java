package dev.ferry.engine.plan;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A selected base table as {@code information_schema} describes it.
 * @param engine the storage engine, null when the server does not say
 * @param rowsEstimate {@code TABLE_ROWS} (an estimate on InnoDB)
 * @param bytesEstimate the dump size estimate: average row length × rows, else the data length
 * @param key the columns it is chunked on (primary key, else a unique key of NOT NULL columns); empty if none fits
 */
public record SourceTable(String database, String table, @Nullable String engine, long rowsEstimate,
		long bytesEstimate, List<KeyColumn> key) {

	/** Engines whose reads take part in a consistent snapshot. */
	private static final Set<String> TRANSACTIONAL = Set.of("innodb", "xtradb", "rocksdb", "tokudb");

	public SourceTable {
		key = List.copyOf(key);
	}

	/** False for MyISAM, Aria, MEMORY, CSV…: their rows are read at their own time, outside the snapshot. */
	public boolean transactional() {
		return this.engine == null || TRANSACTIONAL.contains(this.engine.toLowerCase(Locale.ROOT));
	}

	public String qualifiedName() {
		return this.database + "." + this.table;
	}

}
