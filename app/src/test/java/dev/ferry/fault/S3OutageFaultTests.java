package dev.ferry.fault;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ferry.manifest.Manifest;
import dev.ferry.support.S3Objects;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 answering 500s, then recovering: exports to the real S3Mock through {@link FaultyProxy} (127.0.0.1:35150),
 * which answers {@code 500 InternalError} to the requests it is told to. Three outages: a short one (two requests)
 * that the SDK's retries ride out; a long one (every request until the record fails) and one object refused (every
 * request for {@code t1.sql}), after each of which a restart finishes.
 * Each finished export is imported back from S3 and compared with the source.
 */
class S3OutageFaultTests extends FaultTest {

	static final String DB = TestDatabases.uniqueName("s3fault");

	static final String USER = TestDatabases.uniqueName("fault");

	static final String BUCKET = "ferry-it";

	static final String SECRET = "s3-Fault-Secret-" + TestDatabases.uniqueName("k");

	static FaultyProxy proxy;

	@BeforeAll
	static void startProxyAndSource() throws Exception {
		proxy = new FaultyProxy(URI.create(S3Objects.endpoint()), 35150);
		fill(TestDatabases.sourcePort(), DB, 60_000);
		createUser(TestDatabases.sourcePort(), USER);
	}

	@AfterAll
	static void cleanUp() throws Exception {
		if (proxy != null) {
			proxy.close();
		}
		TestDatabases.execute(TestDatabases.sourcePort(), "DROP DATABASE IF EXISTS `" + DB + "`",
				"DROP USER IF EXISTS '" + USER + "'@'%'");
		TestDatabases.execute(TestDatabases.targetPort(), "DROP DATABASE IF EXISTS `" + DB + "`");
	}

	@BeforeEach
	void passing() throws SQLException {
		proxy.passAll();
		TestDatabases.execute(TestDatabases.targetPort(), "DROP DATABASE IF EXISTS `" + DB + "`");
	}

	@Test
	void shortOutageIsRiddenOutByRetries() throws Exception {
		String prefix = TestDatabases.uniqueName("short");
		String recordId = startExport(s3(exportBody(), "s3://" + BUCKET + "/" + prefix));
		proxy.failNext(2); // at most two failed answers: every request gets through on its third attempt at worst

		awaitStatus(recordId, "Finished", Duration.ofMinutes(3));

		assertThat(proxy.failed()).as("the outage hit the export").isEqualTo(2);
		assertThat(keys(prefix, recordId)).contains(Manifest.FILE_NAME, DB + ".t1.sql", DB + ".t2.sql",
				DB + ".notes.sql");
		assertNoPasswordFileLeft();
		importBackAndCompare(prefix, recordId);
	}

	@Test
	void longOutageFailsWithoutAManifestAndARestartAfterRecoveryFinishes() throws Exception {
		String prefix = TestDatabases.uniqueName("long");
		String recordId = startExport(s3(exportBody(), "s3://" + BUCKET + "/" + prefix));
		proxy.failWhen((requestLine) -> true);

		JsonNode failed = awaitStatus(recordId, "Failed", Duration.ofMinutes(3));

		assertThat(proxy.failed()).isGreaterThanOrEqualTo(3);
		assertThat(failed.path("message").asString()).containsAnyOf("exportDataFromCluster", "updateDataExportRecord")
			.contains("upload of")
			.contains("HTTP 500 InternalError")
			.doesNotContain(FaultyProxy.REMOTE_TEXT)
			.doesNotContain(SECRET)
			.doesNotContain(CLUSTER_PASSWORD);
		assertThat(keys(prefix, recordId)).as("no object set that looks complete").doesNotContain(Manifest.FILE_NAME);
		assertNoPasswordFileLeft();

		proxy.passAll();
		JsonNode finished = restartToFinished(recordId);

		assertThat(finished.path("message").isNull()).isTrue();
		assertThat(keys(prefix, recordId)).contains(Manifest.FILE_NAME, DB + ".t1.sql", DB + ".t2.sql");
		assertNoPasswordFileLeft();
		importBackAndCompare(prefix, recordId);
	}

	@Test
	void oneObjectRefusedLeavesNoManifestAndARestartFinishes() throws Exception {
		String prefix = TestDatabases.uniqueName("one");
		String recordId = startExport(s3(exportBody(), "s3://" + BUCKET + "/" + prefix));
		proxy.failWhen((requestLine) -> requestLine.contains("/" + DB + ".t1.sql"));

		JsonNode failed = awaitStatus(recordId, "Failed", Duration.ofMinutes(3));

		assertThat(failed.path("message").asString()).contains("upload of")
			.contains(DB + ".t1.sql")
			.doesNotContain(FaultyProxy.REMOTE_TEXT);
		assertThat(keys(prefix, recordId)).as("the other files may be there, but no manifest")
			.doesNotContain(Manifest.FILE_NAME, DB + ".t1.sql");

		proxy.passAll();
		restartToFinished(recordId);

		assertThat(keys(prefix, recordId)).contains(Manifest.FILE_NAME, DB + ".t1.sql");
		importBackAndCompare(prefix, recordId);
	}

	private void importBackAndCompare(String prefix, String exportId) throws Exception {
		String target = registerCluster(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root", "");
		String imported = startImport(s3(new HashMap<>(Map.of("clusterId", target, "storageType", "s3")),
				"s3://" + BUCKET + "/" + prefix + "/ferry-export-" + exportId));
		JsonNode record = awaitStatus(imported, "Finished", Duration.ofMinutes(3));
		assertThat(record.path("verification").asString()).startsWith("verified: 3 tables");
		assertSameData(TestDatabases.sourcePort(), TestDatabases.targetPort(), DB);
	}

	private Map<String, Object> exportBody() {
		String source = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), USER,
				CLUSTER_PASSWORD);
		return new HashMap<>(Map.of("clusterId", source, "storageType", "s3", "fileType", "sql", "filter", DB + ".*"));
	}

	private static Map<String, Object> s3(Map<String, Object> body, String bucketUrl) {
		body.putAll(Map.of("endpointUrl", proxy.endpoint(), "bucketUrl", bucketUrl, "accessKey", "ferry-fault-key",
				"secretAccessKey", SECRET));
		return body;
	}

	private static List<String> keys(String prefix, String recordId) {
		return S3Objects.keys(BUCKET, prefix + "/ferry-export-" + recordId + "/");
	}

}
