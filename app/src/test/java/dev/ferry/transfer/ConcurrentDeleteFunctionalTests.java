package dev.ferry.transfer;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ferry.support.FerryClient;
import dev.ferry.support.FunctionalTest;
import dev.ferry.support.SimultaneousCalls;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent deletes of one record: one succeeds, the others get 404 or 409, and one audit row is written. A delete
 * racing a re-import of the same export: either may win, never a 500, and an import that won keeps its source.
 */
class ConcurrentDeleteFunctionalTests extends FunctionalTest {

	static final String DB = TestDatabases.uniqueName("cdel");

	@BeforeAll
	static void createDatabases() throws SQLException {
		TestDatabases.execute(TestDatabases.sourcePort(), "CREATE DATABASE " + DB,
				"CREATE TABLE " + DB + ".t1 (id INT PRIMARY KEY, v VARCHAR(20))",
				"INSERT INTO " + DB + ".t1 VALUES (1, 'a'), (2, 'b'), (3, 'c')");
		TestDatabases.execute(TestDatabases.targetPort(), "CREATE DATABASE " + DB,
				"CREATE TABLE " + DB + ".t1 (id INT PRIMARY KEY, v VARCHAR(20))");
	}

	@Test
	void eightSimultaneousDeletesOfOneRecordDeleteItOnce() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("cds"), TestDatabases.sourcePort(), "root", "");
		String export = finishedExport(source, DB + ".*");

		List<FerryClient.Reply> replies = burst(8, (client) -> client.delete("/api/v1/clusters/transport/" + export));

		assertThat(replies.stream().filter((r) -> r.status() == 200).count()).as("%s", replies).isEqualTo(1);
		for (FerryClient.Reply reply : replies) {
			if (reply.status() != 200) {
				assertThat(reply.status()).as(reply.body().toString()).isIn(404, 409);
				assertThat(reply.message()).contains("record " + export);
			}
		}
		assertThat(auditRows(export)).as("one audit row for one deletion").isEqualTo(1);
		assertThat(this.api.get("/api/v1/clusters/transport?recordId=" + export).data().path("transportRecords").size())
			.isZero();
	}

	@Test
	void aDeleteRacingAReImportOfTheSameExportNeverFailsEitherHalfway() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("cds"), TestDatabases.sourcePort(), "root", "");
		String target = registerCluster(TestDatabases.uniqueName("cdt"), TestDatabases.targetPort(), "root", "");
		int importsWon = 0;
		int deletesWon = 0;
		for (int round = 0; round < 4; round++) {
			String export = finishedExport(source, DB + ".*");
			try (Connection hold = holdTable()) { // a winning import stays running until every call has answered
				List<FerryClient.Reply> replies = SimultaneousCalls.run("delete-vs-reimport", 2, this::newClient,
						(i) -> (i == 0) ? (client) -> client.delete("/api/v1/clusters/transport/" + export)
								: (client) -> client.post("/api/v1/clusters/import",
										Map.of("clusterId", target, "recordId", export, "overwrite", true)));
				FerryClient.Reply deleted = replies.get(0);
				FerryClient.Reply imported = replies.get(1);

				assertThat(deleted.status()).as("delete: " + deleted.body()).isIn(200, 404, 409);
				assertThat(imported.status()).as("import: " + imported.body()).isIn(200, 404, 409);
				assertThat(deleted.status() == 200 ^ imported.status() == 200)
					.as("exactly one wins: delete %s, import %s", deleted.body(), imported.body())
					.isTrue();
				hold.commit();
				if (imported.status() == 200) {
					importsWon++;
					assertThat(deleted.message()).contains("record " + export);
					String id = imported.data().path("recordId").asString();
					assertThat(this.api.awaitRecord(id, Duration.ofMinutes(2)).path("status").asString())
						.as("the import kept its source").isEqualTo("Finished");
					assertThat(auditRows(export)).isZero();
				}
				else {
					deletesWon++;
					assertThat(imported.message()).contains("record " + export);
					assertThat(auditRows(export)).isEqualTo(1);
				}
			}
		}
		System.out.printf("[delete-vs-reimport] imports won %d, deletes won %d%n", importsWon, deletesWon);
	}

	private static Connection holdTable() throws SQLException {
		return TestDatabases.holdTable(TestDatabases.targetPort(), DB + ".t1");
	}

	private List<FerryClient.Reply> burst(int n, Function<FerryClient, FerryClient.Reply> call) throws Exception {
		return SimultaneousCalls.run("delete", n, this::newClient, (i) -> call);
	}

	private static long auditRows(String recordId) throws SQLException {
		return TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM " + REPOSITORY_DB
				+ ".FERRY_AUDIT WHERE ACTION = 'transfer.delete' AND TARGET = 'record " + recordId + "'");
	}

}
