package dev.ferry.files;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.FerryClient;
import dev.ferry.support.FerryProcess;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ferry's own data is private whatever the umask: a real Ferry (its own JVM, on the embedded H2 default) started
 * with the test JVM's umask – 022 on these machines, checked first – keeps its home 0750, the H2 directory 0700 and
 * its files 0600, {@code run/} 0700, and an export's directories 0750 and files (dump, manifest, tool log) 0640.
 */
class FileModesIntegrationTests {

	static final String PASSWORD = "modes-admin-Pw1";

	static final String SOURCE_DB = TestDatabases.uniqueName("modes");

	static final int PORT = 35041;

	static Path dir;

	static Path home;

	static FerryProcess ferry;

	@BeforeAll
	static void startFerryOnH2() throws Exception {
		TrickyDatabase.create(TestDatabases.sourcePort(), SOURCE_DB, 50);
		dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-modes")).toAbsolutePath(), "m-");
		Path probe = Files.writeString(dir.resolve("umask-probe"), "x");
		assertThat(mode(probe)).as("precondition: the umask lets others read what Java creates (umask 022)")
			.isEqualTo("rw-r--r--");
		home = dir.resolve("home"); // created by Ferry
		Map<String, String> settings = new HashMap<>();
		settings.put("ferry.home", home.toString());
		settings.put("ferry.node.id", "modes-node");
		settings.put("ferry.tools.poll-interval", "500ms");
		ferry = FerryProcess.start("modes", PORT, settings, Map.of("FERRY_ADMIN_PASSWORD", PASSWORD),
				dir.resolve("logs"));
	}

	@AfterAll
	static void stop() throws Exception {
		if (ferry != null) {
			ferry.close();
		}
		TestDatabases.execute(TestDatabases.sourcePort(), "DROP DATABASE IF EXISTS `" + SOURCE_DB + "`");
	}

	@Test
	void theH2DatabaseAndTheHomeArePrivate() throws Exception {
		Path db = home.resolve("db");

		assertThat(mode(home)).isEqualTo("rwxr-x---");
		assertThat(mode(db)).isEqualTo("rwx------");
		try (Stream<Path> files = Files.list(db)) {
			List<Path> list = files.toList();
			assertThat(list).as("H2's files").anyMatch((f) -> f.getFileName().toString().endsWith(".mv.db"));
			assertThat(list).allSatisfy((f) -> assertThat(mode(f)).as(f.toString()).isEqualTo("rw-------"));
		}
		assertThat(mode(home.resolve("secret.key"))).isEqualTo("rw-------");
		assertThat(mode(home.resolve("run"))).isEqualTo("rwx------");
	}

	@Test
	void anExportsDirectoriesAre0750AndItsFiles0640() throws Exception {
		FerryClient api = ferry.client("admin", PASSWORD);
		var cluster = api.post("/api/v1/clusters", Map.of("name", TestDatabases.uniqueName("modes"), "kind", "MYSQL",
				"host", "127.0.0.1", "port", TestDatabases.sourcePort(), "user", "root", "password", ""));
		assertThat(cluster.status()).as(cluster.body().toString()).isEqualTo(201);
		var started = api.post("/api/v1/clusters/export", Map.of("clusterId", cluster.data().path("clusterId")
			.asString(), "storageType", "nfs", "fileType", "sql", "filter", SOURCE_DB + ".*"));
		assertThat(started.status()).as(started.body().toString()).isEqualTo(200);

		JsonNode record = api.awaitRecord(started.data().path("recordId").asString(), Duration.ofMinutes(2));

		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		Path data = Path.of(record.path("filePath").asString());
		Path exportRoot = home.resolve("export");
		assertThat(data).startsWith(exportRoot);
		int files = 0;
		try (Stream<Path> tree = Files.walk(exportRoot)) {
			for (Path path : tree.toList()) {
				if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
					assertThat(mode(path)).as(path.toString()).isEqualTo("rwxr-x---");
				}
				else {
					assertThat(mode(path)).as(path.toString()).isEqualTo("rw-r-----");
					files++;
				}
			}
		}
		assertThat(data.resolve(SOURCE_DB + ".orders.sql")).exists();
		assertThat(data.resolve("manifest.json")).exists();
		assertThat(data.getParent().resolve("mydumper.log")).exists();
		System.out.printf("[modes] export under umask 022: %d files, all 0640; directories 0750%n", files);
	}

	private static String mode(Path path) {
		try {
			return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
