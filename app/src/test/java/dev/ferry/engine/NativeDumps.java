package dev.ferry.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ferry.engine.format.Compression;
import dev.ferry.engine.format.CsvDialect;
import dev.ferry.engine.format.FileNames;
import dev.ferry.engine.format.TableShape;
import dev.ferry.s3.S3Clients;
import dev.ferry.s3.S3Credentials;
import dev.ferry.s3.S3Location;
import dev.ferry.support.S3Objects;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the native export tests do with a dump once it is written: read its manifest, recompute checksums (the test
 * may re-read files; Ferry must not), decompress it, and load it with the real myloader 0.10.
 */
final class NativeDumps {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private NativeDumps() {
	}

	static JsonNode manifest(Path data) throws IOException {
		return JSON.readTree(data.resolve("manifest.json").toFile());
	}

	static String crc32c(Path file) throws IOException {
		CRC32C crc = new CRC32C();
		try (InputStream in = Files.newInputStream(file)) {
			byte[] buffer = new byte[1 << 16];
			for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
				crc.update(buffer, 0, n);
			}
		}
		return String.format("%08x", crc.getValue());
	}

	/** Every file the manifest lists has the size and CRC32C it says, and nothing else is in the directory. */
	static void assertManifestMatchesFiles(Path data) throws IOException {
		JsonNode manifest = manifest(data);
		List<String> listed = new ArrayList<>();
		for (JsonNode file : manifest.path("files")) {
			Path path = data.resolve(file.path("path").asString());
			listed.add(file.path("path").asString());
			assertThat(Files.size(path)).as(path.toString()).isEqualTo(file.path("size").asLong());
			assertThat(crc32c(path)).as(path.toString()).isEqualTo(file.path("crc32c").asString());
		}
		listed.add("manifest.json");
		try (Stream<Path> files = Files.list(data)) {
			assertThat(files.map((p) -> p.getFileName().toString()).toList()).containsExactlyInAnyOrderElementsOf(listed);
		}
	}

	/** The dump with its data files decompressed (names without {@code .gz}/{@code .zst}), in a new directory. */
	static Path decompressed(Path data, Path into) throws IOException {
		Files.createDirectories(into);
		try (Stream<Path> files = Files.list(data)) {
			for (Path file : files.toList()) {
				String name = file.getFileName().toString();
				Compression compression = name.endsWith(".gz") ? Compression.GZIP
						: name.endsWith(".zst") ? Compression.ZSTD : Compression.NONE;
				String plain = name.substring(0, name.length() - compression.suffix().length());
				try (InputStream in = compression.unwrap(Files.newInputStream(file));
						OutputStream out = Files.newOutputStream(into.resolve(plain))) {
					in.transferTo(out);
				}
			}
		}
		return into;
	}

	/**
	 * Loads the CSV files of {@code database} into a new database {@code copy} on the target: each table created from
	 * its schema file, then each file streamed through {@code LOAD DATA LOCAL INFILE} as the format defines it.
	 */
	static void loadCsv(Path data, String database, String copy) throws Exception {
		try (Connection target = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + TestDatabases.targetPort()
				+ "/?allowMultiQueries=true&allowLocalInfile=true", "root", "");
				Statement statement = target.createStatement()) {
			statement.execute("CREATE DATABASE " + TestDatabases.quote(copy));
			statement.execute("USE " + TestDatabases.quote(copy));
			for (String sql : CsvDialect.LOAD_SESSION) {
				statement.execute(sql);
			}
			List<Path> files;
			try (Stream<Path> list = Files.list(data)) {
				files = list.sorted().toList();
			}
			java.util.Set<String> created = new java.util.HashSet<>();
			for (Path file : files) {
				var parsed = FileNames.parse(file.getFileName().toString()).orElse(null);
				if (parsed == null || parsed.kind() != FileNames.Kind.DATA || !parsed.database().equals(database)) {
					continue;
				}
				if (created.add(parsed.table())) {
					statement.execute(Files.readString(data.resolve(file.getFileName().toString()
						.replaceFirst("\\.\\d{5,}\\.csv$", "-schema.sql"))));
				}
				TableShape shape = TableShape.read(target, copy, parsed.table());
				try (InputStream in = Files.newInputStream(file)) {
					statement.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(in);
					statement.execute(CsvDialect.loadDataStatement(shape, "stream"));
				}
			}
		}
	}

	/** Creates the bucket on the tests' S3 server unless it exists. */
	static void createBucket(String bucket) {
		S3Location location = S3Location.parse(S3Objects.endpoint(), "s3://" + bucket);
		try (S3Clients clients = S3Clients.open(location, S3Credentials.of("k", "s"))) {
			clients.s3().createBucket((create) -> create.bucket(bucket)).exceptionally((ex) -> null).join();
		}
	}

	/** Downloads every object below the prefix into a new directory, named by the rest of their keys. */
	static Path download(String bucket, String prefix, Path into) throws IOException {
		Files.createDirectories(into);
		S3Location location = S3Location.parse(S3Objects.endpoint(), "s3://" + bucket);
		try (S3Clients clients = S3Clients.open(location, S3Credentials.of("k", "s"))) {
			for (String name : S3Objects.keys(bucket, prefix)) {
				byte[] bytes = clients.s3()
					.getObject((get) -> get.bucket(bucket).key(prefix + name),
							software.amazon.awssdk.core.async.AsyncResponseTransformer.toBytes())
					.join()
					.asByteArray();
				Files.write(into.resolve(name), bytes);
			}
		}
		return into;
	}

	/** Loads a dump directory into the target server with myloader 0.10, one thread (0.10 gives up on an InnoDB deadlock between its threads). */
	static void myloader(Path dump) throws Exception {
		Path log = dump.resolveSibling(dump.getFileName() + "-myloader.log");
		Process myloader = new ProcessBuilder("myloader", "--host", "127.0.0.1", "--port",
				Integer.toString(TestDatabases.targetPort()), "--user", "root", "--directory", dump.toString(),
				"--threads", "1", "--overwrite-tables", "--verbose", "3")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		assertThat(myloader.waitFor(3, TimeUnit.MINUTES)).isTrue();
		assertThat(myloader.exitValue()).as(Files.readString(log)).isZero();
	}

}
