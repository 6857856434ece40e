package dev.ferry.monitoring;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.ConsoleSession;
import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/prometheus} on the whole application: refused without login, scraped with a viewer's API token,
 * and Ferry's metrics – and Spring Batch's job and step observations – counting real mysql-chain transfers (mydumper
 * and myloader against the test MariaDB instances). The application context is shared with other tests, so every
 * assertion compares a scrape after with one before.
 */
class MetricsFunctionalTests extends FunctionalTest {

	static final String DB = TestDatabases.uniqueName("metrics");

	static final String VIEWER = "it-prometheus";

	static final String VIEWER_PASSWORD = "it-prometheus-Password-1";

	static final Map<String, String> MYSQL_NFS_EXPORT = Map.of("type", "export", "chain", "mysql", "storage", "nfs",
			"scheduled", "false");

	private static String token;

	@Autowired
	Scheduler scheduler;

	@BeforeAll
	static void createSourceDatabase() throws Exception {
		TrickyDatabase.create(TestDatabases.sourcePort(), DB, 300);
	}

	@Test
	void theScrapeNeedsAUserAndTakesAViewersApiToken() {
		HttpResponse<String> anonymous = this.api.raw(this.api.unauthenticated("/actuator/prometheus").GET());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.body()).contains("\"code\":401").doesNotContain("ferry_");
		HttpResponse<String> badToken = this.api.raw(this.api.unauthenticated("/actuator/prometheus")
			.header("Authorization", "Bearer fry_" + "x".repeat(43))
			.GET());
		assertThat(badToken.statusCode()).isEqualTo(401);
		assertThat(this.api.raw(this.api.unauthenticated("/actuator/health").GET()).statusCode())
			.as("health stays open")
			.isEqualTo(200);

		HttpResponse<String> scraped = scrapeResponse();

		assertThat(scraped.statusCode()).as(scraped.body()).isEqualTo(200);
		assertThat(scraped.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
		assertThat(scraped.headers().allValues("Set-Cookie")).as("stateless: no session").isEmpty();
		Scrape scrape = Scrape.parse(scraped.body());
		assertThat(scrape.names()).contains("ferry_transfers_queued", "ferry_transfers_running",
				"ferry_transfers_stalled_seconds", "ferry_node_heartbeats_total", "ferry_nodes_live",
				"ferry_node_last_heartbeat_timestamp_seconds", "ferry_storage_free_bytes", "ferry_storage_total_bytes",
				"ferry_schedule_fires_total", "ferry_schedule_misfires_total", "ferry_verification_failures_total",
				"jvm_memory_used_bytes");
		assertThat(scrape.value("ferry_nodes_live")).isEqualTo(1);
		assertThat(scrape.value("ferry_node_heartbeats_total")).isGreaterThanOrEqualTo(1);
		assertThat(scrape.value("ferry_node_last_heartbeat_timestamp_seconds"))
			.isCloseTo(System.currentTimeMillis() / 1000.0, Offset.offset(120.0));
		double free = scrape.value("ferry_storage_free_bytes", Map.of("root", "export"));
		assertThat(free).isPositive().isLessThanOrEqualTo(scrape.value("ferry_storage_total_bytes",
				Map.of("root", "export")));
	}

	@Test
	void aFinishedExportAndAFailedVerificationAreCounted() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("m-src"), TestDatabases.sourcePort(), "root", "");
		Scrape before = scrape();

		var started = this.api.post("/api/v1/clusters/export", Map.of("clusterId", clusterId, "storageType", "nfs",
				"fileType", "sql", "filter", DB + ".*"));
		JsonNode record = this.api.awaitRecord(started.data().path("recordId").asString(), Duration.ofMinutes(2));
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");

		Scrape after = scrape();
		Map<String, String> completed = with(MYSQL_NFS_EXPORT, "outcome", "completed");
		assertThat(delta(before, after, "ferry_transfers_started_total", MYSQL_NFS_EXPORT)).isEqualTo(1);
		assertThat(delta(before, after, "ferry_transfers_ended_total", completed)).isEqualTo(1);
		assertThat(delta(before, after, "ferry_transfers_duration_seconds_count", completed)).isEqualTo(1);
		assertThat(delta(before, after, "ferry_transfers_duration_seconds_bucket", with(completed, "le", "+Inf")))
			.isEqualTo(1);
		assertThat(delta(before, after, "ferry_transfers_bytes_total", MYSQL_NFS_EXPORT))
			.isEqualTo(record.path("progress").path("bytes").asLong())
			.isPositive();
		long rows = TestDatabases.count(TestDatabases.sourcePort(), "SELECT COUNT(*) FROM `" + DB + "`.customers")
				+ TestDatabases.count(TestDatabases.sourcePort(), "SELECT COUNT(*) FROM `" + DB + "`.orders");
		assertThat(delta(before, after, "ferry_transfers_rows_total", MYSQL_NFS_EXPORT)).isEqualTo(rows);
		assertThat(delta(before, after, "ferry_tool_exits_total", Map.of("tool", "mydumper", "code_class", "ok")))
			.isEqualTo(1);
		assertThat(after.value("ferry_transfers_running", Map.of("type", "export"))).isZero();
		assertThat(after.value("ferry_transfers_stalled_seconds")).isZero();
		assertThat(delta(before, after, "spring_batch_job_seconds_count",
				Map.of("spring_batch_job_name", "exportData", "spring_batch_job_status", "COMPLETED")))
			.as("Spring Batch's job observation")
			.isEqualTo(1);
		assertThat(delta(before, after, "spring_batch_step_seconds_count",
				Map.of("spring_batch_step_name", "exportDataFromCluster", "spring_batch_step_status", "COMPLETED")))
			.as("Spring Batch's step observation")
			.isEqualTo(1);

		// a tampered manifest: the import loads every row, the counts then differ → a verification failure
		Path manifest = Path.of(record.path("filePath").asString()).resolve("manifest.json");
		Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"rows\" : (\\d+)", "\"rows\" : 1$1"));
		String target = registerCluster(TestDatabases.uniqueName("m-dst"), TestDatabases.targetPort(), "root", "");
		var imported = this.api.post("/api/v1/clusters/import",
				Map.of("clusterId", target, "recordId", record.path("recordId").asString()));
		JsonNode importRecord = this.api.awaitRecord(imported.data().path("recordId").asString(),
				Duration.ofMinutes(2));
		assertThat(importRecord.path("verification").asString()).startsWith("verification failed");

		Scrape last = scrape();
		assertThat(delta(after, last, "ferry_verification_failures_total", Map.of("type", "import"))).isEqualTo(1);
		assertThat(delta(after, last, "ferry_transfers_ended_total",
				Map.of("type", "import", "chain", "mysql", "outcome", "failed")))
			.isEqualTo(1);
		assertThat(delta(after, last, "ferry_tool_exits_total", Map.of("tool", "myloader", "code_class", "ok")))
			.isEqualTo(1);
		assertThat(delta(after, last, "ferry_transfers_bytes_total", Map.of("type", "import")))
			.as("only finished transfers move bytes")
			.isZero();
	}

	@Test
	void aTransferThatMakesNoProgressShowsAsStalledAndAStopIsCounted() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("m-stall"), TestDatabases.sourcePort(), "root",
				"");
		Scrape before = scrape();
		// a write lock makes mydumper wait in FLUSH TABLES WITH READ LOCK: running, without progress
		try (Connection lock = TestDatabases.root(TestDatabases.sourcePort());
				Statement statement = lock.createStatement()) {
			statement.execute("LOCK TABLES `" + DB + "`.orders WRITE");
			var started = this.api.post("/api/v1/clusters/export",
					Map.of("clusterId", clusterId, "storageType", "nfs", "fileType", "sql", "filter", DB + ".*"));
			assertThat(started.status()).as(started.body().toString()).isEqualTo(200);
			String recordId = started.data().path("recordId").asString();

			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> scrape().value("ferry_transfers_stalled_seconds") >= 3);
			Scrape stalled = scrape();
			assertThat(stalled.value("ferry_transfers_running", Map.of("type", "export"))).isEqualTo(1);
			assertThat(stalled.value("ferry_transfers_running", Map.of("type", "import"))).isZero();

			assertThat(this.api.post("/api/v1/clusters/transport/" + recordId + "/stop", "").status()).isEqualTo(200);
			assertThat(this.api.awaitRecord(recordId, Duration.ofMinutes(1)).path("status").asString())
				.isEqualTo("Stopped");
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> scrape().value("ferry_transfers_running") == 0);
		Scrape after = scrape();
		assertThat(after.value("ferry_transfers_stalled_seconds")).isZero();
		assertThat(delta(before, after, "ferry_transfers_ended_total", with(MYSQL_NFS_EXPORT, "outcome", "stopped")))
			.isEqualTo(1);
		assertThat(delta(before, after, "ferry_transfers_bytes_total", MYSQL_NFS_EXPORT)).isZero();
	}

	@Test
	void aScheduleFireIsCountedAndItsLastFireAndNextDueTimeAreShown() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("m-sched"), TestDatabases.sourcePort(), "root",
				"");
		String name = "metrics \"nightly\" " + DB;
		Map<String, Object> draft = new HashMap<>(Map.of("name", name, "cron", "0 0 2 * * ?", "timeZone", "UTC",
				"export", Map.of("clusterId", clusterId, "fileType", "sql", "storageType", "nfs", "filter",
						DB + ".customers")));
		String id = this.api.post("/api/v1/schedules", draft).data().path("scheduleId").asString();
		Scrape before = scrape();
		long firedAt = System.currentTimeMillis() / 1000;

		var run = this.api.post("/api/v1/schedules/" + id + "/run", "");
		assertThat(run.data().path("outcome").asString()).as(run.body().toString()).isEqualTo("LAUNCHED");
		JsonNode record = this.api.awaitRecord(run.data().path("recordId").asString(), Duration.ofMinutes(2));
		assertThat(record.path("status").asString()).isEqualTo("Finished");

		Scrape after = scrape();
		assertThat(delta(before, after, "ferry_schedule_fires_total",
				Map.of("trigger", "manual", "outcome", "launched")))
			.isEqualTo(1);
		assertThat(delta(before, after, "ferry_transfers_ended_total",
				Map.of("type", "export", "scheduled", "true", "outcome", "completed")))
			.isEqualTo(1);
		Map<String, String> schedule = Map.of("schedule_id", id, "schedule", name);
		assertThat(after.value("ferry_schedule_last_fire_timestamp_seconds", schedule))
			.isCloseTo(firedAt, Offset.offset(5.0));
		double due = after.value("ferry_schedule_due_timestamp_seconds", schedule);
		assertThat(due).as("the next 02:00 UTC").isGreaterThan(firedAt).isLessThanOrEqualTo(firedAt + 86400);
		assertThat(due % 86400).isEqualTo(7200);

		// Quartz calls its trigger listeners when it finds a fire time missed: Ferry's is registered and counts it
		Trigger trigger = this.scheduler.getTrigger(TriggerKey.triggerKey("schedule-" + id, "ferry-schedules"));
		this.scheduler.getListenerManager().getTriggerListener("ferry-schedule-misfires").triggerMisfired(trigger);
		assertThat(delta(after, scrape(), "ferry_schedule_misfires_total", Map.of())).isEqualTo(1);

		this.api.post("/api/v1/schedules/" + id + "/pause", "");
		var paused = this.api.post("/api/v1/schedules/" + id + "/run", ""); // refreshes: a paused one is not due
		assertThat(scrape().all("ferry_schedule_due_timestamp_seconds"))
			.noneMatch((sample) -> sample.labels().get("schedule_id").equals(id));
		this.api.awaitRecord(paused.data().path("recordId").asString(), Duration.ofMinutes(2));
		this.api.delete("/api/v1/schedules/" + id);
	}

	/** Scrapes as a VIEWER with an API token, as a Prometheus server is told to in the README. */
	Scrape scrape() {
		HttpResponse<String> response = scrapeResponse();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Scrape.parse(response.body());
	}

	private HttpResponse<String> scrapeResponse() {
		return this.api.raw(this.api.unauthenticated("/actuator/prometheus")
			.header("Authorization", "Bearer " + viewerToken())
			.GET());
	}

	private String viewerToken() {
		if (token == null) {
			try {
				createUser(VIEWER, VIEWER_PASSWORD, "VIEWER");
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException(ex);
			}
			ConsoleSession session = ConsoleSession.logIn("http://127.0.0.1:" + this.port, VIEWER, VIEWER_PASSWORD);
			session.get("/tokens");
			HttpResponse<String> created = session.post("/tokens", Map.of("name", "prometheus", "expiresInDays", "30"));
			Matcher matcher = Pattern.compile("(fry_[A-Za-z0-9_-]{43})").matcher(created.body());
			assertThat(matcher.find()).as(created.body()).isTrue();
			token = matcher.group(1);
		}
		return token;
	}

	static double delta(Scrape before, Scrape after, String name, Map<String, String> labels) {
		return after.value(name, labels) - before.value(name, labels);
	}

	static Map<String, String> with(Map<String, String> labels, String name, String value) {
		Map<String, String> more = new HashMap<>(labels);
		more.put(name, value);
		return more;
	}

}
