package dev.ferry.web.security;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;

import dev.ferry.support.FerrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console session ends at its next request once its user's credentials version (raised by a password reset, a
 * role change or a disable) differs from the one it logged in with, on the real schema.
 */
class SessionUserRefreshFilterTests {

	JdbcClient jdbc;

	FerryUserDetailsService users;

	SessionUserRefreshFilter filter;

	@BeforeEach
	void schemaWithOneUser() {
		DataSource dataSource = FerrySchema.inMemoryH2();
		this.jdbc = JdbcClient.create(dataSource);
		this.jdbc.sql("""
				INSERT INTO FERRY_USER (USERNAME, PASSWORD_HASH, ROLE, ENABLED, CREATED_AT)
				VALUES ('olga', '{noop}x', 'OPERATOR', TRUE, CURRENT_TIMESTAMP)""").update();
		this.users = new FerryUserDetailsService(this.jdbc);
		this.filter = new SessionUserRefreshFilter(this.users);
	}

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void theSessionLastsWhileTheUserIsUnchanged() throws Exception {
		MockHttpSession session = loggedIn();
		request(session);
		assertThat(session.isInvalid()).isFalse();
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNotNull();
	}

	@Test
	void aRaisedCredentialsVersionEndsTheSession() throws Exception {
		MockHttpSession session = loggedIn();
		this.jdbc.sql("UPDATE FERRY_USER SET CREDENTIALS_VERSION = CREDENTIALS_VERSION + 1").update();

		request(session);

		assertThat(session.isInvalid()).as("the password was reset elsewhere").isTrue();
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
	}

	@Test
	void aDisabledOrRemovedUsersSessionEnds() throws Exception {
		MockHttpSession disabled = loggedIn();
		this.jdbc.sql("UPDATE FERRY_USER SET ENABLED = FALSE").update();
		request(disabled);
		assertThat(disabled.isInvalid()).isTrue();

		this.jdbc.sql("UPDATE FERRY_USER SET ENABLED = TRUE").update();
		MockHttpSession removed = loggedIn();
		this.jdbc.sql("DELETE FROM FERRY_USER").update();
		request(removed);
		assertThat(removed.isInvalid()).isTrue();
	}

	@Test
	void theReasonNamesWhatChanged() {
		UserDetails olga = this.users.loadUserByUsername("olga");
		var session = UsernamePasswordAuthenticationToken.authenticated(olga, null, olga.getAuthorities());
		assertThat(SessionUserRefreshFilter.staleBecause(session, olga)).isNull();
		assertThat(SessionUserRefreshFilter.staleBecause(session, null)).isEqualTo("the user is gone");
		this.jdbc.sql("UPDATE FERRY_USER SET ROLE = 'VIEWER', CREDENTIALS_VERSION = 1").update();
		assertThat(SessionUserRefreshFilter.staleBecause(session, this.users.loadUserByUsername("olga")))
			.isEqualTo("the user's password or role changed");
	}

	/** A session as form login leaves it: the loaded user (with its version) as the principal. */
	private MockHttpSession loggedIn() {
		UserDetails olga = this.users.loadUserByUsername("olga");
		var authentication = UsernamePasswordAuthenticationToken.authenticated(olga, null, olga.getAuthorities());
		SecurityContextHolder.getContext().setAuthentication(authentication);
		return new MockHttpSession();
	}

	private void request(MockHttpSession session) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.setSession(session);
		this.filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
	}

}
