package dev.ferry.web.users;

import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.ferry.web.console.ConsoleErrorHandling;
import dev.ferry.web.security.ConsoleSecurityTestConfiguration;
import dev.ferry.web.security.Role;
import dev.ferry.web.tokens.ApiTokens;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/** The users page with the real security rules: views, inline validation, htmx answers, CSRF, ADMIN only. */
@WebMvcTest
@ContextConfiguration(classes = { UsersController.class, ConsoleSecurityTestConfiguration.class, ConsoleErrorHandling.class })
class UsersControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	UserAdmin admin;

	@MockitoBean
	UserDetailsService users;

	@MockitoBean
	ApiTokens tokens;

	final UserAccount root = new UserAccount(1, "root", Role.ADMIN, true, LocalDateTime.now().minusDays(3));

	final UserAccount vic = new UserAccount(2, "vic", Role.VIEWER, false, LocalDateTime.now().minusHours(2));

	@BeforeEach
	void accounts() {
		given(this.admin.list()).willReturn(List.of(this.root, this.vic));
		for (Role role : Role.values()) {
			String name = role.name().toLowerCase();
			given(this.users.loadUserByUsername(name))
				.willReturn(User.withUsername(name).password("x").authorities(role.authorities()).build());
		}
	}

	@Test
	@WithMockUser(username = "admin", roles = "ADMIN")
	void listsUsersWithTheirActions() throws Exception {
		this.mvc.perform(get("/users"))
			.andExpect(status().isOk())
			.andExpect(view().name("users/list"))
			.andExpect(model().attribute("users", List.of(this.root, this.vic)))
			.andExpect(content().string(allOf(containsString("data-user=\"root\""), containsString("data-user=\"vic\""),
					containsString("hx-post=\"/users/1/disable\""), containsString("hx-post=\"/users/2/enable\""),
					containsString("hx-confirm=\"Disable root?"), containsString("hx-confirm=\"Set a new password for vic?"),
					containsString("name=\"_csrf\""))));
	}

	@Test
	@WithMockUser(username = "viewer", roles = "VIEWER")
	void viewersAreForbidden() throws Exception {
		this.mvc.perform(get("/users")).andExpect(status().isForbidden());
		this.mvc.perform(post("/users/2/enable").with(csrf())).andExpect(status().isForbidden());
		verify(this.admin, never()).setEnabled(anyString(), anyLong(), org.mockito.ArgumentMatchers.anyBoolean());
	}

	@Test
	@WithMockUser(username = "operator", roles = { "OPERATOR", "VIEWER" })
	void operatorsAreForbidden() throws Exception {
		this.mvc.perform(get("/users")).andExpect(status().isForbidden());
		this.mvc.perform(get("/users").header("HX-Request", "true"))
			.andExpect(status().isForbidden())
			.andExpect(header().string("HX-Retarget", "#flash"));
	}

	@Test
	void anonymousUsersAreSentToTheLoginPage() throws Exception {
		this.mvc.perform(get("/users")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
	}

	@Test
	@WithMockUser(username = "admin", roles = "ADMIN")
	void postsNeedTheCsrfToken() throws Exception {
		this.mvc.perform(post("/users").param("username", "tom").param("role", "VIEWER").param("password",
				"long enough password")).andExpect(status().isForbidden());
		this.mvc.perform(post("/users/2/disable")).andExpect(status().isForbidden());
		verify(this.admin, never()).create(anyString(), anyString(), any(), anyString());
	}

	@Test
	@WithMockUser(username = "admin", roles = "ADMIN")
	void invalidInputIsShownInline() throws Exception {
		this.mvc.perform(post("/users").with(csrf()).param("username", "bad name!").param("role", "VIEWER")
				.param("password", "short"))
			.andExpect(status().is(422))
			.andExpect(view().name("users/list"))
			.andExpect(model().attributeHasFieldErrorCode("newUser", "username", "Pattern"))
			.andExpect(model().attributeHasFieldErrorCode("newUser", "password", "users.password.tooShort"))
			.andExpect(content().string(allOf(containsString("Use letters, digits and . _ @ - only."),
					containsString("Use at least 12 characters."), containsString("value=\"bad name!\""))));
		verify(this.admin, never()).create(anyString(), anyString(), any(), anyString());
	}

	@Test
	@WithMockUser(username = "admin", roles = "ADMIN")
	void htmxGetsOnlyTheFormBackWithItsErrors() throws Exception {
		willThrow(new DuplicateKeyException("taken")).given(this.admin)
			.create("admin", "vic", Role.OPERATOR, "long enough password");

		this.mvc.perform(post("/users").with(csrf()).header("HX-Request", "true").param("username", "vic")
				.param("role", "OPERATOR").param("password", "long enough password"))
			.andExpect(status().is(422))
			.andExpect(view().name("users/list :: new-user"))
			.andExpect(content().string(allOf(containsString("id=\"new-user\""),
					containsString("This user name is taken."), not(containsString("<html")),
					not(containsString("long enough password")))));
	}

	@Test
	@WithMockUser(username = "admin", roles = "ADMIN")
	void aNewUserIsCreatedAndThePageReloaded() throws Exception {
		this.mvc.perform(post("/users").with(csrf()).header("HX-Request", "true").param("username", "tom")
				.param("role", "OPERATOR").param("password", "long enough password"))
			.andExpect(status().isOk())
			.andExpect(header().string("HX-Redirect", "/users"))
			.andExpect(flash().attribute("flashSuccess", "User tom added as OPERATOR."));
		verify(this.admin).create("admin", "tom", Role.OPERATOR, "long enough password");

		this.mvc.perform(post("/users").with(csrf()).param("username", "ann").param("role", "VIEWER")
				.param("password", "long enough password"))
			.andExpect(redirectedUrl("/users"));
	}

	@Test
	@WithMockUser(username = "admin", roles = "ADMIN")
	void refusedChangesComeBackAsAFlashError() throws Exception {
		given(this.admin.setEnabled("admin", 1, false))
			.willThrow(new UserChangeRefused("users.refused.lastAdmin", "root"));
		given(this.admin.changeRole("admin", 2, Role.OPERATOR)).willReturn(this.vic);

		this.mvc.perform(post("/users/1/disable").with(csrf()).header("HX-Request", "true"))
			.andExpect(header().string("HX-Redirect", "/users"))
			.andExpect(flash().attribute("flashError", "root is the last enabled admin: make another user admin first."));
		this.mvc.perform(post("/users/2/role").with(csrf()).param("role", "OPERATOR"))
			.andExpect(redirectedUrl("/users"))
			.andExpect(flash().attribute("flashSuccess", "User vic is now OPERATOR."));
	}

	@Test
	@WithMockUser(username = "admin", roles = "ADMIN")
	void passwordResetGoesToTheService() throws Exception {
		given(this.admin.resetPassword("admin", 2, "a new password!")).willReturn(this.vic);

		this.mvc.perform(post("/users/2/password").with(csrf()).param("password", "a new password!"))
			.andExpect(redirectedUrl("/users"))
			.andExpect(flash().attribute("flashSuccess", "Password of vic changed."));
	}

	@Test
	@WithMockUser(username = "admin", roles = "ADMIN")
	void wrongTypesAreA400NamingTheValueNeverA500() throws Exception {
		this.mvc.perform(post("/users/2/role").with(csrf()).param("role", "GOD"))
			.andExpect(status().isBadRequest())
			.andExpect(view().name("error"))
			.andExpect(content().string(containsString("role &#39;GOD&#39; is not one of ADMIN, OPERATOR, VIEWER")));
		this.mvc.perform(post("/users/abc/disable").with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id &#39;abc&#39; is not a whole number")));
		this.mvc.perform(post("/users/abc/role").with(csrf()).header("HX-Request", "true").param("role", "VIEWER"))
			.andExpect(status().isBadRequest())
			.andExpect(header().string("HX-Retarget", "#flash"));
		this.mvc.perform(post("/users/99999999999999999999/enable").with(csrf())).andExpect(status().isBadRequest());
		this.mvc.perform(post("/users/2/role").with(csrf())).andExpect(status().isBadRequest());
		verify(this.admin, never()).changeRole(anyString(), anyLong(), any());
		verify(this.admin, never()).setEnabled(anyString(), anyLong(), org.mockito.ArgumentMatchers.anyBoolean());
	}

	@Test
	@WithMockUser(username = "admin", roles = "ADMIN")
	void anUnknownRoleInTheNewUserFormIsAFieldError() throws Exception {
		this.mvc.perform(post("/users").with(csrf()).param("username", "eve").param("role", "GOD")
				.param("password", "a long enough password"))
			.andExpect(status().is(422))
			.andExpect(view().name("users/list"))
			.andExpect(model().attributeHasFieldErrorCode("newUser", "role", "typeMismatch"))
			.andExpect(content().string(allOf(containsString("Choose a role."), containsString("value=\"eve\""))));
		verify(this.admin, never()).create(anyString(), anyString(), any(), anyString());
	}

}
