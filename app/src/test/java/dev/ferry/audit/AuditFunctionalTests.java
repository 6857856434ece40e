package dev.ferry.audit;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FerryClient;
import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail through {@code /api/v1/audit} on MariaDB: cluster changes are recorded, filtered and paged. */
class AuditFunctionalTests extends FunctionalTest {

	@Test
	void clusterChangesAreRecordedNewestFirstWithoutThePassword() {
		String name = TestDatabases.uniqueName("audited");
		Map<String, Object> body = new HashMap<>(Map.of("name", name, "kind", "MYSQL", "host", "127.0.0.1", "port",
				TestDatabases.sourcePort(), "user", "root", "password", "audit-Secret-pw"));
		String clusterId = this.api.post("/api/v1/clusters", body).data().path("clusterId").asString();
		body.put("host", "localhost");
		body.put("password", "audit-Other-pw");
		this.api.put("/api/v1/clusters/" + clusterId, body);
		this.api.delete("/api/v1/clusters/" + clusterId);

		var reply = this.api.get("/api/v1/audit?action=cluster&pageSize=200");

		assertThat(reply.code()).isZero();
		List<JsonNode> mine = reply.data()
			.path("entries")
			.valueStream()
			.filter((entry) -> entry.path("target").asString().equals("cluster " + clusterId + " (" + name + ")"))
			.toList();
		assertThat(mine).extracting((entry) -> entry.path("action").asString())
			.containsExactly("cluster.delete", "cluster.update", "cluster.create");
		assertThat(mine).allSatisfy((entry) -> assertThat(entry.path("actor").asString()).isEqualTo("admin"));
		assertThat(mine.get(1).path("detail").asString()).isEqualTo("changed: host 127.0.0.1 -> localhost, password");
		assertThat(mine.get(2).path("detail").asString()).isEqualTo("MYSQL root@127.0.0.1:" + TestDatabases.sourcePort());
		assertThat(reply.body().toString()).doesNotContain("audit-Secret-pw").doesNotContain("audit-Other-pw");
		assertThat(reply.body().path("page").path("total").asLong()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void filtersAndPagesAndRefusesBadParameters() {
		this.api.post("/api/v1/clusters", Map.of("name", TestDatabases.uniqueName("page"), "kind", "MYSQL", "host",
				"127.0.0.1", "port", TestDatabases.sourcePort(), "user", "root", "password", ""));
		this.api.post("/api/v1/clusters", Map.of("name", TestDatabases.uniqueName("page"), "kind", "MYSQL", "host",
				"127.0.0.1", "port", TestDatabases.sourcePort(), "user", "root", "password", ""));

		var first = this.api.get("/api/v1/audit?action=cluster.create&pageSize=1");
		var second = this.api.get("/api/v1/audit?action=cluster.create&pageSize=1&page=2");

		assertThat(first.data().path("entries")).hasSize(1);
		assertThat(first.body().path("page").path("total").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(first.data().path("entries").path(0).path("id").asLong())
			.isGreaterThan(second.data().path("entries").path(0).path("id").asLong());
		assertThat(this.api.get("/api/v1/audit?actor=ADMIN&action=cluster").data().path("entries").size()).isPositive();
		assertThat(this.api.get("/api/v1/audit?actor=nobody-at-all").data().path("entries").size()).isZero();
		assertThat(this.api.get("/api/v1/audit?action=cluster;drop").message()).contains("action 'cluster;drop' is invalid");
		assertThat(this.api.get("/api/v1/audit?pageSize=201").message()).contains("pageSize must be between 1 and 200");
		assertThat(this.api.get("/api/v1/audit?page=0").code()).isEqualTo(10001);
	}

	@Test
	void exportAndImportLaunchesAreAuditedWithTheirRecordOnceStarted() throws Exception {
		String db = TestDatabases.uniqueName("audlaunch");
		TrickyDatabase.create(TestDatabases.sourcePort(), db, 10);
		String source = registerCluster(TestDatabases.uniqueName("audsrc"), TestDatabases.sourcePort(), "root", "");
		String target = registerCluster(TestDatabases.uniqueName("auddst"), TestDatabases.targetPort(), "root", "");

		var export = this.api.post("/api/v1/clusters/export",
				Map.of("clusterId", source, "storageType", "nfs", "fileType", "sql", "filter", db + ".*"));
		assertThat(export.code()).as(export.body().toString()).isZero();
		String exportId = export.data().path("recordId").asString();
		assertThat(this.api.awaitRecord(exportId, Duration.ofMinutes(2)).path("status").asString()).isEqualTo("Finished");
		var refused = this.api.post("/api/v1/clusters/export", Map.of("clusterId", source, "storageType", "ftp"));
		assertThat(refused.status()).isEqualTo(400);
		var imported = this.api.post("/api/v1/clusters/import", Map.of("clusterId", target, "recordId", exportId));
		assertThat(imported.code()).as(imported.body().toString()).isZero();
		String importId = imported.data().path("recordId").asString();
		this.api.awaitRecord(importId, Duration.ofMinutes(2));

		List<JsonNode> launches = this.api.get("/api/v1/audit?action=transfer&pageSize=200")
			.data()
			.path("entries")
			.valueStream()
			.filter((entry) -> entry.path("action").asString().matches("transfer\\.(export|import)"))
			.filter((entry) -> entry.path("detail").asString().contains("cluster " + source + " ")
					|| entry.path("detail").asString().contains("cluster " + target + " "))
			.toList();
		assertThat(launches).extracting((entry) -> entry.path("action").asString() + " " + entry.path("target").asString())
			.as("one row per launch, none for the refused one")
			.containsExactly("transfer.import record " + importId, "transfer.export record " + exportId);
		assertThat(launches).allSatisfy((entry) -> assertThat(entry.path("actor").asString()).isEqualTo("admin"));
		assertThat(launches.get(0).path("detail").asString()).endsWith(" from export record " + exportId);
		assertThat(launches.get(1).path("detail").asString()).endsWith(" to nfs");
	}

	@Test
	void onlyAdminsReadIt() throws Exception {
		String operator = TestDatabases.uniqueName("op");
		createUser(operator, "operator-pw-123", "OPERATOR");

		var refused = new FerryClient("http://127.0.0.1:" + this.port, operator, "operator-pw-123")
			.get("/api/v1/audit");

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body().toString()).doesNotContain("cluster.");
	}

}
