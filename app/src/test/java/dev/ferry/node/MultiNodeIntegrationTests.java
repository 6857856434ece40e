package dev.ferry.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FerryClient;
import dev.ferry.support.FerryProcess;
import dev.ferry.support.FerryRepository;
import dev.ferry.support.Processes;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Ferry nodes – two JVMs of this build's application – on one MariaDB repository and one shared export root:
 * a schedule fires once per tick across both, a stop on one node reaches the tool on the other, a node killed with
 * SIGKILL mid-export has its record turned Failed by the live node within a minute (orphaned tool ended), and a
 * killed node that comes back recovers its own stale execution at startup. Restart then completes both records.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeIntegrationTests {

	static final String PASSWORD = "nodes-admin-Pw1";

	static final String SOURCE_DB = TestDatabases.uniqueName("nodes");

	static final String REPOSITORY_DB = TestDatabases.uniqueName("ferry_nodes");

	static Path shared;

	static FerryProcess nodeA;

	static FerryProcess nodeB;

	static String clusterId;

	@BeforeAll
	static void startTwoNodes() throws Exception {
		TrickyDatabase.create(TestDatabases.sourcePort(), SOURCE_DB, 40);
		TestDatabases.execute(TestDatabases.targetPort(), "CREATE DATABASE " + REPOSITORY_DB);
		shared = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-nodes")).toAbsolutePath(), "shared-");
		Map<String, String> environment = FerryRepository.environment(REPOSITORY_DB, PASSWORD);
		nodeA = FerryProcess.start("node-a", settings("node-a"), environment, shared.resolve("logs"));
		nodeB = FerryProcess.start("node-b", settings("node-b"), environment, shared.resolve("logs"));
		var reply = a().post("/api/v1/clusters", Map.of("name", TestDatabases.uniqueName("nodes"), "kind", "MYSQL",
				"host", "127.0.0.1", "port", TestDatabases.sourcePort(), "user", "root", "password", ""));
		assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
		clusterId = reply.data().path("clusterId").asString();
	}

	private static Map<String, String> settings(String nodeId) {
		Map<String, String> settings = new HashMap<>();
		settings.put("spring.profiles.active", "mariadb");
		settings.put("ferry.node.id", nodeId);
		settings.put("ferry.home", shared.resolve(nodeId).toString());
		settings.put("ferry.export-root", shared.resolve("export").toString());
		settings.put("ferry.import-root", shared.resolve("import").toString());
		settings.put("ferry.tools.poll-interval", "500ms");
		settings.put("ferry.tools.dump-threads", "2");
		settings.put("ferry.schedules.min-interval", "5s");
		return settings;
	}

	@AfterAll
	static void stopNodes() throws Exception {
		if (nodeA != null) {
			nodeA.close();
		}
		if (nodeB != null) {
			nodeB.close();
		}
	}

	@Test
	@Order(0)
	void failedLoginsOnBothNodesAddUpToOneLock() {
		String guessed = TestDatabases.uniqueName("ghost");
		for (int i = 0; i < 3; i++) {
			assertThat(nodeA.client(guessed, "guess " + i).get("/api/v1/clusters").body().toString())
				.doesNotContain("Too many");
		}
		for (int i = 3; i < 5; i++) {
			assertThat(nodeB.client(guessed, "guess " + i).get("/api/v1/clusters").body().toString())
				.doesNotContain("Too many");
		}

		var locked = nodeA.client(guessed, "guess 5").get("/api/v1/clusters");

		assertThat(locked.status()).isEqualTo(401);
		assertThat(locked.body().toString()).as("3 failures on A and 2 on B lock the name on A")
			.contains("Too many failed attempts");
	}

	@Test
	@Order(1)
	void aScheduleFiresOncePerTickAcrossTheNodes() throws Exception {
		Map<String, Object> draft = new HashMap<>(Map.of("name", "every-10s", "cron", "0/10 * * * * ?", "timeZone",
				"UTC", "keepLast", 3, "export", export()));
		var created = a().post("/api/v1/schedules", draft);
		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		String id = created.data().path("scheduleId").asString();

		Thread.sleep(Duration.ofSeconds(65).toMillis());
		assertThat(b().post("/api/v1/schedules/" + id + "/pause", "").status()).isEqualTo(200);

		List<LocalDateTime> ticks = new ArrayList<>();
		Map<String, Integer> perNode = new HashMap<>();
		try (Connection db = TestDatabases.root(TestDatabases.targetPort());
				Statement statement = db.createStatement();
				ResultSet rs = statement.executeQuery("SELECT SCHEDULED_FOR, NODE_ID, OUTCOME FROM " + REPOSITORY_DB
						+ ".FERRY_SCHEDULE_RUN WHERE SCHEDULE_ID = " + id + " ORDER BY SCHEDULED_FOR")) {
			while (rs.next()) {
				ticks.add(rs.getTimestamp(1).toLocalDateTime());
				perNode.merge(rs.getString(2), 1, Integer::sum);
			}
		}
		System.out.println("[multi-node] fires per node: " + perNode + ", ticks: " + ticks);
		assertThat(ticks).as("one fire per tick over 65 s").hasSizeGreaterThanOrEqualTo(6).doesNotHaveDuplicates();
		for (int i = 1; i < ticks.size(); i++) {
			assertThat(Duration.between(ticks.get(i - 1), ticks.get(i))).as("consecutive ticks")
				.isEqualTo(Duration.ofSeconds(10));
		}
		long launched = TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM " + REPOSITORY_DB
				+ ".FERRY_SCHEDULE_RUN WHERE OUTCOME = 'LAUNCHED' AND SCHEDULE_ID = " + id);
		assertThat(launched).isPositive();
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM " + REPOSITORY_DB
				+ ".BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME = 'scheduleId' AND PARAMETER_VALUE = '" + id + "'"))
			.as("records of the schedule after retention keepLast 3").isBetween(1L, 4L);
	}

	@Test
	@Order(2)
	void aStopOnOneNodeReachesTheToolOnTheOther() throws Exception {
		try (Connection lock = TestDatabases.root(TestDatabases.sourcePort());
				Statement statement = lock.createStatement()) {
			statement.execute("LOCK TABLES `" + SOURCE_DB + "`.orders WRITE"); // mydumper waits in FTWRL
			String recordId = startExport(a());
			String recordDir = recordDir(recordId);
			Processes.await(recordDir, Duration.ofSeconds(30));
			assertThat(b().get("/api/v1/clusters/transport?recordId=" + recordId).data().path("transportRecords")
				.path(0).path("status").asString()).as("node B sees node A's transfer").isEqualTo("Processing");

			long asked = System.nanoTime();
			var stopped = b().post("/api/v1/clusters/transport/" + recordId + "/stop", "");

			assertThat(stopped.status()).as(stopped.body().toString()).isEqualTo(200);
			JsonNode record = b().awaitRecord(recordId, Duration.ofSeconds(60));
			System.out.printf("[multi-node] stop on B reached A's tool: Stopped after %d ms%n",
					(System.nanoTime() - asked) / 1_000_000);
			assertThat(record.path("status").asString()).isEqualTo("Stopped");
			assertThat(Processes.commandLinesContaining(recordDir)).as("the tool's process tree ended").isEmpty();
			statement.execute("UNLOCK TABLES");
		}
	}

	@Test
	@Order(3)
	void aKilledNodesExportIsFailedByTheLiveNodeWithinAMinuteAndRestarts() throws Exception {
		String recordId;
		String recordDir;
		try (Connection lock = TestDatabases.root(TestDatabases.sourcePort());
				Statement statement = lock.createStatement()) {
			statement.execute("LOCK TABLES `" + SOURCE_DB + "`.orders WRITE");
			recordId = startExport(a());
			recordDir = recordDir(recordId);
			Processes.await(recordDir, Duration.ofSeconds(30));
			FerryRepository.awaitToolPidCommitted(REPOSITORY_DB, recordId);

			nodeA.kill();
			long killed = System.nanoTime();
			JsonNode record = b().awaitRecord(recordId, Duration.ofSeconds(90));
			long recoveredMs = (System.nanoTime() - killed) / 1_000_000;
			System.out.printf("[multi-node] node A killed: node B turned record %s %s after %d ms%n", recordId,
					record.path("status").asString(), recoveredMs);

			assertThat(record.path("status").asString()).isEqualTo("Failed");
			assertThat(recoveredMs).as("recovered within a minute").isLessThan(60_000);
			assertThat(record.path("message").asString()).contains("node-a").contains("stopped heartbeating");
			assertThat(Processes.commandLinesContaining(recordDir)).as("node A's orphaned tool ended by node B")
				.isEmpty();
			try (var run = Files.list(shared.resolve("node-a").resolve("run"))) {
				assertThat(run.toList()).as("node B deleted the password file of the execution it recovered")
					.isEmpty();
			}
			statement.execute("UNLOCK TABLES");
		}
		var restarted = b().post("/api/v1/clusters/transport/" + recordId + "/restart", "");
		assertThat(restarted.status()).as(restarted.body().toString()).isEqualTo(200);
		JsonNode record = b().awaitRecord(recordId, Duration.ofMinutes(2));
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		assertThat(Path.of(record.path("filePath").asString()).resolve(SOURCE_DB + ".orders.sql")).exists();
	}

	@Test
	@Order(4)
	void aNodeKilledWithSigkillRecoversItsOwnExportWhenItComesBack() throws Exception {
		String recordId;
		String recordDir;
		try (Connection lock = TestDatabases.root(TestDatabases.sourcePort());
				Statement statement = lock.createStatement()) {
			statement.execute("LOCK TABLES `" + SOURCE_DB + "`.orders WRITE");
			recordId = startExport(b()); // node A is down: B is alone
			recordDir = recordDir(recordId);
			Processes.await(recordDir, Duration.ofSeconds(30));
			FerryRepository.awaitToolPidCommitted(REPOSITORY_DB, recordId);

			nodeB.kill();
			assertThat(Processes.commandLinesContaining(recordDir)).as("the tool outlives the killed JVM").isNotEmpty();
			long down = System.nanoTime();
			nodeB.restart();
			JsonNode record = b().get("/api/v1/clusters/transport?recordId=" + recordId).data()
				.path("transportRecords").path(0);
			System.out.printf("[multi-node] node B killed and restarted: record %s %s %d ms after the kill%n",
					recordId, record.path("status").asString(), (System.nanoTime() - down) / 1_000_000);

			assertThat(record.path("status").asString()).as("Failed as soon as the node is up").isEqualTo("Failed");
			assertThat(record.path("message").asString()).contains("node-b was restarted");
			assertThat(Processes.commandLinesContaining(recordDir)).as("no orphaned tool keeps running").isEmpty();
			statement.execute("UNLOCK TABLES");
		}
		var restarted = b().post("/api/v1/clusters/transport/" + recordId + "/restart", "");
		assertThat(restarted.status()).as(restarted.body().toString()).isEqualTo(200);
		assertThat(b().awaitRecord(recordId, Duration.ofMinutes(2)).path("status").asString()).isEqualTo("Finished");
	}

	private static String startExport(FerryClient node) {
		var reply = node.post("/api/v1/clusters/export", export());
		assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
		return reply.data().path("recordId").asString();
	}

	private static String recordDir(String recordId) {
		return shared.resolve("export").resolve(clusterId).resolve(recordId + "-nfs").toString();
	}

	private static Map<String, Object> export() {
		return Map.of("clusterId", clusterId, "fileType", "sql", "storageType", "nfs", "filter", SOURCE_DB + ".*");
	}

	private static FerryClient a() {
		return nodeA.client("admin", PASSWORD);
	}

	private static FerryClient b() {
		return nodeB.client("admin", PASSWORD);
	}

}
