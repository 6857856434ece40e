package dev.ferry.web.schedules;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.ferry.cluster.ClusterService;
import dev.ferry.record.ExportHistoryQuery;
import dev.ferry.record.ExportRun;
import dev.ferry.schedule.Schedule;
import dev.ferry.schedule.ScheduleService;
import dev.ferry.web.console.ConsoleFormat;
import dev.ferry.web.console.ConsoleTestSupport;
import dev.ferry.web.security.ConsoleSecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The history charts on a schedule's page, through the real fragments: marks, titles, empty state, escaping. */
@WebMvcTest
@ContextConfiguration(classes = { ScheduleController.class, ConsoleFormat.class, ConsoleSecurity.class,
		ConsoleTestSupport.class })
@WithMockUser(roles = "VIEWER")
class ScheduleChartsTests {

	static final OffsetDateTime T0 = OffsetDateTime.of(2026, 12, 1, 2, 0, 0, 0, ZoneOffset.UTC);

	static final String NAME = "nightly <script>alert('x')</script> & co";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ScheduleService schedules;

	@MockitoBean
	ClusterService clusters;

	@MockitoBean
	ExportHistoryQuery history;

	@org.junit.jupiter.api.BeforeEach
	void cluster() {
		given(this.clusters.get("1")).willReturn(new dev.ferry.cluster.Cluster(1, "shop",
				dev.ferry.cluster.ClusterKind.MYSQL, "db1", 3306, null, null, "dumper", 7L));
	}

	@Test
	void theChartsDrawAMarkPerExportAndEscapeTheName() throws Exception {
		given(this.schedules.get("3")).willReturn(schedule());
		given(this.history.ofSchedule(eq("3"), anyInt())).willReturn(List.of(
				new ExportRun(40, false, T0, T0.plusSeconds(60), 10_000_000L),
				new ExportRun(41, true, T0.plusDays(1), T0.plusDays(1).plusSeconds(5), null),
				new ExportRun(42, false, T0.plusDays(2), T0.plusDays(2).plusSeconds(90), 12_000_000L)));

		String html = this.mvc.perform(get("/schedules/3"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co");
		assertThat(html).doesNotContain("style=");
		assertThat(html).contains("id=\"export-history\"", "data-runs=\"3\"", "data-failed=\"1\"");
		assertThat(html).contains("id=\"schedule-3-size\"", "id=\"schedule-3-duration\"", "id=\"schedule-3-throughput\"");
		assertThat(count(html, "class=\"mark column\"")).isEqualTo(2);
		assertThat(count(html, "class=\"mark column failed\"")).isEqualTo(1);
		assertThat(count(html, "class=\"mark point\"")).isEqualTo(4);
		assertThat(count(html, "class=\"mark failed\"")).isEqualTo(2);
		assertThat(count(html, "<polyline")).isEqualTo(2);
		assertThat(html).contains("role=\"img\"",
				"aria-label=\"Export size · nightly &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co: 3 exports, 1 failed",
				"aria-labelledby=\"schedule-3-size-title schedule-3-size-desc\"",
				"<title id=\"schedule-3-size-title\">Export size · nightly &lt;script&gt;", "href=\"/transfers/41\"",
				">#41 · Failed · ended ");
		assertThat(html).as("the history comes before the run table").containsSubsequence("export-history",
				"id=\"runs\"");
	}

	@Test
	void withoutExportsThePageSaysSo() throws Exception {
		given(this.schedules.get("3")).willReturn(schedule());
		given(this.history.ofSchedule(eq("3"), anyInt())).willReturn(List.of());

		String html = this.mvc.perform(get("/schedules/3")).andReturn().getResponse().getContentAsString();

		assertThat(html).contains("class=\"muted chart-empty\">No finished exports yet.</p>").doesNotContain("<svg");
	}

	private static int count(String text, String needle) {
		return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
	}

	private static Schedule schedule() {
		OffsetDateTime now = OffsetDateTime.now();
		return new Schedule("3", NAME, "1", "0 0 2 * * ?", "UTC", "at 02:00", List.of(), false, null, null,
				new Schedule.Options(null, false, "sql", null, null, "nfs", null, null, null, false, null, null),
				"admin", now, now);
	}

}
