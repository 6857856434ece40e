package dev.ferry.web.clusters;

import java.util.List;

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
import dev.ferry.cluster.ClusterDraft;
import dev.ferry.cluster.ClusterKind;
import dev.ferry.cluster.ClusterService;
import dev.ferry.cluster.ConnectionCheck;
import dev.ferry.error.FerryException;
import dev.ferry.web.console.ConsoleWebTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willDoNothing;
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

@WebMvcTest
@ContextConfiguration(classes = { ClustersController.class, ConsoleWebTest.class })
@WithMockUser(roles = { "ADMIN", "OPERATOR", "VIEWER" })
class ClustersControllerTests {

	static final Cluster SHOP = new Cluster(1, "shop", ClusterKind.MYSQL, "db1", 3306, null, null, "dumper", 7L);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ClusterService clusters;

	@BeforeEach
	void data() {
		given(this.clusters.list()).willReturn(List.of(SHOP));
		given(this.clusters.get("1")).willReturn(SHOP);
	}

	@Test
	void adminSeesTheListWithActions() throws Exception {
		this.mvc.perform(get("/clusters"))
			.andExpect(status().isOk())
			.andExpect(view().name("clusters/list"))
			.andExpect(content().string(allOf(containsString("shop (1)"), containsString("db1:3306"),
					containsString("dumper"), containsString("hx-post=\"/clusters/1/test\""),
					containsString("/clusters/1/edit"), containsString("its exports can still be re-imported"))));
	}

	@Test
	@WithMockUser(roles = "VIEWER")
	void viewerSeesTheListWithoutActionsAndCannotChangeAnything() throws Exception {
		this.mvc.perform(get("/clusters"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("shop (1)"), not(containsString("/clusters/1/test")),
					not(containsString("/clusters/1/edit")), not(containsString("/clusters/1/delete")),
					not(containsString("/clusters/new")))));
		this.mvc.perform(get("/clusters/new")).andExpect(status().isForbidden());
		this.mvc.perform(get("/clusters/1/edit")).andExpect(status().isForbidden());
		this.mvc.perform(post("/clusters").with(csrf()).param("name", "x")).andExpect(status().isForbidden());
		this.mvc.perform(post("/clusters/1/delete").with(csrf())).andExpect(status().isForbidden());
		this.mvc.perform(post("/clusters/1/test").with(csrf()).header("HX-Request", "true"))
			.andExpect(status().isForbidden());
		verify(this.clusters, never()).delete(any(), any());
		verify(this.clusters, never()).testConnection(any());
	}

	@Test
	void editNeverRendersThePasswordAndBlankKeepsIt() throws Exception {
		this.mvc.perform(get("/clusters/1/edit"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("value=\"dumper\""),
					containsString("<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"new-password\""),
					containsString("Leave empty to keep the stored password."))));
		given(this.clusters.update(eq("1"), any(), eq("user"))).willReturn(SHOP);
		this.mvc
			.perform(post("/clusters/1").with(csrf())
				.param("name", "shop")
				.param("kind", "MYSQL")
				.param("host", "db2")
				.param("port", "3307")
				.param("user", "dumper")
				.param("password", ""))
			.andExpect(redirectedUrl("/clusters"));
		ArgumentCaptor<ClusterDraft> draft = ArgumentCaptor.forClass(ClusterDraft.class);
		verify(this.clusters).update(eq("1"), draft.capture(), eq("user"));
		assertThat(draft.getValue().password()).isNull();
		assertThat(draft.getValue().host()).isEqualTo("db2");
		assertThat(draft.getValue().port()).isEqualTo(3307);
	}

	@Test
	void validationProblemsGoToTheirFieldsWithValuesKeptAndPasswordNotEchoed() throws Exception {
		given(this.clusters.create(any(), any())).willThrow(FerryException
			.invalid("invalid cluster: host 'bad host' is not a host name or IP address; port 70000 is not between 1 and 65535"));
		this.mvc
			.perform(post("/clusters").with(csrf())
				.param("name", "new one")
				.param("kind", "TIDB")
				.param("host", "bad host")
				.param("port", "70000")
				.param("user", "root")
				.param("password", "Cluster-Secret-9"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(allOf(containsString("host &#39;bad host&#39; is not a host name"),
					containsString("port 70000 is not between 1 and 65535"), containsString("value=\"new one\""),
					containsString("<option value=\"TIDB\" selected=\"selected\""), not(containsString("Cluster-Secret-9")))));
		this.mvc.perform(post("/clusters").with(csrf()).param("name", "x").param("port", "abc"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().string(containsString("Enter a port number (1-65535).")));
	}

	@Test
	void testConnectionAnswersAFragmentWithTheVersionOrTheError() throws Exception {
		given(this.clusters.testConnection("1")).willReturn(new ConnectionCheck(true, "10.11.6-MariaDB", null));
		this.mvc.perform(post("/clusters/1/test").with(csrf()).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Connected: server version 10.11.6-MariaDB"),
					not(containsString("<html")))));
		given(this.clusters.testConnection("1"))
			.willReturn(new ConnectionCheck(false, null, "Access denied for user 'dumper'@'localhost'"));
		this.mvc.perform(post("/clusters/1/test").with(csrf()).header("HX-Request", "true"))
			.andExpect(content().string(containsString("Cannot connect: Access denied for user &#39;dumper&#39;")));
		this.mvc.perform(post("/clusters/1/test").with(csrf()))
			.andExpect(redirectedUrl("/clusters"))
			.andExpect(flash().attribute("flashError", "shop: Access denied for user 'dumper'@'localhost'"));
	}

	@Test
	void aRefusedDeleteIsAFlashAndNeedsCsrf() throws Exception {
		this.mvc.perform(post("/clusters/1/delete")).andExpect(status().isForbidden());
		verify(this.clusters, never()).delete(any(), any());
		willThrow(FerryException.invalid("cluster 'shop' is still used by 1 queued or running transfer"))
			.given(this.clusters)
			.delete("1", "user");
		this.mvc.perform(post("/clusters/1/delete").with(csrf()).header("HX-Request", "true"))
			.andExpect(status().isBadRequest())
			.andExpect(header().string("HX-Retarget", "#flash"))
			.andExpect(content().string(containsString("is still used by 1 queued or running transfer")));
		willDoNothing().given(this.clusters).delete("1", "user");
		this.mvc.perform(post("/clusters/1/delete").with(csrf()).header("HX-Request", "true"))
			.andExpect(status().isNoContent())
			.andExpect(header().string("HX-Redirect", "/clusters"))
			.andExpect(flash().attribute("flashSuccess", "Cluster shop deleted."));
	}

}
