package dev.ferry.schedule;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.ConsoleSession;
import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schedules through the console on the full stack: a schedule created with the form on a 5-second cron fires (its
 * record shows in the detail page's run history), and once paused through the console it fires no more.
 */
class ScheduleConsoleFunctionalTests extends FunctionalTest {

	static final String SOURCE_DB = TestDatabases.uniqueName("schedui");

	static final Pattern RECORD_LINK = Pattern.compile("data-outcome=\"LAUNCHED\">.*?href=\"/transfers/(\\d+)\"",
			Pattern.DOTALL);

	@BeforeAll
	static void createSourceDatabase() throws Exception {
		TrickyDatabase.create(TestDatabases.sourcePort(), SOURCE_DB, 20);
	}

	@Test
	void aScheduleMadeWithTheFormFiresAndStopsFiringOncePausedInTheConsole() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("s-ui"), TestDatabases.sourcePort(), "root", "");
		ConsoleSession console = ConsoleSession.logIn("http://127.0.0.1:" + this.port, "admin", ADMIN_PASSWORD);
		assertThat(console.get("/schedules/new").statusCode()).isEqualTo(200);

		assertThat(console.post("/schedules/new", List.of(), false).statusCode()).as("no CSRF token").isEqualTo(403);
		HttpResponse<String> created = console.post("/schedules/new", List.of(List.of("name", "ui-" + SOURCE_DB),
				List.of("clusterId", clusterId), List.of("cron", "0/5 * * * * ?"), List.of("timeZone", "UTC"),
				List.of("enabled", "true"), List.of("fileType", "sql"), List.of("tables", "rules"),
				List.of("filters[0]", SOURCE_DB + ".orders"), List.of("filters[1]", SOURCE_DB + ".customers"),
				List.of("storageType", "nfs"), List.of("comment", "from the console"), List.of("keepLast", "5")),
				true);

		assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
		String location = created.headers().firstValue("Location").orElseThrow();
		assertThat(location).matches(".*/schedules/\\d+");
		String id = location.substring(location.lastIndexOf('/') + 1);
		JsonNode schedule = this.api.get("/api/v1/schedules/" + id).data();
		assertThat(schedule.path("export").path("filter").asString()).as("one rule per line, never joined by ;")
			.isEqualTo(SOURCE_DB + ".orders\n" + SOURCE_DB + ".customers");
		assertThat(schedule.path("keepLast").asInt()).isEqualTo(5);

		String recordId = awaitLaunchedOnDetailPage(console, id, Duration.ofSeconds(30));
		JsonNode record = this.api.awaitRecord(recordId, Duration.ofMinutes(2));
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		assertThat(record.path("comment").asString()).isEqualTo("from the console");
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM " + REPOSITORY_DB
				+ ".BATCH_JOB_EXECUTION_PARAMS p JOIN " + REPOSITORY_DB + ".BATCH_JOB_EXECUTION e"
				+ " ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID WHERE p.PARAMETER_NAME = 'scheduleId'"
				+ " AND p.PARAMETER_VALUE = '" + id + "' AND e.JOB_INSTANCE_ID = " + recordId))
			.as("the record is tagged with its schedule").isPositive();

		console.get("/schedules");
		HttpResponse<String> paused = console.post("/schedules/" + id + "/pause", java.util.Map.of());
		assertThat(paused.statusCode()).isEqualTo(302);
		Thread.sleep(1000); // a fire that began before the pause may still write its run
		int runsAtPause = runs(id);
		Thread.sleep(12_000); // more than two periods of the cron

		assertThat(runs(id)).as("no fires while paused").isEqualTo(runsAtPause);
		assertThat(this.api.get("/api/v1/schedules/" + id).data().path("enabled").asBoolean()).isFalse();
		String list = console.get("/schedules").body();
		assertThat(list).contains("id=\"schedule-" + id + "\" data-enabled=\"false\"")
			.contains("action=\"/schedules/" + id + "/resume\"");
		String row = list.substring(list.indexOf("id=\"schedule-" + id + "\""));
		row = row.substring(0, row.indexOf("</tr>"));
		assertThat(row).as("the row shows the schedule's last run").contains("badge outcome-").doesNotContain("never");
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM " + REPOSITORY_DB
				+ ".QRTZ_TRIGGERS WHERE TRIGGER_NAME = 'schedule-" + id + "'")).isZero();
	}

	private String awaitLaunchedOnDetailPage(ConsoleSession console, String id, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		String page;
		do {
			HttpResponse<String> detail = console.get("/schedules/" + id);
			assertThat(detail.statusCode()).isEqualTo(200);
			page = detail.body();
			Matcher launched = RECORD_LINK.matcher(page);
			if (launched.find()) {
				return launched.group(1);
			}
			Thread.sleep(500);
		}
		while (System.nanoTime() < deadline);
		throw new AssertionError("no LAUNCHED run on the detail page of schedule " + id + " after " + timeout + ":\n"
				+ page);
	}

	private int runs(String id) {
		return this.api.get("/api/v1/schedules/" + id + "/runs").data().path("runs").size();
	}

}
