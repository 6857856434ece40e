package dev.ferry.engine.format;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ferry.engine.FidelityFixture;
import dev.ferry.engine.sink.LocalDirectorySink;
import dev.ferry.engine.sink.StoredFile;

import static org.assertj.core.api.Assertions.assertThat;

/** The object files of a database, read from a real MariaDB (the round trip itself is in the fidelity tests). */
class SchemaFilesIntegrationTests {

	static final String PREFIX = FidelityFixture.prefix("format_schema");

	static final String SHOP = PREFIX + "_shop";

	static final String EMPTY = PREFIX + "_empty";

	@TempDir
	Path directory;

	@BeforeAll
	static void databases() throws SQLException {
		try (Connection connection = FidelityFixture.connect(FidelityFixture.sourcePort());
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + SHOP);
			statement.execute("CREATE DATABASE " + EMPTY);
			statement.execute("USE " + SHOP);
			statement.execute("CREATE TABLE orders (id INT PRIMARY KEY, at TIMESTAMP NOT NULL "
					+ "DEFAULT '2020-06-01 12:00:00')");
			statement.execute("CREATE VIEW big_orders AS SELECT id, at AS `when` FROM orders WHERE id > 10");
			statement.execute("CREATE SEQUENCE numbers START WITH 100 CACHE 5");
			statement.execute("SELECT NEXTVAL(numbers)");
			statement.execute("CREATE TRIGGER stamp BEFORE INSERT ON orders FOR EACH ROW SET NEW.id = NEW.id + 0");
		}
	}

	@AfterAll
	static void drop() throws SQLException {
		FidelityFixture.drop(FidelityFixture.sourcePort(), PREFIX);
	}

	@Test
	void aDatabaseWithATableAViewATriggerAndASequence() throws Exception {
		SchemaFiles.Written written;
		try (Connection connection = FidelityFixture.connect(FidelityFixture.sourcePort())) {
			written = new SchemaFiles(new LocalDirectorySink(this.directory, false), new FileNames()).write(connection,
					SHOP);
		}

		assertThat(written.tables()).containsExactly("orders");
		assertThat(written.files()).extracting(StoredFile::name)
			.containsExactlyInAnyOrder(SHOP + "-schema-create.sql", SHOP + ".orders-schema.sql",
					SHOP + ".big_orders-schema.sql", SHOP + ".big_orders-schema-view.sql",
					SHOP + ".numbers-schema-sequence.sql", SHOP + ".orders-schema-triggers.sql");
		assertThat(read(SHOP + ".orders-schema.sql")).startsWith(SchemaFiles.TABLE_HEADER)
			.contains("DEFAULT '2020-06-01 12:00:00'"); // UTC, as the file's TIME_ZONE says
		assertThat(read(SHOP + ".big_orders-schema.sql"))
			.isEqualTo("/*!40101 SET NAMES utf8mb4*/;\nCREATE TABLE `big_orders`(\n`id` int,\n`when` int\n)ENGINE=MyISAM;\n");
		assertThat(read(SHOP + ".big_orders-schema-view.sql")).contains("DROP TABLE IF EXISTS `big_orders`;\n")
			.contains("VIEW `big_orders` AS select `orders`.`id` AS `id`")
			.doesNotContain(SHOP);
		assertThat(read(SHOP + ".numbers-schema-sequence.sql")).endsWith("CREATE SEQUENCE `numbers` start with 100 "
				+ "minvalue 1 maxvalue 9223372036854775806 increment by 1 cache 5 nocycle ENGINE=InnoDB;\n"
				+ "DO SETVAL(`numbers`, 105, 0, 0);\n");
		for (StoredFile file : written.files()) {
			byte[] bytes = Files.readAllBytes(this.directory.resolve(file.name()));
			assertThat(DumpLoader.statements(Path.of(file.name()), bytes)).isNotEmpty();
			assertThat(file.size()).isEqualTo(bytes.length);
		}
	}

	@Test
	void theSessionIsPutBack() throws Exception {
		try (Connection connection = FidelityFixture.connect(FidelityFixture.sourcePort());
				Statement statement = connection.createStatement()) {
			statement.execute("USE " + EMPTY);
			statement.execute("SET SESSION time_zone = '+05:00', sql_mode = 'ANSI_QUOTES'");

			new SchemaFiles(new LocalDirectorySink(this.directory, false), new FileNames()).write(connection, SHOP);

			try (ResultSet rs = statement.executeQuery("SELECT @@time_zone, @@sql_mode, DATABASE()")) {
				rs.next();
				assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
					.containsExactly("+05:00", "ANSI_QUOTES", EMPTY);
			}
		}
	}

	@Test
	void aDatabaseWithNoTableGetsThePlaceholderThatMakesMyloaderCreateIt() throws Exception {
		SchemaFiles.Written written;
		try (Connection connection = FidelityFixture.connect(FidelityFixture.sourcePort())) {
			written = new SchemaFiles(new LocalDirectorySink(this.directory, false), new FileNames()).write(connection,
					EMPTY);
		}

		assertThat(written.tables()).isEmpty();
		try (Stream<Path> files = Files.list(this.directory)) {
			assertThat(files.map((file) -> file.getFileName().toString()))
				.containsExactlyInAnyOrder(EMPTY + "-schema-create.sql", EMPTY + ".-schema.sql-schema-trigger.sql");
		}
		assertThat(read(EMPTY + "-schema-create.sql")).startsWith("/*!40101 SET NAMES utf8mb4*/;\nCREATE DATABASE `"
				+ EMPTY + "`");
		assertThat(read(EMPTY + ".-schema.sql-schema-trigger.sql")).isEqualTo(FileNames.PLACEHOLDER_TEXT);
	}

	private String read(String name) throws Exception {
		return Files.readString(this.directory.resolve(name));
	}

}
