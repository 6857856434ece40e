package dev.ferry.fault;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ferry.transfers.space-margin=0} turns the space preflight off: the export that
 * {@link SpacePreflightFaultTests} sees refused (about 18 MB into a 4 MiB {@code tmpfs}) launches, and then fails
 * where the disk is full.
 */
class SpacePreflightOffFaultTests extends FaultTest {

	static final String DB = TestDatabases.uniqueName("preflightoff");

	static final TmpfsRoot ROOT = TmpfsRoot.mount("preflight-off-", "4m");

	@DynamicPropertySource
	static void smallExportRootAndNoMargin(DynamicPropertyRegistry registry) {
		registry.add("ferry.export-root", () -> ROOT.path().toString());
		registry.add("ferry.transfers.space-margin", () -> "0");
	}

	@BeforeAll
	static void createSourceDatabase() throws SQLException {
		SpacePreflightFaultTests.fillAndAnalyze(DB);
	}

	@AfterAll
	static void cleanUp() throws Exception {
		ROOT.close();
		TestDatabases.execute(TestDatabases.sourcePort(), "DROP DATABASE IF EXISTS `" + DB + "`");
	}

	@Test
	void withMarginZeroTheExportLaunchesAndFailsWhereTheDiskIsFull() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");
		var estimate = this.api.get("/api/v1/clusters/export/estimate?clusterId=" + source);
		assertThat(estimate.data().path("margin").asDouble()).isZero();
		assertThat(estimate.data().path("fits").asBoolean()).as("margin 0: always fits").isTrue();

		String recordId = startExport(
				Map.of("clusterId", source, "storageType", "nfs", "fileType", "sql", "filter", DB + ".*"));

		assertThat(awaitStatus(recordId, "Failed", Duration.ofMinutes(2)).path("message").asString())
			.contains("no space left on device");
	}

}
