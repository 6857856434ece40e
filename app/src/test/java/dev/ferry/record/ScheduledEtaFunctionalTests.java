package dev.ferry.record;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ETA of a running scheduled export from its schedule's history, end to end on the tidb chain (dumpling reports
 * no total; the stand-in tiup runs mydumper): the first run has no estimate, a later one is estimated from the
 * finished ones (by size: nothing is written while the dump waits for its lock, so 0 % and no ETA rather than a guess).
 * A one-off export of the same cluster gets no history estimate.
 */
class ScheduledEtaFunctionalTests extends FunctionalTest {

	@Test
	void aLaterRunIsEstimatedFromTheFinishedOnes() throws Exception {
		String database = TestDatabases.uniqueName("eta");
		TrickyDatabase.create(TestDatabases.sourcePort(), database, 100);
		var cluster = this.api.post("/api/v1/clusters", Map.of("name", TestDatabases.uniqueName("eta"), "kind", "TIDB",
				"host", "127.0.0.1", "port", TestDatabases.sourcePort(), "user", "root", "password", ""));
		assertThat(cluster.status()).as(cluster.body().toString()).isEqualTo(201);
		String clusterId = cluster.data().path("clusterId").asString();
		var schedule = this.api.post("/api/v1/schedules", Map.of("name", TestDatabases.uniqueName("eta"), "cron",
				"0 0 3 1 1 ? 2099", "timeZone", "UTC", "enabled", false, "export", Map.of("clusterId", clusterId,
						"fileType", "sql", "storageType", "nfs", "filter", database + ".*")));
		String scheduleId = schedule.data().path("scheduleId").asString();

		try (Connection lock = TestDatabases.root(TestDatabases.sourcePort());
				Statement statement = lock.createStatement()) {
			statement.execute("LOCK TABLES " + TestDatabases.quote(database) + ".orders WRITE"); // the dump waits
			String first = run(scheduleId);
			JsonNode running = awaitProcessing(first);
			assertThat(running.path("progress").path("estimatedFrom").isNull()).as(running.toString()).isTrue();
			assertThat(running.path("progress").path("percent").isNull()).isTrue();
			statement.execute("UNLOCK TABLES");
			assertThat(this.api.awaitRecord(first, Duration.ofMinutes(2)).path("status").asString()).isEqualTo("Finished");
		}
		String second = run(scheduleId);
		assertThat(this.api.awaitRecord(second, Duration.ofMinutes(2)).path("status").asString()).isEqualTo("Finished");

		try (Connection lock = TestDatabases.root(TestDatabases.sourcePort());
				Statement statement = lock.createStatement()) {
			statement.execute("LOCK TABLES " + TestDatabases.quote(database) + ".orders WRITE");
			String third = run(scheduleId);
			JsonNode progress = awaitProcessing(third).path("progress");
			assertThat(progress.path("estimatedFrom").asString()).as(progress.toString()).isEqualTo("history");
			assertThat(progress.path("percent").asInt()).isZero();
			assertThat(progress.path("etaSeconds").isNull()).as("no ETA before a byte is written").isTrue();

			var oneOff = this.api.post("/api/v1/clusters/export", Map.of("clusterId", clusterId, "storageType", "nfs",
					"fileType", "sql", "filter", database + ".*"));
			JsonNode unscheduled = awaitProcessing(oneOff.data().path("recordId").asString());
			assertThat(unscheduled.path("progress").path("estimatedFrom").isNull()).as(unscheduled.toString()).isTrue();
			statement.execute("UNLOCK TABLES");
			JsonNode finished = this.api.awaitRecord(third, Duration.ofMinutes(2));
			assertThat(finished.path("status").asString()).isEqualTo("Finished");
			assertThat(finished.path("progress").path("percent").asInt()).isEqualTo(100);
			this.api.awaitRecord(oneOff.data().path("recordId").asString(), Duration.ofMinutes(2));
		}
	}

	private String run(String scheduleId) {
		var run = this.api.post("/api/v1/schedules/" + scheduleId + "/run", "");
		assertThat(run.data().path("outcome").asString()).as(run.body().toString()).isEqualTo("LAUNCHED");
		return run.data().path("recordId").asString();
	}

	/** The record once its dump step runs (committed its first poll). */
	private JsonNode awaitProcessing(String recordId) {
		return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> this.api
			.get("/api/v1/clusters/transport?recordId=" + recordId)
			.data()
			.path("transportRecords")
			.path(0), (record) -> record.path("status").asString().equals("Processing")
					&& record.path("progress").path("phase").asString().equals("dumping"));
	}

}
