package dev.ferry.node;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ferry.support.ConsoleSession;
import dev.ferry.support.FerryProcess;
import dev.ferry.support.FerryRepository;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Ferry nodes (two JVMs, each with its own in-memory session store) on one MariaDB repository: an admin's
 * password reset, role change or disable on node A ends the user's console sessions on node B and on node A at
 * their next request, because the user's credentials version in {@code FERRY_USER} changed.
 */
class SessionExpiryIntegrationTests {

	/** Ports for the two nodes: the first free ones of this range (kept apart from other tests' random ports). */
	static final int FIRST_PORT = 35080;

	static final int LAST_PORT = 35099;

	static final String ADMIN_PASSWORD = "sessions-admin-Pw1";

	static final String REPOSITORY_DB = TestDatabases.uniqueName("ferry_sessions");

	static FerryProcess nodeA;

	static FerryProcess nodeB;

	@BeforeAll
	static void startTwoNodes() throws Exception {
		TestDatabases.execute(TestDatabases.targetPort(), "CREATE DATABASE " + REPOSITORY_DB);
		Path shared = Files.createTempDirectory(
				Files.createDirectories(Path.of("target", "it-sessions")).toAbsolutePath(), "shared-");
		Map<String, String> environment = FerryRepository.environment(REPOSITORY_DB, ADMIN_PASSWORD);
		int portA = freePort(FIRST_PORT);
		nodeA = FerryProcess.start("node-a", portA, settings(shared, "node-a"), environment, shared.resolve("logs"));
		nodeB = FerryProcess.start("node-b", freePort(portA + 1), settings(shared, "node-b"), environment,
				shared.resolve("logs"));
	}

	private static int freePort(int from) throws java.io.IOException {
		for (int port = from; port <= LAST_PORT; port++) {
			try (java.net.ServerSocket socket = new java.net.ServerSocket(port)) {
				return port;
			}
			catch (java.io.IOException taken) {
				// try the next one
			}
		}
		throw new java.io.IOException("no free port in " + from + "-" + LAST_PORT);
	}

	private static Map<String, String> settings(Path shared, String nodeId) {
		return Map.of("spring.profiles.active", "mariadb", "ferry.node.id", nodeId, "ferry.home",
				shared.resolve(nodeId).toString(), "ferry.export-root", shared.resolve("export").toString(),
				"ferry.import-root", shared.resolve("import").toString());
	}

	@AfterAll
	static void stopNodes() throws Exception {
		if (nodeA != null) {
			nodeA.close();
		}
		if (nodeB != null) {
			nodeB.close();
		}
		TestDatabases.execute(TestDatabases.targetPort(), "DROP DATABASE IF EXISTS " + REPOSITORY_DB);
	}

	@Test
	void anAdminsChangeOnOneNodeEndsTheUsersSessionsOnBothNodes() {
		ConsoleSession admin = ConsoleSession.logIn(nodeA.baseUrl(), "admin", ADMIN_PASSWORD);
		admin.get("/users"); // the CSRF token of the new session
		HttpResponse<String> created = admin.post("/users",
				Map.of("username", "roaming", "role", "OPERATOR", "password", "first-password-1"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
		String id = userId(admin, "roaming");

		// a password reset on A
		ConsoleSession onB = ConsoleSession.logIn(nodeB.baseUrl(), "roaming", "first-password-1");
		ConsoleSession onA = ConsoleSession.logIn(nodeA.baseUrl(), "roaming", "first-password-1");
		assertThat(onB.get("/").statusCode()).isEqualTo(200);
		assertThat(onA.get("/").statusCode()).isEqualTo(200);
		admin.get("/users");
		admin.post("/users/" + id + "/password", Map.of("password", "second-password-2"));
		assertEndedToLogin(onB.get("/"), "the session on the other node");
		assertEndedToLogin(onA.get("/"), "the session on the same node");
		assertThat(onB.get("/").statusCode()).as("stays ended").isEqualTo(302);

		// a role change on A
		ConsoleSession again = ConsoleSession.logIn(nodeB.baseUrl(), "roaming", "second-password-2");
		assertThat(again.get("/").statusCode()).isEqualTo(200);
		admin.get("/users");
		admin.post("/users/" + id + "/role", Map.of("role", "VIEWER"));
		assertEndedToLogin(again.get("/transfers"), "after a role change");

		// a disable on A
		ConsoleSession last = ConsoleSession.logIn(nodeB.baseUrl(), "roaming", "second-password-2");
		assertThat(last.get("/").statusCode()).isEqualTo(200);
		admin.get("/users");
		admin.post("/users/" + id + "/disable", Map.of());
		assertEndedToLogin(last.get("/"), "after a disable");

		assertThat(admin.get("/").statusCode()).as("the admin's own session is untouched").isEqualTo(200);
	}

	private static void assertEndedToLogin(HttpResponse<String> response, String what) {
		assertThat(response.statusCode()).as(what).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow()).as(what).endsWith("/login");
	}

	private static String userId(ConsoleSession admin, String username) {
		Matcher id = Pattern
			.compile("data-user=\"" + Pattern.quote(username) + "\".*?/users/(\\d+)/role", Pattern.DOTALL)
			.matcher(admin.get("/users").body());
		assertThat(id.find()).as("user " + username + " listed").isTrue();
		return id.group(1);
	}

}
