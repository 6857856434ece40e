package dev.ferry.web.audit;

import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.ferry.audit.AuditEntry;
import dev.ferry.audit.AuditFilter;
import dev.ferry.audit.AuditPage;
import dev.ferry.audit.AuditQuery;
import dev.ferry.web.console.ConsoleWebTest;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** The audit page on the real console security: admins only, filters in the query string, escaping, paging. */
@WebMvcTest
@ContextConfiguration(classes = { AuditController.class, ConsoleWebTest.class })
class AuditControllerTests {

	static final AuditEntry DELETE = new AuditEntry(7, LocalDateTime.now().minusMinutes(3), "alice", "cluster.delete",
			"cluster 3 (<b>shop</b>)", "");

	static final AuditEntry UPDATE = new AuditEntry(6, LocalDateTime.now().minusHours(1), "bob", "cluster.update",
			"cluster 3 (<b>shop</b>)", "changed: host a -> b, password");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	AuditQuery audit;

	@Test
	@WithMockUser(username = "admin", roles = { "ADMIN", "OPERATOR", "VIEWER" })
	void anAdminSeesTheEntriesEscapedWithTheFiltersKept() throws Exception {
		given(this.audit.find(argThat((AuditFilter f) -> f != null && "alice".equals(f.actor())
				&& "cluster".equals(f.action()) && f.page() == 2)))
			.willReturn(new AuditPage(List.of(DELETE, UPDATE), 2, AuditController.PAGE_SIZE, 160));

		this.mvc.perform(get("/audit").param("actor", "alice").param("action", "cluster").param("page", "2"))
			.andExpect(status().isOk())
			.andExpect(view().name("audit/list"))
			.andExpect(content().string(allOf(containsString("cluster.delete"), containsString("cluster.update"),
					containsString("changed: host a -&gt; b, password"), containsString("&lt;b&gt;shop&lt;/b&gt;"),
					not(containsString("<b>shop</b>")), containsString("value=\"alice\""),
					containsString("<option value=\"cluster\" selected=\"selected\">"),
					containsString("Page 2 of 4 (160 entries)"), containsString("/audit?actor=alice&amp;action=cluster&amp;page=1"),
					containsString("/audit?actor=alice&amp;action=cluster&amp;page=3"))));
	}

	@Test
	@WithMockUser(username = "admin", roles = { "ADMIN", "OPERATOR", "VIEWER" })
	void htmxGetsOnlyTheResults() throws Exception {
		given(this.audit.find(any())).willReturn(new AuditPage(List.of(), 1, AuditController.PAGE_SIZE, 0));

		this.mvc.perform(get("/audit").header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"results\""), containsString("Nothing recorded"),
					not(containsString("<html")), not(containsString("Previous")), not(containsString("Next")))));
	}

	@Test
	@WithMockUser(username = "admin", roles = { "ADMIN", "OPERATOR", "VIEWER" })
	void badFiltersAreA400PageNotAStackTrace() throws Exception {
		this.mvc.perform(get("/audit").param("action", "cluster';--"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(allOf(containsString("is invalid"), not(containsString("Exception")))));
		this.mvc.perform(get("/audit").param("page", "0")).andExpect(status().isBadRequest());
		this.mvc.perform(get("/audit").param("page", "abc"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("page &#39;abc&#39; is not a whole number")));
		this.mvc.perform(get("/audit").param("page", "99999999999")).andExpect(status().isBadRequest());
		verify(this.audit, never()).find(any());
	}

	@Test
	@WithMockUser(username = "olga", roles = { "OPERATOR", "VIEWER" })
	void anOperatorIsRefused() throws Exception {
		this.mvc.perform(get("/audit")).andExpect(status().isForbidden());
		verify(this.audit, never()).find(any());
	}

}
