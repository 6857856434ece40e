package dev.ferry.engine.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ferry.engine.FidelityComparison;
import dev.ferry.engine.FidelityFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fidelity proof: the fixture ({@link FidelityFixture}) exported with the format classes alone
 * ({@link FidelityExport}), loaded into the target by real myloader 0.10 (SQL, uncompressed and gzip; zstd after
 * decompressing, which myloader 0.10 cannot) or through JDBC ({@link DumpLoader}: CSV with {@code LOAD DATA}, and the
 * SQL files replayed statement by statement), and then compared object by object ({@link FidelityComparison}).
 */
class FidelityRoundTripIntegrationTests {

	static final String PREFIX = FidelityFixture.prefix("format");

	/** Small statements, so that big tables take many; the 16 MiB row (32 MiB in hex) goes alone. */
	static final EncoderOptions OPTIONS = new EncoderOptions(64 * 1024, 48L * 1024 * 1024);

	static List<String> loadable;

	static List<String> all;

	@TempDir
	Path directory;

	@BeforeAll
	static void fixture() throws Exception {
		FidelityFixture.load(FidelityFixture.sourcePort(), FidelityFixture.FIXTURE, PREFIX);
		try (Connection source = FidelityFixture.connect(FidelityFixture.sourcePort())) {
			loadable = FidelityFixture.databases(source, PREFIX);
		}
		FidelityFixture.load(FidelityFixture.sourcePort(), FidelityFixture.ESCAPED, PREFIX);
		try (Connection source = FidelityFixture.connect(FidelityFixture.sourcePort())) {
			all = FidelityFixture.databases(source, PREFIX);
		}
	}

	@AfterEach
	void dropTarget() throws SQLException {
		FidelityFixture.drop(FidelityFixture.targetPort(), PREFIX);
	}

	@AfterAll
	static void dropSource() throws SQLException {
		FidelityFixture.drop(FidelityFixture.sourcePort(), PREFIX);
	}

	@Test
	void sqlLoadedByMyloaderIsTheSame() throws Exception {
		FidelityExport.Result result = export(loadable, FileType.SQL, Compression.NONE);

		myloader(this.directory);

		assertSame(loadable);
		assertRowsCountedByLines(result);
	}

	@Test
	void gzipSqlLoadedByMyloaderIsTheSame() throws Exception {
		export(loadable, FileType.SQL, Compression.GZIP);
		assertThat(dataFiles()).allMatch((name) -> name.endsWith(".sql.gz"));

		myloader(this.directory);

		assertSame(loadable);
	}

	@Test
	void zstdSqlDecompressedAndLoadedByMyloaderIsTheSame() throws Exception {
		export(loadable, FileType.SQL, Compression.ZSTD);
		Path plain = Files.createDirectory(this.directory.resolve("plain"));
		try (Stream<Path> files = Files.list(this.directory)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String name = file.getFileName().toString();
				if (name.endsWith(".zst")) {
					try (InputStream in = Compression.ZSTD.unwrap(Files.newInputStream(file))) {
						Files.copy(in, plain.resolve(name.substring(0, name.length() - 4)));
					}
				}
				else {
					Files.copy(file, plain.resolve(name));
				}
			}
		}

		myloader(plain);

		assertSame(loadable);
	}

	@Test
	void csvLoadedWithLoadDataIsTheSameEscapedDatabaseNamesIncluded() throws Exception {
		FidelityExport.Result result = export(all, FileType.CSV, Compression.ZSTD);
		assertThat(result.escapes()).containsEntry(PREFIX + "%2Edot%2Fted db", PREFIX + ".dot/ted db");

		DumpLoader loader = new DumpLoader(target());
		loader.load(this.directory);

		assertSame(all);
		assertThat(loader.loaded()).isEqualTo(result.rows());
		assertThat(loader.warnings()).as("only the invalid ENUM value (index 0), stored with a warning as at its insert")
			.allMatch((warning) -> warning.contains(".enums.") && warning.contains("Data truncated for column 'e'"))
			.hasSize(2);
	}

	@Test
	void sqlReplayedThroughJdbcIsTheSameEscapedDatabaseNamesIncluded() throws Exception {
		FidelityExport.Result result = export(all, FileType.SQL, Compression.GZIP);
		assertThat(result.escapes()).containsEntry("sl%2Fash", "sl/ash").containsEntry("t%2E00001", "t.00001")
			.doesNotContainKey(PREFIX + "_names-ü db");

		new DumpLoader(target()).load(this.directory);

		assertSame(all);
	}

	private FidelityExport.Result export(List<String> databases, FileType type, Compression compression)
			throws Exception {
		try (Connection source = FidelityFixture.connect(FidelityFixture.sourcePort())) {
			return new FidelityExport(source, type, compression, 1000, OPTIONS).export(databases, this.directory);
		}
	}

	private List<String> dataFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> FileNames.parse(name).map((p) -> p.kind() == FileNames.Kind.DATA).orElse(false))
				.toList();
		}
	}

	/** SQL data files hold one row per line starting with {@code (}: a manifest can count rows by lines. */
	private void assertRowsCountedByLines(FidelityExport.Result result) throws IOException {
		for (Map.Entry<String, Long> file : result.rows().entrySet()) {
			try (Stream<String> lines = Files.lines(this.directory.resolve(file.getKey()), StandardCharsets.UTF_8)) {
				assertThat(lines.filter((line) -> line.startsWith("(")).count()).as(file.getKey())
					.isEqualTo(file.getValue());
			}
		}
		assertThat(result.rows().values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(5000);
	}

	private static void myloader(Path directory) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("myloader", "-h", "127.0.0.1", "-P",
				String.valueOf(FidelityFixture.targetPort()), "-u", "root", "-d", directory.toString(), "-t", "1",
				"-v", "3"));
		Process myloader = new ProcessBuilder(command).redirectErrorStream(true).start();
		try (OutputStream in = myloader.getOutputStream()) {
			// no input
		}
		String output = new String(myloader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(myloader.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(myloader.exitValue()).as(output).isZero();
		assertThat(output).doesNotContain("CRITICAL", "Error");
	}

	private static Connection target() throws SQLException {
		return FidelityFixture.connect(FidelityFixture.targetPort());
	}

	private static void assertSame(List<String> databases) throws SQLException {
		try (Connection source = FidelityFixture.connect(FidelityFixture.sourcePort()); Connection target = target()) {
			FidelityComparison.assertSame(source, target, databases);
		}
	}

}
