package dev.ferry.console;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's browser-side defences on the whole stack: a SameSite, HttpOnly session cookie, a
 * Content-Security-Policy that the pages keep to (no inline scripts, handlers or style attributes), and failed
 * logins in the log and the audit trail without the password.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleHardeningFunctionalTests extends FunctionalTest {

	static final Pattern INLINE = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>|\\sstyle=|\\son[a-z]+=|<style",
			Pattern.CASE_INSENSITIVE);

	static final List<String> PAGES = List.of("/", "/transfers", "/transfers/export/new", "/transfers/import/new",
			"/schedules", "/schedules/new", "/clusters", "/clusters/new", "/settings", "/users", "/tokens", "/audit");

	@Autowired
	JdbcClient jdbc;

	@Test
	void theSessionCookieIsSameSiteLaxAndHttpOnly() {
		ConsoleSession browser = new ConsoleSession(baseUrl());
		HttpResponse<String> login = browser.login("admin", ADMIN_PASSWORD);

		String cookie = login.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((value) -> value.startsWith("JSESSIONID="))
			.findFirst()
			.orElseThrow();
		assertThat(cookie).contains("SameSite=Lax").contains("HttpOnly").doesNotContain("Secure");
	}

	@Test
	void everyPageHasAContentSecurityPolicyAndKeepsToIt() {
		ConsoleSession admin = new ConsoleSession(baseUrl());
		HttpResponse<String> loginPage = admin.get("/login");
		assertPolicy(loginPage);
		admin.login("admin", ADMIN_PASSWORD);
		for (String path : PAGES) {
			HttpResponse<String> page = admin.get(path);
			assertThat(page.statusCode()).as(path).isEqualTo(200);
			assertPolicy(page);
			assertThat(INLINE.matcher(page.body()).results().map((m) -> m.group()).toList())
				.as("inline script, handler or style on " + path)
				.isEmpty();
		}
	}

	@Test
	void aFailedLoginIsLoggedAndAuditedWithoutThePassword(CapturedOutput output) {
		String ghost = TestDatabases.uniqueName("ghost");
		ConsoleSession browser = new ConsoleSession(baseUrl());

		assertThat(browser.login(ghost, "guess-Secret-77").headers().firstValue("Location").orElseThrow())
			.endsWith("/login?error");

		List<String> rows = this.jdbc
			.sql("SELECT CONCAT(ACTOR, '|', TARGET, '|', DETAIL) FROM FERRY_AUDIT WHERE ACTION = 'login.failure'")
			.query(String.class)
			.list();
		assertThat(rows).contains("anonymous|user '" + ghost + "'|from 127.0.0.1: wrong user name or password");
		assertThat(rows).noneMatch((row) -> row.contains("guess-Secret-77"));
		assertThat(output.getOut()).contains("Failed login as user '" + ghost + "' from 127.0.0.1")
			.doesNotContain("guess-Secret-77");
	}

	private static void assertPolicy(HttpResponse<String> page) {
		assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
			.contains("default-src 'self'")
			.contains("script-src 'self'")
			.contains("style-src 'self'")
			.contains("frame-ancestors 'none'")
			.doesNotContain("unsafe");
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

}
