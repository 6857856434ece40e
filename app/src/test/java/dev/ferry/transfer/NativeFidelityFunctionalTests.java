package dev.ferry.transfer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.ferry.engine.FidelityComparison;
import dev.ferry.engine.FidelityFixture;
import dev.ferry.manifest.Manifest;
import dev.ferry.support.FunctionalTest;
import dev.ferry.support.JdbcDumpLoader;
import dev.ferry.support.Myloader;
import dev.ferry.support.NativeDump;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9's fidelity through the real job: the fidelity fixture (batch-jobs' {@code fidelity/fixture.sql}, every type
 * at its limits, every kind of object) exported with {@code toolChain: native} over the HTTP API, then loaded into
 * the target and compared object by object with {@link FidelityComparison} ({@code SHOW CREATE} of every table, view,
 * trigger, routine, event and sequence, {@code CHECKSUM TABLE}, row counts, sequences' state).
 * <ul>
 * <li>SQL is loaded by myloader 0.10: uncompressed and gzip as they are (myloader 0.10 reads {@code .sql.gz}
 * itself), zstd from a decompressed copy (myloader 0.10 loads nothing from {@code .sql.zst}, and still exits 0).</li>
 * <li>CSV (zstd) is loaded through JDBC with the engine's {@code LOAD DATA} dialect ({@link JdbcDumpLoader}), together
 * with the databases whose names only an escaped file name can carry ({@code fixture-escaped-databases.sql}), which
 * myloader 0.10 cannot load under their own names.</li>
 * </ul>
 */
class NativeFidelityFunctionalTests extends FunctionalTest {

	static final String LOADABLE = FidelityFixture.prefix("natfid");

	static final String ESCAPED = FidelityFixture.prefix("natfidesc");

	static List<String> loadable;

	static List<String> escaped;

	@BeforeAll
	static void loadFixture() throws Exception {
		FidelityFixture.load(TestDatabases.sourcePort(), FidelityFixture.FIXTURE, LOADABLE);
		FidelityFixture.load(TestDatabases.sourcePort(), FidelityFixture.ESCAPED, ESCAPED);
		try (Connection source = FidelityFixture.connect(TestDatabases.sourcePort())) {
			loadable = FidelityFixture.databases(source, LOADABLE);
			escaped = FidelityFixture.databases(source, ESCAPED);
		}
		assertThat(escaped).as("the escaped fixture's databases").isNotEmpty();
	}

	@AfterEach
	void dropTarget() throws SQLException {
		FidelityFixture.drop(TestDatabases.targetPort(), LOADABLE);
		FidelityFixture.drop(TestDatabases.targetPort(), ESCAPED);
	}

	@AfterAll
	static void dropSource() throws SQLException {
		FidelityFixture.drop(TestDatabases.sourcePort(), LOADABLE);
		FidelityFixture.drop(TestDatabases.sourcePort(), ESCAPED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "none", "gzip", "zstd" })
	void sqlLoadedByMyloaderIsTheSame(String compression) throws Exception {
		Path data = nativeExport("sql", compression, LOADABLE + "*.*");

		Myloader.load(data, TestDatabases.targetPort());

		assertSame(loadable);
	}

	@Test
	void csvLoadedWithLoadDataIsTheSameEscapedDatabaseNamesIncluded() throws Exception {
		Path data = nativeExport("csv", "zstd", LOADABLE + "*.*;" + ESCAPED + "*.*");
		Manifest manifest = NativeDump.assertMatchesManifest(data);
		assertThat(manifest.escapedNames()).as("names that cannot be file names, escaped and kept in the manifest")
			.containsValues(escaped.stream().filter((name) -> name.contains(".") || name.contains("/")).toArray(String[]::new));

		try (Connection target = FidelityFixture.connect(TestDatabases.targetPort())) {
			JdbcDumpLoader.load(data, target);
		}

		List<String> all = new ArrayList<>(loadable);
		all.addAll(escaped);
		assertSame(all);
	}

	private Path nativeExport(String fileType, String compression, String filter) throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("fid"), TestDatabases.sourcePort(), "root", "");
		var started = this.api.post("/api/v1/clusters/export", Map.of("clusterId", source, "storageType", "nfs",
				"fileType", fileType, "filter", filter, "toolChain", "native", "compression", compression,
				"chunkRows", "1000"));
		assertThat(started.code()).as(started.body().toString()).isZero();
		JsonNode record = this.api.awaitRecord(started.data().path("recordId").asString(), Duration.ofMinutes(3));
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		Path data = Path.of(record.path("filePath").asString());
		Manifest manifest = NativeDump.assertMatchesManifest(data);
		assertThat(manifest.tool()).isEqualTo("native");
		assertThat(manifest.consistent()).as("one snapshot for every database").isTrue();
		String suffix = "." + fileType + (compression.equals("none") ? "" : compression.equals("gzip") ? ".gz" : ".zst");
		assertThat(NativeDump.dataFiles(data)).isNotEmpty().allSatisfy((name, file) -> assertThat(name).endsWith(suffix));
		return data;
	}

	private static void assertSame(List<String> databases) throws SQLException {
		try (Connection source = FidelityFixture.connect(TestDatabases.sourcePort());
				Connection target = FidelityFixture.connect(TestDatabases.targetPort())) {
			FidelityComparison.assertSame(source, target, databases);
		}
	}

}
