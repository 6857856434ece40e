package dev.ferry.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Database and table names with dots, spaces, quotes and backticks through export, re-import and verification with
 * the real mydumper/myloader 0.10. The source is a private MariaDB instance (names the tools cannot carry would break
 * other tests' whole-server exports on the shared one); the re-imports go to the shared {@code target} instance.
 * Names the tools carry round-trip with verification OK; the others are refused by the pre-check, named, before
 * anything starts.
 */
class NamesFunctionalTests extends FunctionalTest {

	static final int PRIVATE_PORT = 35120;

	static final Path INSTANCES = Path.of("target", "names-mariadb").toAbsolutePath();

	/** A space and a double quote in the database; a dot, a space and a double quote in tables and a view. */
	static final String CARRIED = TestDatabases.uniqueName("nm") + " sp\"q";

	/** A database whose tables have a slash, a backtick and a single quote, and one plain table. */
	static final String BAD_TABLES = TestDatabases.uniqueName("nmbad");

	static final String DOT_DB = TestDatabases.uniqueName("nm") + ".dot";

	static final String SLASH_DB = TestDatabases.uniqueName("nm") + "/sl";

	static final String QUOTE_DB = TestDatabases.uniqueName("nm") + "'q";

	static final String BACKTICK_DB = TestDatabases.uniqueName("nm") + "`b";

	private String sourceCluster;

	private String targetCluster;

	@BeforeAll
	static void startPrivateSource() throws Exception {
		instance("mariadb_start names " + PRIVATE_PORT);
		TestDatabases.execute(PRIVATE_PORT, "CREATE DATABASE " + q(CARRIED),
				"CREATE TABLE " + q(CARRIED, "t.2") + " (id INT PRIMARY KEY, v VARCHAR(20))",
				"INSERT INTO " + q(CARRIED, "t.2") + " VALUES (1, 'a.b'), (2, 'it''s'), (3, 'x \"y\"')",
				"CREATE TABLE " + q(CARRIED, "t sp") + " (id INT PRIMARY KEY)",
				"INSERT INTO " + q(CARRIED, "t sp") + " VALUES (1), (2)",
				"CREATE TABLE " + q(CARRIED, "t\"dq") + " (id INT PRIMARY KEY)",
				"INSERT INTO " + q(CARRIED, "t\"dq") + " VALUES (1), (2), (3), (4)",
				"CREATE TABLE " + q(CARRIED, "plain") + " (id INT PRIMARY KEY)",
				"INSERT INTO " + q(CARRIED, "plain") + " VALUES (1), (2), (3), (4), (5)",
				"CREATE VIEW " + q(CARRIED, "v.dot") + " AS SELECT id FROM " + q(CARRIED, "t.2") + " WHERE id > 1",
				"CREATE DATABASE " + q(BAD_TABLES),
				"CREATE TABLE " + q(BAD_TABLES, "a/b") + " (id INT PRIMARY KEY)",
				"CREATE TABLE " + q(BAD_TABLES, "t`bt") + " (id INT PRIMARY KEY)",
				"CREATE TABLE " + q(BAD_TABLES, "t'q") + " (id INT PRIMARY KEY)",
				"CREATE TABLE " + q(BAD_TABLES, "fine") + " (id INT PRIMARY KEY)",
				"INSERT INTO " + q(BAD_TABLES, "fine") + " VALUES (7)",
				"CREATE TABLE " + q(BAD_TABLES, "t_1") + " (id INT PRIMARY KEY)",
				"CREATE TABLE " + q(BAD_TABLES, "tx1") + " (id INT PRIMARY KEY)",
				"CREATE TRIGGER " + q(BAD_TABLES, "tx1_ins") + " BEFORE INSERT ON " + q(BAD_TABLES, "tx1")
						+ " FOR EACH ROW SET NEW.id = NEW.id + 1");
		for (String db : new String[] { DOT_DB, SLASH_DB, QUOTE_DB, BACKTICK_DB }) {
			TestDatabases.execute(PRIVATE_PORT, "CREATE DATABASE " + q(db),
					"CREATE TABLE " + q(db, "t1") + " (id INT PRIMARY KEY)", "INSERT INTO " + q(db, "t1") + " VALUES (1)");
		}
	}

	@AfterAll
	static void removeAll() throws Exception {
		TestDatabases.execute(TestDatabases.targetPort(), "DROP DATABASE IF EXISTS " + q(CARRIED),
				"DROP DATABASE IF EXISTS " + q(BAD_TABLES));
		instance("mariadb_reset names");
	}

	@BeforeEach
	void registerClusters() {
		this.sourceCluster = registerCluster(TestDatabases.uniqueName("names"), PRIVATE_PORT, "root", "");
		this.targetCluster = registerCluster(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root", "");
	}

	@Test
	void namesTheToolsCarryRoundTripWithVerification() throws Exception {
		JsonNode export = export(CARRIED + ".*");
		Path data = Path.of(export.path("filePath").asString());
		assertThat(data.resolve(CARRIED + ".t.2.sql")).exists();
		assertThat(Files.readString(data.resolve("manifest.json"))).contains("\"table\" : \"t.2\"")
			.contains("\"table\" : \"t\\\"dq\"")
			.doesNotContain("\"table\" : \"t\",")
			.doesNotContain("\"table\" : \"v.dot\"");

		JsonNode imported = importRecord(export.path("recordId").asString(), false);

		assertThat(imported.path("status").asString()).as(imported.toString()).isEqualTo("Finished");
		assertThat(imported.path("verification").asString())
			.isEqualTo("verified: 4 tables, 14 rows match the manifest");
		assertThat(TestDatabases.checksums(TestDatabases.targetPort(), CARRIED))
			.isEqualTo(TestDatabases.checksums(PRIVATE_PORT, CARRIED))
			.containsOnlyKeys("t.2", "t sp", "t\"dq", "plain");
		assertThat(count(TestDatabases.targetPort(), q(CARRIED, "v.dot"))).isEqualTo(2);

		// overwrite: myloader 0.10 would drop `t` (its name for `t.2`); Ferry drops exactly the dump's tables
		TestDatabases.execute(TestDatabases.targetPort(), "CREATE TABLE " + q(CARRIED, "t") + " (id INT PRIMARY KEY)",
				"INSERT INTO " + q(CARRIED, "t") + " VALUES (42)", "DELETE FROM " + q(CARRIED, "t sp"));
		JsonNode overwritten = importRecord(export.path("recordId").asString(), true);

		assertThat(overwritten.path("status").asString()).as(overwritten.toString()).isEqualTo("Finished");
		assertThat(overwritten.path("verification").asString())
			.isEqualTo("verified: 4 tables, 14 rows match the manifest");
		assertThat(count(TestDatabases.targetPort(), q(CARRIED, "t"))).as("a table not in the dump survives")
			.isEqualTo(1);
		assertThat(count(TestDatabases.targetPort(), q(CARRIED, "t sp"))).isEqualTo(2);
	}

	@Test
	void namesTheToolsCannotCarryAreRefusedBeforeLaunchNamingThem() {
		long before = total();
		Map<String, String[]> cases = Map.of(BAD_TABLES + ".*",
				new String[] { "table `" + BAD_TABLES + "`.`a/b` has a /", "table `" + BAD_TABLES + "`.`t``bt` has a backtick",
						"table `" + BAD_TABLES + "`.`t'q` has a '",
						"table `" + BAD_TABLES + "`.`t_1` would also take the triggers of `" + BAD_TABLES + "`.`tx1`" },
				DOT_DB.replace(".", "\\.") + ".*", new String[] { "database `" + DOT_DB + "` has a dot" },
				SLASH_DB + ".*", new String[] { "database `" + SLASH_DB + "` has a /" },
				QUOTE_DB + ".*", new String[] { "database `" + QUOTE_DB + "` has a '" },
				BACKTICK_DB + ".*", new String[] { "database `" + BACKTICK_DB.replace("`", "``") + "` has a backtick" });
		for (var entry : cases.entrySet()) {
			var refused = this.api.post("/api/v1/clusters/export", Map.of("clusterId", this.sourceCluster,
					"storageType", "nfs", "fileType", "sql", "filter", entry.getKey()));

			assertThat(refused.status()).as(entry.getKey() + ": " + refused.body()).isEqualTo(400);
			assertThat(refused.code()).isEqualTo(10001);
			assertThat(refused.message()).as(entry.getKey())
				.startsWith("the mysql tool chain (mydumper/myloader 0.10) cannot export these names: ")
				.contains(entry.getValue())
				.doesNotContain("fine")
				.doesNotContain(CARRIED);
		}
		var whole = this.api.post("/api/v1/clusters/export",
				Map.of("clusterId", this.sourceCluster, "storageType", "nfs", "fileType", "sql"));
		assertThat(whole.status()).isEqualTo(400);
		assertThat(whole.message()).contains("`a/b`", "`t``bt`", "`t'q`", DOT_DB, SLASH_DB, QUOTE_DB)
			.contains("Exclude them with a filter rule");
		assertThat(total()).as("nothing created").isEqualTo(before);
	}

	@Test
	void anExportWhoseFilterExcludesThoseNamesGoesAhead() throws Exception {
		String db = BAD_TABLES;

		JsonNode export = export(db + ".*;!" + db + ".a/b;!" + db + ".t`bt;!" + db + ".t'q;!" + db + ".t_1");

		Path data = Path.of(export.path("filePath").asString());
		String manifest = Files.readString(data.resolve("manifest.json"));
		assertThat(manifest).contains("\"table\" : \"fine\"").contains("\"rows\" : 1").doesNotContain("t'q");
		assertThat(data.resolve(db + ".tx1-schema-triggers.sql")).content().contains("tx1_ins");
	}

	@Test
	void aReImportOfAnOlderExportOfADatabaseWithADotIsRefusedNamingIt() throws Exception {
		// what Ferry wrote before the pre-check: mydumper's files of database `old.dot`
		JsonNode export = export(BAD_TABLES + ".fine");
		Path data = Path.of(export.path("filePath").asString());
		try (var files = Files.list(data)) {
			for (Path file : files.toList()) {
				String name = file.getFileName().toString();
				if (name.startsWith(BAD_TABLES)) {
					Files.move(file, data.resolve("old.dot" + name.substring(BAD_TABLES.length())));
				}
			}
		}
		assertThat(data.resolve("old.dot.fine-schema.sql")).exists();
		Path create = data.resolve("old.dot-schema-create.sql"); // mydumper writes the database's own name in it
		Files.writeString(create, Files.readString(create).replace("`" + BAD_TABLES + "`", "`old.dot`"));
		long before = total();

		var refused = this.api.post("/api/v1/clusters/import",
				Map.of("clusterId", this.targetCluster, "recordId", export.path("recordId").asString()));

		assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo(10001);
		assertThat(refused.message()).contains("cannot import databases whose name has a dot").endsWith("`old.dot`");
		assertThat(total()).as("nothing created").isEqualTo(before);
	}

	private JsonNode export(String filter) throws InterruptedException {
		return finishedExportRecord(this.sourceCluster, filter);
	}

	private JsonNode importRecord(String exportId, boolean overwrite) throws InterruptedException {
		return endedImport(this.targetCluster, exportId, overwrite);
	}

	private long total() {
		return recordTotal();
	}

	private static long count(int port, String qualified) throws SQLException {
		try (Connection connection = TestDatabases.root(port); Statement statement = connection.createStatement();
				var rs = statement.executeQuery("SELECT COUNT(*) FROM " + qualified)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static String q(String name) {
		return "`" + name.replace("`", "``") + "`";
	}

	private static String q(String database, String table) {
		return q(database) + "." + q(table);
	}

	/** Runs an {@code ops/lib/mariadb.sh} function for the private instance (under {@code target/}). */
	private static void instance(String call) throws IOException, InterruptedException {
		Path script = Path.of("..", "ops", "lib", "mariadb.sh").toAbsolutePath().normalize();
		Files.createDirectories(INSTANCES);
		ProcessBuilder builder = new ProcessBuilder("bash", "-c", "source \"$0\" && " + call, script.toString())
			.redirectErrorStream(true)
			.redirectOutput(INSTANCES.resolve("instance.log").toFile());
		builder.environment().put("FERRY_IT_DIR", INSTANCES.toString());
		builder.environment().put("MARIADB_QUIET", "1");
		Process process = builder.start();
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(call).isTrue();
		assertThat(process.exitValue()).as(call + ": " + Files.readString(INSTANCES.resolve("instance.log"))).isZero();
	}

}
