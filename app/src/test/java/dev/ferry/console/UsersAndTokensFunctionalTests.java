package dev.ferry.console;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ferry.support.FunctionalTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users, API tokens and login throttling on the whole application: tokens created through the console and used on
 * the API, roles and disabling applied at once, wrong passwords locking a user name for the (short) lock time.
 */
class UsersAndTokensFunctionalTests extends FunctionalTest {

	static final Pattern TOKEN = Pattern.compile("(fry_[A-Za-z0-9_-]{43})");

	static final Pattern TOKEN_ID = Pattern.compile("data-token=\"(\\d+)\"");

	static final String TRANSPORT = "/api/v1/clusters/transport";

	static final String PASSWORD = "it-user-password-1";

	@Autowired
	JdbcClient jdbc;

	@Test
	void aTokenCallsTheApiAsItsUserUntilRevoked() {
		ConsoleSession admin = login("admin", ADMIN_PASSWORD);
		String token = createToken(admin, "it-ci");

		HttpResponse<String> ok = api("GET", TRANSPORT, "Bearer " + token, null);
		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
		assertThat(ok.body()).contains("\"code\":0");

		String page = admin.get("/tokens").body();
		assertThat(page).doesNotContain(token).contains(token.substring(0, 10) + "…").contains("it-ci");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM FERRY_API_TOKEN WHERE TOKEN_HASH = ? OR TOKEN_PREFIX = ?")
			.params(token, token)
			.query(Long.class)
			.single()).as("the token itself is stored nowhere").isZero();
		assertThat(this.jdbc.sql("SELECT LAST_USED_AT FROM FERRY_API_TOKEN WHERE NAME = 'it-ci'")
			.query(java.time.LocalDateTime.class)
			.single()).as("last use recorded").isNotNull();

		String id = ConsoleSession.match(TOKEN_ID, page);
		HttpResponse<String> revoked = admin.post("/tokens", "/tokens/" + id + "/revoke", Map.of(), true);
		assertThat(revoked.headers().firstValue("HX-Redirect")).contains("/tokens");

		HttpResponse<String> refused = api("GET", TRANSPORT, "Bearer " + token, null);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.body()).contains("\"code\":401");
		assertThat(refused.headers().allValues("WWW-Authenticate")).anyMatch((h) -> h.startsWith("Bearer"));
		assertThat(api("GET", TRANSPORT, "Bearer fry_" + "x".repeat(43), null).statusCode()).isEqualTo(401);
		assertThat(api("GET", TRANSPORT, "Bearer junk", null).statusCode()).isEqualTo(401);
		assertThat(audits("admin", "token.revoke")).isEqualTo(1);
	}

	@Test
	void rolesApplyAtOnceAndADisabledUserIsLockedOut() {
		ConsoleSession admin = login("admin", ADMIN_PASSWORD);
		createUser(admin, "it-viewer", "VIEWER");
		ConsoleSession viewer = login("it-viewer", PASSWORD);
		assertThat(viewer.get("/").statusCode()).isEqualTo(200);
		assertThat(viewer.get("/users").statusCode()).isEqualTo(403);
		String token = createToken(viewer, "viewer-script");

		assertThat(api("GET", TRANSPORT, "Bearer " + token, null).statusCode()).isEqualTo(200);
		String export = "{\"clusterId\":\"999999\",\"storageType\":\"nfs\"}";
		assertThat(api("POST", "/api/v1/clusters/export", "Bearer " + token, export).statusCode()).isEqualTo(403);

		admin.post("/users", "/users/" + userId(admin, "it-viewer") + "/role", Map.of("role", "OPERATOR"), true);
		HttpResponse<String> asOperator = api("POST", "/api/v1/clusters/export", "Bearer " + token, export);
		assertThat(asOperator.statusCode()).as("the token carries the user's current role: " + asOperator.body())
			.isNotIn(401, 403);

		HttpResponse<String> disabled = admin.post("/users", "/users/" + userId(admin, "it-viewer") + "/disable",
				Map.of(), true);
		assertThat(disabled.headers().firstValue("HX-Redirect")).contains("/users");
		assertThat(admin.get("/users").body()).contains("User it-viewer disabled.");

		HttpResponse<String> next = viewer.get("/");
		assertThat(next.statusCode()).as("the disabled user's session ends").isEqualTo(302);
		assertThat(next.headers().firstValue("Location").orElseThrow()).endsWith("/login");
		assertThat(api("GET", TRANSPORT, "Bearer " + token, null).statusCode()).isEqualTo(401);
		assertThat(api("GET", TRANSPORT, basic("it-viewer", PASSWORD), null).statusCode()).isEqualTo(401);
		assertThat(new ConsoleSession(baseUrl()).login("it-viewer", PASSWORD).headers().firstValue("Location").orElseThrow())
			.endsWith("/login?error");

		assertThat(audits("admin", "user.create")).isPositive();
		assertThat(audits("admin", "user.role")).isEqualTo(1);
		assertThat(audits("admin", "user.disable")).isEqualTo(1);
	}

	@Test
	void aPasswordResetByAnAdminEndsTheUsersConsoleSessions() {
		ConsoleSession admin = login("admin", ADMIN_PASSWORD);
		createUser(admin, "it-reset", "OPERATOR");
		ConsoleSession first = login("it-reset", PASSWORD);
		ConsoleSession second = login("it-reset", PASSWORD);
		assertThat(first.get("/").statusCode()).isEqualTo(200);

		HttpResponse<String> reset = admin.post("/users", "/users/" + userId(admin, "it-reset") + "/password",
				Map.of("password", "it-new-password-2"), true);
		assertThat(reset.headers().firstValue("HX-Redirect")).contains("/users");

		for (ConsoleSession session : java.util.List.of(first, second)) {
			HttpResponse<String> next = session.get("/");
			assertThat(next.statusCode()).as("a session of the old password ends").isEqualTo(302);
			assertThat(next.headers().firstValue("Location").orElseThrow()).endsWith("/login");
		}
		HttpResponse<String> fresh = login("it-reset", "it-new-password-2").get("/");
		assertThat(fresh.statusCode()).as("the new password logs in").isEqualTo(200);
		assertThat(admin.get("/").statusCode()).as("the admin's session stays").isEqualTo(200);
		assertThat(audits("admin", "user.password")).isEqualTo(1);
	}

	@Test
	void theLastAdminCannotBeDisabledOrDemoted() {
		ConsoleSession admin = login("admin", ADMIN_PASSWORD);
		String id = userId(admin, "admin");
		admin.post("/users", "/users/" + id + "/disable", Map.of(), false);
		assertThat(admin.get("/users").body()).contains("You cannot disable yourself.");
		admin.post("/users", "/users/" + id + "/role", Map.of("role", "VIEWER"), false);
		assertThat(admin.get("/users").body()).contains("admin is the last enabled admin");
		assertThat(api("POST", "/api/v1/clusters/export", basic("admin", ADMIN_PASSWORD), "{}").statusCode())
			.as("still an admin (and an operator)")
			.isNotIn(401, 403);
	}

	@Test
	void wrongPasswordsLockAUserNameForTheLockTime() throws InterruptedException {
		ConsoleSession admin = login("admin", ADMIN_PASSWORD);
		createUser(admin, "it-locked", "OPERATOR");
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> wrong = api("GET", TRANSPORT, basic("it-locked", "wrong " + i), null);
			assertThat(wrong.statusCode()).isEqualTo(401);
			assertThat(wrong.body()).doesNotContain("Too many");
		}
		HttpResponse<String> locked = api("GET", TRANSPORT, basic("it-locked", PASSWORD), null);
		assertThat(locked.statusCode()).isEqualTo(401);
		assertThat(locked.body()).contains("Too many failed attempts. Try again later.");
		assertThat(locked.headers().firstValue("Retry-After")).isPresent();

		for (int i = 0; i < 5; i++) {
			api("GET", TRANSPORT, basic("it-nobody", "wrong " + i), null);
		}
		assertThat(api("GET", TRANSPORT, basic("it-nobody", "x"), null).body())
			.as("an unknown name is answered exactly like a known one")
			.contains("Too many failed attempts. Try again later.");

		Thread.sleep(2_200); // the lock time of the functional tests is 2 s
		HttpResponse<String> after = api("GET", TRANSPORT, basic("it-locked", PASSWORD), null);
		assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
	}

	@Test
	void theLoginPageSaysWhenAttemptsAreThrottled() {
		ConsoleSession browser = new ConsoleSession(baseUrl());
		assertThat(browser.login("it-form", "wrong").headers().firstValue("Location").orElseThrow())
			.endsWith("/login?error");
		assertThat(browser.get("/login?error").body()).contains("Wrong user name or password.")
			.doesNotContain("Too many failed attempts.");
		for (int i = 0; i < 5; i++) {
			browser.login("it-form", "wrong " + i);
		}
		assertThat(browser.get("/login?error").body()).contains("Too many failed attempts. Try again later.");
	}

	private ConsoleSession login(String username, String password) {
		ConsoleSession session = new ConsoleSession(baseUrl());
		HttpResponse<String> response = session.login(username, password);
		assertThat(response.headers().firstValue("Location").orElseThrow()).as(username + " logs in")
			.doesNotContain("error");
		return session;
	}

	private void createUser(ConsoleSession admin, String username, String role) {
		HttpResponse<String> created = admin.post("/users", "/users",
				Map.of("username", username, "role", role, "password", PASSWORD), true);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		assertThat(created.headers().firstValue("HX-Redirect")).contains("/users");
	}

	private String userId(ConsoleSession admin, String username) {
		return ConsoleSession.match(
				Pattern.compile("data-user=\"" + Pattern.quote(username) + "\".*?/users/(\\d+)/role", Pattern.DOTALL),
				admin.get("/users").body());
	}

	private String createToken(ConsoleSession session, String name) {
		HttpResponse<String> created = session.post("/tokens", "/tokens",
				Map.of("name", name, "expiresInDays", "30"), true);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		return ConsoleSession.match(TOKEN, created.body());
	}

	private long audits(String actor, String action) {
		return this.jdbc.sql("SELECT COUNT(*) FROM FERRY_AUDIT WHERE ACTOR = ? AND ACTION = ?")
			.params(actor, action)
			.query(Long.class)
			.single();
	}

	private HttpResponse<String> api(String method, String path, String authorization, String json) {
		HttpRequest.Builder request = this.api.unauthenticated(path).header("Authorization", authorization);
		if (json == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		return this.api.raw(request);
	}

	private static String basic(String username, String password) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

}
