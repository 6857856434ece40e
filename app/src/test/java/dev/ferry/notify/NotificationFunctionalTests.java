package dev.ferry.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.ferry.support.ConsoleSession;
import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications on the full stack (MariaDB repository, real mydumper): a scheduled export that fails sends a signed
 * webhook to a local receiver, which refuses it twice, and an e-mail to a real SMTP server (GreenMail).
 */
class NotificationFunctionalTests extends FunctionalTest {

	private static final int SMTP_PORT = 35221;

	private static final int HOOK_PORT = 35222;

	private static final String SECRET = "it-Webhook-Secret-0123456789";

	private static final String SOURCE_DB = TestDatabases.uniqueName("notify");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static GreenMail smtp;

	private static WebhookReceiver receiver;

	@org.springframework.beans.factory.annotation.Autowired
	private org.springframework.context.ApplicationEventPublisher events;

	@DynamicPropertySource
	static void notificationProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
		registry.add("ferry.notifications.from", () -> "ferry@it.example");
		registry.add("ferry.notifications.base-url", () -> "https://ferry.it.example/");
		registry.add("ferry.notifications.initial-backoff", () -> "1s");
		registry.add("ferry.notifications.poll-interval", () -> "300ms");
		// Quartz looks for misfires every threshold: short, so that a misfire is seen within seconds
		registry.add("spring.quartz.properties.org.quartz.jobStore.misfireThreshold", () -> "1000");
	}

	@BeforeAll
	static void startReceivers() throws Exception {
		smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		receiver = new WebhookReceiver(HOOK_PORT, SECRET);
		TestDatabases.execute(TestDatabases.sourcePort(), "CREATE DATABASE " + SOURCE_DB,
				"CREATE TABLE " + SOURCE_DB + ".orders (id INT PRIMARY KEY, total DECIMAL(10,2))",
				"INSERT INTO " + SOURCE_DB + ".orders VALUES (1, 9.99), (2, 19.99)");
	}

	@AfterAll
	static void stopReceivers() throws Exception {
		receiver.close();
		smtp.stop();
		TestDatabases.execute(TestDatabases.sourcePort(), "DROP DATABASE IF EXISTS " + SOURCE_DB);
	}

	@Test
	void aFailedScheduledExportSendsASignedWebhookRetriedWithBackoffAndAnEmail() throws Exception {
		String clusterName = TestDatabases.uniqueName("n-cluster");
		String clusterId = registerCluster(clusterName, TestDatabases.sourcePort(), "root", "");
		Map<String, Object> draft = new HashMap<>(Map.of("name", "notify-" + SOURCE_DB, "cron", "0 0 3 1 1 ? 2099",
				"timeZone", "UTC", "enabled", false, "export", Map.of("clusterId", clusterId, "fileType", "sql",
						"storageType", "nfs", "filter", SOURCE_DB + ".*")));
		var created = this.api.post("/api/v1/schedules", draft);
		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		String scheduleId = created.data().path("scheduleId").asString();
		var target = this.api.put("/api/v1/schedules/" + scheduleId + "/notifications",
				Map.of("events", List.of("transfer.failed", "schedule.missed"), "webhookUrl",
						"http://127.0.0.1:" + HOOK_PORT + "/hook", "webhookSecret", SECRET, "emailTo",
						"ops@it.example, dba@it.example"));
		assertThat(target.status()).as(target.body().toString()).isEqualTo(200);
		assertThat(target.data().path("webhookSecretStored").asBoolean()).isTrue();
		assertThat(target.body().toString()).doesNotContain(SECRET);
		assertThat(this.api.get("/api/v1/schedules/" + scheduleId + "/notifications").body().toString())
			.contains("ops@it.example").doesNotContain(SECRET);
		receiver.failNext(2);
		// the schedule's source database is gone by the time it runs: its export fails
		TestDatabases.execute(TestDatabases.sourcePort(), "DROP DATABASE " + SOURCE_DB);

		var run = this.api.post("/api/v1/schedules/" + scheduleId + "/run", "");
		assertThat(run.data().path("outcome").asString()).as(run.body().toString()).isEqualTo("LAUNCHED");
		String recordId = run.data().path("recordId").asString();
		JsonNode record = this.api.awaitRecord(recordId, Duration.ofMinutes(2));
		assertThat(record.path("status").asString()).isEqualTo("Failed");
		String reason = record.path("message").asString();
		assertThat(reason).contains("nothing to export");

		await().atMost(Duration.ofSeconds(30))
			.until(() -> callsOf(recordId).stream().anyMatch((c) -> c.answered() == 200));
		List<WebhookReceiver.Call> calls = callsOf(recordId);
		assertThat(calls).extracting(WebhookReceiver.Call::answered).containsExactly(500, 500, 200);
		assertThat(calls).allSatisfy((call) -> assertThat(call.signatureValid()).as(call.toString()).isTrue());
		WebhookReceiver.Call accepted = calls.get(2);
		assertThat(Long.parseLong(accepted.timestamp())).isBetween(Instant.now().getEpochSecond() - 120,
				Instant.now().getEpochSecond());
		assertThat(accepted.signature()).startsWith("sha256=").hasSize(7 + 64);
		assertThat(Long.parseLong(accepted.timestamp())).as("each attempt is signed afresh")
			.isGreaterThan(Long.parseLong(calls.get(0).timestamp()));
		JsonNode body = JSON.readTree(accepted.body());
		assertThat(body.path("event").asString()).isEqualTo("transfer.failed");
		assertThat(body.path("recordId").asString()).isEqualTo(recordId);
		assertThat(body.path("type").asString()).isEqualTo("export");
		assertThat(body.path("clusterId").asString()).isEqualTo(clusterId);
		assertThat(body.path("clusterName").asString()).isEqualTo(clusterName);
		assertThat(body.path("scheduleId").asString()).isEqualTo(scheduleId);
		assertThat(body.path("scheduleName").asString()).isEqualTo("notify-" + SOURCE_DB);
		assertThat(body.path("status").asString()).isEqualTo("Failed");
		assertThat(body.path("message").asString()).contains("nothing to export");
		assertThat(body.path("startTime").asString()).isNotEmpty();
		assertThat(body.path("endTime").asString()).isNotEmpty();
		assertThat(body.path("link").asString()).isEqualTo("https://ferry.it.example/transfers/" + recordId);

		await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length == 2);
		MimeMessage mail = smtp.getReceivedMessages()[0];
		assertThat(mail.getSubject()).contains("transfer.failed", "notify-" + SOURCE_DB, "record " + recordId);
		assertThat(mail.getFrom()[0].toString()).isEqualTo("ferry@it.example");
		assertThat(List.of(smtp.getReceivedMessages()).stream().map((m) -> {
			try {
				return m.getAllRecipients().length;
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		})).containsOnly(2);
		assertThat(GreenMailUtil.getBody(mail)).contains("nothing to export", "Record: " + recordId,
				"https://ferry.it.example/transfers/" + recordId);

		JsonNode deliveries = this.api.get("/api/v1/notifications").data().path("deliveries");
		JsonNode webhook = find(deliveries, recordId, "webhook");
		assertThat(webhook.path("status").asString()).isEqualTo("DELIVERED");
		assertThat(webhook.path("attempts").asInt()).isEqualTo(3);
		assertThat(webhook.path("lastError").asString()).isEqualTo("webhook answered HTTP 500");
		assertThat(webhook.path("destination").asString()).isEqualTo("http://127.0.0.1:" + HOOK_PORT + "/…");
		JsonNode email = find(deliveries, recordId, "email");
		assertThat(email.path("status").asString()).isEqualTo("DELIVERED");
		assertThat(email.path("attempts").asInt()).isEqualTo(1);

		ConsoleSession console = ConsoleSession.logIn("http://127.0.0.1:" + this.port, "admin", ADMIN_PASSWORD);
		String page = console.get("/notifications").body();
		assertThat(page).contains("data-delivery=\"" + webhook.path("id").asString() + "\"", "webhook answered HTTP 500",
				"DELIVERED", "#" + recordId).doesNotContain(SECRET);
		String schedulePage = console.get("/schedules/" + scheduleId + "/notifications").body();
		assertThat(schedulePage).contains("ops@it.example, dba@it.example", "http://127.0.0.1:" + HOOK_PORT + "/hook")
			.doesNotContain(SECRET);

		// the transfer's own outcome is what it was
		JsonNode after = this.api.get("/api/v1/clusters/transport?recordId=" + recordId)
			.data()
			.path("transportRecords")
			.path(0);
		assertThat(after.path("status").asString()).isEqualTo("Failed");
		assertThat(after.path("message").asString()).isEqualTo(reason);
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM " + REPOSITORY_DB
				+ ".FERRY_SECRET WHERE PURPOSE = 'notify-webhook' AND CIPHERTEXT LIKE '%" + SECRET + "%'")).isZero();
	}

	@Test
	void badTargetsAreRefusedWithClearErrors() throws Exception {
		assertRefused(Map.of("webhookUrl", "file:///etc/passwd", "webhookSecret", SECRET),
				"webhookUrl must be an http or https URL");
		assertRefused(Map.of("webhookUrl", "gopher://127.0.0.1:70/x", "webhookSecret", SECRET),
				"webhookUrl must be an http or https URL");
		assertRefused(Map.of("webhookUrl", "https://hooks.example.com/x"), "webhookSecret is required");
		assertRefused(Map.of("webhookUrl", "https://hooks.example.com/x", "webhookSecret", "short"),
				"16 to 512 characters");
		assertRefused(Map.of("emailTo", "ops@it.example, nobody"), "'nobody' is not an e-mail address");
		assertRefused(Map.of("events", List.of("transfer.exploded")), "'transfer.exploded' is not an event");
		assertThat(this.api.get("/api/v1/schedules/987654/notifications").code()).isEqualTo(60200);
		assertThat(this.api.get("/api/v1/notifications").data().path("settings").path("webhookUrl").isNull()).isTrue();

		ConsoleSession console = ConsoleSession.logIn("http://127.0.0.1:" + this.port, "admin", ADMIN_PASSWORD);
		console.get("/notifications");
		var refused = console.post("/notifications", Map.of("webhookUrl", "ftp://example.com/x", "webhookSecret",
				SECRET, "events", "transfer.failed"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("webhookUrl must be an http or https URL", "ftp://example.com/x")
			.doesNotContain(SECRET);

		// the global target is ADMIN's; an OPERATOR reads it but cannot change it
		String operator = TestDatabases.uniqueName("n-op");
		createUser(operator, "operator-Pass-12345", "OPERATOR");
		var forbidden = new dev.ferry.support.FerryClient("http://127.0.0.1:" + this.port, operator, "operator-Pass-12345")
			.put("/api/v1/notifications", Map.of("webhookUrl", "https://hooks.example.com/x", "webhookSecret", SECRET));
		assertThat(forbidden.status()).isEqualTo(403);
		ConsoleSession operatorConsole = ConsoleSession.logIn("http://127.0.0.1:" + this.port, operator,
				"operator-Pass-12345");
		assertThat(operatorConsole.get("/notifications").statusCode()).isEqualTo(200);
		// a VIEWER sees a schedule's webhook without its path (it may hold a token)
		String viewer = TestDatabases.uniqueName("n-view");
		createUser(viewer, "viewer-Pass-123456", "VIEWER");
		String clusterId = registerCluster(TestDatabases.uniqueName("n-v"), TestDatabases.sourcePort(), "root", "");
		String scheduleId = this.api.post("/api/v1/schedules", new HashMap<>(Map.of("name", "viewed-" + SOURCE_DB,
				"cron", "0 0 3 1 1 ? 2099", "timeZone", "UTC", "enabled", false, "export", Map.of("clusterId", clusterId,
						"fileType", "sql", "storageType", "nfs", "filter", "mysql.user"))))
			.data()
			.path("scheduleId")
			.asString();
		assertThat(this.api.put("/api/v1/schedules/" + scheduleId + "/notifications", Map.of("webhookUrl",
				"https://hooks.example.com/services/T0/B0/tok3n", "webhookSecret", SECRET)).status()).isEqualTo(200);
		var viewed = new dev.ferry.support.FerryClient("http://127.0.0.1:" + this.port, viewer, "viewer-Pass-123456")
			.get("/api/v1/schedules/" + scheduleId + "/notifications");
		assertThat(viewed.data().path("webhookUrl").asString()).isEqualTo("https://hooks.example.com/…");
		assertThat(ConsoleSession.logIn("http://127.0.0.1:" + this.port, viewer, "viewer-Pass-123456")
			.get("/schedules/" + scheduleId + "/notifications")
			.body()).contains("https://hooks.example.com/…").doesNotContain("tok3n");
		assertThat(this.api.get("/api/v1/schedules/" + scheduleId + "/notifications").data().path("webhookUrl").asString())
			.endsWith("tok3n");
		assertThat(operatorConsole.post("/notifications", Map.of("emailTo", "x@it.example")).statusCode())
			.isEqualTo(403);
	}

	@Test
	void aFireThatLaunchesNothingIsAMissedSchedule() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("n-missed"), TestDatabases.sourcePort(), "root", "");
		Map<String, Object> draft = new HashMap<>(Map.of("name", "missed-" + SOURCE_DB, "cron", "0 0 3 1 1 ? 2099",
				"timeZone", "UTC", "enabled", false, "export",
				Map.of("clusterId", clusterId, "fileType", "sql", "storageType", "nfs", "filter", "mysql.user")));
		var created = this.api.post("/api/v1/schedules", draft);
		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		String scheduleId = created.data().path("scheduleId").asString();
		assertThat(this.api.put("/api/v1/schedules/" + scheduleId + "/notifications",
				Map.of("events", List.of("schedule.missed"), "webhookUrl", "http://127.0.0.1:" + HOOK_PORT + "/hook",
						"webhookSecret", SECRET))
			.status()).isEqualTo(200);
		// another node holds the schedule's fire lock: this fire is skipped
		TestDatabases.execute(TestDatabases.targetPort(), "UPDATE " + REPOSITORY_DB + ".FERRY_SCHEDULE"
				+ " SET FIRE_LOCK_UNTIL = NOW(6) + INTERVAL 1 HOUR WHERE ID = " + scheduleId);

		var run = this.api.post("/api/v1/schedules/" + scheduleId + "/run", "");
		assertThat(run.data().path("outcome").asString()).as(run.body().toString()).isEqualTo("SKIPPED");

		await().atMost(Duration.ofSeconds(30)).until(() -> missed(scheduleId, "SKIPPED") != null);
		JsonNode body = missed(scheduleId, "SKIPPED");
		assertThat(body.path("message").asString()).contains("another fire of this schedule");
		assertThat(body.path("scheduleName").asString()).isEqualTo("missed-" + SOURCE_DB);
		assertThat(body.path("clusterId").asString()).isEqualTo(clusterId);
		assertThat(body.path("link").asString()).isEqualTo("https://ferry.it.example/schedules/" + scheduleId);
		TestDatabases.execute(TestDatabases.targetPort(),
				"UPDATE " + REPOSITORY_DB + ".FERRY_SCHEDULE SET FIRE_LOCK_UNTIL = NULL WHERE ID = " + scheduleId);
	}

	@Test
	void aQuartzMisfireIsAMissedSchedule() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("n-misfire"), TestDatabases.sourcePort(), "root", "");
		Map<String, Object> draft = new HashMap<>(Map.of("name", "misfire-" + SOURCE_DB, "cron", "0 0 3 1 1 ? 2099",
				"timeZone", "UTC", "export",
				Map.of("clusterId", clusterId, "fileType", "sql", "storageType", "nfs", "filter", "mysql.user")));
		var created = this.api.post("/api/v1/schedules", draft);
		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		String scheduleId = created.data().path("scheduleId").asString();
		assertThat(this.api.put("/api/v1/schedules/" + scheduleId + "/notifications",
				Map.of("events", List.of("schedule.missed"), "webhookUrl", "http://127.0.0.1:" + HOOK_PORT + "/hook",
						"webhookSecret", SECRET))
			.status()).isEqualTo(200);
		long tenMinutesAgo = Instant.now().minusSeconds(600).toEpochMilli();
		// as if every node had been down when the schedule was due ten minutes ago
		TestDatabases.execute(TestDatabases.targetPort(), "UPDATE " + REPOSITORY_DB + ".QRTZ_TRIGGERS SET NEXT_FIRE_TIME = "
				+ tenMinutesAgo + " WHERE TRIGGER_NAME = 'schedule-" + scheduleId + "'");

		await().atMost(Duration.ofSeconds(30)).until(() -> missed(scheduleId, "MISFIRED") != null);
		JsonNode body = missed(scheduleId, "MISFIRED");
		assertThat(body.path("message").asString()).contains("no Ferry node fired it on time");
		assertThat(java.time.OffsetDateTime.parse(body.path("startTime").asString()).toInstant().toEpochMilli())
			.as("the fire time that was missed")
			.isEqualTo(tenMinutesAgo);
		this.api.post("/api/v1/schedules/" + scheduleId + "/pause", "");
	}

	@Test
	void anImportThatFailsItsVerificationIsAVerificationFailure() throws Exception {
		String db = TestDatabases.uniqueName("n_verify");
		TestDatabases.execute(TestDatabases.sourcePort(), "CREATE DATABASE " + db,
				"CREATE TABLE " + db + ".items (id INT PRIMARY KEY)", "INSERT INTO " + db + ".items VALUES (1), (2), (3)");
		String source = registerCluster(TestDatabases.uniqueName("n-src"), TestDatabases.sourcePort(), "root", "");
		String target = registerCluster(TestDatabases.uniqueName("n-dst"), TestDatabases.targetPort(), "root", "");
		var exported = this.api.post("/api/v1/clusters/export",
				Map.of("clusterId", source, "storageType", "nfs", "fileType", "sql", "filter", db + ".*"));
		JsonNode export = this.api.awaitRecord(exported.data().path("recordId").asString(), Duration.ofMinutes(2));
		assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("Finished");
		java.nio.file.Path manifest = java.nio.file.Path.of(export.path("filePath").asString()).resolve("manifest.json");
		String original = java.nio.file.Files.readString(manifest);
		assertThat(original).contains("\"rows\" : 3");
		java.nio.file.Files.writeString(manifest, original.replace("\"rows\" : 3", "\"rows\" : 4"));
		// a one-off import: only the global target is told
		assertThat(this.api.put("/api/v1/notifications", Map.of("events", List.of("transfer.verification_failed"),
				"webhookUrl", "http://127.0.0.1:" + HOOK_PORT + "/hook", "webhookSecret", SECRET)).status()).isEqualTo(200);
		try {
			var started = this.api.post("/api/v1/clusters/import",
					Map.of("clusterId", target, "recordId", export.path("recordId").asString()));
			String importId = started.data().path("recordId").asString();
			JsonNode imported = this.api.awaitRecord(importId, Duration.ofMinutes(2));
			assertThat(imported.path("status").asString()).isEqualTo("Failed");

			await().atMost(Duration.ofSeconds(30)).until(() -> !callsOf(importId).isEmpty());
			JsonNode body = JSON.readTree(callsOf(importId).get(0).body());
			assertThat(body.path("event").asString()).isEqualTo("transfer.verification_failed");
			assertThat(body.path("type").asString()).isEqualTo("import");
			assertThat(body.path("clusterId").asString()).isEqualTo(target);
			assertThat(body.path("message").asString()).contains("verification failed",
					"table " + db + ".items has 3 rows, the export has 4");
			assertThat(body.path("scheduleId").isNull()).isTrue();
		}
		finally {
			assertThat(this.api.put("/api/v1/notifications", Map.of()).status()).isEqualTo(200);
			TestDatabases.execute(TestDatabases.sourcePort(), "DROP DATABASE IF EXISTS " + db);
			TestDatabases.execute(TestDatabases.targetPort(), "DROP DATABASE IF EXISTS " + db);
		}
		assertThat(this.api.get("/api/v1/notifications").data().path("settings").path("webhookSecretStored").asBoolean())
			.isFalse();
	}

	@Test
	void aDrillThatFindsAnExportNotRestorableIsADrillFailure() throws Exception {
		String db = TestDatabases.uniqueName("n_drill");
		TestDatabases.execute(TestDatabases.sourcePort(), "CREATE DATABASE " + db,
				"CREATE TABLE " + db + ".items (id INT PRIMARY KEY)", "INSERT INTO " + db + ".items VALUES (1)");
		try {
			String clusterId = registerCluster(TestDatabases.uniqueName("n-drill"), TestDatabases.sourcePort(), "root", "");
			String scheduleId = this.api.post("/api/v1/schedules", new HashMap<>(Map.of("name", "drilled-" + db, "cron",
					"0 0 3 1 1 ? 2099", "timeZone", "UTC", "enabled", false, "export", Map.of("clusterId", clusterId,
							"fileType", "sql", "storageType", "nfs", "filter", db + ".*"))))
				.data()
				.path("scheduleId")
				.asString();
			assertThat(this.api.put("/api/v1/schedules/" + scheduleId + "/notifications", Map.of("events",
					List.of("drill.failed"), "webhookUrl", "http://127.0.0.1:" + HOOK_PORT + "/hook", "webhookSecret",
					SECRET)).status()).isEqualTo(200);
			String exportId = this.api.post("/api/v1/schedules/" + scheduleId + "/run", "").data().path("recordId").asString();
			assertThat(this.api.awaitRecord(exportId, Duration.ofMinutes(2)).path("status").asString()).isEqualTo("Finished");
			assertThat(callsOf(exportId)).as("a success is not subscribed").isEmpty();

			// what the restore drill publishes when the export did not load or verify
			this.events.publishEvent(new dev.ferry.transfer.RestoreDrillEnded(Long.parseLong(exportId), null,
					Long.parseLong(scheduleId), false, "verification failed: table " + db + ".items has 0 rows"));

			await().atMost(Duration.ofSeconds(30)).until(() -> !callsOf(exportId).isEmpty());
			JsonNode body = JSON.readTree(callsOf(exportId).get(0).body());
			assertThat(body.path("event").asString()).isEqualTo("drill.failed");
			assertThat(body.path("status").asString()).isEqualTo("not restorable");
			assertThat(body.path("message").asString()).contains("has 0 rows");
			assertThat(body.path("scheduleName").asString()).isEqualTo("drilled-" + db);
			assertThat(body.path("link").asString()).isEqualTo("https://ferry.it.example/transfers/" + exportId);
		}
		finally {
			TestDatabases.execute(TestDatabases.sourcePort(), "DROP DATABASE IF EXISTS " + db);
		}
	}

	private static List<WebhookReceiver.Call> callsOf(String recordId) {
		return receiver.calls()
			.stream()
			.filter((call) -> JSON.readTree(call.body()).path("recordId").asString().equals(recordId))
			.toList();
	}

	private static JsonNode missed(String scheduleId, String status) {
		for (WebhookReceiver.Call call : receiver.calls()) {
			JsonNode body = JSON.readTree(call.body());
			if (call.signatureValid() && body.path("event").asString().equals("schedule.missed")
					&& body.path("scheduleId").asString().equals(scheduleId)
					&& body.path("status").asString().equals(status)) {
				return body;
			}
		}
		return null;
	}

	private void assertRefused(Map<String, Object> draft, String message) {
		var reply = this.api.put("/api/v1/notifications", draft);
		assertThat(reply.status()).as(reply.body().toString()).isEqualTo(400);
		assertThat(reply.code()).isEqualTo(10001);
		assertThat(reply.message()).contains(message);
		assertThat(reply.body().toString()).doesNotContain(SECRET);
	}

	private static JsonNode find(JsonNode deliveries, String recordId, String channel) {
		for (JsonNode delivery : deliveries) {
			if (recordId.equals(delivery.path("recordId").asString()) && channel.equals(delivery.path("channel").asString())) {
				return delivery;
			}
		}
		throw new AssertionError("no " + channel + " delivery of record " + recordId + " in " + deliveries);
	}

}
