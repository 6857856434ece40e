package dev.ferry.web.transfers;

import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.ferry.cluster.ClusterService;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.record.Progress;
import dev.ferry.record.RecordFilter;
import dev.ferry.record.RecordPage;
import dev.ferry.record.RecordStatus;
import dev.ferry.record.TransferDetailQuery;
import dev.ferry.record.TransferDetails;
import dev.ferry.record.TransportRecord;
import dev.ferry.record.TransportRecordQuery;
import dev.ferry.transfer.TransferAdmin;
import dev.ferry.transfer.TransferStarted;
import dev.ferry.web.console.ConsoleFormat;
import dev.ferry.web.security.ConsoleSecurity;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
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

/** The transfer list and detail screens: views, htmx fragments and headers, CSRF, and what each role may do. */
@WebMvcTest
@ContextConfiguration(classes = { TransfersController.class, TransferController.class, ConsoleFormat.class,
		ConsoleSecurity.class, dev.ferry.web.console.ConsoleTestSupport.class })
class TransferScreensTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	TransportRecordQuery records;

	@MockitoBean
	TransferDetailQuery details;

	@MockitoBean
	TransferAdmin admin;

	@MockitoBean
	ClusterService clusters;

	final TransportRecord running = record("7", "Processing",
			new Progress("dumping", "exportDataFromCluster", 2048L, 3L, null, 1L, 4L, 750_000L, 3_000_000L, null, null,
					1024L, 30L, 1L, null, null));

	final TransportRecord failed = record("6", "Failed", null);

	final TransportRecord finished = record("5", "Finished",
			new Progress("finished", null, 4096L, 2L, null, 4L, 4L, null, null, null, null, null, 0L, null, 100, null));

	@BeforeEach
	void records() {
		given(this.records.find(any())).willReturn(new RecordPage(List.of(this.running, this.failed, this.finished), 1,
				20, 3));
		Map<RecordStatus, Long> counts = new EnumMap<>(RecordStatus.class);
		for (RecordStatus s : RecordStatus.values()) {
			counts.put(s, 0L);
		}
		counts.put(RecordStatus.Processing, 1L);
		counts.put(RecordStatus.Failed, 1L);
		counts.put(RecordStatus.Finished, 1L);
		given(this.records.countByStatus(any())).willReturn(counts);
		given(this.records.get(any())).willCallRealMethod(); // by id: through the stubbed find
	}

	@Test
	void anonymousPageRequestsGoToTheLoginPage() throws Exception {
		this.mvc.perform(get("/transfers")).andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
	}

	@Test
	void anonymousHtmxRequestsGetAFullRefreshInsteadOfALoginPageInAFragment() throws Exception {
		this.mvc.perform(get("/transfers/7/progress").header("HX-Request", "true"))
			.andExpect(status().isForbidden())
			.andExpect(header().string("HX-Refresh", "true"))
			.andExpect(content().string(not(containsString("<form"))));
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void aPageThatIsNotANumberIsA400NotA500() throws Exception {
		this.mvc.perform(get("/transfers").param("page", "abc")).andExpect(status().isBadRequest());
		this.mvc.perform(get("/transfers").param("size", "1.5").header("HX-Request", "true"))
			.andExpect(status().isBadRequest());
		verify(this.records, org.mockito.Mockito.never()).find(any());
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void theFullPageHasTheLayoutFiltersAndTabsWithCounts() throws Exception {
		this.mvc.perform(get("/transfers").param("status", "Failed").param("q", "nightly"))
			.andExpect(status().isOk())
			.andExpect(view().name("transfers/list"))
			.andExpect(content().string(allOf(containsString("<nav aria-label=\"Main\""),
					containsString("id=\"results\""), containsString("data-status=\"Failed\""),
					containsString("value=\"nightly\""))));
		verify(this.records).find(argThat((RecordFilter f) -> f.status() == RecordStatus.Failed
				&& "nightly".equals(f.commentContains()) && f.page() == 1 && f.pageSize() == 20));
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void theHtmxVariantRendersOnlyTheResults() throws Exception {
		this.mvc.perform(get("/transfers").header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(view().name("transfers/list :: results"))
			.andExpect(content().string(allOf(containsString("id=\"results\""),
					not(containsString("<nav aria-label=\"Main\"")))));
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void onlyRunningRowsPoll() throws Exception {
		String html = this.mvc.perform(get("/transfers")).andReturn().getResponse().getContentAsString();
		org.assertj.core.api.Assertions.assertThat(html)
			.contains("hx-get=\"/transfers/7/progress\"")
			.doesNotContain("hx-get=\"/transfers/6/progress\"")
			.doesNotContain("hx-get=\"/transfers/5/progress\"")
			.contains("25%") // 1 of 4 tables
			.contains("· 750,000 of ~3,000,000 rows");
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void aViewerSeesNoActionButtons() throws Exception {
		this.mvc.perform(get("/transfers"))
			.andExpect(content().string(allOf(not(containsString("/stop\"")), not(containsString("/restart\"")),
					not(containsString("/delete\"")), not(containsString("/download\"")))));
	}

	@Test
	@WithMockUser(roles = { "OPERATOR", "VIEWER" })
	void anOperatorSeesOnlyTheActionsValidForEachState() throws Exception {
		String html = this.mvc.perform(get("/transfers")).andReturn().getResponse().getContentAsString();
		org.assertj.core.api.Assertions.assertThat(html)
			.contains("action=\"/transfers/7/stop\"")
			.doesNotContain("action=\"/transfers/7/delete\"")
			.doesNotContain("action=\"/transfers/7/restart\"")
			.contains("action=\"/transfers/6/restart\"", "action=\"/transfers/6/delete\"")
			.doesNotContain("action=\"/transfers/6/stop\"", "/transfers/6/download")
			.contains("/transfers/5/download", "action=\"/transfers/5/delete\"")
			.doesNotContain("action=\"/transfers/5/restart\"");
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void aViewerGets403OnAForgedPost() throws Exception {
		this.mvc.perform(post("/transfers/6/restart").with(csrf())).andExpect(status().isForbidden());
		this.mvc.perform(post("/transfers/6/delete").with(csrf()).header("HX-Request", "true"))
			.andExpect(status().isForbidden())
			.andExpect(header().string("HX-Retarget", "#flash"))
			.andExpect(content().string(containsString("Forbidden")));
		verify(this.admin, never()).restart(any(), any());
		verify(this.admin, never()).delete(any(), any());
	}

	@Test
	@WithMockUser(username = "olga", roles = { "OPERATOR", "VIEWER" })
	void actionsNeedTheCsrfToken() throws Exception {
		this.mvc.perform(post("/transfers/6/restart")).andExpect(status().isForbidden());
		verify(this.admin, never()).restart(any(), any());
	}

	@Test
	@WithMockUser(username = "olga", roles = { "OPERATOR", "VIEWER" })
	void startOverAsksTheAdminForAFreshRestart() throws Exception {
		given(this.admin.restart("6", "olga", true)).willReturn(new TransferStarted("6", "10"));
		this.mvc.perform(post("/transfers/6/restart").param("fresh", "true").with(csrf())
			.header("HX-Request", "true")
			.header("HX-Current-URL", "http://localhost/transfers/6"))
			.andExpect(status().isOk())
			.andExpect(flash().attribute("flashSuccess", "Transfer 6 restarted (attempt 10)."));
	}

	@Test
	@WithMockUser(username = "olga", roles = { "OPERATOR", "VIEWER" })
	void restartFromTheListGoesBackToTheListWithAFlash() throws Exception {
		given(this.admin.restart("6", "olga")).willReturn(new TransferStarted("6", "9"));
		this.mvc.perform(post("/transfers/6/restart").with(csrf())
			.header("HX-Request", "true")
			.header("HX-Current-URL", "http://localhost/transfers?status=Failed"))
			.andExpect(status().isOk())
			.andExpect(header().string("HX-Redirect", "/transfers?status=Failed"))
			.andExpect(flash().attribute("flashSuccess", "Transfer 6 restarted (attempt 9)."));
	}

	@Test
	@WithMockUser(username = "olga", roles = { "OPERATOR", "VIEWER" })
	void deletingFromTheRecordsOwnPageGoesToTheList() throws Exception {
		this.mvc.perform(post("/transfers/6/delete").with(csrf())
			.header("HX-Request", "true")
			.header("HX-Current-URL", "http://localhost/transfers/6"))
			.andExpect(status().isOk())
			.andExpect(header().string("HX-Redirect", "/transfers"));
	}

	@Test
	@WithMockUser(username = "olga", roles = { "OPERATOR", "VIEWER" })
	void aPlainFormPostGetsAnOrdinaryRedirect() throws Exception {
		this.mvc.perform(post("/transfers/6/delete").with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/transfers"));
		verify(this.admin).delete("6", "olga");
	}

	@Test
	@WithMockUser(username = "olga", roles = { "OPERATOR", "VIEWER" })
	void aRefusedActionIsAFlashInTheSamePage() throws Exception {
		willThrow(FerryException.invalid("record 7 is Processing; stop it before deleting it")).given(this.admin)
			.delete("7", "olga");
		this.mvc.perform(post("/transfers/7/delete").with(csrf()).header("HX-Request", "true"))
			.andExpect(status().isBadRequest())
			.andExpect(header().string("HX-Retarget", "#flash"))
			.andExpect(content().string(containsString("stop it before deleting it")));
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void theProgressFragmentStopsPollingAndRefreshesTheListOnceSettled() throws Exception {
		given(this.records.find(argThat((RecordFilter f) -> f != null && Long.valueOf(5).equals(f.recordId()))))
			.willReturn(new RecordPage(List.of(this.finished), 1, 1, 1));
		this.mvc.perform(get("/transfers/5/progress").header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(header().string("HX-Trigger", containsString("transfers-changed")))
			.andExpect(content().string(not(containsString("hx-trigger"))));
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void theProgressFragmentOfARunningTransferKeepsPolling() throws Exception {
		given(this.records.find(argThat((RecordFilter f) -> f != null && Long.valueOf(7).equals(f.recordId()))))
			.willReturn(new RecordPage(List.of(this.running), 1, 1, 1));
		this.mvc.perform(get("/transfers/7/progress").header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("HX-Trigger"))
			.andExpect(content().string(allOf(containsString("hx-trigger=\"every 2s\""), containsString("2.0 KiB"))));
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void theDetailPageShowsStepsLogAndParametersEscaped() throws Exception {
		TransferDetails detail = new TransferDetails(this.failed, Map.of("comment", "<script>x</script>"),
				List.of(new TransferDetails.Attempt(11, "Failed", "FAILED", null, null,
						List.of(new TransferDetails.StepRun("exportDataFromCluster", "FAILED", "FAILED",
								"mydumper exited with 2", null, null)))),
				"mydumper.log", "** (mydumper:1): CRITICAL <b>boom</b>", null);
		given(this.details.find("6")).willReturn(detail);
		this.mvc.perform(get("/transfers/6"))
			.andExpect(status().isOk())
			.andExpect(view().name("transfers/detail"))
			.andExpect(content().string(allOf(containsString("exportDataFromCluster"),
					containsString("mydumper exited with 2"), containsString("&lt;b&gt;boom&lt;/b&gt;"),
					containsString("&lt;script&gt;"), not(containsString("<script>x")),
					not(containsString("hx-trigger=\"every 2s\"")))));
	}

	@Test
	@WithMockUser(username = "olga", roles = { "OPERATOR", "VIEWER" })
	void aNativeExportShowsItsCompressionConsistencyAndChunksAndCanStartOver() throws Exception {
		OffsetDateTime now = OffsetDateTime.now();
		TransportRecord stopped = new TransportRecord("7", "8", "1", "export", "/data/export/1/7-nfs/data", "data.zip",
				"nfs", "", "Stopped", now, now, now, now, null, null, null, null, "native", "zstd", false,
				"spans 2 snapshots: it was resumed");
		TransportRecord running = new TransportRecord("9", "9", "1", "export", "/data/export/1/9-nfs/data", "data.zip",
				"nfs", "", "Processing", now, null, now, now, null,
				new Progress("dumping", "exportDataFromCluster", 4096L, 3L, null, null, null, 1200L, 3000L, 3L, 12L, 1024L,
						30L, 1L, 40, "tool"), null, null, "native", "none", true, null);
		given(this.details.find("7")).willReturn(new TransferDetails(stopped, Map.of(), List.of(), "", "", null));
		given(this.details.find("9")).willReturn(new TransferDetails(running, Map.of(), List.of(), "", "", null));

		this.mvc.perform(get("/transfers/7"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Compression zstd"),
					containsString("not consistent: spans 2 snapshots: it was resumed"),
					containsString("/transfers/7/restart?fresh=true"), containsString("Start over"))));
		this.mvc.perform(get("/transfers/9"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("every table read at one point in time"),
					containsString("3/12 chunks"), containsString("1,200 of ~3,000 rows"), not(containsString("Start over")))));
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void anUnknownRecordIsAnHtml404() throws Exception {
		given(this.details.find(eq("404"))).willThrow(
				new FerryException(ErrorCode.TIEM_TRANSPORT_RECORD_NOT_FOUND, "record 404 not found"));
		given(this.details.find(eq("abc"))).willThrow(
				new FerryException(ErrorCode.TIEM_TRANSPORT_RECORD_NOT_FOUND, "record abc not found"));
		this.mvc.perform(get("/transfers/404"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("text/html"))
			.andExpect(content().string(containsString("record 404 not found")));
		this.mvc.perform(get("/transfers/abc")).andExpect(status().isNotFound());
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void aBadFilterIsExplainedNotAStackTrace() throws Exception {
		this.mvc.perform(get("/transfers").param("status", "Sleeping"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(allOf(containsString("status &#39;Sleeping&#39; is invalid"),
					not(containsString("Exception")))));
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void aMalformedTimeFilterIsA400PageNotAStackTrace() throws Exception {
		this.mvc.perform(get("/transfers").param("from", "yesterday").param("page", "x"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(not(containsString("Exception"))));
		verify(this.records, never()).find(any());
	}

	private static TransportRecord record(String id, String status, Progress progress) {
		OffsetDateTime now = OffsetDateTime.now();
		return new TransportRecord(id, id, "1", "export", "/data/export/1/" + id + "-nfs/data", "data.zip", "nfs",
				"nightly", status, now, status.equals("Processing") ? null : now, now, now,
				status.equals("Failed") ? "exportDataFromCluster: mydumper exited with 2" : null, progress, null);
	}

}
