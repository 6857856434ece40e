package dev.ferry.transfer;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterConnector;

/**
 * What an export takes, read from the source before the dump: the databases with at least one selected table, and
 * for a database only partly selected, a mydumper {@code --regex} naming exactly its selected tables and views.
 * @param databases databases to dump, in order
 * @param tableRegex per database: null for all its tables, else the regex
 * @param tables selected base tables (for the progress bar)
 * @param refused why selected databases and tables cannot be exported by the mysql chain (empty when all can)
 * @param bytes the selected base tables' size by the server's statistics (see {@link #size})
 * @param expectedRows the selected base tables' rows by the server's statistics, by {@code db.table} (for progress)
 */
record SourceInventory(List<String> databases, List<@Nullable String> tableRegex, int tables, List<String> refused,
		long bytes, Map<String, Long> expectedRows) {

	SourceInventory(List<String> databases, List<@Nullable String> tableRegex, int tables, List<String> refused,
			long bytes) {
		this(databases, tableRegex, tables, refused, bytes, Map.of());
	}

	private static final String SELECTABLE = """
			SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, AVG_ROW_LENGTH, TABLE_ROWS, DATA_LENGTH
			FROM information_schema.TABLES
			WHERE TABLE_SCHEMA NOT IN ('mysql', 'sys', 'information_schema', 'performance_schema', 'metrics_schema',
			 'inspection_schema')
			ORDER BY TABLE_SCHEMA, TABLE_NAME""";

	private static final String WITH_TRIGGERS = """
			SELECT DISTINCT EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS
			WHERE EVENT_OBJECT_SCHEMA NOT IN ('mysql', 'sys', 'information_schema', 'performance_schema',
			 'metrics_schema', 'inspection_schema')""";

	static SourceInventory read(Cluster cluster, String user, String password, TableFilter filter)
			throws SQLException {
		Map<String, List<String>> selected = new LinkedHashMap<>();
		Map<String, Integer> all = new LinkedHashMap<>();
		Map<String, Set<String>> withTriggers = new HashMap<>();
		int baseTables = 0;
		long bytes = 0;
		Map<String, Long> expectedRows = new HashMap<>();
		try (var connection = ClusterConnector.open(cluster, user, password);
				var statement = connection.createStatement()) {
			try (var rs = statement.executeQuery(SELECTABLE)) {
				while (rs.next()) {
					String db = rs.getString(1);
					String table = rs.getString(2);
					all.merge(db, 1, Integer::sum);
					if (filter.matches(db, table)) {
						selected.computeIfAbsent(db, (k) -> new ArrayList<>()).add(table);
						if ("BASE TABLE".equals(rs.getString(3))) {
							baseTables++;
							bytes = saturatedAdd(bytes, size(rs.getLong(4), rs.getLong(5), rs.getLong(6)));
							expectedRows.put(db + "." + table, Math.max(0, rs.getLong(5)));
						}
					}
				}
			}
			try (var rs = statement.executeQuery(WITH_TRIGGERS)) {
				while (rs.next()) {
					withTriggers.computeIfAbsent(rs.getString(1), (k) -> new HashSet<>()).add(rs.getString(2));
				}
			}
		}
		List<String> databases = new ArrayList<>(selected.keySet());
		List<@Nullable String> regex = new ArrayList<>();
		List<String> refused = new ArrayList<>();
		for (String db : databases) {
			List<String> tables = selected.get(db);
			regex.add(tables.size() == all.get(db) ? null : regex(db, tables));
			addIfNotNull(refused, MydumperNames.databaseProblem(db));
			Set<String> triggered = withTriggers.getOrDefault(db, Set.of());
			for (String table : tables) {
				String problem = MydumperNames.tableProblem(db, table);
				addIfNotNull(refused, problem != null ? problem : MydumperNames.triggerProblem(db, table, triggered));
			}
		}
		return new SourceInventory(databases, regex, baseTables, List.copyOf(refused), bytes, expectedRows);
	}

	private static long saturatedAdd(long a, long b) {
		long sum = a + b;
		return (sum < 0) ? Long.MAX_VALUE : sum;
	}

	/**
	 * A table's size as a dump: average row length × rows where the server knows both (closer to the rows' own size
	 * than the pages they fill), else its data length; never negative (NULL reads as 0).
	 */
	static long size(long averageRowLength, long rows, long dataLength) {
		if (averageRowLength > 0 && rows > 0) {
			return (rows > Long.MAX_VALUE / averageRowLength) ? Long.MAX_VALUE : averageRowLength * rows;
		}
		return Math.max(0, dataLength);
	}

	/** The pre-check's refusal, naming every database and table the mysql chain cannot export; null if none. */
	@Nullable String refusal() {
		if (this.refused.isEmpty()) {
			return null;
		}
		return "the mysql tool chain (mydumper/myloader 0.10) cannot export these names: "
				+ String.join("; ", this.refused)
				+ ". Exclude them with a filter rule (!db.table or !db.*) or rename them";
	}

	private static void addIfNotNull(List<String> list, @Nullable String value) {
		if (value != null) {
			list.add(value);
		}
	}

	/** {@code ^db\.(t1|t2)$} with every name quoted, for mydumper's PCRE {@code --regex} on {@code db.table}. */
	static String regex(String database, List<String> tables) {
		StringBuilder regex = new StringBuilder("^").append(Pattern.quote(database)).append("\\.(");
		for (int i = 0; i < tables.size(); i++) {
			regex.append(i == 0 ? "" : "|").append(Pattern.quote(tables.get(i)));
		}
		return regex.append(")$").toString();
	}

}
