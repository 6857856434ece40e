package dev.ferry.fault;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FerryClient;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The space preflight on a real small export root: a 4 MiB {@code tmpfs} (see {@link TmpfsRoot}) and a source
 * database of about 18 MB (two tables of 40,000 rows, statistics refreshed with {@code ANALYZE TABLE}). With the
 * default margin (1.2) the export is refused before anything is created, naming the estimate, the free space and the
 * setting, and the estimate endpoint says it will not fit; a small table fits and is exported.
 */
class SpacePreflightFaultTests extends FaultTest {

	static final String DB = TestDatabases.uniqueName("preflight");

	static final TmpfsRoot ROOT = TmpfsRoot.mount("preflight-", "4m");

	static final long MIB = 1024 * 1024;

	@DynamicPropertySource
	static void smallExportRoot(DynamicPropertyRegistry registry) {
		registry.add("ferry.export-root", () -> ROOT.path().toString());
	}

	@BeforeAll
	static void createSourceDatabase() throws SQLException {
		fillAndAnalyze(DB);
	}

	@AfterAll
	static void cleanUp() throws Exception {
		ROOT.close();
		TestDatabases.execute(TestDatabases.sourcePort(), "DROP DATABASE IF EXISTS `" + DB + "`");
	}

	static void fillAndAnalyze(String database) throws SQLException {
		fill(TestDatabases.sourcePort(), database, 40_000);
		TestDatabases.execute(TestDatabases.sourcePort(), "ANALYZE TABLE `" + database + "`.t1, `" + database + "`.t2");
	}

	@Test
	void anExportLargerThanTheExportRootIsRefusedNamingEstimateFreeSpaceAndSettingAndCreatesNoRecord() {
		String source = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");

		var refused = this.api.post("/api/v1/clusters/export",
				Map.of("clusterId", source, "storageType", "nfs", "fileType", "sql", "filter", DB + ".*"));

		assertThat(refused.status()).as(refused.body().toString()).isEqualTo(409);
		assertThat(refused.code()).isEqualTo(60310);
		assertThat(refused.message()).startsWith("the export needs about ")
			.contains(" MiB (3 tables, estimated from the source's information_schema.TABLES) × margin 1.2 = ")
			.contains("but the export root " + ROOT.path() + " has only ")
			.containsPattern("has only [34]\\.\\d MiB free")
			.contains("ferry.transfers.space-margin (FERRY_SPACE_MARGIN) (0 turns this check off)");
		var records = this.api.get("/api/v1/clusters/transport?clusterId=" + source);
		assertThat(records.data().path("transportRecords").size()).as(records.body().toString()).isZero();
		assertThat(records.body().path("page").path("total").asLong()).isZero();
		assertThat(ROOT.path().resolve(source)).as("no record directory").doesNotExist();
	}

	@Test
	void theEstimateSaysItWillNotFitAndASmallSelectionFitsAndIsExported() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");

		var estimate = this.api.get("/api/v1/clusters/export/estimate?clusterId=" + source + "&filter="
				+ URLEncoder.encode(DB + ".*", StandardCharsets.UTF_8));

		assertThat(estimate.code()).as(estimate.body().toString()).isZero();
		JsonNode data = estimate.data();
		System.out.println("Estimate of " + DB + ".*: " + data);
		assertThat(data.path("fits").asBoolean()).isFalse();
		assertThat(data.path("tables").asInt()).isEqualTo(3);
		assertThat(data.path("bytes").asLong()).isGreaterThan(8 * MIB);
		assertThat(data.path("freeBytes").asLong()).isPositive().isLessThanOrEqualTo(4 * MIB);
		assertThat(data.path("root").asString()).isEqualTo(ROOT.path().toString());
		assertThat(data.path("margin").asDouble()).isEqualTo(1.2);

		var small = this.api.get("/api/v1/clusters/export/estimate?clusterId=" + source + "&filter="
				+ URLEncoder.encode(DB + ".notes", StandardCharsets.UTF_8));
		assertThat(small.data().path("fits").asBoolean()).as(small.body().toString()).isTrue();
		assertThat(small.data().path("tables").asInt()).isEqualTo(1);
		String recordId = startExport(
				Map.of("clusterId", source, "storageType", "nfs", "fileType", "sql", "filter", DB + ".notes"));
		awaitStatus(recordId, "Finished", Duration.ofMinutes(2));
		assertThat(Files.exists(ROOT.path().resolve(source))).isTrue();
	}

	@Test
	void aViewerGetsNoEstimate() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");
		String viewer = TestDatabases.uniqueName("viewer");
		createUser(viewer, "viewer-Pässword 1", "VIEWER");

		var refused = new FerryClient("http://127.0.0.1:" + this.port, viewer, "viewer-Pässword 1")
			.get("/api/v1/clusters/export/estimate?clusterId=" + source);

		assertThat(refused.status()).as(refused.body().toString()).isEqualTo(403);
	}

}
