package dev.ferry.s3;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.S3Objects;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports to and imports from a real S3-compatible server (S3Mock, started by ops/test.sh), with the real
 * mydumper/myloader: the round trip keeps every table; bad S3 settings are refused before anything starts.
 */
class S3TransferFunctionalTests extends FunctionalTest {

	static final String DB = TestDatabases.uniqueName("s3db");

	static final String BUCKET = "ferry-it";

	static final String SECRET = "s3-Secret-Key-" + TestDatabases.uniqueName("x");

	static String endpoint() {
		return S3Objects.endpoint();
	}

	@BeforeAll
	static void createSourceDatabase() throws Exception {
		TrickyDatabase.create(TestDatabases.sourcePort(), DB, 300);
	}

	@Test
	void exportToS3AndImportFromS3KeepEveryTable() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");
		String target = registerCluster(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root", "");
		String prefix = TestDatabases.uniqueName("exports");

		var started = this.api.post("/api/v1/clusters/export", s3Fields(Map.of("clusterId", source, "storageType", "s3",
				"fileType", "sql", "filter", DB + ".*"), "s3://" + BUCKET + "/" + prefix));
		assertThat(started.code()).as(started.body().toString()).isZero();
		JsonNode export = this.api.awaitRecord(started.data().path("recordId").asString(), Duration.ofMinutes(2));

		assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("Finished");
		String exportUrl = "s3://" + BUCKET + "/" + prefix + "/ferry-export-" + export.path("recordId").asString();
		assertThat(export.path("filePath").asString()).isEqualTo(exportUrl);
		List<String> keys = keys(prefix + "/ferry-export-" + export.path("recordId").asString() + "/");
		assertThat(keys).contains(DB + ".orders.sql", DB + ".customers-schema.sql", "manifest.json", "metadata");
		assertThat(HOME.resolve("export").resolve(source).resolve(export.path("recordId").asString() + "-s3")
			.resolve("data")).as("the local staging copy is removed").doesNotExist();

		var imported = this.api.post("/api/v1/clusters/import",
				s3Fields(Map.of("clusterId", target, "storageType", "s3"), exportUrl));
		assertThat(imported.code()).as(imported.body().toString()).isZero();
		JsonNode record = this.api.awaitRecord(imported.data().path("recordId").asString(), Duration.ofMinutes(2));

		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		assertThat(record.path("verification").asString()).startsWith("verified: 3 tables");
		assertThat(TestDatabases.checksums(TestDatabases.targetPort(), DB))
			.isEqualTo(TestDatabases.checksums(TestDatabases.sourcePort(), DB));
		assertSecretNowhere();

		var reImport = this.api.post("/api/v1/clusters/import",
				Map.of("clusterId", target, "recordId", export.path("recordId").asString()));
		assertThat(reImport.status()).isEqualTo(400);
		assertThat(reImport.message()).contains("is an export to S3");
		var downloadS3 = this.api.get("/api/v1/clusters/export/download/" + export.path("recordId").asString());
		assertThat(downloadS3.status()).isEqualTo(400);
		assertThat(downloadS3.message()).containsIgnoringCase("s3");
		var downloadImport = this.api.get("/api/v1/clusters/export/download/" + record.path("recordId").asString());
		assertThat(downloadImport.status()).isEqualTo(400);
		assertThat(downloadImport.message()).containsIgnoringCase("import");

		var nfsRemote = this.api.delete("/api/v1/clusters/transport/" + record.path("recordId").asString()
				+ "?deleteRemote=true");
		assertThat(nfsRemote.status()).isEqualTo(400);
		assertThat(nfsRemote.message()).contains("deleteRemote applies to S3 exports only");
		var deleted = this.api.delete("/api/v1/clusters/transport/" + export.path("recordId").asString()
				+ "?deleteRemote=true");
		assertThat(deleted.code()).as(deleted.body().toString()).isZero();
		assertThat(keys(prefix + "/ferry-export-" + export.path("recordId").asString() + "/")).isEmpty();
	}

	@Test
	void badS3SettingsAreRefusedBeforeAnythingStarts() throws Exception {
		String source = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");
		long before = total();
		Map<String, Object> base = Map.of("clusterId", source, "storageType", "s3", "fileType", "sql");

		var missing = this.api.post("/api/v1/clusters/export", with(base, Map.of("endpointUrl", endpoint())));
		assertThat(missing.message()).contains("storageType s3 needs bucketUrl, accessKey, secretAccessKey");
		var unreachable = this.api.post("/api/v1/clusters/export",
				with(s3Fields(base, "s3://" + BUCKET + "/x"), Map.of("endpointUrl", "http://127.0.0.1:1")));
		assertThat(unreachable.status()).isEqualTo(400);
		assertThat(unreachable.message()).isEqualTo("S3 endpoint http://127.0.0.1:1: cannot connect");
		var noBucket = this.api.post("/api/v1/clusters/export", s3Fields(base, "s3://no-such-bucket-here/x"));
		assertThat(noBucket.message()).contains("S3 bucket 'no-such-bucket-here' does not exist");
		var badPrefix = this.api.post("/api/v1/clusters/export", s3Fields(base, "s3://" + BUCKET + "/a/../b"));
		assertThat(badPrefix.status()).isEqualTo(400);
		assertThat(badPrefix.message()).contains("bucketUrl");
		var badEndpoint = this.api.post("/api/v1/clusters/export",
				with(s3Fields(base, "s3://" + BUCKET + "/x"), Map.of("endpointUrl", "not a url")));
		assertThat(badEndpoint.message()).contains("endpointUrl");
		var emptyPrefix = this.api.post("/api/v1/clusters/import", s3Fields(Map.of("clusterId", source,
				"storageType", "s3"), "s3://" + BUCKET + "/" + TestDatabases.uniqueName("nothing-here")));
		assertThat(emptyPrefix.message()).contains("no dump files");
		assertThat(total()).as("nothing created").isEqualTo(before);
	}

	private static Map<String, Object> s3Fields(Map<String, Object> request, String bucketUrl) {
		return with(request, Map.of("endpointUrl", endpoint(), "bucketUrl", bucketUrl, "accessKey", "ferry-it-key",
				"secretAccessKey", SECRET));
	}

	private static Map<String, Object> with(Map<String, Object> a, Map<String, Object> b) {
		Map<String, Object> all = new HashMap<>(a);
		all.putAll(b);
		return all;
	}

	private static List<String> keys(String prefix) {
		return S3Objects.keys(BUCKET, prefix);
	}

	private long total() {
		return this.api.get("/api/v1/clusters/transport?pageSize=1").body().path("page").path("total").asLong();
	}

	private void assertSecretNowhere() throws Exception {
		try (Connection connection = TestDatabases.root(TestDatabases.targetPort());
				Statement statement = connection.createStatement()) {
			for (String table : List.of("BATCH_JOB_EXECUTION_PARAMS", "BATCH_JOB_EXECUTION_CONTEXT",
					"BATCH_STEP_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION", "FERRY_SECRET")) {
				try (var rs = statement.executeQuery("SELECT * FROM " + REPOSITORY_DB + "." + table)) {
					while (rs.next()) {
						for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
							assertThat(String.valueOf(rs.getString(c))).as(table).doesNotContain(SECRET);
						}
					}
				}
			}
		}
	}

}
