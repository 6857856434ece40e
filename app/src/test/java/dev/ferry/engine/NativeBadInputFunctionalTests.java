package dev.ferry.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The native chain's new fields are checked before anything starts: each bad value gets the envelope with a clear
 * message naming the field, and creates no record.
 */
class NativeBadInputFunctionalTests extends FunctionalTest {

	private String clusterId;

	@BeforeEach
	void registerCluster() {
		this.clusterId = registerCluster(TestDatabases.uniqueName("badnat"), TestDatabases.sourcePort(), "root", "");
	}

	static Stream<Arguments> badExports() {
		return Stream.of(
				arguments("unknown tool chain", Map.of("toolChain", "nativ"),
						"toolChain 'nativ' is invalid: use tidb, mysql or native"),
				arguments("unknown compression", Map.of("toolChain", "native", "compression", "lz4"),
						"compression 'lz4' is invalid: use none, gzip or zstd"),
				arguments("compression on the mysql chain", Map.of("toolChain", "mysql", "compression", "gzip"),
						"compression gzip is available on the native tool chain only"),
				arguments("chunkRows not a number", Map.of("toolChain", "native", "chunkRows", "many"),
						"chunkRows 'many' is not a whole number"),
				arguments("chunkRows too small", Map.of("toolChain", "native", "chunkRows", "99"),
						"chunkRows 99 is out of range: use 100 to 100000000"),
				arguments("chunkRows too large", Map.of("toolChain", "native", "chunkRows", "100000001"),
						"chunkRows 100000001 is out of range"),
				arguments("chunkRows on the mysql chain", Map.of("toolChain", "mysql", "chunkRows", "1000"),
						"chunkRows is a setting of the native tool chain only"),
				arguments("csv with a query", Map.of("toolChain", "native", "fileType", "csv", "sql", "SELECT 1"),
						"sql (a query export) is not supported by the native tool chain"),
				arguments("a query on sql files", Map.of("toolChain", "native", "sql", "SELECT 1"),
						"sql (a query export) is not supported by the native tool chain"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badExports")
	void aBadNativeFieldIsRefusedBeforeLaunch(String name, Map<String, String> override, String message) {
		long before = recordTotal();
		Map<String, String> request = new HashMap<>(
				Map.of("clusterId", this.clusterId, "storageType", "nfs", "fileType", "sql"));
		request.putAll(override);

		var reply = this.api.post("/api/v1/clusters/export", request);

		assertThat(reply.status()).as(reply.body().toString()).isEqualTo(400);
		assertThat(reply.code()).isEqualTo(10001);
		assertThat(reply.message()).contains(message);
		assertThat(recordTotal()).as("no record created").isEqualTo(before);
	}

	@Test
	void aNativeImportIsRefusedClearlyUntilTheImporterExists() {
		long before = recordTotal();

		var reply = this.api.post("/api/v1/clusters/import",
				Map.of("clusterId", this.clusterId, "recordId", "1", "toolChain", "native"));

		assertThat(reply.status()).as(reply.body().toString()).isEqualTo(400);
		assertThat(reply.message()).startsWith("toolChain native is not available for imports yet");
		assertThat(recordTotal()).isEqualTo(before);
	}

	@Test
	void aScheduleCannotTakeTheNativeOptionsItWouldNotKeep() {
		var reply = this.api.post("/api/v1/schedules", Map.of("name", "n", "cron", "0 0 2 * * ?", "export",
				Map.of("clusterId", this.clusterId, "storageType", "nfs", "fileType", "sql", "toolChain", "native",
						"compression", "zstd")));

		assertThat(reply.status()).as(reply.body().toString()).isEqualTo(400);
		assertThat(reply.message()).contains("compression and chunkRows are not kept by schedules yet");
	}

	@Test
	void freshIsOnlyForNativeExports() throws Exception {
		String wrong = registerCluster(TestDatabases.uniqueName("badnat"), TestDatabases.sourcePort(), "root",
				"not-the-password");
		var started = this.api.post("/api/v1/clusters/export",
				Map.of("clusterId", wrong, "storageType", "nfs", "fileType", "sql", "toolChain", "mysql"));
		JsonNode record = this.api.awaitRecord(started.data().path("recordId").asString(), Duration.ofMinutes(2));
		assertThat(record.path("status").asString()).isEqualTo("Failed");

		var reply = this.api.post("/api/v1/clusters/transport/" + record.path("recordId").asString()
				+ "/restart?fresh=true", Map.of());

		assertThat(reply.status()).as(reply.body().toString()).isEqualTo(400);
		assertThat(reply.message()).contains("fresh applies to exports of the native tool chain only");
		assertThat(this.api.get("/api/v1/clusters/transport?recordId=" + record.path("recordId").asString()).data()
			.path("transportRecords").get(0).path("workFlowId").asString())
			.as("not restarted").isEqualTo(record.path("workFlowId").asString());
	}

}
