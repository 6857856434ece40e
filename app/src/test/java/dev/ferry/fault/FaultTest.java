package dev.ferry.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Base of the fault suite: the full application, S3 endpoints on 127.0.0.1 allowed (the tests' fault-injecting
 * proxies), and what every fault test checks after the fault: the record's final state and reason, no password file
 * left in {@code $FERRY_HOME/run}, no partial export that could be taken as finished, and a restart that finishes
 * with data equal to the source.
 */
abstract class FaultTest extends FunctionalTest {

	/** A cluster password with characters a leak would keep intact. */
	static final String CLUSTER_PASSWORD = "Fault-Pw 'x' \"y\" #1";

	@DynamicPropertySource
	static void faultProperties(DynamicPropertyRegistry registry) {
		registry.add("ferry.s3.allowed-endpoints", () -> "127.0.0.1");
	}

	/**
	 * A database worth a few seconds of dump and load: {@code t1} and {@code t2} with {@code rows} rows of about
	 * 190 bytes each (generated from the sequence engine), and a small {@code notes} table.
	 */
	static void fill(int port, String database, int rows) throws SQLException {
		TestDatabases.execute(port, "CREATE DATABASE `" + database + "`", "USE `" + database + "`",
				"CREATE TABLE t1 (id INT PRIMARY KEY, a VARCHAR(200), b BIGINT, c DOUBLE)",
				"INSERT INTO t1 SELECT seq, REPEAT(MD5(seq), 5), seq * 7, seq / 3 FROM seq_1_to_" + rows,
				"CREATE TABLE t2 LIKE t1", "INSERT INTO t2 SELECT id, REVERSE(a), b + 1, c * 2 FROM t1",
				"CREATE TABLE notes (id INT PRIMARY KEY, note TEXT)",
				"INSERT INTO notes SELECT seq, CONCAT('note ', seq, ' ''q'' \\\\ ü') FROM seq_1_to_50");
	}

	/** A user with all privileges and {@link #CLUSTER_PASSWORD}, as Ferry's clusters use. */
	static void createUser(int port, String user) throws SQLException {
		TestDatabases.execute(port,
				"CREATE USER '" + user + "'@'%' IDENTIFIED BY " + TestDatabases.literal(CLUSTER_PASSWORD),
				"GRANT ALL PRIVILEGES ON *.* TO '" + user + "'@'%'");
	}

	/** Registers a MYSQL cluster (for helpers outside the test class: {@code registerCluster} is protected). */
	String register(String name, int port, String user, String password) {
		return registerCluster(name, port, user, password);
	}

	String startExport(Map<String, Object> body) {
		var started = this.api.post("/api/v1/clusters/export", body);
		assertThat(started.code()).as(started.body().toString()).isZero();
		return started.data().path("recordId").asString();
	}

	String startImport(Map<String, Object> body) {
		var started = this.api.post("/api/v1/clusters/import", body);
		assertThat(started.code()).as(started.body().toString()).isZero();
		return started.data().path("recordId").asString();
	}

	JsonNode record(String recordId) {
		return this.api.get("/api/v1/clusters/transport?recordId=" + recordId).data().path("transportRecords").path(0);
	}

	/** Waits for the record to settle; asserts it ended with {@code status}. */
	JsonNode awaitStatus(String recordId, String status, Duration timeout) throws InterruptedException {
		JsonNode record = this.api.awaitRecord(recordId, timeout);
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo(status);
		return record;
	}

	/** {@code POST …/restart}, then waits until the record is Finished. */
	JsonNode restartToFinished(String recordId) throws InterruptedException {
		var restarted = this.api.post("/api/v1/clusters/transport/" + recordId + "/restart", Map.of());
		assertThat(restarted.code()).as(restarted.body().toString()).isZero();
		return awaitStatus(recordId, "Finished", Duration.ofMinutes(3));
	}

	/** A failed export cannot be re-imported: nothing takes it as a complete dump. */
	void assertNotReImportable(String targetClusterId, String exportRecordId) {
		var reImport = this.api.post("/api/v1/clusters/import",
				Map.of("clusterId", targetClusterId, "recordId", exportRecordId));
		assertThat(reImport.status()).as(reImport.body().toString()).isEqualTo(400);
		var listed = this.api.get("/api/v1/clusters/transport?reImport=true&pageSize=1000").data()
			.path("transportRecords");
		assertThat(listed.valueStream().map((r) -> r.path("recordId").asString())).doesNotContain(exportRecordId);
	}

	/** No file in {@code $FERRY_HOME/run} once the tools are gone: no defaults file, nothing with the password. */
	static void assertNoPasswordFileLeft() throws IOException {
		Path run = HOME.resolve("run");
		if (!Files.isDirectory(run)) {
			return;
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			try (Stream<Path> files = Files.walk(run)) {
				List<Path> left = files.filter(Files::isRegularFile).toList();
				assertThat(left).as("files left in " + run).noneMatch((f) -> f.toString().endsWith(".cnf"));
				for (Path file : left) {
					assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).doesNotContain(CLUSTER_PASSWORD);
				}
			}
		});
	}

	/** Row counts and {@code CHECKSUM TABLE} of every table of {@code database} are equal on both servers. */
	static void assertSameData(int sourcePort, int targetPort, String database) throws SQLException {
		Map<String, Long> expected = TestDatabases.checksums(sourcePort, database);
		assertThat(expected).containsOnlyKeys("notes", "t1", "t2");
		assertThat(TestDatabases.checksums(targetPort, database)).isEqualTo(expected);
		for (String table : expected.keySet()) {
			String count = "SELECT COUNT(*) FROM `" + database + "`.`" + table + "`";
			assertThat(TestDatabases.count(targetPort, count)).as(table)
				.isEqualTo(TestDatabases.count(sourcePort, count));
		}
	}

}
