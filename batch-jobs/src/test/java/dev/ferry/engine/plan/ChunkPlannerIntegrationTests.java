package dev.ferry.engine.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ferry.cluster.SqlNames;
import dev.ferry.engine.support.SourceServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chunk planner against the real {@code source} MariaDB, with adversarial keys: every row of a table must be in
 * exactly one chunk, read back through each chunk's own predicate.
 */
class ChunkPlannerIntegrationTests {

	static final String DB = SourceServer.uniqueName("job_plan");

	static final String EMPTY_DB = DB + "_empty";

	static final String VIEWS_DB = DB + "_views";

	static final TableSelection ALL_OF_THESE = new TableSelection() {

		@Override
		public boolean selects(String database, String table) {
			return database.startsWith(DB) && !table.equals("skipped");
		}

		@Override
		public boolean selectsEmptyDatabase(String database) {
			return database.startsWith(DB);
		}

		@Override
		public boolean mayHaveTablesIn(String database) {
			return database.startsWith(DB);
		}

	};

	@BeforeAll
	static void createTables() throws SQLException {
		SourceServer.execute("CREATE DATABASE " + DB, "USE " + DB, "CREATE DATABASE " + EMPTY_DB, "CREATE DATABASE " + VIEWS_DB,
				"CREATE VIEW " + VIEWS_DB + ".v AS SELECT 1 AS one",
				"CREATE TABLE " + DB + ".dense (id INT PRIMARY KEY, v VARCHAR(10))",
				"INSERT INTO " + DB + ".dense SELECT seq, 'x' FROM seq_1_to_1000",
				"CREATE TABLE " + DB + ".negative_gaps (id BIGINT PRIMARY KEY)",
				"INSERT INTO " + DB + ".negative_gaps SELECT CAST(seq AS SIGNED) * 7 - 4000 FROM seq_1_to_1000",
				"INSERT INTO " + DB + ".negative_gaps VALUES (-9223372036854775808), (9223372036854775807)",
				"CREATE TABLE " + DB + ".unsigned_max (id BIGINT UNSIGNED PRIMARY KEY)",
				"INSERT INTO " + DB + ".unsigned_max SELECT seq FROM seq_0_to_600",
				"INSERT INTO " + DB + ".unsigned_max VALUES (18446744073709551615), (18446744073709551614), "
						+ "(9223372036854775808)",
				"CREATE TABLE " + DB + ".composite (name VARCHAR(20) COLLATE utf8mb4_general_ci, n INT, "
						+ "PRIMARY KEY (name, n)) CHARACTER SET utf8mb4",
				"INSERT INTO " + DB + ".composite SELECT ELT(1 + seq % 6, '', 'a', 'B', 'b ', 'Zoë', '🚀'), seq "
						+ "FROM seq_1_to_900",
				"CREATE TABLE " + DB + ".binary_key (k VARBINARY(4) PRIMARY KEY)",
				"INSERT INTO " + DB + ".binary_key SELECT UNHEX(LPAD(HEX(seq), 4, '0')) FROM seq_0_to_699",
				"CREATE TABLE " + DB + ".temporal (t DATETIME(6) PRIMARY KEY, d DECIMAL(20,5) NOT NULL UNIQUE)",
				"INSERT INTO " + DB + ".temporal SELECT '2024-01-01' + INTERVAL seq * 1001 MICROSECOND, seq / 3 "
						+ "FROM seq_1_to_500",
				"CREATE TABLE " + DB + ".no_key (v INT)",
				"INSERT INTO " + DB + ".no_key SELECT seq FROM seq_1_to_500",
				"CREATE TABLE " + DB + ".nullable_unique (u INT NULL UNIQUE, v INT)",
				"INSERT INTO " + DB + ".nullable_unique SELECT seq, seq FROM seq_1_to_500",
				"CREATE TABLE " + DB + ".small (id INT PRIMARY KEY)", "INSERT INTO " + DB + ".small VALUES (1), (2)",
				"CREATE TABLE " + DB + ".skipped (id INT PRIMARY KEY)",
				"CREATE TABLE " + DB + ".aria_table (id INT PRIMARY KEY) ENGINE=Aria",
				"ANALYZE TABLE " + DB + ".dense, " + DB + ".negative_gaps, " + DB + ".unsigned_max, " + DB
						+ ".composite, " + DB + ".binary_key, " + DB + ".temporal, " + DB + ".no_key, " + DB
						+ ".nullable_unique");
	}

	@AfterAll
	static void dropDatabases() throws SQLException {
		SourceServer.execute("DROP DATABASE IF EXISTS " + DB, "DROP DATABASE IF EXISTS " + EMPTY_DB,
				"DROP DATABASE IF EXISTS " + VIEWS_DB);
	}

	@Test
	void databasesAreThoseWithSelectedObjectsAndEmptyOnesTakenWhole() throws SQLException {
		try (Connection connection = SourceServer.rootUtc()) {
			ChunkPlan plan = new ChunkPlanner(100).plan(connection, ALL_OF_THESE);

			assertThat(plan.databases()).containsExactly(DB, EMPTY_DB, VIEWS_DB);
			assertThat(plan.tables()).extracting(SourceTable::table)
				.containsExactly("aria_table", "binary_key", "composite", "dense", "negative_gaps", "no_key",
						"nullable_unique", "small", "temporal", "unsigned_max")
				.doesNotContain("skipped", "v");
			assertThat(plan.tables()).filteredOn((t) -> t.table().equals("aria_table"))
				.singleElement()
				.satisfies((t) -> assertThat(t.transactional()).isFalse());
			assertThat(plan.tables()).filteredOn((t) -> t.table().equals("dense"))
				.singleElement()
				.satisfies((t) -> assertThat(t.transactional()).isTrue());
		}
	}

	@Test
	void aDenseIntegerKeyIsSplitIntoEqualValueRanges() throws SQLException {
		List<Chunk> chunks = chunksOf("dense", 100);

		assertThat(chunks).hasSizeBetween(8, 12);
		assertThat(chunks.get(1).lower()).isNotNull();
		assertThat(chunks.get(1).lower().values().get(0)).matches("\\d+");
		assertEveryRowExactlyOnce("dense", chunks);
		for (Chunk chunk : chunks) {
			assertThat(count("dense", chunk)).isBetween(50L, 150L);
		}
	}

	@Test
	void negativeKeysWithGapsAndBothBigintExtremesLoseAndDoubleNothing() throws SQLException {
		List<Chunk> chunks = chunksOf("negative_gaps", 100);

		assertThat(chunks).hasSizeGreaterThan(5);
		assertEveryRowExactlyOnce("negative_gaps", chunks);
	}

	@Test
	void maxBigintUnsignedMakesTheKeySparseAndItIsSampledInstead() throws SQLException {
		List<Chunk> chunks = chunksOf("unsigned_max", 100);

		assertThat(chunks).hasSizeBetween(6, 8);
		assertEveryRowExactlyOnce("unsigned_max", chunks);
		for (Chunk chunk : chunks.subList(0, chunks.size() - 1)) {
			assertThat(count("unsigned_max", chunk)).as("sampled chunks are exact").isEqualTo(100);
		}
	}

	@Test
	void aCompositeKeyWithStringsInACaseInsensitiveCollationIsSplitByTuples() throws SQLException {
		List<Chunk> chunks = chunksOf("composite", 100);

		assertThat(chunks).hasSize(9);
		assertThat(chunks.get(3).key()).extracting(KeyColumn::type).containsExactly(KeyType.TEXT, KeyType.INTEGER);
		assertEveryRowExactlyOnce("composite", chunks);
	}

	@Test
	void binaryTemporalAndDecimalKeysAreSplitToo() throws SQLException {
		assertEveryRowExactlyOnce("binary_key", chunksOf("binary_key", 100));
		List<Chunk> temporal = chunksOf("temporal", 100);
		assertThat(temporal).hasSize(5);
		assertThat(temporal.get(0).key()).extracting(KeyColumn::type).containsExactly(KeyType.TEMPORAL);
		assertEveryRowExactlyOnce("temporal", temporal);
	}

	@Test
	void tablesWithoutAUsableKeyAndSmallTablesAreOneWholeChunk() throws SQLException {
		for (String table : List.of("no_key", "nullable_unique", "small")) {
			List<Chunk> chunks = chunksOf(table, 100);

			assertThat(chunks).as(table).singleElement().satisfies((chunk) -> {
				assertThat(chunk.whole()).isTrue();
				assertThat(ChunkPredicate.of(chunk).whereClause()).isEmpty();
			});
		}
	}

	@Test
	void rowsAddedAfterThePlanFallIntoTheOpenEndedChunks() throws SQLException {
		List<Chunk> chunks = chunksOf("dense", 100);
		SourceServer.execute("INSERT INTO " + DB + ".dense VALUES (-5, 'low'), (5000, 'high')");
		try {
			assertEveryRowExactlyOnce("dense", chunks);
			assertThat(keys("dense", chunks.get(0))).contains("-5");
			assertThat(keys("dense", chunks.get(chunks.size() - 1))).contains("5000");
		}
		finally {
			SourceServer.execute("DELETE FROM " + DB + ".dense WHERE id IN (-5, 5000)");
		}
	}

	private static List<Chunk> chunksOf(String table, long chunkRows) throws SQLException {
		try (Connection connection = SourceServer.rootUtc()) {
			SourceTable source = new ChunkPlanner(chunkRows).plan(connection, ALL_OF_THESE)
				.tables()
				.stream()
				.filter((t) -> t.table().equals(table))
				.findFirst()
				.orElseThrow();
			return new ChunkPlanner(chunkRows).chunks(connection, source);
		}
	}

	private static void assertEveryRowExactlyOnce(String table, List<Chunk> chunks) throws SQLException {
		List<String> seen = new ArrayList<>();
		for (Chunk chunk : chunks) {
			seen.addAll(keys(table, chunk));
		}
		Set<String> unique = new HashSet<>(seen);
		assertThat(unique).as("no row in two chunks").hasSameSizeAs(seen);
		assertThat(unique).as("every row in a chunk").isEqualTo(new HashSet<>(keys(table, wholeChunk(table))));
	}

	private static Chunk wholeChunk(String table) {
		return new Chunk(DB, table, 0, List.of(), null, null, 0, 0);
	}

	/** Every row of the chunk, as the text of its whole row (HEX for binary keys). */
	private static List<String> keys(String table, Chunk chunk) throws SQLException {
		ChunkPredicate predicate = ChunkPredicate.of(chunk);
		String select = switch (table) {
			case "binary_key" -> "HEX(k)";
			case "composite" -> "CONCAT(HEX(name), '/', n)";
			case "temporal" -> "CONCAT(t, '/', d)";
			default -> "id";
		};
		List<String> keys = new ArrayList<>();
		try (Connection connection = SourceServer.rootUtc();
				PreparedStatement statement = connection.prepareStatement(
						"SELECT " + select + " FROM " + SqlNames.qualified(DB, table) + predicate.whereClause())) {
			predicate.bind(statement, 1);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					keys.add(rs.getString(1));
				}
			}
		}
		return keys;
	}

	private static long count(String table, Chunk chunk) throws SQLException {
		return keys(table, chunk).size();
	}

}
