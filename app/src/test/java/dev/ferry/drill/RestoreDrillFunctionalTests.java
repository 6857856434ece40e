package dev.ferry.drill;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import dev.ferry.support.ConsoleSession;
import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;
import dev.ferry.transfer.RestoreDrillEnded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restore drills on the full stack: real mydumper exports of the {@code source} MariaDB instance, drilled with
 * myloader into the {@code target} instance (the drill cluster, connected as a user with a password), verified
 * against the manifest, the drill's databases dropped afterwards.
 */
class RestoreDrillFunctionalTests extends FunctionalTest {

	static final String SOURCE_DB = TestDatabases.uniqueName("drl");

	static final String DRILL_USER = TestDatabases.uniqueName("driller");

	static final String DRILL_PASSWORD = "Drill-Secret-4711";

	static final int ROWS = 40;

	static final List<RestoreDrillEnded> events = new CopyOnWriteArrayList<>();

	@Autowired
	ConfigurableApplicationContext context;

	@BeforeAll
	static void createSourceAndDrillUser() throws Exception {
		TrickyDatabase.create(TestDatabases.sourcePort(), SOURCE_DB, ROWS);
		TestDatabases.execute(TestDatabases.targetPort(),
				"CREATE USER '" + DRILL_USER + "'@'%' IDENTIFIED BY '" + DRILL_PASSWORD + "'",
				"GRANT ALL PRIVILEGES ON *.* TO '" + DRILL_USER + "'@'%'");
	}

	@AfterAll
	static void dropSourceAndDrillUser() throws Exception {
		TestDatabases.execute(TestDatabases.sourcePort(), "DROP DATABASE IF EXISTS " + TestDatabases.quote(SOURCE_DB));
		TestDatabases.execute(TestDatabases.targetPort(), "DROP USER IF EXISTS '" + DRILL_USER + "'@'%'");
	}

	@BeforeEach
	void listenToDrills() {
		if (events.isEmpty()) {
			this.context.addApplicationListener(ApplicationListener.<Object>forPayload((payload) -> {
				if (payload instanceof RestoreDrillEnded ended) {
					events.add(ended);
				}
			}));
		}
	}

	@Test
	void aScheduledExportIsDrilledVerifiedAndItsDrillDatabasesDropped() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("drl-src"), TestDatabases.sourcePort(), "root", "");
		String drill = registerCluster(TestDatabases.uniqueName("drl-tgt"), TestDatabases.targetPort(), DRILL_USER,
				DRILL_PASSWORD);
		Map<String, Object> draft = draft("drill-" + SOURCE_DB, source);
		draft.put("drill", Map.of("clusterId", drill));
		var created = this.api.post("/api/v1/schedules", draft);
		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		assertThat(created.data().path("drill").path("clusterId").asString()).isEqualTo(drill);
		String scheduleId = created.data().path("scheduleId").asString();

		var run = this.api.post("/api/v1/schedules/" + scheduleId + "/run", "");
		assertThat(run.data().path("outcome").asString()).as(run.body().toString()).isEqualTo("LAUNCHED");
		String exportId = run.data().path("recordId").asString();
		assertThat(this.api.awaitRecord(exportId, Duration.ofMinutes(2)).path("status").asString())
			.isEqualTo("Finished");

		JsonNode drilled = awaitDrill(exportId, "RESTORABLE");
		JsonNode outcome = drilled.path("restoreDrill");
		assertThat(outcome.path("summary").asString()).startsWith("restorable, verified ")
			.endsWith(", 3 tables, " + (ROWS * 3) + " rows");
		assertThat(outcome.path("tables").asInt()).isEqualTo(3);
		assertThat(outcome.path("rows").asLong()).isEqualTo(ROWS * 3);
		assertThat(outcome.path("drillClusterId").asString()).isEqualTo(drill);
		assertThat(drilled.path("status").asString()).as("a drill never changes the export's status")
			.isEqualTo("Finished");

		String drillId = outcome.path("drillRecordId").asString();
		JsonNode drillRecord = this.api.awaitRecord(drillId, Duration.ofMinutes(1));
		assertThat(drillRecord.path("transportType").asString()).isEqualTo("drill");
		assertThat(drillRecord.path("clusterId").asString()).isEqualTo(drill);
		assertThat(drillRecord.path("status").asString()).isEqualTo("Finished");
		assertThat(drillRecord.path("verification").asString()).isEqualTo("verified: 3 tables, " + (ROWS * 3)
				+ " rows match the manifest");
		assertThat(drillDatabases(drillId)).as("dropped afterwards").isZero();
		await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
			.anyMatch((e) -> e.exportRecordId() == Long.parseLong(exportId) && e.restorable()
					&& Long.valueOf(scheduleId).equals(e.scheduleId())
					&& Long.valueOf(drillId).equals(e.drillRecordId())));
	}

	@Test
	void aTamperedExportIsNotRestorableAndSaysWhy() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("drl-src2"), TestDatabases.sourcePort(), "root", "");
		String drill = registerCluster(TestDatabases.uniqueName("drl-tgt2"), TestDatabases.targetPort(), DRILL_USER,
				DRILL_PASSWORD);
		var started = this.api.post("/api/v1/clusters/export", export(source));
		assertThat(started.status()).as(started.body().toString()).isEqualTo(200);
		String exportId = started.data().path("recordId").asString();
		JsonNode export = this.api.awaitRecord(exportId, Duration.ofMinutes(2));
		assertThat(export.path("status").asString()).isEqualTo("Finished");
		assertThat(export.path("restoreDrill").isNull() || export.path("restoreDrill").isMissingNode()).isTrue();

		Path customers = dataFile(Path.of(export.path("filePath").asString()), SOURCE_DB + ".customers");
		Files.writeString(customers, ""); // the customers' rows are lost after the export finished

		var drillNow = this.api.post("/api/v1/clusters/transport/" + exportId + "/drill",
				Map.of("clusterId", drill, "dropAfterwards", true));
		assertThat(drillNow.status()).as(drillNow.body().toString()).isEqualTo(200);
		String drillId = drillNow.data().path("recordId").asString();

		JsonNode drilled = awaitDrill(exportId, "NOT_RESTORABLE");
		String summary = drilled.path("restoreDrill").path("summary").asString();
		assertThat(summary).startsWith("not restorable: buildDataImportConfig: ") // the files are checked first
			.contains(SOURCE_DB + ".customers.sql has 0 bytes, the manifest says")
			.doesNotContain(DRILL_PASSWORD);
		assertThat(drilled.path("restoreDrill").path("drillRecordId").asString()).isEqualTo(drillId);
		assertThat(drilled.path("status").asString()).isEqualTo("Finished");
		assertThat(this.api.awaitRecord(drillId, Duration.ofMinutes(1)).path("status").asString()).isEqualTo("Failed");
		assertThat(drillDatabases(drillId)).as("dropped afterwards, failed or not").isZero();
		await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
			.anyMatch((e) -> e.exportRecordId() == Long.parseLong(exportId) && !e.restorable()
					&& e.summary().equals(summary) && e.scheduleId() == null));
	}

	@Test
	void theConsoleSetsADrillShowsItsOutcomeAndDrillsNow() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("drl-src4"), TestDatabases.sourcePort(), "root", "");
		String drill = registerCluster(TestDatabases.uniqueName("drl-tgt4"), TestDatabases.targetPort(), DRILL_USER,
				DRILL_PASSWORD);
		ConsoleSession console = ConsoleSession.logIn("http://127.0.0.1:" + this.port, "admin", ADMIN_PASSWORD);
		assertThat(console.get("/schedules/new").body()).contains("name=\"drillClusterId\"");
		HttpResponse<String> created = console.post("/schedules/new", List.of(List.of("name", "ui-drill-" + SOURCE_DB),
				List.of("clusterId", source), List.of("cron", "0 0 2 * * ?"), List.of("timeZone", "UTC"),
				List.of("enabled", "true"), List.of("fileType", "sql"), List.of("tables", "rules"),
				List.of("filters[0]", SOURCE_DB + ".*"), List.of("storageType", "nfs"),
				List.of("drillClusterId", drill), List.of("_drillDrop", "on")), true); // unchecked: keep them
		assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
		String location = created.headers().firstValue("Location").orElseThrow();
		String scheduleId = location.substring(location.lastIndexOf('/') + 1);
		JsonNode schedule = this.api.get("/api/v1/schedules/" + scheduleId).data();
		assertThat(schedule.path("drill").path("clusterId").asString()).isEqualTo(drill);
		assertThat(schedule.path("drill").path("dropAfterwards").asBoolean()).isFalse();
		assertThat(console.get("/schedules/" + scheduleId).body()).contains("into cluster " + drill)
			.contains("its databases kept");

		String exportId = this.api.post("/api/v1/schedules/" + scheduleId + "/run", "").data().path("recordId")
			.asString();
		String drillId = awaitDrill(exportId, "RESTORABLE").path("restoreDrill").path("drillRecordId").asString();
		assertThat(drillDatabases(drillId)).as("kept: drop is off").isOne();
		TestDatabases.execute(TestDatabases.targetPort(),
				"DROP DATABASE " + TestDatabases.quote(SOURCE_DB + "_drill_" + drillId));
		String page = console.get("/transfers/" + exportId).body();
		assertThat(page).contains("id=\"restore-drill\" data-state=\"RESTORABLE\"")
			.contains(", 3 tables, " + (ROWS * 3) + " rows")
			.contains("action=\"/transfers/" + exportId + "/drill\"");
		assertThat(console.get("/transfers?type=export").body()).contains("class=\"small drill ok\"");

		HttpResponse<String> drillNow = console.post("/transfers/" + exportId + "/drill",
				java.util.Map.of("clusterId", drill, "dropAfterwards", "true"));
		assertThat(drillNow.statusCode()).as(drillNow.body()).isEqualTo(302);
		await().atMost(Duration.ofMinutes(2)).until(() -> {
			JsonNode outcome = this.api.get("/api/v1/clusters/transport?recordId=" + exportId).data()
				.path("transportRecords").path(0).path("restoreDrill");
			return outcome.path("state").asString().equals("RESTORABLE")
					&& !outcome.path("drillRecordId").asString().equals(drillId);
		});
		String secondDrill = this.api.get("/api/v1/clusters/transport?recordId=" + exportId).data()
			.path("transportRecords").path(0).path("restoreDrill").path("drillRecordId").asString();
		assertThat(drillDatabases(secondDrill)).as("dropped: Drill now had drop on").isZero();
	}

	@Test
	void aDrillNeverLoadsIntoNorDropsADatabaseThatExistedBefore() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("drl-src5"), TestDatabases.sourcePort(), "root", "");
		String drill = registerCluster(TestDatabases.uniqueName("drl-tgt5"), TestDatabases.targetPort(), DRILL_USER,
				DRILL_PASSWORD);
		String exportId = this.api.post("/api/v1/clusters/export", export(source)).data().path("recordId").asString();
		assertThat(this.api.awaitRecord(exportId, Duration.ofMinutes(2)).path("status").asString())
			.isEqualTo("Finished");
		long next = Long.parseLong(exportId) + 1; // the drill's record is the next job instance
		List<String> taken = List.of(SOURCE_DB + "_drill_" + next, SOURCE_DB + "_drill_" + (next + 1));
		for (String db : taken) {
			TestDatabases.execute(TestDatabases.targetPort(), "CREATE DATABASE " + TestDatabases.quote(db),
					"CREATE TABLE " + TestDatabases.quote(db) + ".precious (id INT)");
		}
		try {
			var started = this.api.post("/api/v1/clusters/transport/" + exportId + "/drill",
					Map.of("clusterId", drill, "dropAfterwards", true));
			assertThat(started.status()).as(started.body().toString()).isEqualTo(200);
			String drillId = started.data().path("recordId").asString();
			assertThat(taken).contains(SOURCE_DB + "_drill_" + drillId);

			String summary = awaitDrill(exportId, "NOT_RESTORABLE").path("restoreDrill").path("summary").asString();

			assertThat(summary).contains("already exist").contains(SOURCE_DB + "_drill_" + drillId);
			assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM information_schema.TABLES"
					+ " WHERE TABLE_SCHEMA = " + TestDatabases.literal(SOURCE_DB + "_drill_" + drillId)
					+ " AND TABLE_NAME = 'precious'")).as("neither loaded into nor dropped").isOne();
		}
		finally {
			for (String db : taken) {
				TestDatabases.execute(TestDatabases.targetPort(), "DROP DATABASE IF EXISTS " + TestDatabases.quote(db));
			}
		}
	}

	@Test
	void badDrillRequestsGetClearErrors() {
		String source = registerCluster(TestDatabases.uniqueName("drl-src3"), TestDatabases.sourcePort(), "root", "");
		Map<String, Object> noCluster = draft("drill-bad1-" + SOURCE_DB, source);
		noCluster.put("drill", Map.of("dropAfterwards", false));
		var refused = this.api.post("/api/v1/schedules", noCluster);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.message()).contains("drill.clusterId is required");
		Map<String, Object> unknown = draft("drill-bad2-" + SOURCE_DB, source);
		unknown.put("drill", Map.of("clusterId", "987654"));
		var notFound = this.api.post("/api/v1/schedules", unknown);
		assertThat(notFound.status()).isEqualTo(404);
		assertThat(notFound.message()).contains("987654");
		assertThat(this.api.get("/api/v1/schedules").body().toString()).doesNotContain("drill-bad1-", "drill-bad2-");

		var noRecord = this.api.post("/api/v1/clusters/transport/987654/drill", Map.of("clusterId", source));
		assertThat(noRecord.status()).isEqualTo(404);
		var noDrillCluster = this.api.post("/api/v1/clusters/transport/987654/drill", Map.of());
		assertThat(noDrillCluster.status()).isEqualTo(400);
		assertThat(noDrillCluster.message()).contains("clusterId is required");
	}

	private JsonNode awaitDrill(String exportId, String state) {
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).until(() -> {
			last[0] = this.api.get("/api/v1/clusters/transport?recordId=" + exportId)
				.data()
				.path("transportRecords")
				.path(0);
			String now = last[0].path("restoreDrill").path("state").asString();
			if (!now.isEmpty() && !now.equals("RUNNING") && !now.equals(state)) {
				throw new AssertionError("drill ended " + now + ": " + last[0]);
			}
			return now.equals(state);
		});
		return last[0];
	}

	private static long drillDatabases(String drillId) throws SQLException {
		return TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM information_schema.SCHEMATA"
				+ " WHERE SCHEMA_NAME = " + TestDatabases.literal(SOURCE_DB + "_drill_" + drillId));
	}

	private static Path dataFile(Path data, String table) throws IOException {
		try (Stream<Path> files = Files.list(data)) {
			return files.filter((f) -> f.getFileName().toString().startsWith(table + "."))
				.filter((f) -> f.getFileName().toString().endsWith(".sql"))
				.filter((f) -> !f.getFileName().toString().contains("-schema"))
				.findFirst()
				.orElseThrow();
		}
	}

	private static Map<String, Object> draft(String name, String clusterId) {
		Map<String, Object> draft = new HashMap<>();
		draft.put("name", name);
		draft.put("cron", "0 0 2 * * ?");
		draft.put("timeZone", "UTC");
		draft.put("export", export(clusterId));
		return draft;
	}

	private static Map<String, Object> export(String clusterId) {
		return new HashMap<>(Map.of("clusterId", clusterId, "fileType", "sql", "storageType", "nfs", "filter",
				SOURCE_DB + ".*"));
	}

}
