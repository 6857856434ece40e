package dev.ferry.tidb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@code tidb-lightning.toml}: golden text, exact round trips of awkward strings, and a private file. */
class LightningConfigTests {

	static final String NASTY_PASSWORD = "p\"a\\ss\n'w🐬 ü\t\u0001 ;#=[x] \"\"\" end\\";

	@TempDir
	Path dir;

	static LightningConfig.Builder localFromNfs() {
		Path record = Path.of("/home/tidb/import/cls-7/44-nfs");
		return LightningConfig.builder()
			.recordDir(record)
			.dataSource(DataLocation.local(record.resolve("data")))
			.backend(LightningConfig.Backend.LOCAL)
			.tidb("10.0.1.15", 4000)
			.user("root")
			.password("s3cr3t pw")
			.statusPort(10080)
			.pdAddr("10.0.1.21:2379");
	}

	static LightningConfig.Builder tidbOverwriteFromS3() {
		return LightningConfig.builder()
			.recordDir(Path.of("/home/tidb/import/cls-7/45-s3"))
			.dataSource(DataLocation.s3("s3://ferry-exports/cls-7/43", "http://minio.internal:9000", "AKIAFERRY",
					"wJalrXUtnFEMI/K7MDENG"))
			.backend(LightningConfig.Backend.TIDB)
			.overwrite(true)
			.tidb("10.0.1.15", 4000)
			.user("importer")
			.password("pw");
	}

	@Test
	void localBackendFromALocalDirectoryMatchesTheGoldenFile() {
		Golden.assertMatches("lightning-local-backend-local-dir.golden", localFromNfs().build().toToml());
	}

	@Test
	void tidbBackendWithOverwriteFromS3MatchesTheGoldenFileWithoutKeys() {
		LightningConfig config = tidbOverwriteFromS3().build();

		Golden.assertMatches("lightning-tidb-backend-overwrite-s3.golden", config.toToml());
		assertThat(config.toToml()).doesNotContain("AKIAFERRY").doesNotContain("wJalr");
		assertThat(config.environment()).containsOnly(Map.entry("AWS_ACCESS_KEY_ID", "AKIAFERRY"),
				Map.entry("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG"));
	}

	@Test
	void awkwardStringsRoundTripThroughTomljExactly() {
		Path record = Path.of("/tmp/fer ry/\"q\"/back\\slash/ünï 🐬/line\nbreak");
		LightningConfig config = awkward(record).build();

		TomlParseResult parsed = Toml.parse(config.toToml());

		assertThat(parsed.errors()).isEmpty();
		assertThat(flatten(parsed)).containsExactlyElementsOf(expectedAwkward(record));
	}

	@Test
	void awkwardStringsRoundTripThroughPythonsTomllibToo() throws Exception {
		assertThat(pythonHasTomllib()).as("python3 with tomllib (Python 3.11+) is needed to read the TOML back").isTrue();
		Path record = Path.of("/tmp/fer ry/\"q\"/back\\slash/ünï 🐬/line\nbreak");
		Path file = this.dir.resolve("tidb-lightning.toml");
		awkward(record).build().writeTo(file);

		Process python = new ProcessBuilder("python3", "-c", """
				import sys, tomllib
				def walk(path, v):
				    if isinstance(v, dict):
				        for k, x in v.items(): walk(path + [k], x)
				    elif isinstance(v, list):
				        for i, x in enumerate(v): walk(path[:-1] + [path[-1] + "[%d]" % i], x)
				    elif isinstance(v, bool): print(".".join(path), "bool", str(v).lower())
				    elif isinstance(v, int): print(".".join(path), "int", v)
				    else: print(".".join(path), "str", v.encode("utf-8").hex())
				walk([], tomllib.load(open(sys.argv[1], "rb")))
				""", file.toString()).redirectErrorStream(true).start();
		String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();

		assertThat(python.exitValue()).as(out).isZero();
		assertThat(out.lines().toList()).containsExactlyElementsOf(expectedAwkward(record));
	}

	@Test
	void tidbBackendWithoutOverwriteStopsOnDuplicates() {
		TomlParseResult parsed = Toml.parse(tidbOverwriteFromS3().overwrite(false).build().toToml());

		assertThat(parsed.getString("tikv-importer.on-duplicate")).isEqualTo("error");
		assertThat(parsed.contains("tikv-importer.sorted-kv-dir")).isFalse();
	}

	@Test
	void tidbBackendTakesStatusPortAndPdAddressWhenGiven() {
		TomlParseResult parsed = Toml
			.parse(tidbOverwriteFromS3().statusPort(10080).pdAddr("10.0.1.21:2379").build().toToml());

		assertThat(parsed.getLong("tidb.status-port")).isEqualTo(10080L);
		assertThat(parsed.getString("tidb.pd-addr")).isEqualTo("10.0.1.21:2379");
	}

	@Test
	void theChunkRuleCanBeLeftOut() {
		TomlParseResult parsed = Toml.parse(localFromNfs().twoPartChunkNames(false).build().toToml());

		assertThat(parsed.getTable("mydumper").keySet()).containsExactlyInAnyOrder("data-source-dir",
				"default-file-rules", "files");
		assertThat(parsed.getArray("mydumper.files").size()).as("the trigger and sequence rule only").isOne();
		assertThat(parsed.getArray("mydumper.files").getTable(0).getString("type")).isEqualTo("ignore");
	}

	/** Lightning's default rules would route these as data of a table without a schema file (router.go). */
	@Test
	void theIgnoreRuleTakesTriggerAndSequenceFilesAndNothingElse() {
		Pattern rule = Pattern.compile(LightningConfig.TRIGGERS_AND_SEQUENCES_PATTERN);

		assertThat(Stream.of("sakila.film-schema-triggers.sql", "sub/sakila.s1-schema-sequence.sql",
				"sakila.film-schema-triggers.sql.gz", "sakila.a.b-schema-triggers.sql"))
			.allMatch(name -> rule.matcher(name).find());
		assertThat(Stream.of("sakila.film.00001.sql", "sakila.film-schema.sql", "sakila-schema-create.sql",
				"sakila.v-schema-view.sql", "sakila-schema-post.sql", "sakila.x-schema-triggers.00000.sql",
				"sakila.x-schema-triggers-schema.sql", "metadata"))
			.noneMatch(name -> rule.matcher(name).find());
	}

	/** The rule's regex is RE2-compatible, so Java's engine shows what Go's does. */
	@Test
	void theChunkRuleRoutesTwoPartNamesAndLeavesTheRestToTheDefaultRules() {
		Pattern rule = Pattern.compile(LightningConfig.TWO_PART_CHUNK_PATTERN);

		Matcher m = rule.matcher("sub/dir/sakila.film.00000.00001.sql");
		assertThat(m.matches()).isTrue();
		assertThat(List.of(m.group(1), m.group(2), m.group(3) + "." + m.group(4), m.group(5)))
			.containsExactly("sakila", "film", "00000.00001", "sql");
		assertThat(rule.matcher("sakila.film_text.00012.00003.CSV").matches()).isTrue();
		assertThat(Stream.of("sakila.film.00001.sql", "sakila.film.sql", "sakila.film-schema.sql",
				"sakila-schema-create.sql", "sakila.film.000000001.csv", "sakila.film.00000.00001.sql.gz",
				"sakila.2024.00001.sql"))
			.noneMatch(name -> rule.matcher(name).matches());
	}

	@Test
	void writesAPrivateFileWithExactlyTheText() throws IOException {
		LightningConfig config = localFromNfs().build();
		Path file = this.dir.resolve(LightningConfig.FILE_NAME);

		config.writeTo(file);

		assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(config.toToml());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		try (Stream<Path> files = Files.list(this.dir)) {
			assertThat(files).containsExactly(file);
		}
	}

	@Test
	void overwritesAnExistingReadableFileWithAPrivateOne() throws IOException {
		Path file = this.dir.resolve(LightningConfig.FILE_NAME);
		Files.writeString(file, "old = true\n".repeat(1000));
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

		tidbOverwriteFromS3().build().writeTo(file);

		assertThat(Files.readString(file)).isEqualTo(tidbOverwriteFromS3().build().toToml());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		try (Stream<Path> files = Files.list(this.dir)) {
			assertThat(files).containsExactly(file);
		}
	}

	@Test
	void replacesASymbolicLinkInsteadOfWritingThroughIt() throws IOException {
		Path elsewhere = this.dir.resolve("elsewhere.txt");
		Files.writeString(elsewhere, "keep me");
		Path file = this.dir.resolve(LightningConfig.FILE_NAME);
		Files.createSymbolicLink(file, elsewhere);

		localFromNfs().build().writeTo(file);

		assertThat(Files.isSymbolicLink(file)).isFalse();
		assertThat(Files.readString(elsewhere)).isEqualTo("keep me");
		assertThat(Files.readString(file)).startsWith("[lightning]");
	}

	@Test
	void failsWithoutLeavingATemporaryFileWhenTheDirectoryIsMissing() {
		Path file = this.dir.resolve("missing").resolve(LightningConfig.FILE_NAME);

		org.assertj.core.api.Assertions.assertThatIOException()
			.isThrownBy(() -> localFromNfs().build().writeTo(file));
		assertThat(this.dir.resolve("missing")).doesNotExist();
	}

	@Test
	void knowsItsFiles() {
		LightningConfig config = localFromNfs().build();

		assertThat(config.defaultFile()).isEqualTo(Path.of("/home/tidb/import/cls-7/44-nfs/tidb-lightning.toml"));
		assertThat(config.environment()).isEmpty();
		assertThat(config.toString()).doesNotContain("s3cr3t");
		assertThat(tidbOverwriteFromS3().build().toString()).doesNotContain("wJalr");
	}

	@Test
	void lightningCommandIsTiupComponentAndConfigFlag() {
		Path file = Path.of("/home/tidb/import/cls-7/44-nfs/tidb-lightning.toml");

		assertThat(LightningCommand.build(TidbLauncher.tiup(Path.of("/usr/bin/tiup")), file))
			.containsExactly("/usr/bin/tiup", "tidb-lightning", "-config", file.toString());
		assertThat(LightningCommand.build(TidbLauncher.standalone(Path.of("/opt/bin/tidb-lightning")), file))
			.containsExactly("/opt/bin/tidb-lightning", "-config", file.toString());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LightningCommand.build(TidbLauncher.tiup(Path.of("tiup")), Path.of("x.toml")));
	}

	@Test
	void rejectsInconsistentRequests() {
		assertThatIllegalArgumentException().isThrownBy(() -> localFromNfs().overwrite(true).build())
			.withMessageContaining("overwrite");
		assertThatIllegalArgumentException().isThrownBy(() -> localFromNfs().statusPort(null).build())
			.withMessageContaining("statusPort");
		assertThatIllegalArgumentException().isThrownBy(() -> localFromNfs().pdAddr(null).build())
			.withMessageContaining("pdAddr");
		assertThatIllegalArgumentException().isThrownBy(() -> localFromNfs().tidb("h", 0).build())
			.withMessageContaining("port");
		assertThatIllegalArgumentException().isThrownBy(() -> localFromNfs().statusPort(70000).build())
			.withMessageContaining("statusPort");
		assertThatIllegalArgumentException().isThrownBy(() -> localFromNfs().logLevel("verbose").build())
			.withMessageContaining("logLevel");
		assertThatIllegalArgumentException().isThrownBy(() -> localFromNfs().recordDir(Path.of("rel")).build())
			.withMessageContaining("recordDir");
		assertThatIllegalArgumentException().isThrownBy(() -> localFromNfs().user(" ").build())
			.withMessageContaining("user");
		assertThatIllegalArgumentException().isThrownBy(() -> LightningConfig.Backend.of("importer"))
			.withMessageContaining("backend");
		assertThat(LightningConfig.Backend.of("tidb")).isEqualTo(LightningConfig.Backend.TIDB);
	}

	private static LightningConfig.Builder awkward(Path record) {
		return LightningConfig.builder()
			.recordDir(record)
			.dataSource(DataLocation.local(record.resolve("da'ta \"dir\"")))
			.backend(LightningConfig.Backend.LOCAL)
			.tidb("tidb-0.tidb.ns.svc", 4000)
			.user("us\"er ü ; 'x'")
			.password(NASTY_PASSWORD)
			.statusPort(10080)
			.pdAddr("pd-0.pd:2379")
			.logLevel("debug")
			.checkRequirements(true);
	}

	private static List<String> expectedAwkward(Path record) {
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("lightning.level", "debug");
		expected.put("lightning.file", record + "/tidb-lightning.log");
		expected.put("lightning.check-requirements", true);
		expected.put("tikv-importer.backend", "local");
		expected.put("tikv-importer.sorted-kv-dir", record + "/sorted-kv");
		expected.put("mydumper.data-source-dir", record + "/da'ta \"dir\"");
		expected.put("mydumper.default-file-rules", true);
		expected.put("mydumper.files[0].pattern", LightningConfig.TRIGGERS_AND_SEQUENCES_PATTERN);
		expected.put("mydumper.files[0].type", "ignore");
		expected.put("mydumper.files[1].pattern", LightningConfig.TWO_PART_CHUNK_PATTERN);
		expected.put("mydumper.files[1].schema", "$1");
		expected.put("mydumper.files[1].table", "$2");
		expected.put("mydumper.files[1].type", "$5");
		expected.put("mydumper.files[1].key", "$3.$4");
		expected.put("tidb.host", "tidb-0.tidb.ns.svc");
		expected.put("tidb.port", 4000L);
		expected.put("tidb.user", "us\"er ü ; 'x'");
		expected.put("tidb.password", NASTY_PASSWORD);
		expected.put("tidb.status-port", 10080L);
		expected.put("tidb.pd-addr", "pd-0.pd:2379");
		expected.put("checkpoint.enable", true);
		expected.put("checkpoint.driver", "file");
		expected.put("checkpoint.dsn", record + "/tidb_lightning_checkpoint.pb");
		List<String> lines = new ArrayList<>();
		expected.forEach((key, value) -> lines.add(line(key, value)));
		return lines;
	}

	/** Every leaf as {@code key type value}, strings as UTF-8 hex: exact, and the same format the Python side prints. */
	private static List<String> flatten(TomlTable table) {
		List<String> lines = new ArrayList<>();
		flatten("", table, lines);
		return lines;
	}

	private static void flatten(String prefix, Object value, List<String> lines) {
		if (value instanceof TomlTable table) {
			for (String key : table.keySet()) {
				flatten(prefix.isEmpty() ? key : prefix + "." + key, table.get(List.of(key)), lines);
			}
		}
		else if (value instanceof TomlArray array) {
			for (int i = 0; i < array.size(); i++) {
				flatten(prefix + "[" + i + "]", array.get(i), lines);
			}
		}
		else {
			lines.add(line(prefix, value));
		}
	}

	private static String line(String key, Object value) {
		if (value instanceof Boolean) {
			return key + " bool " + value;
		}
		if (value instanceof Long) {
			return key + " int " + value;
		}
		return key + " str " + HexFormat.of().formatHex(((String) value).getBytes(StandardCharsets.UTF_8));
	}

	private static boolean pythonHasTomllib() {
		try {
			Process p = new ProcessBuilder("python3", "-c", "import tomllib").redirectErrorStream(true).start();
			p.getInputStream().readAllBytes();
			return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
