package dev.ferry.files;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A native export re-imported on the mysql chain ({@code POST /api/v1/clusters/import} with its {@code recordId})
 * passes the dump inspector and loads with myloader 0.10: a trigger and a procedure whose bodies have lines ending in
 * {@code ;} (carried in {@code @ferry_ddl}), a sequence, a view, a table with a non-ASCII name. A native export whose
 * trigger file was made to carry something else is refused before anything runs.
 */
class NativeReimportFunctionalTests extends FunctionalTest {

	static final String DB = TestDatabases.uniqueName("inspect_re");

	static final String TRIGGER = "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW\nBEGIN\n"
			+ "  SET NEW.note = CONCAT(NEW.note, ';\n');\n  SET NEW.total = 0;\nEND";

	@BeforeAll
	static void createSource() throws Exception {
		TestDatabases.execute(TestDatabases.sourcePort(), "CREATE DATABASE " + DB, "USE " + DB,
				"CREATE TABLE t (id INT PRIMARY KEY, note VARCHAR(80), total INT) CHARACTER SET utf8mb4",
				"INSERT INTO t SELECT seq, CONCAT('it''s \\\\ \"', seq, '\";\\n'), seq FROM seq_1_to_2000",
				"CREATE TABLE `tä` (id INT PRIMARY KEY, l VARCHAR(10) CHARACTER SET latin1)",
				"INSERT INTO `tä` VALUES (1, 'é'), (2, NULL)", TRIGGER,
				"CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 'two;\n';\nEND",
				"CREATE SEQUENCE s START WITH 5 INCREMENT BY 3", "SELECT NEXTVAL(s), NEXTVAL(s)",
				"CREATE VIEW v AS SELECT id, note FROM t WHERE id < 10");
	}

	@AfterAll
	static void dropSource() throws Exception {
		TestDatabases.execute(TestDatabases.sourcePort(), "DROP DATABASE IF EXISTS " + DB);
	}

	@AfterEach
	void dropTarget() throws Exception {
		TestDatabases.execute(TestDatabases.targetPort(), "DROP DATABASE IF EXISTS " + DB);
	}

	@ParameterizedTest
	@ValueSource(strings = { "none", "gzip" })
	void aNativeExportReimportsOnTheMysqlChain(String compression) throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("nat"), TestDatabases.sourcePort(), "root", "");
		String target = registerCluster(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root", "");
		JsonNode export = nativeExport(source, compression);

		JsonNode imported = endedImport(target, export.path("recordId").asString(), false);

		assertThat(imported.path("status").asString()).as(imported.toString()).isEqualTo("Finished");
		assertThat(TestDatabases.checksums(TestDatabases.targetPort(), DB))
			.isEqualTo(TestDatabases.checksums(TestDatabases.sourcePort(), DB))
			.containsKeys("t", "tä");
		for (String object : List.of("TRIGGER tr", "PROCEDURE p", "VIEW v", "SEQUENCE s")) {
			assertThat(showCreate(TestDatabases.targetPort(), object)).as(object)
				.isEqualTo(showCreate(TestDatabases.sourcePort(), object));
		}
		assertThat(showCreate(TestDatabases.targetPort(), "TRIGGER tr").get(1)).as("the body byte for byte")
			.endsWith(TRIGGER.substring(TRIGGER.indexOf(" FOR EACH ROW")));
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT NEXTVAL(" + DB + ".s)"))
			.as("the sequence goes on from where it was").isGreaterThanOrEqualTo(11);
	}

	@Test
	void aNativeExportWhoseTriggerFileCarriesSomethingElseIsRefused() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("nat"), TestDatabases.sourcePort(), "root", "");
		String target = registerCluster(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root", "");
		JsonNode export = nativeExport(source, "none");
		Path data = Path.of(export.path("filePath").asString());
		Path triggers = data.resolve(DB + ".t-schema-triggers.sql");
		long statements = Files.readString(triggers).lines().count();
		Files.writeString(triggers, "SET @ferry_ddl = _binary'DROP DATABASE mysql';\nEXECUTE IMMEDIATE @ferry_ddl;\n",
				StandardCharsets.UTF_8, StandardOpenOption.APPEND);

		var refused = this.api.post("/api/v1/clusters/import",
				Map.of("clusterId", target, "recordId", export.path("recordId").asString()));

		assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400);
		assertThat(refused.message()).startsWith("dump refused: " + DB + ".t-schema-triggers.sql, statement "
				+ (statements + 2) + " (line " + (statements + 2) + ") \"EXECUTE IMMEDIATE @ferry_ddl\": the statement"
				+ " in @ferry_ddl (set at statement " + (statements + 1) + ", line " + (statements + 1)
				+ ") \"DROP DATABASE mysql\": only a CREATE statement");
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM information_schema.SCHEMATA"
				+ " WHERE SCHEMA_NAME = '" + DB + "'")).isZero();
	}

	private JsonNode nativeExport(String clusterId, String compression) throws InterruptedException {
		var started = this.api.post("/api/v1/clusters/export", Map.of("clusterId", clusterId, "storageType", "nfs",
				"fileType", "sql", "filter", DB + ".*", "toolChain", "native", "compression", compression));
		assertThat(started.code()).as(started.body().toString()).isZero();
		JsonNode record = this.api.awaitRecord(started.data().path("recordId").asString(), Duration.ofMinutes(3));
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		return record;
	}

	/** The columns of {@code SHOW CREATE <object>} that hold the statement and its settings. */
	private static List<String> showCreate(int port, String object) throws SQLException {
		String[] kind = object.split(" ");
		try (Connection connection = TestDatabases.root(port); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SHOW CREATE " + kind[0] + " " + DB + "." + kind[1])) {
			rs.next();
			List<String> columns = new ArrayList<>();
			for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
				if (!rs.getMetaData().getColumnLabel(i).equals("Created")) {
					columns.add(rs.getString(i));
				}
			}
			return columns;
		}
	}

}
