package dev.ferry.s3;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ferry.support.ConsoleSession;
import dev.ferry.support.FunctionalTest;
import dev.ferry.support.S3Objects;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SSRF through the S3 fields, through the API and the console: endpoints on loopback, link-local or Ferry's own
 * listener are refused with a 400 naming the setting before anything connects (the tests allow only 127.0.0.1, where
 * S3Mock listens); endpoints that are reachable but not S3 get the category only, never what they answered.
 */
class S3EndpointFunctionalTests extends FunctionalTest {

	static final String SETTING = "ferry.s3.allowed-endpoints (environment FERRY_S3_ALLOWED_ENDPOINTS)";

	@Test
	void refusedEndpointsAre400sNamingTheSettingForExportsImportsAndSchedules() throws Exception {
		String cluster = registerCluster(TestDatabases.uniqueName("ssrf"), TestDatabases.sourcePort(), "root", "");
		int s3Port = URI.create(S3Objects.endpoint()).getPort();
		List<String> endpoints = new ArrayList<>(List.of("http://169.254.169.254", "http://169.254.169.254:80",
				"http://[::1]:" + s3Port, "http://127.0.0.2:" + TestDatabases.targetPort(),
				"http://[::ffff:127.0.0.2]:" + s3Port, "http://[::ffff:169.254.169.254]", "http://0.0.0.0:" + s3Port,
				"http://2130706433/"));
		String local = nonLoopbackAddress();
		if (local != null) {
			endpoints.add("http://" + local + ":" + this.port); // this Ferry itself, on another of its addresses
		}
		long records = total();
		int schedules = this.api.get("/api/v1/schedules").data().path("schedules").size();

		for (String endpoint : endpoints) {
			var export = this.api.post("/api/v1/clusters/export", s3(Map.of("clusterId", cluster, "storageType", "s3",
					"fileType", "sql"), endpoint));
			assertThat(export.status()).as(endpoint + ": " + export.body()).isEqualTo(400);
			assertThat(export.code()).isEqualTo(10001);
			assertNotAllowed(endpoint, export.message());
			var imported = this.api.post("/api/v1/clusters/import", s3(Map.of("clusterId", cluster, "storageType",
					"s3"), endpoint));
			assertThat(imported.status()).as(endpoint).isEqualTo(400);
			assertNotAllowed(endpoint, imported.message());
			var schedule = this.api.post("/api/v1/schedules", Map.of("name", TestDatabases.uniqueName("ssrf"),
					"cron", "0 0 3 * * ?", "timeZone", "UTC", "enabled", false, "export",
					s3(Map.of("clusterId", cluster, "storageType", "s3", "fileType", "sql"), endpoint)));
			assertThat(schedule.status()).as(endpoint).isEqualTo(400);
			assertNotAllowed(endpoint, schedule.message());
		}
		assertThat(total()).as("no record created").isEqualTo(records);
		assertThat(this.api.get("/api/v1/schedules").data().path("schedules").size()).isEqualTo(schedules);
	}

	@Test
	void reachableEndpointsThatAreNotS3GetTheCategoryOnly() {
		String cluster = registerCluster(TestDatabases.uniqueName("ssrf"), TestDatabases.sourcePort(), "root", "");
		Map<String, Object> base = Map.of("clusterId", cluster, "storageType", "s3", "fileType", "sql");

		var closed = this.api.post("/api/v1/clusters/export", s3(base, "http://127.0.0.1:1"));
		assertThat(closed.status()).isEqualTo(400);
		assertThat(closed.message()).isEqualTo("S3 endpoint http://127.0.0.1:1: cannot connect");

		String mariadb = "http://127.0.0.1:" + TestDatabases.targetPort();
		var database = this.api.post("/api/v1/clusters/export", s3(base, mariadb));
		assertThat(database.status()).isEqualTo(400);
		assertThat(database.message()).as("the same answer as a closed port")
			.isEqualTo("S3 endpoint " + mariadb + ": cannot connect");

		String ferry = "http://127.0.0.1:" + this.port; // allowed here (127.0.0.1), answers 401 with its envelope
		var web = this.api.post("/api/v1/clusters/export", s3(base, ferry));
		assertThat(web.status()).isEqualTo(400);
		assertThat(web.message()).isEqualTo("S3 endpoint " + ferry + ": not an S3 endpoint (its answer is not S3's)");

		var unknown = this.api.post("/api/v1/clusters/import", s3(Map.of("clusterId", cluster, "storageType", "s3"),
				"http://ferry-no-such-host.invalid:9000"));
		assertThat(unknown.message()).isEqualTo("S3 endpoint http://ferry-no-such-host.invalid:9000: cannot connect");
	}

	@Test
	void theConsoleFormShowsTheRefusalAtTheEndpointField() {
		String cluster = registerCluster(TestDatabases.uniqueName("ssrf"), TestDatabases.sourcePort(), "root", "");
		ConsoleSession console = ConsoleSession.logIn("http://127.0.0.1:" + this.port, "admin", ADMIN_PASSWORD);
		console.get("/transfers/export/new?cluster=" + cluster);

		HttpResponse<String> refused = console.post("/transfers/export/new", Map.of("clusterId", cluster,
				"userName", "root", "password", "", "storageType", "s3", "fileType", "sql", "tables", "all",
				"endpointUrl", "http://169.254.169.254", "bucketUrl", "s3://ferry-it/x", "accessKey", "k",
				"secretAccessKey", "Never-Echoed-2"));

		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("S3 endpoint http://169.254.169.254 is not allowed")
			.contains("ferry.s3.allowed-endpoints")
			.doesNotContain("Never-Echoed-2");
	}

	private static void assertNotAllowed(String endpoint, String message) {
		assertThat(message).as(endpoint).startsWith("S3 endpoint ").contains(" is not allowed: ");
		if (!message.contains("four decimal numbers")) {
			assertThat(message).as(endpoint).endsWith(SETTING);
		}
	}

	private static Map<String, Object> s3(Map<String, Object> request, String endpoint) {
		Map<String, Object> all = new HashMap<>(request);
		all.putAll(Map.of("endpointUrl", endpoint, "bucketUrl", "s3://ferry-it/ssrf", "accessKey", "k",
				"secretAccessKey", "s"));
		return all;
	}

	private long total() {
		return this.api.get("/api/v1/clusters/transport?pageSize=1").body().path("page").path("total").asLong();
	}

	private static String nonLoopbackAddress() throws Exception {
		for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			for (InetAddress address : Collections.list(nic.getInetAddresses())) {
				if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
					return address.getHostAddress();
				}
			}
		}
		return null;
	}

}
