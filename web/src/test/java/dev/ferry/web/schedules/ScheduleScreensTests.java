package dev.ferry.web.schedules;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterKind;
import dev.ferry.cluster.ClusterService;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.schedule.CronDescription;
import dev.ferry.schedule.Schedule;
import dev.ferry.schedule.ScheduleDraft;
import dev.ferry.schedule.ScheduleRun;
import dev.ferry.schedule.ScheduleService;
import dev.ferry.web.console.ConsoleFormat;
import dev.ferry.web.console.ConsoleTestSupport;
import dev.ferry.web.security.ConsoleSecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** The schedule screens: list, detail, form with preview, actions; CSRF, roles, secrets, htmx headers. */
@WebMvcTest
@ContextConfiguration(classes = { SchedulesController.class, ScheduleController.class, ScheduleFormController.class,
		ConsoleFormat.class, ConsoleSecurity.class, ConsoleTestSupport.class })
class ScheduleScreensTests {

	static final String SECRET = "s3cr3t-Never-Echo";

	static final String OPERATOR = "OPERATOR";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	dev.ferry.record.ExportHistoryQuery history;

	@MockitoBean
	ScheduleService schedules;

	@MockitoBean
	ClusterService clusters;

	final OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusHours(3);

	final Schedule active = schedule("3", "nightly shop", true, 7, "P30D",
			new Schedule.Options("backup", true, "sql", "shop.*\n!shop.tmp_*", null, "s3", null,
					"http://127.0.0.1:9000", "s3://backups/ferry", true, "nightly", null));

	final Schedule paused = schedule("4", "weekly crm", false, null, null,
			new Schedule.Options(null, false, "sql", null, null, "nfs", "crm.zip", null, null, false, null, null));

	@BeforeEach
	void data() {
		given(this.clusters.list()).willReturn(List.of(new Cluster(1, "shop", ClusterKind.MYSQL, "db", 3306, null, null,
				"root", 5L)));
		given(this.clusters.get("1")).willReturn(new Cluster(1, "shop", ClusterKind.MYSQL, "db", 3306, null, null,
				"root", 5L));
		given(this.schedules.list()).willReturn(List.of(this.active, this.paused));
		given(this.schedules.get("3")).willReturn(this.active);
		given(this.schedules.get("4")).willReturn(this.paused);
		ScheduleRun skipped = run("12", "SKIPPED", null,
				"the previous export of this schedule (record 42) is still running");
		given(this.schedules.history("3")).willReturn(List.of(skipped, run("11", "LAUNCHED", "42", null)));
		given(this.schedules.history("4")).willReturn(List.of());
		given(this.schedules.lastRuns()).willReturn(Map.of("3", skipped));
		given(this.schedules.get("99")).willThrow(new FerryException(ErrorCode.SCHEDULE_NOT_FOUND,
				"schedule 99 not found"));
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void theListShowsCronInWordsZoneNextRunLastOutcomeRetentionAndState() throws Exception {
		String html = this.mvc.perform(get("/schedules"))
			.andExpect(status().isOk())
			.andExpect(view().name("schedules/list"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("nightly shop", "weekly crm", "0 0 2 * * ?", "at 02:00", "Europe/Berlin")
			.contains("title=\"" + new ConsoleFormat().absolute(this.soon) + "\"", "datetime=\"" + this.soon + "\">in 3 h</time>")
			.contains("outcome-SKIPPED", "keep last 7", "delete after 30 days", "keep all")
			.contains("class=\"badge Active\"", "class=\"badge Paused\"")
			.contains("href=\"/schedules/3\"");
		assertThat(html).as("a viewer sees no actions").doesNotContain("<form method=\"post\" action=\"/schedules",
				"/schedules/3/edit", "href=\"/schedules/new\"");
	}

	@Test
	@WithMockUser(roles = { OPERATOR, "VIEWER" })
	void anOperatorSeesTheActionsValidForEachState() throws Exception {
		String html = this.mvc.perform(get("/schedules")).andReturn().getResponse().getContentAsString();
		assertThat(html).contains("action=\"/schedules/3/pause\"", "action=\"/schedules/3/run\"",
				"href=\"/schedules/3/edit\"", "action=\"/schedules/3/delete\"", "action=\"/schedules/4/resume\"",
				"href=\"/schedules/new\"")
			.doesNotContain("action=\"/schedules/3/resume\"", "action=\"/schedules/4/pause\"")
			.contains("hx-confirm=\"Delete schedule nightly shop with its run history?");
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void theDetailPageShowsTheRunHistoryNewestFirstWithRecordLinks() throws Exception {
		String html = this.mvc.perform(get("/schedules/3"))
			.andExpect(status().isOk())
			.andExpect(view().name("schedules/detail"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("href=\"/transfers/42\"", "(record 42) is still running", "data-outcome=\"SKIPPED\"",
				"data-outcome=\"LAUNCHED\"", "shop (1)", "<code>shop.*</code>", "<code>!shop.tmp_*</code>");
		assertThat(html.indexOf("id=\"run-12\"")).as("newest first").isLessThan(html.indexOf("id=\"run-11\""));
		assertThat(html).doesNotContain("action=\"/schedules/3/pause\"");
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void anUnknownScheduleIsAnHtml404() throws Exception {
		this.mvc.perform(get("/schedules/99"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("text/html"))
			.andExpect(content().string(containsString("schedule 99 not found")));
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void aViewerGets403OnTheFormsAndThePosts() throws Exception {
		this.mvc.perform(get("/schedules/new")).andExpect(status().isForbidden());
		this.mvc.perform(get("/schedules/3/edit")).andExpect(status().isForbidden());
		this.mvc.perform(post("/schedules/new").with(csrf()).param("name", "x")).andExpect(status().isForbidden());
		this.mvc.perform(post("/schedules/3/edit").with(csrf()).param("name", "x")).andExpect(status().isForbidden());
		this.mvc.perform(post("/schedules/3/pause").with(csrf()).header("HX-Request", "true"))
			.andExpect(status().isForbidden())
			.andExpect(header().string("HX-Retarget", "#flash"));
		this.mvc.perform(post("/schedules/3/run").with(csrf())).andExpect(status().isForbidden());
		this.mvc.perform(post("/schedules/3/delete").with(csrf())).andExpect(status().isForbidden());
		verify(this.schedules, never()).create(any(), any());
		verify(this.schedules, never()).update(any(), any(), any());
		verify(this.schedules, never()).pause(any(), any());
		verify(this.schedules, never()).runNow(any(), any());
		verify(this.schedules, never()).delete(any(), any());
	}

	@Test
	@WithMockUser(username = "olga", roles = { OPERATOR, "VIEWER" })
	void postsNeedTheCsrfToken() throws Exception {
		this.mvc.perform(post("/schedules/new").param("name", "x").param("cron", "0 0 2 * * ?"))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/schedules/3/pause")).andExpect(status().isForbidden());
		this.mvc.perform(post("/schedules/3/delete")).andExpect(status().isForbidden());
		verify(this.schedules, never()).create(any(), any());
		verify(this.schedules, never()).pause(any(), any());
		verify(this.schedules, never()).delete(any(), any());
	}

	@Test
	@WithMockUser(roles = { OPERATOR, "VIEWER" })
	void theNewFormDefaultsToTheServersZoneAndHasEveryExportOption() throws Exception {
		String html = this.mvc.perform(get("/schedules/new"))
			.andExpect(status().isOk())
			.andExpect(view().name("schedules/form"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String zone = ZoneId.systemDefault().getId();
		assertThat(html).containsPattern("<option value=\"" + java.util.regex.Pattern.quote(zone) + "\" selected=\"selected\"")
			.contains("<option value=\"Europe/Berlin\">", "<option value=\"1\" selected=\"selected\">shop (1)")
			.contains("name=\"fileType\"", "name=\"toolChain\"", "name=\"userName\"", "name=\"password\"",
					"name=\"filters[0]\"", "name=\"sql\"", "name=\"storageType\"", "name=\"zipName\"",
					"name=\"endpointUrl\"", "name=\"bucketUrl\"", "name=\"accessKey\"", "name=\"secretAccessKey\"",
					"name=\"comment\"", "name=\"keepLast\"", "name=\"maxAgeAmount\"", "name=\"enabled\"",
					"name=\"_csrf\"")
			.contains("hx-get=\"/schedules/preview\"", "hx-trigger=\"keyup changed delay:400ms, change\"",
					"hx-target=\"#cron-preview\"");
	}

	@Test
	@WithMockUser(username = "olga", roles = { OPERATOR, "VIEWER" })
	void aValidFormCreatesTheScheduleWithEachFilterRuleOnItsOwnLine() throws Exception {
		given(this.schedules.create(any(), eq("olga"))).willReturn(this.active);
		this.mvc.perform(post("/schedules/new").with(csrf())
			.param("name", " nightly shop ")
			.param("clusterId", "1")
			.param("cron", "0 0 2 * * ?")
			.param("timeZone", "Europe/Berlin")
			.param("enabled", "true")
			.param("fileType", "sql")
			.param("tables", "rules")
			.param("filters[0]", "shop.*")
			.param("filters[1]", "")
			.param("filters[2]", "!shop.tmp_*")
			.param("sql", "SELECT 1")
			.param("storageType", "s3")
			.param("zipName", "ignored.zip")
			.param("endpointUrl", "http://127.0.0.1:9000")
			.param("bucketUrl", "s3://backups/ferry")
			.param("accessKey", "AKIA")
			.param("secretAccessKey", SECRET)
			.param("keepLast", "7")
			.param("maxAgeAmount", "30")
			.param("maxAgeUnit", "days"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/schedules/3"))
			.andExpect(flash().attribute("flashSuccess", "Schedule nightly shop created."));
		ArgumentCaptor<ScheduleDraft> draft = ArgumentCaptor.forClass(ScheduleDraft.class);
		verify(this.schedules).create(draft.capture(), eq("olga"));
		ScheduleDraft d = draft.getValue();
		assertThat(d.name()).isEqualTo("nightly shop");
		assertThat(d.cron()).isEqualTo("0 0 2 * * ?");
		assertThat(d.timeZone()).isEqualTo("Europe/Berlin");
		assertThat(d.enabled()).isTrue();
		assertThat(d.keepLast()).isEqualTo(7);
		assertThat(d.maxAge()).isEqualTo("P30D");
		assertThat(d.export().filter()).isEqualTo("shop.*\n!shop.tmp_*").doesNotContain(";");
		assertThat(d.export().sql()).as("only the chosen table source").isNull();
		assertThat(d.export().zipName()).as("zip names are for nfs").isNull();
		assertThat(d.export().accessKey()).isEqualTo("AKIA");
		assertThat(d.export().secretAccessKey()).isEqualTo(SECRET);
		assertThat(d.export().userName()).as("blank: the cluster's user").isNull();
		assertThat(d.export().password()).isNull();
	}

	@Test
	@WithMockUser(username = "olga", roles = { OPERATOR, "VIEWER" })
	void aRefusedFormKeepsItsValuesShowsTheErrorAtItsFieldAndNeverEchoesASecret() throws Exception {
		given(this.schedules.describe(eq("0 0 25 * * ?"), any())).willThrow(FerryException
			.invalid("cron '0 0 25 * * ?' is not a valid Quartz cron expression: hour 25"));
		String html = this.mvc.perform(post("/schedules/new").with(csrf())
			.param("name", "my <b>schedule</b>")
			.param("clusterId", "1")
			.param("cron", "0 0 25 * * ?")
			.param("timeZone", "Asia/Tokyo")
			.param("tables", "rules")
			.param("filters[0]", "shop.*")
			.param("filters[1]", "crm.customers")
			.param("userName", "backup")
			.param("password", SECRET)
			.param("storageType", "s3")
			.param("secretAccessKey", SECRET)
			.param("keepLast", "seven"))
			.andExpect(status().isOk())
			.andExpect(view().name("schedules/form"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).doesNotContain(SECRET)
			.contains("value=\"my &lt;b&gt;schedule&lt;/b&gt;\"", "value=\"0 0 25 * * ?\"",
					"<option value=\"Asia/Tokyo\" selected=\"selected\">", "value=\"shop.*\"", "value=\"crm.customers\"",
					"value=\"backup\"")
			.contains("is not a valid Quartz cron expression: hour 25", "keepLast &#39;seven&#39; is not a whole number")
			.contains("class=\"field invalid\"");
		verify(this.schedules, never()).create(any(), any());
	}

	@Test
	@WithMockUser(username = "olga", roles = { OPERATOR, "VIEWER" })
	void theServicesRefusalIsShownAtTheFieldItNamesOrAboveTheForm() throws Exception {
		given(this.schedules.create(any(), any()))
			.willThrow(FerryException.invalid("filter rule 'shop' is not db.table (wildcards * ? [..] allowed)"));
		String html = this.mvc.perform(post("/schedules/new").with(csrf())
			.param("name", "n").param("clusterId", "1").param("cron", "0 0 2 * * ?").param("tables", "rules")
			.param("filters[0]", "shop").param("password", SECRET))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(html).containsPattern("(?s)id=\"filter-rows\".*filter rule &#39;shop&#39; is not db.table.*id=\"add-filter\"")
			.doesNotContain(SECRET);

		willThrow(FerryException.invalid("S3 bucket 'x' does not exist")).given(this.schedules).create(any(), any());
		html = this.mvc.perform(post("/schedules/new").with(csrf())
			.param("name", "n").param("clusterId", "1").param("cron", "0 0 2 * * ?").param("storageType", "s3")
			.param("accessKey", SECRET).param("secretAccessKey", SECRET))
			.andReturn().getResponse().getContentAsString();
		assertThat(html).containsPattern("(?s)role=\"alert\".*<li>S3 bucket &#39;x&#39; does not exist</li>")
			.doesNotContain(SECRET);
	}

	@Test
	@WithMockUser(roles = { OPERATOR, "VIEWER" })
	void theEditFormHoldsTheStoredValuesButNoSecret() throws Exception {
		String html = this.mvc.perform(get("/schedules/3/edit"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("action=\"/schedules/3/edit\"", "value=\"nightly shop\"", "value=\"0 0 2 * * ?\"",
				"<option value=\"Europe/Berlin\" selected=\"selected\">", "name=\"filters[0]\" value=\"shop.*\"",
				"name=\"filters[1]\" value=\"!shop.tmp_*\"", "value=\"s3://backups/ferry\"", "value=\"7\"",
				"value=\"30\"", "A password is stored: leave blank to keep it", "Keys are stored: leave both blank")
			.contains("id=\"password\" name=\"password\" value=\"\"", "id=\"accessKey\" name=\"accessKey\" value=\"\"",
					"id=\"secretAccessKey\" name=\"secretAccessKey\" value=\"\"");
	}

	@Test
	@WithMockUser(username = "olga", roles = { OPERATOR, "VIEWER" })
	void blankSecretsOnEditKeepTheStoredOnes() throws Exception {
		given(this.schedules.update(eq("3"), any(), eq("olga"))).willReturn(this.active);
		this.mvc.perform(post("/schedules/3/edit").with(csrf())
			.param("name", "nightly shop").param("clusterId", "1").param("cron", "0 0 3 * * ?")
			.param("timeZone", "UTC").param("userName", "backup").param("password", "")
			.param("storageType", "s3").param("endpointUrl", "http://127.0.0.1:9000")
			.param("bucketUrl", "s3://backups/ferry").param("accessKey", "").param("secretAccessKey", "")
			.param("_enabled", "on"))
			.andExpect(redirectedUrl("/schedules/3"));
		ArgumentCaptor<ScheduleDraft> draft = ArgumentCaptor.forClass(ScheduleDraft.class);
		verify(this.schedules).update(eq("3"), draft.capture(), eq("olga"));
		assertThat(draft.getValue().export().password()).isNull();
		assertThat(draft.getValue().export().accessKey()).isNull();
		assertThat(draft.getValue().export().secretAccessKey()).isNull();
		assertThat(draft.getValue().enabled()).as("unchecked box: paused").isFalse();
		assertThat(draft.getValue().export().filter()).as("tables: all").isNull();
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void thePreviewDescribesAValidCronWithItsNextFiveFireTimes() throws Exception {
		List<OffsetDateTime> next = java.util.stream.IntStream.range(1, 6)
			.mapToObj((d) -> OffsetDateTime.of(2031, 1, d, 2, 0, 0, 0, ZoneOffset.ofHours(9)))
			.toList();
		given(this.schedules.describe("0 0 2 * * ?", "Asia/Tokyo"))
			.willReturn(new CronDescription("0 0 2 * * ?", "Asia/Tokyo", "at 02:00", next));
		String html = this.mvc.perform(get("/schedules/preview").header("HX-Request", "true")
			.param("cron", "0 0 2 * * ?").param("timeZone", "Asia/Tokyo"))
			.andExpect(status().isOk())
			.andExpect(view().name("schedules/form :: preview"))
			.andReturn().getResponse().getContentAsString();
		assertThat(html).startsWith("<div id=\"cron-preview\"").contains("at 02:00", "(Asia/Tokyo)")
			.contains("2031-01-01 02:00:00 +09:00", "2031-01-05 02:00:00 +09:00")
			.doesNotContain("<nav");
		assertThat(html.split("<li>", -1)).hasSize(6);
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void thePreviewExplainsAnInvalidCronWithoutAnErrorStatus() throws Exception {
		given(this.schedules.describe(eq("every day"), any())).willThrow(FerryException
			.invalid("cron 'every day' is not a valid Quartz cron expression: Illegal characters"));
		this.mvc.perform(get("/schedules/preview").header("HX-Request", "true").param("cron", "every day")
			.param("timeZone", "UTC"))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("HX-Retarget"))
			.andExpect(content().string(allOf(containsString("class=\"error-text\""),
					containsString("cron &#39;every day&#39; is not a valid Quartz cron expression"),
					not(containsString("<li>")))));
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void thePreviewOfNothingTypedIsEmpty() throws Exception {
		this.mvc.perform(get("/schedules/preview").header("HX-Request", "true").param("cron", " "))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"cron-preview\""), not(containsString("error-text")),
					not(containsString("<li>")))));
		verify(this.schedules, never()).describe(any(), any());
	}

	@Test
	@WithMockUser(username = "olga", roles = { OPERATOR, "VIEWER" })
	void pauseFromTheListGoesBackToTheListWithAFlash() throws Exception {
		given(this.schedules.pause("3", "olga")).willReturn(this.active);
		this.mvc.perform(post("/schedules/3/pause").with(csrf())
			.header("HX-Request", "true")
			.header("HX-Current-URL", "http://localhost/schedules"))
			.andExpect(status().isOk())
			.andExpect(header().string("HX-Redirect", "/schedules"))
			.andExpect(flash().attribute("flashSuccess", "nightly shop is paused."));
		verify(this.schedules).pause("3", "olga");
	}

	@Test
	@WithMockUser(username = "olga", roles = { OPERATOR, "VIEWER" })
	void runNowSaysWhichRecordItStartedOrWhyNot() throws Exception {
		given(this.schedules.runNow("3", "olga")).willReturn(run("13", "LAUNCHED", "43", null));
		this.mvc.perform(post("/schedules/3/run").with(csrf()))
			.andExpect(redirectedUrl("/schedules/3"))
			.andExpect(flash().attribute("flashSuccess", "Export started: record 43."));
		given(this.schedules.runNow("3", "olga")).willReturn(run("14", "SKIPPED", null, "record 43 is still running"));
		this.mvc.perform(post("/schedules/3/run").with(csrf()).header("HX-Request", "true")
			.header("HX-Current-URL", "http://localhost/schedules/3"))
			.andExpect(header().string("HX-Redirect", "/schedules/3"))
			.andExpect(flash().attribute("flashError", "No export started (SKIPPED): record 43 is still running"));
	}

	@Test
	@WithMockUser(username = "olga", roles = { OPERATOR, "VIEWER" })
	void deleteFromItsOwnPageGoesToTheList() throws Exception {
		this.mvc.perform(post("/schedules/3/delete").with(csrf()).header("HX-Request", "true")
			.header("HX-Current-URL", "http://localhost/schedules/3"))
			.andExpect(header().string("HX-Redirect", "/schedules"))
			.andExpect(flash().attribute("flashSuccess", "Schedule nightly shop deleted."));
		verify(this.schedules).delete("3", "olga");
	}

	private Schedule schedule(String id, String name, boolean enabled, Integer keepLast, String maxAge,
			Schedule.Options options) {
		OffsetDateTime now = OffsetDateTime.now();
		return new Schedule(id, name, "1", "0 0 2 * * ?", "Europe/Berlin", "at 02:00",
				enabled ? List.of(this.soon, this.soon.plusDays(1)) : List.of(), enabled, keepLast, maxAge, options,
				"admin", now, now);
	}

	private static ScheduleRun run(String id, String outcome, String recordId, String message) {
		return new ScheduleRun(id, "3", OffsetDateTime.now().minusMinutes(Long.parseLong(id)), null, "CRON", outcome,
				recordId, message, "ferry-0", recordId == null ? null : "Finished");
	}

}
