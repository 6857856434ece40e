package dev.ferry.web.clusters;

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
import dev.ferry.record.ExportHistoryQuery;
import dev.ferry.record.ExportRun;
import dev.ferry.web.console.ConsoleWebTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A cluster's page: its properties and the history charts of its exports; a VIEWER sees no edit. */
@WebMvcTest
@ContextConfiguration(classes = { ClusterController.class, ConsoleWebTest.class })
@WithMockUser(roles = "VIEWER")
class ClusterPageTests {

	static final OffsetDateTime T0 = OffsetDateTime.of(2026, 12, 1, 2, 0, 0, 0, ZoneOffset.UTC);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ClusterService clusters;

	@MockitoBean
	ExportHistoryQuery history;

	@Test
	void theClusterPageChartsItsExports() throws Exception {
		given(this.clusters.get("1")).willReturn(
				new Cluster(1, "shop <b>", ClusterKind.MYSQL, "db1", 3306, null, null, "dumper", 7L));
		given(this.history.ofCluster(eq("1"), anyInt()))
			.willReturn(List.of(new ExportRun(7, false, T0, T0.plusSeconds(30), 4096L)));

		String html = this.mvc.perform(get("/clusters/1"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(html).contains("shop &lt;b&gt;", "db1:3306", "dumper", "id=\"cluster-1-size\"",
				"data-points=\"1\"", "href=\"/transfers/7\"", "1 export, 0 failed; latest 4 KiB")
			.doesNotContain("shop <b>", "/clusters/1/edit", "style=");
	}

	@Test
	void anUnknownClusterIsNotFound() throws Exception {
		given(this.clusters.get("9")).willThrow(new dev.ferry.error.FerryException(
				dev.ferry.error.ErrorCode.CLUSTER_NOT_FOUND, "cluster 9 not found"));
		this.mvc.perform(get("/clusters/9")).andExpect(status().isNotFound());
	}

}
