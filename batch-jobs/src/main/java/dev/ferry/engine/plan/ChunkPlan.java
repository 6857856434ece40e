package dev.ferry.engine.plan;

import java.util.List;

/**
 * What an export reads: the selected databases (their schema is written whatever their tables), the selected base
 * tables and their chunks, in order.
 */
public record ChunkPlan(List<String> databases, List<SourceTable> tables, List<Chunk> chunks) {

	public ChunkPlan {
		databases = List.copyOf(databases);
		tables = List.copyOf(tables);
		chunks = List.copyOf(chunks);
	}

	public long rowsEstimate() {
		return this.tables.stream().mapToLong(SourceTable::rowsEstimate).sum();
	}

	public long bytesEstimate() {
		return this.tables.stream().mapToLong(SourceTable::bytesEstimate).reduce(0, ChunkPlan::saturatedAdd);
	}

	private static long saturatedAdd(long a, long b) {
		long sum = a + b;
		return (sum < 0) ? Long.MAX_VALUE : sum;
	}

}
