package dev.ferry.engine.snapshot;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ferry.engine.support.OwnServer;
import dev.ferry.engine.support.SourceServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The snapshot on real MariaDB servers: the shared {@code source} (binary log off) and a server of the test's own with
 * a binary log, for the position.
 */
class SnapshotIntegrationTests {

	static final String DB = SourceServer.uniqueName("job_snap");

	static final String USER = SourceServer.uniqueName("job_noreload");

	static OwnServer binlogServer;

	@BeforeAll
	static void create() throws SQLException {
		SourceServer.execute("CREATE DATABASE " + DB, "CREATE TABLE " + DB + ".a (id INT PRIMARY KEY)",
				"CREATE TABLE " + DB + ".b (id INT PRIMARY KEY)", "INSERT INTO " + DB + ".a VALUES (1), (2)",
				"INSERT INTO " + DB + ".b VALUES (1)", "CREATE USER '" + USER + "'@'%' IDENTIFIED BY 'pw-" + USER + "'",
				"GRANT SELECT ON " + DB + ".* TO '" + USER + "'@'%'");
		binlogServer = OwnServer.start("snapshot-binlog", 36051, "--log-bin=mysql-bin", "--server-id=7");
	}

	@AfterAll
	static void drop() throws SQLException {
		SourceServer.execute("DROP DATABASE IF EXISTS " + DB, "DROP USER IF EXISTS '" + USER + "'@'%'");
		if (binlogServer != null) {
			binlogServer.close();
		}
	}

	@Test
	void everyConnectionReadsTheSamePointWhileWritesGoOnAndTheLockIsReleased() throws Exception {
		SnapshotTaker taker = new SnapshotTaker(SourceServer::root, Clock.systemUTC());

		try (SnapshotConnections snapshot = taker.take(3, null)) {
			SourceServer.execute("INSERT INTO " + DB + ".a VALUES (3)", "DELETE FROM " + DB + ".b");

			assertThat(snapshot.point().consistent()).isTrue();
			assertThat(snapshot.point().inconsistency()).isNull();
			assertThat(snapshot.point().kind()).isEqualTo("mariadb");
			List<SnapshotConnections.Lease> leases = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				leases.add(snapshot.lease());
			}
			for (SnapshotConnections.Lease lease : leases) {
				assertThat(count(lease.connection(), DB + ".a")).isEqualTo(2);
				assertThat(count(lease.connection(), DB + ".b")).isEqualTo(1);
				assertThat(timeZone(lease.connection())).isEqualTo("+00:00");
				lease.close();
			}
		}
		finally {
			SourceServer.execute("DELETE FROM " + DB + ".a WHERE id = 3", "INSERT IGNORE INTO " + DB + ".b VALUES (1)");
		}
	}

	@Test
	void withoutTheBinaryLogThePointSaysSo() throws Exception {
		try (SnapshotConnections snapshot = new SnapshotTaker(SourceServer::root, Clock.systemUTC()).take(1, null)) {
			assertThat(snapshot.point().binlogFile()).isNull();
			assertThat(snapshot.point().binlogPosition()).isNull();
			assertThat(snapshot.point().positionNote()).contains("log_bin is off");
		}
	}

	@Test
	void withTheBinaryLogThePointHasFilePositionAndGtid() throws Exception {
		try (Connection root = binlogServer.root(); Statement statement = root.createStatement()) {
			statement.execute("CREATE DATABASE IF NOT EXISTS g");
			statement.execute("CREATE TABLE IF NOT EXISTS g.t (id INT PRIMARY KEY)");
			statement.execute("REPLACE INTO g.t VALUES (1)");
		}

		try (SnapshotConnections snapshot = new SnapshotTaker(binlogServer::root, Clock.systemUTC()).take(2, null)) {
			assertThat(snapshot.point().binlogFile()).startsWith("mysql-bin.");
			assertThat(snapshot.point().binlogPosition()).isPositive();
			assertThat(snapshot.point().gtid()).matches("0-7-\\d+");
			assertThat(snapshot.point().positionNote()).isNull();
			assertThat(snapshot.point().consistent()).isTrue();
		}
	}

	@Test
	void withoutTheReloadPrivilegeTheExportGoesOnAndSaysItIsNotConsistent() throws Exception {
		SourceConnector noReload = () -> DriverManager
			.getConnection("jdbc:mariadb://127.0.0.1:" + SourceServer.port() + "/", USER, "pw-" + USER);

		try (SnapshotConnections snapshot = new SnapshotTaker(noReload, Clock.systemUTC()).take(2, null)) {
			assertThat(snapshot.point().consistent()).isFalse();
			assertThat(snapshot.point().inconsistency()).contains("RELOAD").contains("not consistent");
			try (SnapshotConnections.Lease lease = snapshot.lease()) {
				assertThat(count(lease.connection(), DB + ".a")).isEqualTo(2);
			}
		}
	}

	@Test
	void theGlobalReadLockIsGoneOnceTheSnapshotIsTaken() throws Exception {
		try (SnapshotConnections snapshot = new SnapshotTaker(SourceServer::root, Clock.systemUTC()).take(2, null);
				Connection writer = SourceServer.root(); Statement statement = writer.createStatement()) {
			statement.execute("SET SESSION lock_wait_timeout = 2");

			statement.execute("INSERT INTO " + DB + ".a VALUES (4)");

			assertThat(statement.executeUpdate("DELETE FROM " + DB + ".a WHERE id = 4")).isEqualTo(1);
		}
	}

	@Test
	void aStopCutsTheConnectionsOffAndNoMoreAreLent() throws Exception {
		SnapshotConnections snapshot = new SnapshotTaker(SourceServer::root, Clock.systemUTC()).take(2, null);
		SnapshotConnections.Lease lease = snapshot.lease();

		snapshot.abort();

		assertThatThrownBy(() -> count(lease.connection(), DB + ".a")).isInstanceOf(SQLException.class);
		assertThatThrownBy(snapshot::lease).isInstanceOf(SQLException.class).hasMessageContaining("closed");
		snapshot.close();
	}

	@Test
	void aBrokenConnectionIsNotLentAgainAndWhenAllAreGoneALeaseFailsAtOnce() throws Exception {
		try (SnapshotConnections snapshot = new SnapshotTaker(SourceServer::root, Clock.systemUTC()).take(1, null)) {
			SnapshotConnections.Lease lease = snapshot.lease();
			lease.broken();
			lease.close();

			assertThatThrownBy(snapshot::lease).isInstanceOf(SQLException.class).hasMessageContaining("lost");
		}
	}

	private static long count(Connection connection, String table) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static String timeZone(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT @@SESSION.time_zone")) {
			rs.next();
			return rs.getString(1);
		}
	}

}
