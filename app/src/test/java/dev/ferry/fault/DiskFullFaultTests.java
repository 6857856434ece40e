package dev.ferry.fault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import dev.ferry.manifest.Manifest;
import dev.ferry.support.NativeDump;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export root runs out of space mid-dump. The root is a real 8 MiB {@code tmpfs} mounted at
 * {@code target/fault-disk-*} ({@code mount -t tmpfs -o size=8m}; the tests run as root on these machines, and CI on
 * the same machines, so mounting is allowed – no stand-in such as an {@code RLIMIT_FSIZE} is needed): mydumper gets
 * {@code ENOSPC} on a real write. The dump is about 30 MB. The record ends Failed saying there is no space, nothing
 * takes the partial dump as complete, and once space is freed ({@code mount -o remount,size=256m}) a restart
 * finishes with equal data. The mount is removed after the class, and by a shutdown hook should the JVM end early.
 * The same for the native engine, on a root left with 3 MiB free.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiskFullFaultTests extends FaultTest {

	static final String DB = TestDatabases.uniqueName("diskfull");

	static final String USER = TestDatabases.uniqueName("fault");

	static final TmpfsRoot MOUNT = TmpfsRoot.mount("fault-disk-", "8m");

	static final Path ROOT = MOUNT.path();

	static final long NATIVE_FREE_BYTES = 3L * 1024 * 1024;

	@DynamicPropertySource
	static void smallExportRoot(DynamicPropertyRegistry registry) {
		registry.add("ferry.export-root", ROOT::toString);
		registry.add("ferry.transfers.space-margin", () -> "0"); // the space preflight would refuse this export
	}

	@BeforeAll
	static void createSourceDatabase() throws SQLException {
		fill(TestDatabases.sourcePort(), DB, 80_000);
		createUser(TestDatabases.sourcePort(), USER);
	}

	@AfterAll
	static void cleanUp() throws Exception {
		MOUNT.close();
		TestDatabases.execute(TestDatabases.sourcePort(), "DROP DATABASE IF EXISTS `" + DB + "`",
				"DROP USER IF EXISTS '" + USER + "'@'%'");
		TestDatabases.execute(TestDatabases.targetPort(), "DROP DATABASE IF EXISTS `" + DB + "`");
	}

	@Test
	@Order(1)
	void fullExportRootFailsSayingSoAndARestartAfterFreeingSpaceFinishes() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), USER,
				CLUSTER_PASSWORD);
		String recordId = startExport(
				Map.of("clusterId", source, "storageType", "nfs", "fileType", "sql", "filter", DB + ".*"));

		JsonNode failed = awaitStatus(recordId, "Failed", Duration.ofMinutes(2));

		assertThat(failed.path("message").asString()).contains("exportDataFromCluster")
			.contains("mydumper exited with code")
			.contains("no space left on device (")
			.doesNotContain(CLUSTER_PASSWORD);
		Path data = ROOT.resolve(source).resolve(recordId + "-nfs").resolve("data");
		assertThat(data.resolve(Manifest.FILE_NAME)).as("no manifest of a partial dump").doesNotExist();
		assertNoPasswordFileLeft();
		String target = registerCluster(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root", "");
		assertNotReImportable(target, recordId);

		TmpfsRoot.run("mount", "-o", "remount,size=256m", ROOT.toString());
		JsonNode finished = restartToFinished(recordId);

		assertThat(data.resolve(Manifest.FILE_NAME)).exists();
		assertThat(finished.path("message").isNull()).isTrue();
		assertNoPasswordFileLeft();
		String imported = startImport(Map.of("clusterId", target, "recordId", recordId));
		assertThat(awaitStatus(imported, "Finished", Duration.ofMinutes(3)).path("verification").asString())
			.startsWith("verified: 3 tables");
		assertSameData(TestDatabases.sourcePort(), TestDatabases.targetPort(), DB);
	}

	/**
	 * The native engine ({@code toolChain: native}, a {@link NativeFaultExport}) on a root left with
	 * {@value #NATIVE_FREE_BYTES} bytes free ({@code mount -o remount,size=} what is used plus that): less than the
	 * export needs, more than a chunk. The record ends Failed saying there is no space, the chunks written before are
	 * whole, and after the space is freed a restart finishes keeping them, with equal data.
	 */
	@Test
	@Order(2)
	void nativeExportFillingTheRootFailsSayingSoAndARestartAfterFreeingSpaceFinishes() throws Exception {
		var store = Files.getFileStore(ROOT);
		long used = store.getTotalSpace() - store.getUsableSpace();
		TmpfsRoot.run("mount", "-o", "remount,size=" + (used + NATIVE_FREE_BYTES), ROOT.toString());
		NativeFaultExport export = NativeFaultExport.start(this, TestDatabases.sourcePort(), USER, "natfull", "none",
				ROOT);

		JsonNode failed = awaitStatus(export.recordId, "Failed", Duration.ofMinutes(2));

		assertThat(failed.path("message").asString()).contains("exportDataFromCluster")
			.containsIgnoringCase("no space left on device")
			.doesNotContain(CLUSTER_PASSWORD);
		Map<String, NativeDump.FileState> beforeRestart = export.assertOnlyWholeFilesAndNoManifest();
		assertThat(beforeRestart).as("chunks written before the root was full").isNotEmpty();
		assertNoPasswordFileLeft();

		TmpfsRoot.run("mount", "-o", "remount,size=256m", ROOT.toString());
		try {
			export.restartAndAssertFinishedKeeping(beforeRestart);
		}
		finally {
			TestDatabases.execute(TestDatabases.sourcePort(), "DROP DATABASE IF EXISTS `" + export.database + "`");
		}
	}

}
