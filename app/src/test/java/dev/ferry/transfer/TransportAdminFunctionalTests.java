package dev.ferry.transfer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.Processes;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** Stop, restart and delete of transfer records through the API, with the real mydumper. */
class TransportAdminFunctionalTests extends FunctionalTest {

	static final String SOURCE_DB = TestDatabases.uniqueName("admin");

	@BeforeAll
	static void createSourceDatabase() throws Exception {
		TrickyDatabase.create(TestDatabases.sourcePort(), SOURCE_DB, 300);
	}

	@Test
	void stopEndsTheToolAndRestartCompletesTheExport() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("adm"), TestDatabases.sourcePort(), "root", "");
		String recordId;
		String recordDir;
		try (Connection lock = TestDatabases.root(TestDatabases.sourcePort());
				Statement statement = lock.createStatement()) {
			statement.execute("LOCK TABLES `" + SOURCE_DB + "`.orders WRITE"); // mydumper waits in FTWRL
			recordId = startExport(clusterId);
			recordDir = HOME.resolve("export").resolve(clusterId).resolve(recordId + "-nfs").toString();
			Processes.await(recordDir, Duration.ofSeconds(30));

			var stopped = this.api.post("/api/v1/clusters/transport/" + recordId + "/stop", "");

			assertThat(stopped.status()).as(stopped.body().toString()).isEqualTo(200);
			JsonNode record = this.api.awaitRecord(recordId, Duration.ofSeconds(60));
			assertThat(record.path("status").asString()).isEqualTo("Stopped");
			assertThat(Processes.commandLinesContaining(recordDir)).as("tool process tree ended").isEmpty();
			statement.execute("UNLOCK TABLES");
		}
		var again = this.api.post("/api/v1/clusters/transport/" + recordId + "/stop", "");
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.message()).contains("is Stopped").contains("only a queued or running transfer");

		var restarted = this.api.post("/api/v1/clusters/transport/" + recordId + "/restart", "");

		assertThat(restarted.status()).as(restarted.body().toString()).isEqualTo(200);
		assertThat(restarted.data().path("recordId").asString()).isEqualTo(recordId);
		JsonNode record = this.api.awaitRecord(recordId, Duration.ofMinutes(2));
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		assertThat(record.path("workFlowId").asString()).isEqualTo(restarted.data().path("workFlowId").asString());
		assertThat(Path.of(record.path("filePath").asString()).resolve(SOURCE_DB + ".orders.sql")).exists();
		var finishedRestart = this.api.post("/api/v1/clusters/transport/" + recordId + "/restart", "");
		assertThat(finishedRestart.status()).isEqualTo(400);
		assertThat(finishedRestart.message()).contains("is Finished").contains("only a Failed or Stopped");
	}

	@Test
	void deleteRemovesTheFilesAndTheRecordAndIsAudited() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("del"), TestDatabases.sourcePort(), "root", "");
		String recordId = startExport(clusterId);
		JsonNode record = this.api.awaitRecord(recordId, Duration.ofMinutes(2));
		Path dir = Path.of(record.path("filePath").asString()).getParent();
		assertThat(dir).exists();
		Path sibling = dir.resolveSibling("keep-me");
		java.nio.file.Files.createDirectories(sibling);

		var deleted = this.api.delete("/api/v1/clusters/transport/" + recordId);

		assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(200);
		assertThat(deleted.data().path("recordId").asString()).isEqualTo(recordId);
		assertThat(dir).doesNotExist();
		assertThat(sibling).as("only that record's directory").exists();
		assertThat(this.api.get("/api/v1/clusters/transport?recordId=" + recordId).body().path("page").path("total")
			.asLong()).isZero();
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM " + REPOSITORY_DB
				+ ".FERRY_AUDIT WHERE ACTION = 'transfer.delete' AND TARGET = 'record " + recordId + "'")).isEqualTo(1);
		var twice = this.api.delete("/api/v1/clusters/transport/" + recordId);
		assertThat(twice.status()).isEqualTo(404);
		assertThat(twice.code()).isEqualTo(60102);
	}

	@Test
	void aRunningRecordCannotBeDeleted() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("run"), TestDatabases.sourcePort(), "root", "");
		try (Connection lock = TestDatabases.root(TestDatabases.sourcePort());
				Statement statement = lock.createStatement()) {
			statement.execute("LOCK TABLES `" + SOURCE_DB + "`.customers WRITE");
			String recordId = startExport(clusterId);
			String recordDir = HOME.resolve("export").resolve(clusterId).resolve(recordId + "-nfs").toString();
			Processes.await(recordDir, Duration.ofSeconds(30));

			var refused = this.api.delete("/api/v1/clusters/transport/" + recordId);

			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.message()).contains("is Processing").contains("stop it before deleting it");
			assertThat(Path.of(recordDir)).exists();
			statement.execute("UNLOCK TABLES");
			assertThat(this.api.awaitRecord(recordId, Duration.ofMinutes(2)).path("status").asString())
				.isEqualTo("Finished");
		}
	}

	@Test
	void transfersBeyondTheLimitAreQueuedAndStoppingAQueuedOneCancelsIt() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("q"), TestDatabases.sourcePort(), "root", "");
		java.util.List<String> running = new java.util.ArrayList<>();
		try (Connection lock = TestDatabases.root(TestDatabases.sourcePort());
				Statement statement = lock.createStatement()) {
			statement.execute("LOCK TABLES `" + SOURCE_DB + "`.orders WRITE");
			for (int i = 0; i < 4; i++) { // ferry.max-concurrent-transfers is 4
				running.add(startExport(clusterId));
			}
			for (String id : running) {
				Processes.await(HOME.resolve("export").resolve(clusterId).resolve(id + "-nfs").toString(),
						Duration.ofSeconds(30));
			}
			String queued = startExport(clusterId);

			JsonNode record = this.api.get("/api/v1/clusters/transport?recordId=" + queued).data()
				.path("transportRecords").path(0);
			assertThat(record.path("status").asString()).isEqualTo("Queued");
			assertThat(record.path("progress").path("phase").asString()).isEqualTo("queued");
			assertThat(this.api.get("/api/v1/clusters/transport?status=Queued&clusterId=" + clusterId).body()
				.path("page").path("total").asLong()).isEqualTo(1);

			assertThat(this.api.post("/api/v1/clusters/transport/" + queued + "/stop", "").code()).isZero();
			statement.execute("UNLOCK TABLES");

			assertThat(this.api.awaitRecord(queued, Duration.ofMinutes(1)).path("status").asString())
				.isEqualTo("Stopped");
			for (String id : running) {
				assertThat(this.api.awaitRecord(id, Duration.ofMinutes(2)).path("status").asString()).isEqualTo("Finished");
			}
			assertThat(Path.of(HOME.resolve("export").resolve(clusterId).resolve(queued + "-nfs") + "/data"))
				.as("a cancelled transfer never dumped").doesNotExist();
		}
	}

	@Test
	void aKilledToolFailsTheRecordAndARunningReImportGuardsItsSource() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("kill"), TestDatabases.sourcePort(), "root", "");
		String target = registerCluster(TestDatabases.uniqueName("kt"), TestDatabases.targetPort(), "root", "");
		String source = startExport(clusterId);
		assertThat(this.api.awaitRecord(source, Duration.ofMinutes(2)).path("status").asString()).isEqualTo("Finished");
		java.util.List<String> blocked = new java.util.ArrayList<>();
		try (Connection lock = TestDatabases.root(TestDatabases.sourcePort());
				Statement statement = lock.createStatement()) {
			statement.execute("LOCK TABLES `" + SOURCE_DB + "`.orders WRITE");
			for (int i = 0; i < 4; i++) { // fill every transfer slot
				blocked.add(startExport(clusterId));
			}
			for (String id : blocked) {
				Processes.await(HOME.resolve("export").resolve(clusterId).resolve(id + "-nfs").toString(),
						Duration.ofSeconds(30));
			}
			var reImport = this.api.post("/api/v1/clusters/import",
					Map.of("clusterId", target, "recordId", source, "overwrite", true));
			assertThat(reImport.code()).as(reImport.body().toString()).isZero(); // queued: all slots are busy

			var deleteSource = this.api.delete("/api/v1/clusters/transport/" + source);
			assertThat(deleteSource.status()).isEqualTo(409);
			assertThat(deleteSource.message()).contains("is being re-imported by record "
					+ reImport.data().path("recordId").asString());
			var secondImport = this.api.post("/api/v1/clusters/import",
					Map.of("clusterId", target, "recordId", source, "overwrite", true));
			assertThat(secondImport.message()).contains("already has an import running");

			String victim = blocked.get(0);
			var argv = Processes.await(HOME.resolve("export").resolve(clusterId).resolve(victim + "-nfs").toString(),
					Duration.ofSeconds(5));
			long pid = ProcessHandle.allProcesses()
				.filter((p) -> p.info().arguments().map((a) -> String.join(" ", a).contains(victim + "-nfs")).orElse(false))
				.mapToLong(ProcessHandle::pid)
				.findFirst()
				.orElseThrow();
			new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
			JsonNode killed = this.api.awaitRecord(victim, Duration.ofMinutes(1));
			assertThat(killed.path("status").asString()).isEqualTo("Failed");
			assertThat(killed.path("message").asString()).contains("mydumper exited with code 137");
			assertThat(argv).isNotEmpty();
			statement.execute("UNLOCK TABLES");
		}
		for (String id : blocked.subList(1, blocked.size())) {
			assertThat(this.api.awaitRecord(id, Duration.ofMinutes(2)).path("status").asString()).isEqualTo("Finished");
		}
	}

	/**
	 * A transfer stopped on another node is shown Stopped while its step still winds down there: a restart then is a
	 * clear 400 (the step is set back to running in the table to hold that moment), not Spring Batch's 500.
	 */
	@Test
	void aRestartWhileTheStepStillWindsDownIsAClearRefusal() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("wind"), TestDatabases.sourcePort(), "nobody", "x");
		String recordId = startExport(clusterId);
		assertThat(this.api.awaitRecord(recordId, Duration.ofSeconds(60)).path("status").asString()).isEqualTo("Failed");
		String step = "UPDATE " + REPOSITORY_DB + ".BATCH_STEP_EXECUTION s JOIN " + REPOSITORY_DB
				+ ".BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID SET s.STATUS = '%s'"
				+ " WHERE e.JOB_INSTANCE_ID = " + Long.parseLong(recordId) + " AND s.STEP_NAME = 'exportDataFromCluster'";
		TestDatabases.execute(TestDatabases.targetPort(), String.format(step, "STARTED"));

		var refused = this.api.post("/api/v1/clusters/transport/" + recordId + "/restart", "");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo(10001);
		assertThat(refused.message()).isEqualTo("record " + recordId
				+ " is still stopping (its step has not ended yet); try again in a few seconds");
		TestDatabases.execute(TestDatabases.targetPort(), String.format(step, "FAILED"));
		assertThat(this.api.post("/api/v1/clusters/transport/" + recordId + "/restart", "").status()).isEqualTo(200);
	}

	@Test
	void unknownRecordsAreNotFound() {
		for (String id : new String[] { "999999", "abc", "-1" }) {
			assertThat(this.api.delete("/api/v1/clusters/transport/" + id).code()).as(id).isEqualTo(60102);
			assertThat(this.api.post("/api/v1/clusters/transport/" + id + "/stop", "").code()).isEqualTo(60102);
			assertThat(this.api.post("/api/v1/clusters/transport/" + id + "/restart", "").status()).isEqualTo(404);
		}
	}

	private String startExport(String clusterId) {
		var started = this.api.post("/api/v1/clusters/export",
				Map.of("clusterId", clusterId, "storageType", "nfs", "fileType", "sql", "filter", SOURCE_DB + ".*"));
		assertThat(started.code()).as(started.body().toString()).isZero();
		return started.data().path("recordId").asString();
	}

}
