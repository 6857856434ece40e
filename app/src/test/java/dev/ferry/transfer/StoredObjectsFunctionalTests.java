package dev.ferry.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trigger, routine and event bodies through the mysql chain, byte for byte: mydumper 0.10 writes each {@code ;} that
 * ends a line of a body as {@code "; "} (so that myloader 0.10, which cuts statements at such lines, does not cut the
 * body), and myloader loads the body with those spaces; Ferry keeps the exact text beside the dump and puts it back
 * after myloader. A body line that really ends with {@code "; "} keeps its space.
 */
class StoredObjectsFunctionalTests extends FunctionalTest {

	@Test
	void everyBodyIsTheSameOnTheTargetAsOnTheSource() throws Exception {
		String db = TestDatabases.uniqueName("bodies");
		TestDatabases.execute(TestDatabases.sourcePort(), "CREATE DATABASE `" + db + "`", "USE `" + db + "`",
				"CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(40), n INT DEFAULT 0)",
				"CREATE TRIGGER t_first BEFORE INSERT ON t FOR EACH ROW\nBEGIN\n  SET NEW.v = CONCAT(NEW.v, '!');\n"
						+ "  SET NEW.n = NEW.n + 1;\nEND",
				"CREATE TRIGGER t_second BEFORE INSERT ON t FOR EACH ROW FOLLOWS t_first\nBEGIN\n"
						+ "  SET NEW.n = NEW.n * 2; \n  SET NEW.v = 'a;\nb';\nEND",
				"CREATE TRIGGER t_one_line AFTER DELETE ON t FOR EACH ROW SET @deleted = OLD.id",
				"CREATE PROCEDURE p(IN x INT)\nBEGIN\n  SELECT x;\n  SELECT x + 1;\nEND",
				"CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC\nBEGIN\n  DECLARE y INT;\n  SET y = x * 3;\n"
						+ "  RETURN y;\nEND",
				"CREATE EVENT e ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE DO\nBEGIN\n"
						+ "  DELETE FROM t WHERE id < 0;\n  DELETE FROM t WHERE id > 1000000;\nEND",
				"INSERT INTO t (id, v) VALUES (1, 'x'), (2, 'y')");
		String source = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");
		String target = registerCluster(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root", "");

		JsonNode export = finishedExportRecord(source, db + ".*");
		Path data = Path.of(export.path("filePath").asString());
		assertThat(Files.readString(data.resolve(db + ".t-schema-triggers.sql")))
			.as("mydumper 0.10's own file: a space after each ; that ends a body line")
			.contains("CONCAT(NEW.v, '!'); \n");
		assertThat(data.resolve("ferry-objects.json")).exists();
		assertThat(Files.readString(data.resolve("manifest.json"))).contains("\"path\" : \"ferry-objects.json\"");

		JsonNode imported = endedImport(target, export.path("recordId").asString(), false);

		assertThat(imported.path("status").asString()).as(imported.toString()).isEqualTo("Finished");
		assertThat(objects(TestDatabases.targetPort(), db)).hasSize(6)
			.isEqualTo(objects(TestDatabases.sourcePort(), db));
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT n FROM `" + db + "`.t WHERE id = 1"))
			.isEqualTo(TestDatabases.count(TestDatabases.sourcePort(), "SELECT n FROM `" + db + "`.t WHERE id = 1"));
		TestDatabases.execute(TestDatabases.targetPort(), "DROP DATABASE `" + db + "`");
	}

	/**
	 * Every trigger (with its table and action order), routine and event: name, {@code SHOW CREATE} text,
	 * {@code sql_mode} and character sets, as one line each.
	 */
	private static List<String> objects(int port, String db) throws SQLException {
		List<String> objects = new ArrayList<>();
		try (Connection connection = TestDatabases.root(port); Statement statement = connection.createStatement()) {
			List<String> shows = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("SELECT CONCAT('TRIGGER ', TRIGGER_NAME, ' ', EVENT_OBJECT_TABLE,"
					+ " ' ', ACTION_ORDER) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + db + "'"
					+ " UNION ALL SELECT CONCAT(ROUTINE_TYPE, ' ', ROUTINE_NAME) FROM information_schema.ROUTINES"
					+ " WHERE ROUTINE_SCHEMA = '" + db + "' UNION ALL SELECT CONCAT('EVENT ', EVENT_NAME)"
					+ " FROM information_schema.EVENTS WHERE EVENT_SCHEMA = '" + db + "' ORDER BY 1")) {
				while (rs.next()) {
					shows.add(rs.getString(1));
				}
			}
			for (String show : shows) {
				String[] parts = show.split(" ");
				try (ResultSet rs = statement.executeQuery("SHOW CREATE " + parts[0] + " `" + db + "`.`" + parts[1] + "`")) {
					rs.next();
					StringBuilder line = new StringBuilder(show);
					for (int column = 2; column <= rs.getMetaData().getColumnCount(); column++) {
						String label = rs.getMetaData().getColumnLabel(column);
						if (!label.equals("Created")) {
							line.append(" | ").append(label).append('=').append(rs.getString(column));
						}
					}
					objects.add(line.toString());
				}
			}
		}
		return objects;
	}

}
