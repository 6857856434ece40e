package dev.ferry.web.tokens;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.ferry.web.console.ConsoleErrorHandling;
import dev.ferry.web.security.ConsoleSecurityTestConfiguration;
import dev.ferry.web.security.Role;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
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

/** The tokens page: any logged-in user, their own tokens; the new token shown once; CSRF on. */
@WebMvcTest
@ContextConfiguration(classes = { TokensController.class, ConsoleSecurityTestConfiguration.class, ConsoleErrorHandling.class })
@WithMockUser(username = "viewer", roles = "VIEWER")
class TokensControllerTests {

	static final String TOKEN = "fry_" + "A".repeat(43);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ApiTokens tokens;

	@MockitoBean
	UserDetailsService users;

	final ApiToken ci = new ApiToken(7, "ci", "fry_AAAAAA", LocalDateTime.now().minusDays(2),
			LocalDateTime.now().minusMinutes(3), LocalDateTime.now().minusHours(1));

	@BeforeEach
	void viewer() {
		given(this.users.loadUserByUsername("viewer"))
			.willReturn(User.withUsername("viewer").password("x").authorities(Role.VIEWER.authorities()).build());
		given(this.tokens.list("viewer")).willReturn(List.of(this.ci));
	}

	@Test
	void listsTheUsersTokensWithoutTheirSecret() throws Exception {
		this.mvc.perform(get("/tokens"))
			.andExpect(status().isOk())
			.andExpect(view().name("tokens/list"))
			.andExpect(model().attribute("tokens", List.of(this.ci)))
			.andExpect(content().string(allOf(containsString("data-token=\"7\""), containsString("fry_AAAAAA…"),
					containsString("expired"), containsString("hx-post=\"/tokens/7/revoke\""),
					containsString("hx-confirm=\"Revoke the token &quot;ci&quot;?"), not(containsString("created-token")))));
	}

	@Test
	void aNewTokenIsShownOnceInTheAnswer() throws Exception {
		given(this.tokens.create("viewer", "deploy", Duration.ofDays(30)))
			.willReturn(new ApiTokens.Created(TOKEN, this.ci));

		this.mvc.perform(post("/tokens").with(csrf()).header("HX-Request", "true").param("name", " deploy ")
				.param("expiresInDays", "30"))
			.andExpect(status().isOk())
			.andExpect(view().name("tokens/list :: tokens"))
			.andExpect(content().string(allOf(containsString("id=\"created-token\""), containsString(TOKEN),
					containsString("Copy it now"), not(containsString("<html")))));

		this.mvc.perform(get("/tokens")).andExpect(content().string(not(containsString(TOKEN))));
	}

	@Test
	void aTokenWithoutExpiryOnAFullPagePost() throws Exception {
		given(this.tokens.create("viewer", "forever", null)).willReturn(new ApiTokens.Created(TOKEN, this.ci));

		this.mvc.perform(post("/tokens").with(csrf()).param("name", "forever").param("expiresInDays", ""))
			.andExpect(status().isOk())
			.andExpect(view().name("tokens/list"))
			.andExpect(content().string(allOf(containsString("<html"), containsString(TOKEN))));
	}

	@Test
	void invalidInputIsShownInline() throws Exception {
		this.mvc.perform(post("/tokens").with(csrf()).header("HX-Request", "true").param("name", " ")
				.param("expiresInDays", "3"))
			.andExpect(status().is(422))
			.andExpect(model().attributeHasFieldErrorCode("newToken", "name", "NotBlank"))
			.andExpect(model().attributeHasFieldErrorCode("newToken", "expiresInDays", "tokens.expires.invalid"))
			.andExpect(content().string(allOf(containsString("Enter a name."),
					containsString("Choose one of the offered lifetimes."))));
		verify(this.tokens, never()).create(anyString(), anyString(), any());
	}

	@Test
	void revokingRedirectsWithAFlash() throws Exception {
		given(this.tokens.revoke("viewer", 7)).willReturn(true);

		this.mvc.perform(post("/tokens/7/revoke").with(csrf()).header("HX-Request", "true"))
			.andExpect(header().string("HX-Redirect", "/tokens"))
			.andExpect(flash().attribute("flashSuccess", "Token revoked."));
		this.mvc.perform(post("/tokens/8/revoke").with(csrf()))
			.andExpect(redirectedUrl("/tokens"))
			.andExpect(flash().attribute("flashError", "You have no such token."));
	}

	@Test
	void postsNeedTheCsrfToken() throws Exception {
		this.mvc.perform(post("/tokens").param("name", "x")).andExpect(status().isForbidden());
		this.mvc.perform(post("/tokens/7/revoke")).andExpect(status().isForbidden());
		verify(this.tokens, never()).revoke(anyString(), org.mockito.ArgumentMatchers.anyLong());
	}

	@Test
	@WithMockUser(username = "gone", roles = "VIEWER")
	void aSessionWhoseUserIsGoneIsLoggedOut() throws Exception {
		// the user was deleted (or renamed) since the session began
		given(this.users.loadUserByUsername("gone"))
			.willThrow(new org.springframework.security.core.userdetails.UsernameNotFoundException("gone"));
		this.mvc.perform(get("/tokens")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
		verify(this.tokens, never()).list(anyString());
	}

	@Test
	@WithMockUser(username = "viewer", roles = "ADMIN")
	void aSessionWhoseRoleChangedEnds() throws Exception {
		// the session says ADMIN, the database says VIEWER: the session ends, the next login takes the new role
		this.mvc.perform(get("/tokens")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
		verify(this.tokens, never()).list(anyString());
	}

	@Test
	void wrongTypesAreA400OrAFieldErrorNeverA500() throws Exception {
		this.mvc.perform(post("/tokens/abc/revoke").with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id &#39;abc&#39; is not a whole number")));
		this.mvc.perform(post("/tokens").with(csrf()).param("name", "ci").param("expiresInDays", "abc"))
			.andExpect(status().is(422))
			.andExpect(view().name("tokens/list"))
			.andExpect(model().attributeHasFieldErrorCode("newToken", "expiresInDays", "typeMismatch"))
			.andExpect(content().string(allOf(containsString("Choose one of the offered lifetimes."),
					containsString("value=\"ci\""))));
		this.mvc.perform(post("/tokens").with(csrf()).header("HX-Request", "true").param("name", "ci")
				.param("expiresInDays", "99999999999"))
			.andExpect(status().is(422));
		verify(this.tokens, never()).create(anyString(), anyString(), any());
		verify(this.tokens, never()).revoke(anyString(), org.mockito.ArgumentMatchers.anyLong());
	}

}
