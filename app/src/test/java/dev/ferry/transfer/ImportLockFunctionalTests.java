package dev.ferry.transfer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ferry.support.FerryClient;
import dev.ferry.support.FunctionalTest;
import dev.ferry.support.SimultaneousCalls;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * At most one import per target cluster, for real: 10 simultaneous launches, and 10 simultaneous restarts, of imports
 * into one cluster start exactly one; the others get a 409 naming the running record. The running import is held on
 * the target by a metadata lock the test keeps (its DROP TABLE waits), so it cannot end before every call answered.
 * A restart whose cluster was deleted is refused before launch.
 */
class ImportLockFunctionalTests extends FunctionalTest {

	static final String DB = TestDatabases.uniqueName("ilock");

	static final String USER = TestDatabases.uniqueName("ilock_u");

	static final String PASSWORD = "ilock-Pw 1";

	@BeforeAll
	static void createDatabases() throws SQLException {
		TestDatabases.execute(TestDatabases.sourcePort(), "CREATE DATABASE " + DB,
				"CREATE TABLE " + DB + ".t1 (id INT PRIMARY KEY, v VARCHAR(20))",
				"INSERT INTO " + DB + ".t1 VALUES (1, 'a'), (2, 'b'), (3, 'c')");
		TestDatabases.execute(TestDatabases.targetPort(), "CREATE DATABASE " + DB,
				"CREATE TABLE " + DB + ".t1 (id INT PRIMARY KEY, v VARCHAR(20))",
				"CREATE USER '" + USER + "'@'%' IDENTIFIED BY " + TestDatabases.literal(PASSWORD));
	}

	@AfterAll
	static void dropUser() throws SQLException {
		TestDatabases.execute(TestDatabases.targetPort(), "DROP USER IF EXISTS '" + USER + "'@'%'");
	}

	@Test
	void tenSimultaneousImportsIntoOneClusterStartOne() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("ils"), TestDatabases.sourcePort(), "root", "");
		String target = registerCluster(TestDatabases.uniqueName("ilt"), TestDatabases.targetPort(), "root", "");
		String export = finishedExport(source, DB + ".*");
		Map<String, Object> reImport = Map.of("clusterId", target, "recordId", export, "overwrite", true);

		try (Connection hold = holdTable()) {
			List<FerryClient.Reply> replies = burst(10, (i) -> (client) -> client.post("/api/v1/clusters/import", reImport));
			String winner = onlySuccess(replies);
			assertConflictsName(replies, winner);
			assertThat(importRecordsOf(target)).as("one import record was created").isEqualTo(1);
			hold.commit();
			assertThat(this.api.awaitRecord(winner, Duration.ofMinutes(2)).path("status").asString())
				.isEqualTo("Finished");
		}
		assertThat(locksOf(target)).as("the import's end released its lock").isZero();
		var next = this.api.post("/api/v1/clusters/import", reImport);
		assertThat(next.status()).as(next.body().toString()).isEqualTo(200);
		this.api.awaitRecord(next.data().path("recordId").asString(), Duration.ofMinutes(2));
	}

	@Test
	void tenSimultaneousRestartsOfImportsIntoOneClusterStartOne() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("ils"), TestDatabases.sourcePort(), "root", "");
		String target = registerCluster(TestDatabases.uniqueName("ilr"), TestDatabases.targetPort(), USER, PASSWORD);
		String export = finishedExport(source, DB + ".*");
		List<String> failed = new ArrayList<>();
		for (int i = 0; i < 3; i++) { // the user may not write yet: each import fails
			var started = this.api.post("/api/v1/clusters/import",
					Map.of("clusterId", target, "recordId", export, "overwrite", true));
			assertThat(started.status()).as(started.body().toString()).isEqualTo(200);
			String id = started.data().path("recordId").asString();
			assertThat(this.api.awaitRecord(id, Duration.ofMinutes(1)).path("status").asString()).isEqualTo("Failed");
			failed.add(id);
		}
		TestDatabases.execute(TestDatabases.targetPort(), "GRANT ALL ON `" + DB + "`.* TO '" + USER + "'@'%'");

		try (Connection hold = holdTable()) {
			List<FerryClient.Reply> replies = burst(10,
					(i) -> (client) -> client.post("/api/v1/clusters/transport/" + failed.get(i % 3) + "/restart", ""));
			String winner = onlySuccess(replies);
			for (FerryClient.Reply reply : replies) {
				if (reply.status() != 200) { // a restart of the winner itself is refused as Queued/Processing
					assertThat(reply.status()).as(reply.body().toString()).isIn(400, 409);
					assertThat(reply.message()).contains("record " + winner);
				}
			}
			assertThat(replies.stream().filter((r) -> r.status() == 409).count()).isGreaterThanOrEqualTo(6);
			hold.commit();
			assertThat(this.api.awaitRecord(winner, Duration.ofMinutes(2)).path("status").asString())
				.isEqualTo("Finished");
		}
		assertThat(locksOf(target)).isZero();
	}

	@Test
	void aRestartWhoseClusterWasDeletedIsRefusedNamingTheCluster() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("ils"), TestDatabases.sourcePort(), "root", "");
		String gone = registerCluster(TestDatabases.uniqueName("ilg"), TestDatabases.targetPort(), "nobody_" + USER,
				"x");
		String export = finishedExport(source, DB + ".*");
		var started = this.api.post("/api/v1/clusters/import",
				Map.of("clusterId", gone, "recordId", export, "overwrite", true));
		String failed = started.data().path("recordId").asString();
		assertThat(this.api.awaitRecord(failed, Duration.ofMinutes(1)).path("status").asString()).isEqualTo("Failed");
		var deleted = this.api.delete("/api/v1/clusters/" + gone);
		assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(200);

		var restart = this.api.post("/api/v1/clusters/transport/" + failed + "/restart", "");

		assertThat(restart.status()).as(restart.body().toString()).isEqualTo(404);
		assertThat(restart.code()).isEqualTo(10003);
		assertThat(restart.message()).contains("cluster " + gone).contains("deleted");
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM " + REPOSITORY_DB
				+ ".BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = " + failed))
			.as("no execution was started").isEqualTo(1);
	}

	/**
	 * A lock row whose holder is gone never blocks the cluster: a launch of a node that died, of this node before
	 * it restarted, and of an import whose execution ended without releasing it are each taken over.
	 */
	@Test
	void aLockLeftBehindByACrashIsTakenOver() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("ils"), TestDatabases.sourcePort(), "root", "");
		String target = registerCluster(TestDatabases.uniqueName("ilc"), TestDatabases.targetPort(), "root", "");
		String export = finishedExport(source, DB + ".*");
		String key = "import-target:" + target;
		String thisNode;
		try (Connection connection = TestDatabases.root(TestDatabases.targetPort());
				var query = connection.createStatement()
					.executeQuery("SELECT NODE_ID FROM " + REPOSITORY_DB + ".FERRY_NODE ORDER BY HEARTBEAT_AT DESC")) {
			query.next();
			thisNode = query.getString(1);
		}
		String lastRecord = null;
		for (String leftBehind : List.of("'t1', 'node-that-died', 'import launched by admin', NULL, NULL",
				"'t2', '" + thisNode + "', 'import launched by admin', NULL, NULL",
				"'t3', '" + thisNode + "', 'import launched by admin', EXECUTION, RECORD")) {
			String values = leftBehind;
			if (lastRecord != null) {
				values = values.replace("EXECUTION", "(SELECT MAX(JOB_EXECUTION_ID) FROM " + REPOSITORY_DB
						+ ".BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = " + lastRecord + ")")
					.replace("RECORD", lastRecord);
			}
			TestDatabases.execute(TestDatabases.targetPort(), "INSERT INTO " + REPOSITORY_DB + ".FERRY_TRANSFER_LOCK"
					+ " (LOCK_KEY, LOCK_TOKEN, NODE_ID, PURPOSE, JOB_EXECUTION_ID, RECORD_ID, LOCKED_AT) VALUES ('" + key
					+ "', " + values + ", NOW(6) - INTERVAL 1 MINUTE)");

			var started = this.api.post("/api/v1/clusters/import",
					Map.of("clusterId", target, "recordId", export, "overwrite", true));

			assertThat(started.status()).as(leftBehind + ": " + started.body()).isEqualTo(200);
			lastRecord = started.data().path("recordId").asString();
			assertThat(this.api.awaitRecord(lastRecord, Duration.ofMinutes(2)).path("status").asString())
				.isEqualTo("Finished");
			assertThat(locksOf(target)).isZero();
		}
	}

	/**
	 * Schedules launch exports only (a schedule holds an export request), through the same launch path,
	 * {@code TransferService}: 10 simultaneous runs of one schedule start one export, the others are skipped.
	 */
	@Test
	void tenSimultaneousRunsOfOneScheduleStartOneExport() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("ils"), TestDatabases.sourcePort(), "root", "");
		Map<String, Object> draft = new java.util.HashMap<>(Map.of("name", TestDatabases.uniqueName("ilsched"), "cron",
				"0 0 3 1 1 ? 2099", "timeZone", "UTC", "enabled", false, "export", Map.of("clusterId", source,
						"fileType", "sql", "storageType", "nfs", "filter", DB + ".*")));
		var created = this.api.post("/api/v1/schedules", draft);
		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		String id = created.data().path("scheduleId").asString();
		List<FerryClient.Reply> replies;
		try (Connection lock = TestDatabases.root(TestDatabases.sourcePort());
				Statement statement = lock.createStatement()) {
			statement.execute("LOCK TABLES " + DB + ".t1 WRITE"); // the export waits until every run has answered
			replies = burst(10, (i) -> (client) -> client.post("/api/v1/schedules/" + id + "/run", ""));
			statement.execute("UNLOCK TABLES");
		}
		assertThat(replies).allSatisfy((r) -> assertThat(r.status()).as(r.body().toString()).isEqualTo(200));
		List<FerryClient.Reply> launched = replies.stream()
			.filter((r) -> r.data().path("outcome").asString().equals("LAUNCHED"))
			.toList();
		assertThat(launched).as("%s", replies).hasSize(1);
		assertThat(replies).filteredOn((r) -> r != launched.get(0))
			.allSatisfy((r) -> assertThat(r.data().path("outcome").asString()).isEqualTo("SKIPPED"));
		String recordId = launched.get(0).data().path("recordId").asString();
		assertThat(this.api.awaitRecord(recordId, Duration.ofMinutes(2)).path("status").asString())
			.isEqualTo("Finished");
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM " + REPOSITORY_DB
				+ ".BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME = 'scheduleId' AND PARAMETER_VALUE = '" + id + "'"))
			.as("one export of the schedule").isEqualTo(1);
	}

	/** An open transaction that read the target table: an import's DROP TABLE waits until it commits. */
	static Connection holdTable() throws SQLException {
		return TestDatabases.holdTable(TestDatabases.targetPort(), DB + ".t1");
	}

	/** The calls, all released at the same moment, each with its own client. */
	List<FerryClient.Reply> burst(int n, IntFunction<Function<FerryClient, FerryClient.Reply>> call) throws Exception {
		return SimultaneousCalls.run("import-lock", n, this::newClient, call);
	}

	static String onlySuccess(List<FerryClient.Reply> replies) {
		List<FerryClient.Reply> ok = replies.stream().filter((r) -> r.status() == 200).toList();
		assertThat(ok).as("exactly one call started an import: %s", replies).hasSize(1);
		assertThat(replies).as("no 5xx").allSatisfy((r) -> assertThat(r.status()).isLessThan(500));
		return ok.get(0).data().path("recordId").asString();
	}

	static void assertConflictsName(List<FerryClient.Reply> replies, String winner) {
		for (FerryClient.Reply reply : replies) {
			if (reply.status() != 200) {
				assertThat(reply.status()).as(reply.body().toString()).isEqualTo(409);
				assertThat(reply.code()).isEqualTo(60300);
				assertThat(reply.message()).contains("already has an import running (record " + winner + ")");
			}
		}
	}

	private long importRecordsOf(String clusterId) throws SQLException {
		return TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM " + REPOSITORY_DB
				+ ".BATCH_JOB_INSTANCE i JOIN " + REPOSITORY_DB + ".BATCH_JOB_EXECUTION e ON e.JOB_INSTANCE_ID ="
				+ " i.JOB_INSTANCE_ID JOIN " + REPOSITORY_DB + ".BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID ="
				+ " e.JOB_EXECUTION_ID WHERE i.JOB_NAME = 'importData' AND p.PARAMETER_NAME = 'clusterId'"
				+ " AND p.PARAMETER_VALUE = '" + clusterId + "'");
	}

	private long locksOf(String clusterId) throws SQLException {
		long[] count = new long[1];
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			count[0] = TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM " + REPOSITORY_DB
					+ ".FERRY_TRANSFER_LOCK WHERE LOCK_KEY = 'import-target:" + clusterId + "'");
			return count[0] == 0;
		});
		return count[0];
	}

}
