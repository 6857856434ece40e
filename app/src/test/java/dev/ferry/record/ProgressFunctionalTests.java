package dev.ferry.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Progress of a real mysql-chain export and re-import of one table, read through the API while the tool is frozen
 * mid-way (SIGSTOP: a quiet machine dumps the table in a fraction of a second) and then sampled until the end: the
 * table being dumped is not done, the ETA is not 0, the percent never goes back or reaches 100 before the record
 * finished, and the progress never goes blank between the steps.
 */
class ProgressFunctionalTests extends FunctionalTest {

	static final int ROWS = 300_000;

	@Test
	void aOneTableExportAndItsImportNeverClaimDoneBeforeTheyAreNorGoBack() throws Exception {
		String database = TestDatabases.uniqueName("progress");
		TestDatabases.execute(TestDatabases.sourcePort(), "CREATE DATABASE `" + database + "`",
				"CREATE TABLE `" + database + "`.t (id INT PRIMARY KEY, a VARCHAR(200), b BIGINT)",
				"INSERT INTO `" + database + "`.t SELECT seq, REPEAT(MD5(seq), 4), seq * 7 FROM `" + database
						+ "`.seq_1_to_" + ROWS,
				"ANALYZE TABLE `" + database + "`.t");
		String source = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");
		var started = this.api.post("/api/v1/clusters/export",
				Map.of("clusterId", source, "storageType", "nfs", "fileType", "sql", "filter", database + ".*"));
		assertThat(started.code()).as(started.body().toString()).isZero();
		String exportId = started.data().path("recordId").asString();
		Path data = HOME.resolve("export").resolve(source).resolve(exportId + "-nfs").resolve("data");

		long mydumper = freezeOnceItWrote(data.toString(), // rows written, past its global read lock (a shared server)
				(pid) -> rowFileBytes(data, database + ".t.") > 100_000
						&& log(pid, "mydumper.log").contains("unlocking tables"));
		assertThat(shutDownThreads(log(mydumper, "mydumper.log"))).as("frozen before the table's thread finished")
			.isLessThan(2);
		JsonNode frozenExport;
		try {
			frozenExport = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
				.until(() -> record(exportId), (r) -> r.path("progress").path("rows").asLong() > 0);
			JsonNode midDump = frozenExport.path("progress");
			assertThat(midDump.path("phase").asString()).as(midDump.toString()).isEqualTo("dumping");
			assertThat(midDump.path("tablesTotal").asLong()).isEqualTo(1);
			assertThat(midDump.path("tablesDone").asLong()).as("the table being dumped is not done: %s", midDump).isZero();
			assertThat(midDump.path("rows").asLong()).isLessThan(ROWS);
			assertThat(midDump.path("rowsTotal").asLong()).as("information_schema's estimate")
				.isBetween(ROWS / 2L, ROWS * 2L);
			assertThat(midDump.path("percent").asInt()).isBetween(0, 90);
			assertThat(midDump.path("etaSeconds").asLong()).as("work remains").isPositive();
		}
		finally {
			signal(mydumper, "CONT");
		}
		List<JsonNode> export = sampleUntilSettled(exportId, frozenExport);
		assertNeverDoneEarlyNorBack(export, "dumping");
		JsonNode exported = export.get(export.size() - 1);
		assertThat(exported.path("status").asString()).as(exported.toString()).isEqualTo("Finished");
		assertThat(exported.path("progress").path("rows").asLong()).isEqualTo(ROWS);

		String target = registerCluster(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root", "");
		var load = this.api.post("/api/v1/clusters/import", Map.of("clusterId", target, "recordId", exportId));
		assertThat(load.code()).as(load.body().toString()).isZero();
		String importId = load.data().path("recordId").asString();
		long myloader = freezeOnceItWrote(data.toString(),
				(pid) -> log(pid, "myloader.log").contains("restoring `" + database + "`.`t`"));
		assertThat(shutDownThreads(log(myloader, "myloader.log"))).as("frozen before the file's thread finished")
			.isLessThan(2);
		JsonNode frozenImport;
		try {
			frozenImport = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
				.until(() -> record(importId), (r) -> "loading".equals(r.path("progress").path("phase").asString()));
			JsonNode midLoad = frozenImport.path("progress");
			assertThat(midLoad.path("filesTotal").asLong()).as(midLoad.toString()).isEqualTo(1);
			assertThat(midLoad.path("files").asLong()).as("the file being loaded is not done").isZero();
			assertThat(midLoad.path("percent").asInt()).isZero();
			assertThat(midLoad.path("etaSeconds").isNull()).as("unknown, not 0").isTrue();
		}
		finally {
			signal(myloader, "CONT");
		}
		List<JsonNode> imported = sampleUntilSettled(importId, frozenImport);
		assertNeverDoneEarlyNorBack(imported, "loading");
		assertThat(imported.get(imported.size() - 1).path("status").asString()).isEqualTo("Finished");
		TestDatabases.execute(TestDatabases.targetPort(), "DROP DATABASE `" + database + "`");
	}

	/** Every sample while it ran: percent below 100 and never lower, ETA never 0, never blank once reported. */
	private static void assertNeverDoneEarlyNorBack(List<JsonNode> samples, String toolPhase) {
		int percent = 0;
		boolean reported = false;
		for (JsonNode record : samples) {
			JsonNode progress = record.path("progress");
			if (!record.path("status").asString().equals("Processing")) {
				continue;
			}
			String phase = progress.path("phase").asString();
			reported |= phase.equals(toolPhase);
			if (reported) {
				assertThat(phase).as(record.toString()).isIn(toolPhase, "finishing");
				assertThat(progress.path("percent").isNull()).as(record.toString()).isFalse();
			}
			if (!progress.path("percent").isNull()) {
				assertThat(progress.path("percent").asInt()).as(record.toString()).isBetween(percent, 99);
				percent = progress.path("percent").asInt();
			}
			if (!progress.path("etaSeconds").isNull()) {
				assertThat(progress.path("etaSeconds").asLong()).as(record.toString()).isPositive();
			}
		}
		JsonNode last = samples.get(samples.size() - 1).path("progress");
		assertThat(last.path("percent").asInt()).isEqualTo(100);
		assertThat(reported).as("the tool's progress was seen").isTrue();
	}

	/**
	 * The record as the API shows it, every 20 ms until it settled, after the {@code first} sample taken while the
	 * tool was frozen; the last sample is the settled record.
	 */
	private List<JsonNode> sampleUntilSettled(String recordId, JsonNode first) {
		List<JsonNode> samples = new ArrayList<>(List.of(first));
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> {
			JsonNode record = record(recordId);
			samples.add(record);
			String status = record.path("status").asString();
			return !status.equals("Processing") && !status.equals("Queued");
		});
		return samples;
	}

	private JsonNode record(String recordId) {
		return this.api.get("/api/v1/clusters/transport?recordId=" + recordId).data().path("transportRecords").path(0);
	}

	/**
	 * Freezes the tool whose command line names {@code needle} (SIGSTOP) as soon as it runs, then lets it go on in
	 * tiny steps until {@code wrote} holds for it; returns its pid, frozen.
	 */
	private static long freezeOnceItWrote(String needle, LongPredicate wrote) {
		long pid = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(2))
			.until(() -> toolPid(needle), java.util.Objects::nonNull);
		signal(pid, "STOP");
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(3)).until(() -> {
			step(pid);
			return wrote.test(pid);
		});
		return pid;
	}

	/** Threads that have shut down, of the tool's two ({@code ferry.tools.dump-threads} in the tests). */
	private static int shutDownThreads(String log) {
		return log.split("shutting down", -1).length - 1;
	}

	/** The tool's log in its working directory (the record directory). */
	private static String log(long pid, String name) {
		try {
			Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"));
			Path log = cwd.resolve(name);
			return Files.exists(log) ? Files.readString(log) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static Long toolPid(String needle) {
		return ProcessHandle.allProcesses()
			.filter((p) -> p.info().commandLine().map((line) -> line.contains(needle)).orElse(false))
			.map(ProcessHandle::pid)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Bytes in the table's data files so far: mydumper 0.10 writes {@code db.t.00001.sql} and renames it to
	 * {@code db.t.sql} when the table fit in one chunk.
	 */
	private static long rowFileBytes(Path data, String prefix) {
		try (var files = Files.list(data)) {
			return files.filter((f) -> f.getFileName().toString().startsWith(prefix)).mapToLong((f) -> {
				try {
					return Files.size(f);
				}
				catch (IOException ex) {
					return 0;
				}
			}).sum();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** Lets a frozen process run for an instant: SIGCONT and SIGSTOP from one shell, back to back. */
	private static void step(long pid) {
		try {
			new ProcessBuilder("bash", "-c", "kill -CONT $0; kill -STOP $0", Long.toString(pid)).start().waitFor();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void signal(long pid, String signal) {
		try {
			new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
