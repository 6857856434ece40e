package dev.ferry.objects;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact objects put back on a real MariaDB (the shared target instance): database {@code exact} holds them as
 * they were created, {@code loaded} as myloader 0.10 leaves mydumper 0.10's files (a space after each {@code ;} that
 * ends a body line, myloader's session {@code sql_mode}), one of them changed since.
 */
class StoredObjectsRestoreIntegrationTests {

	static final String URL = "jdbc:mariadb://127.0.0.1:" + System.getenv().getOrDefault("FERRY_IT_TARGET_PORT",
			"34072") + "/";

	final String exact = "mysql_objects_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

	final String loaded = this.exact + "_loaded";

	@TempDir
	Path data;

	@AfterEach
	void drop() throws SQLException {
		execute("DROP DATABASE IF EXISTS " + this.exact, "DROP DATABASE IF EXISTS " + this.loaded);
	}

	@Test
	void onlyWhatMydumperChangedIsPutBackAndATablesTriggersKeepTheirOrder() throws Exception {
		for (String db : List.of(this.exact, this.loaded)) {
			boolean mangled = db.equals(this.loaded);
			String end = mangled ? "; \n" : ";\n";
			execute("CREATE DATABASE " + db, "USE " + db,
					"SET SESSION sql_mode = '" + (mangled ? "NO_ENGINE_SUBSTITUTION" : "PIPES_AS_CONCAT,STRICT_ALL_TABLES") + "'",
					"CREATE TABLE t (id INT PRIMARY KEY, n INT)",
					"CREATE TRIGGER a BEFORE INSERT ON t FOR EACH ROW\nBEGIN\n  SET NEW.n = 1" + end + "END",
					"CREATE TRIGGER b BEFORE INSERT ON t FOR EACH ROW\nBEGIN\n  SET NEW.n = NEW.n + 1" + end + "END",
					"CREATE TRIGGER c BEFORE INSERT ON t FOR EACH ROW FOLLOWS a SET NEW.n = NEW.n * 10",
					"CREATE PROCEDURE same() SELECT 1",
					"CREATE PROCEDURE changed()\nBEGIN\n  SELECT " + (mangled ? "'since'" : "1") + end + "END");
		}
		try (Connection connection = connect()) {
			StoredObjects.keep(this.data, this.exact, StoredObjects.read(connection, this.exact));
			List<StoredObject> kept = StoredObjects.kept(this.data).get(this.exact);
			assertThat(kept).extracting(StoredObject::name).containsExactly("a", "c", "b", "changed", "same");

			StoredObjectsRestore.Outcome outcome = StoredObjectsRestore.restore(connection, this.loaded, kept);

			assertThat(outcome).isEqualTo(new StoredObjectsRestore.Outcome(4, 0, 1));
			List<StoredObject> now = StoredObjects.read(connection, this.loaded);
			assertThat(now).extracting(StoredObject::name).as("a, c, b: the action order")
				.containsExactly("a", "c", "b", "changed", "same");
			assertThat(now.subList(0, 3)).isEqualTo(kept.subList(0, 3));
			assertThat(now.get(4)).isEqualTo(kept.get(4)).extracting(StoredObject::sqlMode)
				.isEqualTo("PIPES_AS_CONCAT,STRICT_ALL_TABLES");
			assertThat(now.get(3).statement()).as("changed since: left alone").contains("'since'");
			assertThat(StoredObjectsRestore.restore(connection, this.loaded, kept))
				.isEqualTo(new StoredObjectsRestore.Outcome(0, 4, 1));
		}
	}

	private static Connection connect() throws SQLException {
		return DriverManager.getConnection(URL, "root", "");
	}

	private static void execute(String... statements) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

}
