package dev.ferry.record;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** Every filter of {@code GET /api/v1/clusters/transport}, with the total, over records made by real transfers. */
class RecordQueryFunctionalTests extends FunctionalTest {

	static final String DB = TestDatabases.uniqueName("rq");

	@BeforeAll
	static void createSourceDatabase() throws Exception {
		TrickyDatabase.create(TestDatabases.sourcePort(), DB, 20);
	}

	@Test
	void everyFilterNarrowsTheListAndTheTotalFollows() throws Exception {
		String cluster = registerCluster(TestDatabases.uniqueName("rq"), TestDatabases.sourcePort(), "root", "");
		String target = registerCluster(TestDatabases.uniqueName("rqt"), TestDatabases.targetPort(), "root", "");
		String broken = registerCluster(TestDatabases.uniqueName("rqx"), TestDatabases.sourcePort(), "nobody", "x");
		long before = Instant.now().getEpochSecond() - 1;
		String first = export(cluster);
		String second = export(cluster);
		String failed = export(broken);
		var imported = this.api.post("/api/v1/clusters/import",
				Map.of("clusterId", target, "recordId", first, "overwrite", true));
		String importId = imported.data().path("recordId").asString();
		this.api.awaitRecord(importId, Duration.ofMinutes(2));
		long after = Instant.now().getEpochSecond() + 1;

		JsonNode byCluster = list("clusterId=" + cluster);
		assertThat(ids(byCluster)).containsExactly(second, first);
		assertThat(total(byCluster)).isEqualTo(2);
		JsonNode paged = list("clusterId=" + cluster + "&pageSize=1&page=2");
		assertThat(ids(paged)).containsExactly(first);
		assertThat(total(paged)).isEqualTo(2);
		assertThat(paged.path("page").path("page").asInt()).isEqualTo(2);
		assertThat(ids(list("recordId=" + failed))).containsExactly(failed);
		assertThat(ids(list("status=Failed&clusterId=" + broken))).containsExactly(failed);
		assertThat(ids(list("status=Finished&clusterId=" + broken))).isEmpty();
		assertThat(ids(list("transportType=import&clusterId=" + target))).containsExactly(importId);
		assertThat(ids(list("transportType=export&clusterId=" + target))).isEmpty();
		assertThat(ids(list("reImport=true&pageSize=1000"))).contains(first, second).doesNotContain(failed, importId);
		assertThat(ids(list("startTime=" + before + "&pageSize=1000"))).contains(first, second, failed, importId);
		assertThat(ids(list("startTime=" + after + "&pageSize=1000"))).isEmpty();
		assertThat(ids(list("endTime=" + before + "&pageSize=1000"))).doesNotContain(first, second, failed, importId);
		assertThat(ids(list("startTime=" + before + "&endTime=" + after + "&clusterId=" + cluster)))
			.containsExactly(second, first);
	}

	private String export(String clusterId) throws InterruptedException {
		var started = this.api.post("/api/v1/clusters/export",
				Map.of("clusterId", clusterId, "storageType", "nfs", "fileType", "sql", "filter", DB + ".*"));
		String id = started.data().path("recordId").asString();
		this.api.awaitRecord(id, Duration.ofMinutes(2));
		return id;
	}

	private JsonNode list(String query) {
		var reply = this.api.get("/api/v1/clusters/transport?" + query);
		assertThat(reply.code()).as(query + ": " + reply.body()).isZero();
		return reply.body();
	}

	private static java.util.List<String> ids(JsonNode body) {
		java.util.List<String> ids = new java.util.ArrayList<>();
		body.path("data").path("transportRecords").forEach((r) -> ids.add(r.path("recordId").asString()));
		return ids;
	}

	private static long total(JsonNode body) {
		return body.path("page").path("total").asLong();
	}

}
