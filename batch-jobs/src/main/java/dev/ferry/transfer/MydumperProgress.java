package dev.ferry.transfer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.ferry.record.ProgressContext;
import dev.ferry.storage.DirectoryStats;

/**
 * How far one mysql-chain dump is (one per step execution, across its mydumper runs). Tables are done when mydumper's
 * {@code -v 3} log shows their thread moved on ({@link ToolLogThreads}); rows are those the manifest scan has counted
 * in the files so far; the rows expected are the source's statistics per table ({@code information_schema.TABLES}),
 * replaced by the rows seen once a table is done, and raised by a tenth above the rows seen while a table holds more
 * than its statistics said. Percent and ETA follow the rows ({@link ProgressContext#estimate}).
 */
final class MydumperProgress {

	private static final String DATA_JOB = "dumping data for ";

	/** What a table still running beyond its statistics is expected to hold more. */
	private static final double BEYOND_STATISTICS = 1.1;

	private final ToolLogThreads threads;

	private final Map<String, Long> expected;

	private final int tables;

	/**
	 * @param logOffset where this attempt's lines start in the log
	 * @param expected rows by {@code db.table} (the selected base tables)
	 */
	MydumperProgress(long logOffset, Map<String, Long> expected) {
		this.threads = new ToolLogThreads(DATA_JOB, logOffset);
		this.expected = Map.copyOf(expected);
		this.tables = expected.size();
	}

	/**
	 * Reads the log's new lines and records the counts.
	 * @param rowsSoFar rows counted so far in the dump's files, by {@code db.table}
	 */
	void update(ExecutionContext context, Path log, Path data, long startedAtMillis, Map<String, Long> rowsSoFar) {
		this.threads.read(log);
		Set<String> finished = tableNames(this.threads.done());
		long rows = 0;
		long total = 0;
		Map<String, Long> expected = new HashMap<>(this.expected);
		rowsSoFar.keySet().forEach((table) -> expected.putIfAbsent(table, 0L));
		for (Map.Entry<String, Long> table : expected.entrySet()) {
			long seen = rowsSoFar.getOrDefault(table.getKey(), 0L);
			rows += seen;
			total += finished.contains(table.getKey()) ? seen
					: (seen < table.getValue()) ? table.getValue() : (long) Math.ceil(seen * BEYOND_STATISTICS);
		}
		DirectoryStats stats = DirectoryStats.of(data);
		long now = System.currentTimeMillis();
		long elapsed = Math.max(1, now - startedAtMillis);
		int tablesDone = Math.min(this.tables, finished.size());
		context.putString(ProgressContext.PHASE, "dumping");
		context.putLong(ProgressContext.BYTES, stats.bytes());
		context.putLong(ProgressContext.FILES, stats.files());
		context.putLong(ProgressContext.TABLES_DONE, tablesDone);
		context.putLong(ProgressContext.TABLES_TOTAL, this.tables);
		context.putLong(ProgressContext.ROWS, rows);
		context.putLong(ProgressContext.ROWS_TOTAL, total);
		context.putLong(ProgressContext.BYTES_PER_SECOND, stats.bytes() * 1000 / elapsed);
		context.putLong(ProgressContext.UPDATED_AT, now);
		if (total > 0) {
			ProgressContext.estimate(context, rows, total, elapsed);
		}
		else { // nothing but empty tables, as far as the statistics know
			ProgressContext.estimate(context, tablesDone, this.tables, elapsed);
		}
	}

	/** {@code db.table} of mydumper's {@code `db`.`table`} (the mysql chain refuses names with a backtick). */
	private static Set<String> tableNames(Set<String> logged) {
		Set<String> names = new java.util.HashSet<>();
		for (String item : logged) {
			int split = item.indexOf("`.`");
			if (item.startsWith("`") && item.endsWith("`") && split > 0) {
				names.add(item.substring(1, split) + "." + item.substring(split + 3, item.length() - 1));
			}
		}
		return names;
	}

}
