package dev.ferry.console;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input through the console's forms over real HTTP: each answer is a 4xx page or the form with the field's
 * error, never a 500, and nothing is changed.
 */
class ConsoleBadInputFunctionalTests extends FunctionalTest {

	ConsoleForms console;

	@BeforeEach
	void login() throws Exception {
		this.console = new ConsoleForms(this.port).login("admin", ADMIN_PASSWORD);
	}

	/** A host without TiUP (the stored tiup path does not exist) can still change another setting. */
	@Test
	void settingsSaveOnAHostWithoutTiup() throws Exception {
		String missing = HOME.resolve("no-such-dir/tiup").toString();
		TestDatabases.execute(TestDatabases.targetPort(), "DELETE FROM " + REPOSITORY_DB
				+ ".FERRY_SETTING WHERE SETTING_KEY IN ('ferry.tools.tiup', 'ferry.max-concurrent-transfers')",
				"INSERT INTO " + REPOSITORY_DB + ".FERRY_SETTING (SETTING_KEY, SETTING_VALUE, UPDATED_AT) VALUES "
						+ "('ferry.tools.tiup', " + TestDatabases.literal(missing) + ", NOW())");
		try {
			String page = this.console.get("/settings").body();
			assertThat(page).contains("value=\"" + missing + "\"");
			List<Map.Entry<String, String>> fields = SettingsForm.fields(page);
			fields.removeIf((field) -> field.getKey().equals("values[maxConcurrentTransfers]"));
			fields.add(Map.entry("values[maxConcurrentTransfers]", "7"));

			HttpResponse<String> saved = this.console.submit("/settings", "/settings", fields);

			assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
			assertThat(this.console.get("/settings").body()).contains("name=\"values[maxConcurrentTransfers]\"")
				.containsPattern("name=\"values\\[maxConcurrentTransfers]\"\\s+value=\"7\"");

			List<Map.Entry<String, String>> otherTiup = SettingsForm.fields(this.console.get("/settings").body());
			otherTiup.removeIf((field) -> field.getKey().equals("values[tiup]"));
			otherTiup.add(Map.entry("values[tiup]", missing + "-2"));
			HttpResponse<String> refused = this.console.submit("/settings", "/settings", otherTiup);
			assertThat(refused.statusCode()).isEqualTo(422);
			assertThat(refused.body()).contains(missing + "-2: not found or not executable");
		}
		finally {
			TestDatabases.execute(TestDatabases.targetPort(),
					"DELETE FROM " + REPOSITORY_DB + ".FERRY_SETTING WHERE SETTING_KEY = 'ferry.tools.tiup'");
			// through the console, so that the running transfer capacity follows too
			List<Map.Entry<String, String>> reset = SettingsForm.fields(this.console.get("/settings").body());
			reset.add(Map.entry("reset", "MAX_CONCURRENT_TRANSFERS"));
			assertThat(this.console.submit("/settings", "/settings", reset).statusCode()).isEqualTo(302);
		}
	}

	@Test
	void typeErrorsOnUsersAndTokensAreA400OrTheFormWithTheFieldError() throws Exception {
		HttpResponse<String> god = this.console.submit("/users", "/users/1/role", List.of(Map.entry("role", "GOD")));
		assertThat(god.statusCode()).as(god.body()).isEqualTo(400);
		assertThat(god.body()).contains("role &#39;GOD&#39; is not one of ADMIN, OPERATOR, VIEWER");

		HttpResponse<String> disable = this.console.submit("/users", "/users/abc/disable", List.of());
		assertThat(disable.statusCode()).isEqualTo(400);
		assertThat(disable.body()).contains("id &#39;abc&#39; is not a whole number");

		HttpResponse<String> revoke = this.console.submit("/tokens", "/tokens/abc/revoke", List.of());
		assertThat(revoke.statusCode()).isEqualTo(400);
		assertThat(revoke.body()).contains("id &#39;abc&#39; is not a whole number");

		HttpResponse<String> expires = this.console.submit("/tokens", "/tokens",
				List.of(Map.entry("name", "bad-lifetime"), Map.entry("expiresInDays", "abc")));
		assertThat(expires.statusCode()).isEqualTo(422);
		assertThat(expires.body()).contains("Choose one of the offered lifetimes.").contains("value=\"bad-lifetime\"");
		assertThat(this.console.get("/tokens").body()).doesNotContain("bad-lifetime");

		HttpResponse<String> newGod = this.console.submit("/users", "/users", List.of(Map.entry("username", "it-god"),
				Map.entry("role", "GOD"), Map.entry("password", "a long enough password")));
		assertThat(newGod.statusCode()).isEqualTo(422);
		assertThat(newGod.body()).contains("Choose a role.");
		assertThat(this.console.get("/users").body()).doesNotContain(">it-god<");
	}

	@Test
	void clusterFormRefusesAPortInTheHostALeadingDashAndAFractionalPort() throws Exception {
		String name = TestDatabases.uniqueName("c-bad");
		HttpResponse<String> hostPort = this.console.submit("/clusters/new", "/clusters", cluster(name,
				"localhost:3307", "3306", ""));
		assertThat(hostPort.statusCode()).isEqualTo(422);
		assertThat(hostPort.body()).contains("host &#39;localhost:3307&#39; holds a port");

		HttpResponse<String> pd = this.console.submit("/clusters/new", "/clusters", cluster(name, "127.0.0.1",
				"4000", "-pd:2379"));
		assertThat(pd.statusCode()).isEqualTo(422);
		assertThat(pd.body()).contains("pdAddress &#39;-pd:2379&#39; must be host:port");

		HttpResponse<String> fraction = this.console.submit("/clusters/new", "/clusters", cluster(name, "127.0.0.1",
				"3306.5", ""));
		assertThat(fraction.statusCode()).isEqualTo(422);
		assertThat(fraction.body()).contains("Enter a port number (1-65535).");
		assertThat(this.api.get("/api/v1/clusters").body().toString()).doesNotContain(name);
	}

	@Test
	void scheduleFormRefusesACronThatFiresEverySecond() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("c-sched"), TestDatabases.sourcePort(), "root",
				"");
		String name = TestDatabases.uniqueName("every-second");
		HttpResponse<String> refused = this.console.submit("/schedules/new", "/schedules/new",
				List.of(Map.entry("name", name), Map.entry("clusterId", clusterId), Map.entry("cron", "* * * * * ?"),
						Map.entry("timeZone", "UTC"), Map.entry("enabled", "true"), Map.entry("fileType", "sql"),
						Map.entry("tables", "all"), Map.entry("storageType", "nfs")));
		assertThat(refused.statusCode()).as("the form again, with the error at its field").isEqualTo(200);
		assertThat(refused.body()).contains("cron &#39;* * * * * ?&#39; fires 1s apart")
			.contains("ferry.schedules.min-interval");
		assertThat(this.api.get("/api/v1/schedules").body().toString()).doesNotContain(name);
	}

	private static List<Map.Entry<String, String>> cluster(String name, String host, String port, String pdAddress) {
		List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(Map.entry("name", name),
				Map.entry("kind", pdAddress.isEmpty() ? "MYSQL" : "TIDB"), Map.entry("host", host),
				Map.entry("port", port), Map.entry("user", "root"), Map.entry("password", "")));
		if (!pdAddress.isEmpty()) {
			fields.add(Map.entry("pdAddress", pdAddress));
			fields.add(Map.entry("statusPort", "10080"));
		}
		return fields;
	}

}
