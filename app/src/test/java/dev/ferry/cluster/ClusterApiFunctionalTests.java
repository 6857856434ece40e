package dev.ferry.cluster;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/clusters} against a real MariaDB: CRUD, the connection test, and the password kept secret. */
class ClusterApiFunctionalTests extends FunctionalTest {

	@Test
	void registerReadUpdateTestAndDelete() throws Exception {
		String name = TestDatabases.uniqueName("crud");
		Map<String, Object> body = new HashMap<>(Map.of("name", name, "kind", "mysql", "host", "127.0.0.1", "port",
				TestDatabases.sourcePort(), "user", "root", "password", "pw-never-returned"));

		var created = this.api.post("/api/v1/clusters", body);

		assertThat(created.status()).isEqualTo(201);
		String clusterId = created.data().path("clusterId").asString();
		assertThat(clusterId).matches("\\d+");
		assertThat(created.data().path("kind").asString()).isEqualTo("MYSQL");
		assertThat(created.body().toString()).doesNotContain("pw-never-returned").doesNotContain("password");
		assertThat(this.api.get("/api/v1/clusters").data().path("clusters").toString()).contains(name)
			.doesNotContain("pw-never-returned");
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM " + REPOSITORY_DB
				+ ".FERRY_SECRET WHERE CIPHERTEXT LIKE '%pw-never%'")).isZero();

		var failing = this.api.post("/api/v1/clusters/" + clusterId + "/test", "");
		assertThat(failing.data().path("connected").asBoolean()).isFalse();
		assertThat(failing.data().path("error").asString()).contains("Access denied");

		body.put("password", "");
		body.put("port", TestDatabases.sourcePort());
		var updated = this.api.put("/api/v1/clusters/" + clusterId, body);
		assertThat(updated.status()).isEqualTo(200);
		var ok = this.api.post("/api/v1/clusters/" + clusterId + "/test", "");
		assertThat(ok.data().path("connected").asBoolean()).as(ok.body().toString()).isTrue();
		assertThat(ok.data().path("version").asString()).contains("MariaDB");

		body.remove("password"); // omitted: the stored password stays
		body.put("host", "localhost");
		this.api.put("/api/v1/clusters/" + clusterId, body);
		assertThat(this.api.get("/api/v1/clusters/" + clusterId).data().path("host").asString()).isEqualTo("localhost");
		assertThat(this.api.post("/api/v1/clusters/" + clusterId + "/test", "").data().path("connected").asBoolean())
			.isTrue();

		assertThat(this.api.delete("/api/v1/clusters/" + clusterId).code()).isZero();
		var gone = this.api.get("/api/v1/clusters/" + clusterId);
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.code()).isEqualTo(10003);
	}

	@Test
	void aClusterInUseIsNotDeleted() throws Exception {
		String database = TestDatabases.uniqueName("inuse");
		TrickyDatabase.create(TestDatabases.sourcePort(), database, 10);
		String name = TestDatabases.uniqueName("inuse");
		String clusterId = registerCluster(name, TestDatabases.sourcePort(), "root", "");
		Map<String, Object> export = Map.of("clusterId", clusterId, "storageType", "nfs", "fileType", "sql", "filter",
				database + ".*");
		String scheduleName = TestDatabases.uniqueName("nightly");
		String scheduleId = this.api
			.post("/api/v1/schedules", Map.of("name", scheduleName, "cron", "0 0 3 * * ?", "export", export))
			.data()
			.path("scheduleId")
			.asString();

		var refused = this.api.delete("/api/v1/clusters/" + clusterId);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.code()).isEqualTo(10001);
		assertThat(refused.message()).contains("cluster '" + name + "' is still used by the schedule '" + scheduleName + "'");
		assertThat(this.api.get("/api/v1/clusters/" + clusterId).status()).isEqualTo(200);
		assertThat(this.api.delete("/api/v1/schedules/" + scheduleId).code()).isZero();

		// mydumper waits in FLUSH TABLES WITH READ LOCK while another session holds a write lock: a running transfer
		try (Connection lock = TestDatabases.root(TestDatabases.sourcePort());
				Statement statement = lock.createStatement()) {
			statement.execute("LOCK TABLES `" + database + "`.orders WRITE");
			String recordId = this.api.post("/api/v1/clusters/export", export).data().path("recordId").asString();

			var busy = this.api.delete("/api/v1/clusters/" + clusterId);

			assertThat(busy.status()).isEqualTo(400);
			assertThat(busy.message()).contains("is still used by 1 queued or running transfer");
			statement.execute("UNLOCK TABLES");
			assertThat(this.api.awaitRecord(recordId, Duration.ofMinutes(1)).path("status").asString())
				.isEqualTo("Finished");
		}

		assertThat(this.api.delete("/api/v1/clusters/" + clusterId).code()).isZero();
		assertThat(this.api.get("/api/v1/clusters/" + clusterId).status()).isEqualTo(404);
	}

	@Test
	void unreachableClusterReportsTheDriverError() {
		String clusterId = registerCluster(TestDatabases.uniqueName("down"), 1, "root", "");

		var check = this.api.post("/api/v1/clusters/" + clusterId + "/test", "");

		assertThat(check.code()).isZero();
		assertThat(check.data().path("connected").asBoolean()).isFalse();
		assertThat(check.data().path("error").asString()).isNotBlank();
	}

	@Test
	void badClustersAreRejectedWithEveryProblemNamed() {
		var reply = this.api.post("/api/v1/clusters",
				Map.of("name", "", "kind", "ORACLE", "host", "bad host!", "port", 70000, "statusPort", 0));

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.code()).isEqualTo(10001);
		assertThat(reply.message()).contains("name is required")
			.contains("kind 'ORACLE' is unknown")
			.contains("host 'bad host!'")
			.contains("port 70000")
			.contains("statusPort 0")
			.contains("user is required");
		assertThat(this.api.post("/api/v1/clusters", Map.of("name", "x", "port", "abc")).code()).isEqualTo(10001);
	}

	@Test
	void aPortInTheHostALeadingDashAndAFractionalPortAreRefused() {
		String name = TestDatabases.uniqueName("c-inj");
		var hostPort = this.api.post("/api/v1/clusters",
				Map.of("name", name, "kind", "MYSQL", "host", "localhost:3307", "port", 3306, "user", "root"));
		assertThat(hostPort.status()).isEqualTo(400);
		assertThat(hostPort.message()).contains("host 'localhost:3307' holds a port");
		var path = this.api.post("/api/v1/clusters",
				Map.of("name", name, "kind", "MYSQL", "host", "db.local/x", "port", 3306, "user", "root"));
		assertThat(path.message()).contains("host 'db.local/x' holds a path");
		var pd = this.api.post("/api/v1/clusters", Map.of("name", name, "kind", "TIDB", "host", "127.0.0.1", "port",
				4000, "statusPort", 10080, "pdAddress", "--log-file=/tmp/x:2379", "user", "root"));
		assertThat(pd.status()).isEqualTo(400);
		assertThat(pd.message()).contains("pdAddress '--log-file=/tmp/x:2379' must be host:port");
		var user = this.api.post("/api/v1/clusters",
				Map.of("name", name, "kind", "MYSQL", "host", "127.0.0.1", "port", 3306, "user", "--help"));
		assertThat(user.message()).contains("user '--help' starts with '-'");
		var fraction = this.api.post("/api/v1/clusters",
				Map.of("name", name, "kind", "MYSQL", "host", "127.0.0.1", "port", 3306.5, "user", "root"));
		assertThat(fraction.status()).isEqualTo(400);
		assertThat(fraction.code()).isEqualTo(10001);
		assertThat(fraction.message()).isEqualTo("port must be a whole number up to 2147483647");
		assertThat(this.api.get("/api/v1/clusters").body().toString()).doesNotContain(name);
	}

	@Test
	void duplicateNamesAreRejected() {
		String name = TestDatabases.uniqueName("dup");
		registerCluster(name, TestDatabases.sourcePort(), "root", "");

		var again = this.api.post("/api/v1/clusters", Map.of("name", name, "kind", "TIDB", "host", "127.0.0.1", "port",
				4000, "user", "root"));

		assertThat(again.status()).isEqualTo(400);
		assertThat(again.message()).contains("already exists");
	}

	@Test
	void unknownClusterIsNotFound() {
		assertThat(this.api.get("/api/v1/clusters/424242").code()).isEqualTo(10003);
		assertThat(this.api.delete("/api/v1/clusters/424242").status()).isEqualTo(404);
		assertThat(this.api.post("/api/v1/clusters/abc/test", "").status()).isEqualTo(404);
	}

}
