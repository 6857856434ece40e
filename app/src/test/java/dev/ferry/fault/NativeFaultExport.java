package dev.ferry.fault;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.ferry.manifest.Manifest;
import dev.ferry.support.Myloader;
import dev.ferry.support.NativeDump;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A native export ({@code toolChain: native}) that a fault test breaks, and what is checked of it around the fault:
 * the database of {@link FaultTest#fill} with {@value #ROWS} rows in {@code t1} and {@code t2}, exported in chunks of
 * {@value #CHUNK_ROWS} rows (about ten data files a table, one partition each).
 * <ul>
 * <li>after the fault: no manifest, every file under a final data-file name whole (it decompresses to its end and
 * ends after a whole statement), the record not re-importable;</li>
 * <li>after a restart: Finished, the files from before the fault kept byte for byte and fewer than there are now (the
 * fault hit mid-export), a manifest that matches every file's size and CRC32C and lists two snapshots, and the
 * export, loaded with myloader 0.10 into the {@code target} server, equal to the source (row counts and
 * {@code CHECKSUM TABLE}).</li>
 * </ul>
 */
final class NativeFaultExport {

	static final int ROWS = 20_000;

	static final int CHUNK_ROWS = 2_000;

	private final FaultTest test;

	private final int sourcePort;

	final String database;

	final String recordId;

	final Path data;

	private NativeFaultExport(FaultTest test, int sourcePort, String database, String recordId, Path data) {
		this.test = test;
		this.sourcePort = sourcePort;
		this.database = database;
		this.recordId = recordId;
		this.data = data;
	}

	/**
	 * Fills a new database on the source and starts its native export as {@code user} (password
	 * {@link FaultTest#CLUSTER_PASSWORD}) into {@code exportRoot}.
	 */
	static NativeFaultExport start(FaultTest test, int sourcePort, String user, String prefix, String compression,
			Path exportRoot) throws SQLException {
		String database = TestDatabases.uniqueName(prefix);
		FaultTest.fill(sourcePort, database, ROWS);
		String cluster = test.register(TestDatabases.uniqueName("src"), sourcePort, user,
				FaultTest.CLUSTER_PASSWORD);
		Map<String, Object> body = new HashMap<>(Map.of("clusterId", cluster, "storageType", "nfs", "fileType", "sql",
				"filter", database + ".*", "toolChain", "native", "compression", compression));
		body.put("chunkRows", Integer.toString(CHUNK_ROWS));
		String recordId = test.startExport(body);
		return new NativeFaultExport(test, sourcePort, database, recordId,
				exportRoot.resolve(cluster).resolve(recordId + "-nfs").resolve("data"));
	}

	/** Waits (polling every 2 ms) until the export has committed its first data file. */
	void awaitFirstChunk() {
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(2))
			.until(() -> !NativeDump.dataFiles(this.data).isEmpty());
	}

	/**
	 * Every final-named data file is whole, no manifest claims the export complete, and it cannot be re-imported.
	 * @return the final-named data files with their size and CRC32C
	 */
	Map<String, NativeDump.FileState> assertOnlyWholeFilesAndNoManifest() {
		assertThat(this.data.resolve(Manifest.FILE_NAME)).as("no manifest of a partial export").doesNotExist();
		Map<String, NativeDump.FileState> files = NativeDump.dataFiles(this.data);
		for (String name : files.keySet()) {
			NativeDump.assertWhole(this.data.resolve(name));
		}
		String target = this.test.register(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root",
				"");
		this.test.assertNotReImportable(target, this.recordId);
		return files;
	}

	/** Restarts the record to Finished and checks the result (see the class comment). */
	void restartAndAssertFinishedKeeping(Map<String, NativeDump.FileState> beforeRestart) throws Exception {
		JsonNode finished = this.test.restartToFinished(this.recordId);

		assertThat(finished.path("message").isNull()).as("the earlier attempt's reason is gone").isTrue();
		assertThat(Path.of(finished.path("filePath").asString())).isEqualTo(this.data);
		Manifest manifest = NativeDump.assertMatchesManifest(this.data);
		Map<String, NativeDump.FileState> after = NativeDump.dataFiles(this.data);
		assertThat(after).as("the chunks committed before the fault are kept as they were")
			.containsAllEntriesOf(beforeRestart);
		assertThat(beforeRestart.size()).as("the fault hit mid-export").isLessThan(after.size());
		assertThat(manifest.tables()).extracting(Manifest.Table::table).containsOnly("notes", "t1", "t2");
		assertThat(manifest.snapshots()).as("the chunks left were read in a new snapshot, and the manifest says so")
			.hasSize(2);
		assertThat(manifest.consistent()).isFalse();
		FaultTest.assertNoPasswordFileLeft();

		Myloader.load(this.data, TestDatabases.targetPort());
		try {
			FaultTest.assertSameData(this.sourcePort, TestDatabases.targetPort(), this.database);
		}
		finally {
			TestDatabases.execute(TestDatabases.targetPort(), "DROP DATABASE IF EXISTS `" + this.database + "`");
		}
	}

}
