package dev.ferry.engine.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ferry.engine.FidelityFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The encoders over rows of a real MariaDB: exact output, statements under the size limit, row counts. */
class ChunkEncoderIntegrationTests {

	static final String DB = FidelityFixture.prefix("format_enc");

	static Connection connection;

	@BeforeAll
	static void table() throws SQLException {
		connection = FidelityFixture.connect(FidelityFixture.sourcePort());
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + DB);
			statement.execute("USE " + DB);
			statement.execute("SET SESSION sql_mode = '', time_zone = '+00:00'");
			statement.execute("CREATE TABLE " + DB + ".mixed (id INT PRIMARY KEY, s VARCHAR(20), b VARBINARY(10), "
					+ "l VARCHAR(5) CHARACTER SET latin1, d DATETIME(3), f FLOAT, e ENUM('', 'x'), "
					+ "g INT AS (id + 1) VIRTUAL, h INT INVISIBLE)");
			statement.execute("INSERT INTO " + DB + ".mixed (id, s, b, l, d, f, e, h) VALUES "
					+ "(1, 'a''b\\\\c\\nd', 0x00FF27, 'é', '2024-01-02 03:04:05.006', 0.1, '', 9), "
					+ "(2, NULL, '', NULL, '0000-00-00 00:00:00', NULL, 'x', NULL), "
					+ "(3, '\"quoted\", comma', NULL, '', NULL, -1.5, 0, 0)");
			statement.execute("CREATE TABLE " + DB + ".many (id INT PRIMARY KEY, v VARCHAR(100))");
			statement.execute("INSERT INTO " + DB + ".many SELECT seq, REPEAT('x', seq % 50) FROM seq_1_to_2000");
			statement.execute("CREATE TABLE " + DB + ".sized (id INT PRIMARY KEY, v LONGTEXT)");
			statement.execute("INSERT INTO " + DB + ".sized VALUES (1, 'small'), (2, REPEAT('b', 975)), (3, 'small'),"
					+ " (4, REPEAT('c', 2000))");
			statement.execute("CREATE TABLE " + DB + ".empty (id INT)");
		}
		ReadSession.prepare(connection);
	}

	@AfterAll
	static void drop() throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE " + DB);
		}
		connection.close();
	}

	@Test
	void sqlIsExactUtf8WithEachRowOnItsLine() throws Exception {
		Encoded sql = encode(FileType.SQL, "mixed", new EncoderOptions(1024), Integer.MAX_VALUE);

		assertThat(sql.text()).isEqualTo(SqlChunkEncoder.HEADER + """
				INSERT INTO `mixed` (`id`,`s`,`b`,`l`,`d`,`f`,`e`,`h`) VALUES
				(1,'a\\'b\\\\c\\nd',0x00FF27,_latin1 0xE9,'2024-01-02 03:04:05.006',0.10000000149011612,1,9),
				(2,NULL,'',NULL,'0000-00-00 00:00:00.000',NULL,2,NULL),
				(3,'"quoted", comma',NULL,'',NULL,-1.5,0,0);
				""");
		assertThat(sql.rows()).isEqualTo(3);
		assertThat(sql.bytes()).isEqualTo(sql.output().length);
	}

	@Test
	void csvIsTheRawBytesWithAHeader() throws Exception {
		Encoded csv = encode(FileType.CSV, "mixed", EncoderOptions.DEFAULTS, Integer.MAX_VALUE);

		byte[] expected = ("\"id\",\"s\",\"b\",\"l\",\"d\",\"f\",\"e\",\"h\"\n"
				+ "1,\"a'b\\\\c\\nd\",\"\\0\u00ff'\",\"\u00e9\",\"2024-01-02 03:04:05.006\",0.10000000149011612,1,9\n"
				+ "2,\\N,\"\",\\N,\"0000-00-00 00:00:00.000\",\\N,2,\\N\n"
				+ "3,\"\\\"quoted\\\", comma\",\\N,\"\",\\N,-1.5,0,0\n").getBytes(StandardCharsets.ISO_8859_1);
		assertThat(csv.output()).isEqualTo(expected);
		assertThat(csv.rows()).isEqualTo(3);
		assertThat(csv.bytes()).isEqualTo(expected.length);
	}

	@Test
	void statementsStayUnderTheLimit() throws Exception {
		Encoded sql = encode(FileType.SQL, "many", new EncoderOptions(1024), Integer.MAX_VALUE);

		List<String> statements = DumpLoader.statements(Path.of("many"), sql.output());
		List<String> inserts = statements.stream().filter((s) -> s.startsWith("INSERT")).toList();
		assertThat(inserts).hasSizeGreaterThan(50);
		assertThat(inserts).allSatisfy((s) -> assertThat(s.getBytes(StandardCharsets.UTF_8).length + 2)
			.isLessThanOrEqualTo(1024));
		assertThat(inserts.get(0).getBytes(StandardCharsets.UTF_8).length + 2).isGreaterThan(1024 - 60);
		assertThat(sql.text().lines().filter((line) -> line.startsWith("(")).count()).isEqualTo(2000);
		assertThat(sql.rows()).isEqualTo(2000);
	}

	/** Row 2 (981 bytes) fits in a statement of its own (1020 bytes), not with row 1 or row 3. */
	@Test
	void aRowThatFitsOnlyAloneGetsAStatementOfItsOwn() throws Exception {
		Encoded sql = encode(FileType.SQL, "sized", new EncoderOptions(1024), 3);

		List<String> inserts = DumpLoader.statements(Path.of("sized"), sql.output())
			.stream()
			.filter((s) -> s.startsWith("INSERT"))
			.toList();
		assertThat(inserts).hasSize(3);
		assertThat(inserts.get(0)).endsWith("(1,'small')");
		assertThat(inserts.get(1)).contains("(2,'bbb").doesNotContain("(3,");
		assertThat(inserts.get(2)).endsWith("(3,'small')");
	}

	@Test
	void aRowTooBigForAnyStatementFailsNamingTheTableAndTheLimit() {
		assertThatThrownBy(() -> encode(FileType.SQL, "sized", new EncoderOptions(1024), 4))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageStartingWith("a row of `" + DB + "`.`sized` needs a statement of 2046 bytes, more than the "
					+ "limit of 1024 bytes");
	}

	@Test
	void aRowAboveTheGroupingSizeButUnderTheLimitGoesAlone() throws Exception {
		Encoded sql = encode(FileType.SQL, "sized", new EncoderOptions(1024, 4096), 4);

		List<String> inserts = DumpLoader.statements(Path.of("sized"), sql.output())
			.stream()
			.filter((s) -> s.startsWith("INSERT"))
			.toList();
		assertThat(inserts).hasSize(4);
		assertThat(inserts.get(3)).contains("(4,'ccc").hasSize(2044);
		assertThat(EncoderOptions.DEFAULTS).isEqualTo(new EncoderOptions(1_000_000, 1L << 30));
		assertThatThrownBy(() -> new EncoderOptions(4096, 1024)).hasMessage("maxStatementBytes (1024) must be at "
				+ "least statementBytes (4096)");
	}

	@Test
	void anEmptyChunkHoldsItsHeaderAndTheStreamStaysOpen() throws Exception {
		for (FileType type : FileType.values()) {
			ClosingWatch out = new ClosingWatch();
			TableShape shape = TableShape.read(connection, DB, "empty");
			try (ChunkEncoder encoder = ChunkEncoder.open(type, shape, out, EncoderOptions.DEFAULTS)) {
				encoder.finish();
				encoder.finish();
				assertThat(encoder.rows()).isZero();
				assertThat(encoder.bytes()).isEqualTo(out.size());
			}
			assertThat(out.closed).isFalse();
			assertThat(out.toString(StandardCharsets.UTF_8))
				.isEqualTo(type == FileType.SQL ? SqlChunkEncoder.HEADER : "\"id\"\n");
		}
	}

	private static Encoded encode(FileType type, String table, EncoderOptions options, int rows) throws Exception {
		TableShape shape = TableShape.read(connection, DB, table);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT " + shape.selectList() + " FROM "
						+ shape.qualifiedName() + " ORDER BY 1 LIMIT " + rows);
				ChunkEncoder encoder = ChunkEncoder.open(type, shape, out, options)) {
			while (rs.next()) {
				encoder.row(rs);
			}
			encoder.finish();
			return new Encoded(out.toByteArray(), encoder.rows(), encoder.bytes());
		}
	}

	record Encoded(byte[] output, long rows, long bytes) {

		String text() {
			return new String(this.output, StandardCharsets.UTF_8);
		}

	}

	static final class ClosingWatch extends ByteArrayOutputStream {

		boolean closed;

		@Override
		public void close() throws IOException {
			this.closed = true;
		}

	}

}
