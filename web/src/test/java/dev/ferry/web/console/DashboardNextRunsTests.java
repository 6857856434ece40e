package dev.ferry.web.console;

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

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterKind;
import dev.ferry.cluster.ClusterService;
import dev.ferry.record.RecordPage;
import dev.ferry.record.TransportRecordQuery;
import dev.ferry.schedule.Schedule;
import dev.ferry.schedule.ScheduleService;
import dev.ferry.web.security.ConsoleSecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The dashboard's "Next scheduled runs" card: soonest first across enabled schedules, paused ones left out. */
@WebMvcTest
@ContextConfiguration(classes = { DashboardController.class, ConsoleFormat.class, ConsoleSecurity.class,
		ConsoleTestSupport.class })
class DashboardNextRunsTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	dev.ferry.record.ExportHistoryQuery history;

	@MockitoBean
	TransportRecordQuery records;

	@MockitoBean
	ScheduleService schedules;

	@MockitoBean
	ClusterService clusters;

	@MockitoBean
	dev.ferry.web.settings.HealthChecks health;

	@Test
	@WithMockUser(roles = "VIEWER")
	void theNextRunsAcrossEnabledSchedulesSoonestFirstLinkingToTheSchedule() throws Exception {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		given(this.records.find(any())).willReturn(new RecordPage(List.of(), 1, 8, 0));
		given(this.clusters.list()).willReturn(List.of(new Cluster(1, "shop-cluster", ClusterKind.MYSQL, "db", 3306,
				null, null, "root", null)));
		given(this.schedules.list()).willReturn(List.of(
				schedule("1", "hourly", true, List.of(now.plusMinutes(50), now.plusMinutes(110), now.plusMinutes(170),
						now.plusMinutes(230), now.plusMinutes(290))),
				schedule("2", "soonest", true, List.of(now.plusMinutes(5), now.plusDays(1))),
				schedule("3", "paused one", false, List.of())));

		String html = this.mvc.perform(get("/")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();

		String card = html.substring(html.indexOf("id=\"next-runs\""), html.indexOf("id=\"failures\""));
		assertThat(card).contains("href=\"/schedules/2\"", "href=\"/schedules/1\"", "shop-cluster", "in 5 min")
			.doesNotContain("paused one");
		assertThat(card.indexOf("soonest")).isLessThan(card.indexOf("hourly"));
		assertThat(card.split("<tr ", -1)).as("five runs at most").hasSize(6);
		assertThat(card).as("the sixth-soonest (tomorrow) is cut").doesNotContain("in 1 d");
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void withoutActiveSchedulesTheCardSaysSo() throws Exception {
		given(this.records.find(any())).willReturn(new RecordPage(List.of(), 1, 8, 0));
		given(this.schedules.list()).willReturn(List.of(schedule("3", "paused one", false, List.of())));
		String html = this.mvc.perform(get("/")).andReturn().getResponse().getContentAsString();
		assertThat(html).contains("No active schedule fires soon.").doesNotContain("href=\"/schedules/3\"");
	}

	private static Schedule schedule(String id, String name, boolean enabled, List<OffsetDateTime> next) {
		OffsetDateTime now = OffsetDateTime.now();
		return new Schedule(id, name, "1", "0 0 * * * ?", "UTC", "every hour", next, enabled, null, null,
				new Schedule.Options(null, false, "sql", null, null, "nfs", null, null, null, false, null, null), "admin",
				now, now);
	}

}
