package dev.ferry.web.console;

import java.time.OffsetDateTime;
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
import dev.ferry.record.RecordPage;
import dev.ferry.record.TransportRecordQuery;
import dev.ferry.schedule.ScheduleService;
import dev.ferry.web.security.ConsoleSecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The dashboard's "Last 14 days" sparklines: a bar per day, today's failures stacked on top, the totals in words. */
@WebMvcTest
@ContextConfiguration(classes = { DashboardController.class, ConsoleFormat.class, ConsoleSecurity.class,
		ConsoleTestSupport.class })
@WithMockUser(roles = "VIEWER")
class DashboardSparklinesTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ExportHistoryQuery history;

	@MockitoBean
	TransportRecordQuery records;

	@MockitoBean
	ScheduleService schedules;

	@MockitoBean
	ClusterService clusters;

	@MockitoBean
	dev.ferry.web.settings.HealthChecks health;

	@Test
	void todaysExportsAreTheLastBar() throws Exception {
		OffsetDateTime now = OffsetDateTime.now();
		given(this.records.find(any())).willReturn(new RecordPage(List.of(), 1, 8, 0));
		given(this.history.endedSince(any())).willReturn(List.of(
				new ExportRun(1, false, now.minusSeconds(5), now, 3L * 1024 * 1024),
				new ExportRun(2, true, now.minusSeconds(5), now, null)));

		String html = this.mvc.perform(get("/")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();

		String card = html.substring(html.indexOf("id=\"export-sparklines\""), html.indexOf("id=\"health\""));
		assertThat(card).contains("id=\"spark-exports\"", "id=\"spark-bytes\"", "data-points=\"14\"",
				"aria-label=\"Exports per day, last 14 days: 1 finished, 1 failed in 14 days.\"",
				"1 finished, 1 failed in 14 days. 3 MiB exported in 14 days.", "finished, 1 failed</title>")
			.doesNotContain("style=");
		assertThat(card.split("class=\"spark-ok\"", -1)).as("today's finished export, on both lines").hasSize(3);
		assertThat(card.split("class=\"spark-failed\"", -1)).as("today's failure").hasSize(2);
	}

}
