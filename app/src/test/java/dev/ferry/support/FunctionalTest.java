package dev.ferry.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the full-stack tests: the whole application on a random port, its repository (Batch, Quartz and Ferry
 * tables) in a fresh database on the {@code target} MariaDB instance (profile {@code mariadb}), its storage under
 * {@code target/}. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("mariadb")
public abstract class FunctionalTest {

	public static final String ADMIN_PASSWORD = "it-admin-Pässword 1";

	protected static final String REPOSITORY_DB = TestDatabases.uniqueName("ferry_repo");

	protected static final Path HOME = createHome();

	@LocalServerPort
	protected int port;

	protected FerryClient api;

	@DynamicPropertySource
	static void ferryProperties(DynamicPropertyRegistry registry) {
		// the variables an operator sets for the mariadb profile
		registry.add("FERRY_DB_URL", FunctionalTest::repositoryUrl);
		registry.add("FERRY_DB_USER", () -> "root");
		registry.add("FERRY_DB_PASSWORD", () -> "");
		registry.add("ferry.home", HOME::toString);
		registry.add("FERRY_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
		registry.add("ferry.tools.poll-interval", () -> "200ms");
		registry.add("ferry.tools.dump-threads", () -> "2");
		registry.add("ferry.schedules.min-interval", () -> "2s");
		registry.add("ferry.tools.tiup", FunctionalTest::standInTiup);
		// login throttling: short locks, and an address limit no test reaches (they all come from 127.0.0.1)
		registry.add("ferry.security.login.lock-time", () -> "2s");
		registry.add("ferry.security.login.max-failures-per-address", () -> "1000");
		// S3Mock listens on 127.0.0.1, a loopback address Ferry refuses as an S3 endpoint unless allowed
		registry.add("ferry.s3.allowed-endpoints", () -> "127.0.0.1");
	}

	/**
	 * The STAND-IN for tiup (TiDB's tools cannot run on these machines): it checks the arguments Ferry passes to
	 * dumpling and tidb-lightning and delegates to mydumper/myloader.
	 */
	private static String standInTiup() {
		try (var in = FunctionalTest.class.getResourceAsStream("/tidb/standin/tiup")) {
			Path bin = Files.createDirectories(HOME.resolve("bin"));
			Path tiup = bin.resolve("tiup");
			Files.copy(in, tiup, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			Files.setPosixFilePermissions(tiup, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
			return tiup.toString();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot install the stand-in tiup", ex);
		}
	}

	private static String repositoryUrl() {
		try {
			TestDatabases.execute(TestDatabases.targetPort(), "CREATE DATABASE IF NOT EXISTS " + REPOSITORY_DB);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create the repository database", ex);
		}
		return "jdbc:mariadb://127.0.0.1:" + TestDatabases.targetPort() + "/" + REPOSITORY_DB;
	}

	private static Path createHome() {
		try {
			Path base = Files.createDirectories(Path.of("target", "it-home"));
			return Files.createTempDirectory(base.toAbsolutePath(), "ferry-").toAbsolutePath();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@BeforeEach
	void connectClient() {
		this.api = newClient();
	}

	/** A client of its own, signed in as the admin. */
	protected FerryClient newClient() {
		return new FerryClient("http://127.0.0.1:" + this.port, "admin", ADMIN_PASSWORD);
	}

	/** Exports the tables matching {@code filter} to the NFS storage and waits until the export finished. */
	protected String finishedExport(String clusterId, String filter) throws InterruptedException {
		return finishedExportRecord(clusterId, filter).path("recordId").asString();
	}

	/** As {@link #finishedExport}: the finished record. */
	protected JsonNode finishedExportRecord(String clusterId, String filter) throws InterruptedException {
		var started = this.api.post("/api/v1/clusters/export",
				Map.of("clusterId", clusterId, "storageType", "nfs", "fileType", "sql", "filter", filter));
		assertThat(started.code()).as(started.body().toString()).isZero();
		JsonNode record = this.api.awaitRecord(started.data().path("recordId").asString(), Duration.ofMinutes(2));
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		return record;
	}

	/** Imports export record {@code exportId} into {@code clusterId}; the record once the import ended. */
	protected JsonNode endedImport(String clusterId, String exportId, boolean overwrite) throws InterruptedException {
		var started = this.api.post("/api/v1/clusters/import",
				Map.of("clusterId", clusterId, "recordId", exportId, "overwrite", overwrite));
		assertThat(started.code()).as(started.body().toString()).isZero();
		return this.api.awaitRecord(started.data().path("recordId").asString(), Duration.ofMinutes(2));
	}

	/** How many transfer records the API lists. */
	protected long recordTotal() {
		return this.api.get("/api/v1/clusters/transport?pageSize=1").body().path("page").path("total").asLong();
	}

	/** Adds a user straight into the user table (the users page is tested on its own). */
	protected void createUser(String name, String password, String role) throws java.sql.SQLException {
		String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password);
		try (var connection = TestDatabases.root(TestDatabases.targetPort());
				var insert = connection.prepareStatement("INSERT INTO " + REPOSITORY_DB + ".FERRY_USER"
						+ " (USERNAME, PASSWORD_HASH, ROLE, ENABLED, CREATED_AT) VALUES (?, ?, ?, TRUE, NOW(6))")) {
			insert.setString(1, name);
			insert.setString(2, hash);
			insert.setString(3, role);
			insert.executeUpdate();
		}
	}

	protected String registerCluster(String name, int port, String user, String password) {
		var reply = this.api.post("/api/v1/clusters", java.util.Map.of("name", name, "kind", "MYSQL", "host",
				"127.0.0.1", "port", port, "user", user, "password", password));
		if (reply.status() != 201) {
			throw new AssertionError("cluster registration failed: " + reply.body());
		}
		return reply.data().path("clusterId").asString();
	}

}
