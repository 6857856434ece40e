package dev.ferry.schedule;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FerryClient;
import dev.ferry.support.FunctionalTest;
import dev.ferry.support.S3Objects;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** Schedules through the API on the full stack: Quartz on MariaDB, real mydumper exports, retention. */
class ScheduleFunctionalTests extends FunctionalTest {

	static final String SOURCE_DB = TestDatabases.uniqueName("sched");

	@BeforeAll
	static void createSourceDatabase() throws Exception {
		TrickyDatabase.create(TestDatabases.sourcePort(), SOURCE_DB, 50);
	}

	@Test
	void createReadChangePauseResumeDelete() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("s-crud"), TestDatabases.sourcePort(), "root", "");
		Map<String, Object> draft = draft("crud-" + SOURCE_DB, "0 30 2 * * ?", "Europe/Berlin",
				export(clusterId, Map.of("userName", "root", "password", "sched-Secret-42", "comment", "nightly")));
		draft.put("keepLast", 3);
		draft.put("maxAge", "P30D");

		var created = this.api.post("/api/v1/schedules", draft);

		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		JsonNode schedule = created.data();
		String id = schedule.path("scheduleId").asString();
		assertThat(schedule.path("cronDescription").asString()).contains("02:30");
		assertThat(schedule.path("timeZone").asString()).isEqualTo("Europe/Berlin");
		assertThat(schedule.path("keepLast").asInt()).isEqualTo(3);
		assertThat(schedule.path("maxAge").asString()).isEqualTo("PT720H");
		assertThat(schedule.path("export").path("ownPassword").asBoolean()).isTrue();
		assertThat(created.body().toString()).doesNotContain("sched-Secret-42");
		List<OffsetDateTime> next = times(schedule.path("nextFireTimes"));
		assertThat(next).hasSize(5);
		assertThat(next).allSatisfy((t) -> {
			assertThat(t.atZoneSameInstant(java.time.ZoneId.of("Europe/Berlin")).getHour()).isEqualTo(2);
			assertThat(t.atZoneSameInstant(java.time.ZoneId.of("Europe/Berlin")).getMinute()).isEqualTo(30);
		});
		assertThat(next.get(1)).isAfter(next.get(0));
		assertThat(triggers(id)).isEqualTo(1);
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM " + REPOSITORY_DB
				+ ".FERRY_SECRET WHERE PURPOSE = 'schedule-credential'")).isPositive();

		draft.put("cron", "0 0 */6 * * ?");
		draft.put("export", export(clusterId, Map.of("userName", "root"))); // password omitted: the stored one stays
		var changed = this.api.put("/api/v1/schedules/" + id, draft);
		assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
		assertThat(changed.data().path("cron").asString()).isEqualTo("0 0 */6 * * ?");
		assertThat(changed.data().path("export").path("ownPassword").asBoolean()).isTrue();

		var paused = this.api.post("/api/v1/schedules/" + id + "/pause", "");
		assertThat(paused.data().path("enabled").asBoolean()).isFalse();
		assertThat(paused.data().path("nextFireTimes").size()).isZero();
		assertThat(triggers(id)).isZero();
		var resumed = this.api.post("/api/v1/schedules/" + id + "/resume", "");
		assertThat(resumed.data().path("enabled").asBoolean()).isTrue();
		assertThat(triggers(id)).isEqualTo(1);
		assertThat(this.api.get("/api/v1/schedules").data().path("schedules").toString()).contains("crud-" + SOURCE_DB);

		var deleted = this.api.delete("/api/v1/schedules/" + id);
		assertThat(deleted.status()).isEqualTo(200);
		assertThat(triggers(id)).isZero();
		var gone = this.api.get("/api/v1/schedules/" + id);
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.code()).isEqualTo(60200);
		var pauseDeleted = this.api.post("/api/v1/schedules/" + id + "/pause", "");
		assertThat(pauseDeleted.status()).isEqualTo(404);
		assertThat(pauseDeleted.message()).contains("schedule " + id + " not found");
	}

	@Test
	void badInputGetsClearErrors() {
		String clusterId = registerCluster(TestDatabases.uniqueName("s-bad"), TestDatabases.sourcePort(), "root", "");
		assertInvalid(draft("bad1", "0 0 25 * * ?", "UTC", export(clusterId, Map.of())), 400, 10001,
				"not a valid Quartz cron expression");
		assertInvalid(draft("bad2", "every day", "UTC", export(clusterId, Map.of())), 400, 10001, "Quartz cron format");
		assertInvalid(draft("bad3", "0 0 2 * * *", "UTC", export(clusterId, Map.of())), 400, 10001, "day-of-week");
		assertInvalid(draft("bad4", "0 0 2 * * ?", "Mars/Olympus", export(clusterId, Map.of())), 400, 10001,
				"timeZone 'Mars/Olympus' is not a valid time zone");
		assertInvalid(draft("bad5", "0 0 2 * * ?", "UTC", export("987654", Map.of())), 404, 10003, "987654");
		Map<String, Object> negative = draft("bad6", "0 0 2 * * ?", "UTC", export(clusterId, Map.of()));
		negative.put("keepLast", -1);
		assertInvalid(negative, 400, 10001, "keepLast -1 is invalid");
		Map<String, Object> age = draft("bad7", "0 0 2 * * ?", "UTC", export(clusterId, Map.of()));
		age.put("maxAge", "30 days");
		assertInvalid(age, 400, 10001, "maxAge '30 days' is not an ISO-8601 duration");
		assertInvalid(draft("bad8", "0 0 2 * * ?", "UTC", export(clusterId, Map.of("fileType", "xml"))), 400, 10001,
				"fileType 'xml' is invalid");
		assertInvalid(draft("bad10", "0 0 2 * * ?", "UTC", export(clusterId, Map.of("filter", "[z-a].*"))), 400,
				10001, "filter rule '[z-a].*' has the range z-a, whose start comes after its end");
		assertInvalid(draft("bad11", "0 0 2 * * ?", "UTC", export(clusterId, Map.of("filter", "a.[[:alpha:]]"))),
				400, 10001, "filter rule 'a.[[:alpha:]]' uses a class such as [:alpha:], which is not supported");
		assertInvalid(draft("bad12", "* * * * * ?", "UTC", export(clusterId, Map.of())), 400, 10001,
				"cron '* * * * * ?' fires 1s apart");
		assertInvalid(draft("bad13", "0 0 2 * * ?", "UTC", export(clusterId, Map.of("bucketUrl", "b".repeat(100_000)))),
				400, 10001, "bucketUrl is longer than 1024 characters");
		Map<String, Object> noExport = draft("bad9", "0 0 2 * * ?", "UTC", Map.of());
		noExport.remove("export");
		assertInvalid(noExport, 400, 10001, "export is required");
		assertThat(this.api.get("/api/v1/schedules/abc").status()).isEqualTo(404);
		assertThat(this.api.post("/api/v1/schedules/999999/run", "").code()).isEqualTo(60200);
		var describe = this.api.get("/api/v1/schedules/describe?cron=0%200%2F10%20*%20*%20*%20%3F&timeZone=UTC");
		assertThat(describe.data().path("nextFireTimes").size()).isEqualTo(5);
		assertThat(this.api.get("/api/v1/schedules/describe?cron=nonsense").code()).isEqualTo(10001);
		var dup = draft("dup-" + SOURCE_DB, "0 0 2 * * ?", "UTC", export(clusterId, Map.of()));
		assertThat(this.api.post("/api/v1/schedules", dup).status()).isEqualTo(201);
		assertInvalid(dup, 400, 10001, "already exists");
	}

	@Test
	void firesOnItsCronAndSkipsWhileThePreviousExportRuns() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("s-fire"), TestDatabases.sourcePort(), "root", "");
		String id;
		try (Connection lock = TestDatabases.root(TestDatabases.sourcePort());
				Statement statement = lock.createStatement()) {
			statement.execute("LOCK TABLES `" + SOURCE_DB + "`.orders WRITE"); // the first export waits in FTWRL
			var created = this.api.post("/api/v1/schedules",
					draft("fire-" + SOURCE_DB, "0/3 * * * * ?", "UTC", export(clusterId, Map.of())));
			assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
			id = created.data().path("scheduleId").asString();

			List<JsonNode> runs = awaitRuns(id, (r) -> count(r, "LAUNCHED") >= 1 && count(r, "SKIPPED") >= 1,
					Duration.ofSeconds(30));

			JsonNode launched = runs.stream().filter((r) -> r.path("outcome").asString().equals("LAUNCHED")).findFirst()
				.orElseThrow();
			JsonNode skipped = runs.stream().filter((r) -> r.path("outcome").asString().equals("SKIPPED")).findFirst()
				.orElseThrow();
			assertThat(count(runs, "LAUNCHED")).as("no overlap").isEqualTo(1);
			assertThat(skipped.path("message").asString()).contains("record " + launched.path("recordId").asString())
				.contains("still running");
			assertThat(launched.path("trigger").asString()).isEqualTo("CRON");
			assertThat(launched.path("scheduledFor").isNull()).isFalse();
			assertThat(this.api.post("/api/v1/schedules/" + id + "/pause", "").status()).isEqualTo(200);
			statement.execute("UNLOCK TABLES");
		}
		String recordId = awaitRuns(id, (r) -> true, Duration.ofSeconds(5)).stream()
			.filter((r) -> r.path("outcome").asString().equals("LAUNCHED")).findFirst().orElseThrow()
			.path("recordId").asString();
		JsonNode record = this.api.awaitRecord(recordId, Duration.ofMinutes(2));
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		assertThat(Path.of(record.path("filePath").asString()).resolve(SOURCE_DB + ".orders.sql")).exists();
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM " + REPOSITORY_DB
				+ ".BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME = 'scheduleId' AND PARAMETER_VALUE = '" + id + "'"))
			.as("the record is tagged with its schedule").isEqualTo(1);
		var history = this.api.get("/api/v1/schedules/" + id + "/runs").data().path("runs");
		assertThat(history.toString()).contains("\"recordStatus\":\"Finished\"");
	}

	@Test
	void retentionKeepsTheNewestAndDeletesOlderRecordsWithTheirFiles() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("s-ret"), TestDatabases.sourcePort(), "root", "");
		Map<String, Object> draft = draft("ret-" + SOURCE_DB, "0 0 3 1 1 ? 2099", "UTC", export(clusterId, Map.of()));
		draft.put("keepLast", 2);
		draft.put("enabled", false);
		String id = this.api.post("/api/v1/schedules", draft).data().path("scheduleId").asString();
		List<String> records = new ArrayList<>();
		Map<String, Path> dirs = new HashMap<>();
		for (int i = 0; i < 3; i++) {
			var run = this.api.post("/api/v1/schedules/" + id + "/run", "");
			assertThat(run.data().path("outcome").asString()).as(run.body().toString()).isEqualTo("LAUNCHED");
			assertThat(run.data().path("trigger").asString()).isEqualTo("MANUAL");
			String recordId = run.data().path("recordId").asString();
			JsonNode record = this.api.awaitRecord(recordId, Duration.ofMinutes(2));
			assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
			records.add(recordId);
			dirs.put(recordId, Path.of(record.path("filePath").asString()).getParent());
		}

		assertThat(totalOnceSettled(records.get(0))).as("the oldest beyond keepLast 2 is deleted").isZero();
		assertThat(dirs.get(records.get(0))).doesNotExist();
		assertThat(total(records.get(1))).isEqualTo(1);
		assertThat(total(records.get(2))).isEqualTo(1);
		assertThat(dirs.get(records.get(2))).exists();
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM " + REPOSITORY_DB
				+ ".FERRY_AUDIT WHERE ACTION = 'transfer.delete' AND TARGET = 'record " + records.get(0)
				+ "' AND ACTOR = 'schedule:" + id + " retention'")).isEqualTo(1);
		var history = this.api.get("/api/v1/schedules/" + id + "/runs").data().path("runs");
		assertThat(history.get(2).path("recordStatus").asString()).isEqualTo("Deleted");

		// maxAge: everything older than a second goes, except the newest successful export
		draft.put("keepLast", null);
		draft.put("maxAge", "PT1S");
		assertThat(this.api.put("/api/v1/schedules/" + id, draft).status()).isEqualTo(200);
		Thread.sleep(1100);
		String newest = this.api.post("/api/v1/schedules/" + id + "/run", "").data().path("recordId").asString();
		assertThat(this.api.awaitRecord(newest, Duration.ofMinutes(2)).path("status").asString()).isEqualTo("Finished");
		assertThat(totalOnceSettled(records.get(1))).isZero();
		assertThat(totalOnceSettled(records.get(2))).isZero();
		assertThat(total(newest)).as("never the newest successful export").isEqualTo(1);
	}

	@Test
	void retentionOfS3ExportsRemovesTheOldExportsObjectsAndKeepsTheNewest() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("s3-ret"), TestDatabases.sourcePort(), "root", "");
		String prefix = TestDatabases.uniqueName("retention");
		Map<String, Object> draft = draft("s3-ret-" + SOURCE_DB, "0 0 3 1 1 ? 2099", "UTC",
				export(clusterId, Map.of("storageType", "s3", "endpointUrl", S3Objects.endpoint(), "bucketUrl",
						"s3://ferry-it/" + prefix, "accessKey", "retention-key", "secretAccessKey", "retention-secret")));
		draft.put("keepLast", 1);
		draft.put("enabled", false);
		var created = this.api.post("/api/v1/schedules", draft);
		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		String id = created.data().path("scheduleId").asString();
		List<String> records = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			String recordId = this.api.post("/api/v1/schedules/" + id + "/run", "").data().path("recordId").asString();
			JsonNode record = this.api.awaitRecord(recordId, Duration.ofMinutes(2));
			assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
			records.add(recordId);
		}

		assertThat(totalOnceSettled(records.get(0))).as("the older export is deleted").isZero();
		assertThat(S3Objects.keys("ferry-it", prefix + "/ferry-export-" + records.get(0) + "/"))
			.as("with its objects").isEmpty();
		assertThat(S3Objects.keys("ferry-it", prefix + "/ferry-export-" + records.get(1) + "/"))
			.as("the newest keeps its objects").contains("manifest.json", "metadata");
		assertThat(S3Objects.keys("ferry-it", prefix + "/")).as("nothing outside the two exports' prefixes")
			.allMatch((key) -> key.startsWith("ferry-export-" + records.get(1) + "/"));
	}

	/**
	 * Retention runs when the newest export's job ends, just after its record reads Finished: the record's total once
	 * it is gone, or after 30 s.
	 */
	private long totalOnceSettled(String recordId) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		long total = total(recordId);
		while (total != 0 && System.nanoTime() < deadline) {
			Thread.sleep(200);
			total = total(recordId);
		}
		return total;
	}

	private long total(String recordId) {
		return this.api.get("/api/v1/clusters/transport?recordId=" + recordId).body().path("page").path("total")
			.asLong();
	}

	private void assertInvalid(Map<String, Object> draft, int status, int code, String message) {
		FerryClient.Reply reply = this.api.post("/api/v1/schedules", draft);
		assertThat(reply.status()).as(reply.body().toString()).isEqualTo(status);
		assertThat(reply.code()).isEqualTo(code);
		assertThat(reply.message()).contains(message);
	}

	private List<JsonNode> awaitRuns(String id, java.util.function.Predicate<List<JsonNode>> done, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<JsonNode> runs;
		do {
			runs = new ArrayList<>();
			for (JsonNode run : this.api.get("/api/v1/schedules/" + id + "/runs").data().path("runs")) {
				runs.add(run);
			}
			if (done.test(runs)) {
				return runs;
			}
			Thread.sleep(500);
		}
		while (System.nanoTime() < deadline);
		throw new AssertionError("runs of schedule " + id + " after " + timeout + ": " + runs);
	}

	private static long count(List<JsonNode> runs, String outcome) {
		return runs.stream().filter((r) -> r.path("outcome").asString().equals(outcome)).count();
	}

	private long triggers(String scheduleId) throws Exception {
		return TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM " + REPOSITORY_DB
				+ ".QRTZ_TRIGGERS WHERE TRIGGER_NAME = 'schedule-" + scheduleId + "'");
	}

	private static List<OffsetDateTime> times(JsonNode array) {
		List<OffsetDateTime> times = new ArrayList<>();
		array.forEach((t) -> times.add(OffsetDateTime.parse(t.asString())));
		return times;
	}

	static Map<String, Object> draft(String name, String cron, String zone, Map<String, Object> export) {
		Map<String, Object> draft = new HashMap<>();
		draft.put("name", name);
		draft.put("cron", cron);
		draft.put("timeZone", zone);
		draft.put("export", export);
		return draft;
	}

	static Map<String, Object> export(String clusterId, Map<String, Object> extra) {
		Map<String, Object> export = new HashMap<>(Map.of("clusterId", clusterId, "fileType", "sql", "storageType",
				"nfs", "filter", SOURCE_DB + ".*"));
		export.putAll(extra);
		return export;
	}

}
