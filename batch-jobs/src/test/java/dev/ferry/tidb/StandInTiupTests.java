package dev.ferry.tidb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The STAND-IN {@code tiup} in {@code src/test/resources/tidb/standin/tiup} (TiDB's tools cannot run on these
 * machines): run with fake {@code mydumper}/{@code myloader}/{@code mysql} on {@code PATH} that record their
 * argument lists, it must map Ferry's dumpling and lightning invocations to mydumper/myloader and refuse anything
 * else (exit 64; exit 2 for what only the real tools can do). No database is involved.
 */
class StandInTiupTests {

	static final String PASSWORD = "pa ss \"q\" ; 'x' ü🐬 -p";

	@TempDir
	Path dir;

	Path tiup;

	Path bin;

	Path argv;

	@BeforeEach
	void install() throws IOException {
		this.tiup = copyExecutable("/tidb/standin/tiup", this.dir.resolve("standin/tiup"));
		this.bin = Files.createDirectories(this.dir.resolve("bin"));
		for (String name : List.of("mydumper", "myloader", "mysql")) {
			copyExecutable("/tidb/fakes/fake-tool", this.bin.resolve(name));
		}
		this.argv = Files.createDirectories(this.dir.resolve("argv"));
	}

	@Test
	void theScriptInTheSourceTreeIsAnExecutableNamedStandIn() throws IOException {
		Path source = Path.of("src/test/resources/tidb/standin/tiup");
		assertThat(source).exists();

		assertThat(Files.isExecutable(source)).isTrue();
		assertThat(Files.readAllLines(source).get(1)).startsWith("# STAND-IN for tiup: TiDB's tools cannot run");
	}

	// ---------------------------------------------------------------------------------------------- dumpling

	@Test
	void dumplingRunsMydumperOncePerDbFilterRule() throws Exception {
		DumplingCommand command = dumpling().filters(List.of("shop.*", "crm_2.*")).build();

		Result result = run(command.arguments(), Map.of());

		assertThat(result.exit).as(result.stderr).isZero();
		assertThat(calls()).containsExactly(
				new Call("mydumper", mydumperArguments("shop")),
				new Call("mydumper", mydumperArguments("crm_2")));
		String log = Files.readString(this.dir.resolve("dumpling.log"));
		assertThat(log).contains("STAND-IN for dumpling").contains("--password ******").contains("fake mydumper ran")
			.doesNotContain(PASSWORD);
		assertThat(this.dir.resolve("out")).isDirectory();
	}

	@Test
	void dumplingWithoutFiltersDumpsEachNonSystemDatabaseListedWithMysql() throws Exception {
		Result result = run(dumpling().build().arguments(), Map.of("FAKE_DATABASES", "alpha\nbeta"));

		assertThat(result.exit).as(result.stderr).isZero();
		List<Call> calls = calls();
		assertThat(calls).hasSize(3);
		assertThat(calls.get(0).name).isEqualTo("mysql");
		assertThat(calls.get(0).arguments).containsSequence("--host", "127.0.0.1", "--port", "3306", "--user", "root")
			.doesNotContain(PASSWORD);
		assertThat(String.join(" ", calls.get(0).arguments)).contains("NOT IN ('mysql', 'sys', 'information_schema'");
		assertThat(Files.readString(this.argv.resolve("000-mysql.env"))).isEqualTo(PASSWORD);
		assertThat(calls.subList(1, 3)).containsExactly(new Call("mydumper", mydumperArguments("alpha")),
				new Call("mydumper", mydumperArguments("beta")));
	}

	@Test
	void dumplingExitsWithTheFailingMydumpersCode() throws Exception {
		Result result = run(dumpling().filters(List.of("a.*", "b.*")).build().arguments(),
				Map.of("FAKE_EXIT_MYDUMPER", "5"));

		assertThat(result.exit).isEqualTo(5);
		assertThat(calls()).hasSize(1);
		assertThat(result.stderr).contains("mydumper failed for database a");
	}

	@Test
	void aStandaloneDumplingSymlinkActsAsTheComponent() throws Exception {
		Path dumpling = Files.createSymbolicLink(this.dir.resolve("dumpling"), this.tiup);

		Result result = run(dumpling().launcher(TidbLauncher.standalone(dumpling))
			.filters(List.of("shop.*"))
			.build()
			.arguments(), Map.of());

		assertThat(result.exit).as(result.stderr).isZero();
		assertThat(calls()).containsExactly(new Call("mydumper", mydumperArguments("shop")));
	}

	@Test
	void whatOnlyRealDumplingCanDoExitsTwo() throws Exception {
		List<List<String>> commands = List.of(
				dumpling().fileType("csv").build().arguments(),
				dumpling().fileType("csv").sql("SELECT 1").build().arguments(),
				dumpling().output(DataLocation.s3("s3://bucket/x", "http://minio:9000", "AK", "SK"))
					.build()
					.arguments(),
				dumpling().filters(List.of("shop.orders")).build().arguments(),
				dumpling().filters(List.of("\"a,b\".*")).build().arguments());
		for (List<String> command : commands) {
			Result result = run(command, Map.of());

			assertThat(result.exit).as(command + ": " + result.stderr).isEqualTo(2);
			assertThat(result.stderr).startsWith("stand-in tiup: cannot emulate");
		}
		assertThat(calls()).isEmpty();
	}

	@Test
	void argumentsFerryNeverPassesExit64() throws Exception {
		List<String> good = dumpling().filters(List.of("shop.*")).build().arguments();
		Map<String, UnaryOperator<List<String>>> mutations = new HashMap<>();
		mutations.put("no -p", argv -> without(argv, "-p"));
		mutations.put("no --logfile", argv -> without(argv, "--logfile"));
		mutations.put("unknown flag", argv -> with(argv, "--bogus", "1"));
		mutations.put("--filter without value", argv -> with(argv, "--filter"));
		mutations.put("--filter followed by a flag", argv -> {
			List<String> changed = new ArrayList<>(argv);
			changed.add(changed.indexOf("-t"), "--filter");
			return changed;
		});
		mutations.put("rules joined with ;", argv -> with(argv, "--filter", "a.*;b.*"));
		mutations.put("-u twice", argv -> with(argv, "-u", "other"));
		mutations.put("relative -o", argv -> replaceValue(argv, "-o", "out"));
		mutations.put("bad --filetype", argv -> replaceValue(argv, "--filetype", "xml"));
		mutations.put("bad -P", argv -> replaceValue(argv, "-P", "3306x"));
		mutations.put("bad -t", argv -> replaceValue(argv, "-t", "0"));
		mutations.put("--sql with --filter", argv -> with(argv, "--sql", "SELECT 1"));
		mutations.put("no component", argv -> List.of(argv.get(0)));
		mutations.put("other component", argv -> List.of(argv.get(0), "cluster", "list"));
		for (Map.Entry<String, UnaryOperator<List<String>>> mutation : mutations.entrySet()) {
			Result result = run(mutation.getValue().apply(good), Map.of());

			assertThat(result.exit).as(mutation.getKey() + ": " + result.stderr).isEqualTo(64);
			assertThat(result.stderr).as(mutation.getKey()).startsWith("stand-in tiup: unexpected argument");
		}
		assertThat(calls()).isEmpty();
	}

	// ---------------------------------------------------------------------------------------- tidb-lightning

	@Test
	void lightningWithTidbBackendAndOverwriteRunsMyloaderWithOverwriteTables() throws Exception {
		requirePythonTomllib();
		String password = PASSWORD + "\nsecond line \\ \"\"\"";
		LightningConfig config = lightning().backend(LightningConfig.Backend.TIDB).overwrite(true)
			.password(password).build();
		config.writeTo(config.defaultFile());

		Result result = run(LightningCommand.build(TidbLauncher.tiup(this.tiup), config.defaultFile()), Map.of());

		assertThat(result.exit).as(result.stderr).isZero();
		assertThat(calls()).containsExactly(new Call("myloader", List.of("--host", "127.0.0.1", "--port", "3306",
				"--user", "importer ü", "--password", password, "--directory", this.dir.resolve("data dir").toString(),
				"--threads", "2", "-v", "3", "--overwrite-tables")));
		String log = Files.readString(config.logFile());
		assertThat(log).contains("STAND-IN for tidb-lightning (backend tidb)").contains("--password ******")
			.contains("fake myloader ran").doesNotContain("second line");
	}

	@Test
	void lightningWithLocalBackendDoesNotOverwrite() throws Exception {
		requirePythonTomllib();
		LightningConfig config = lightning().build();
		config.writeTo(config.defaultFile());

		Result result = run(LightningCommand.build(TidbLauncher.tiup(this.tiup), config.defaultFile()), Map.of());

		assertThat(result.exit).as(result.stderr).isZero();
		assertThat(calls()).singleElement().satisfies(call -> assertThat(call.arguments)
			.endsWith("--threads", "2", "-v", "3")
			.doesNotContain("--overwrite-tables"));
	}

	@Test
	void lightningExitsWithMyloadersCode() throws Exception {
		requirePythonTomllib();
		LightningConfig config = lightning().build();
		config.writeTo(config.defaultFile());

		Result result = run(LightningCommand.build(TidbLauncher.tiup(this.tiup), config.defaultFile()),
				Map.of("FAKE_EXIT_MYLOADER", "7"));

		assertThat(result.exit).isEqualTo(7);
	}

	@Test
	void lightningRefusesAConfigFileOthersCanRead() throws Exception {
		LightningConfig config = lightning().build();
		config.writeTo(config.defaultFile());
		Files.setPosixFilePermissions(config.defaultFile(), PosixFilePermissions.fromString("rw-r-----"));

		Result result = run(LightningCommand.build(TidbLauncher.tiup(this.tiup), config.defaultFile()), Map.of());

		assertThat(result.exit).isEqualTo(64);
		assertThat(result.stderr).startsWith("stand-in tiup: unexpected argument").contains("mode 640");
		assertThat(calls()).isEmpty();
	}

	@Test
	void lightningRefusesUnknownKeysAndMissingValues() throws Exception {
		requirePythonTomllib();
		LightningConfig config = lightning().build();
		String good = config.toToml();
		for (String bad : List.of(good.replace("[checkpoint]", "[checkpoint]\n  typo-key = 1"),
				good.replace("[tidb]", "[tidb-typo]"), good.replaceFirst("  password = .*\n", ""),
				good.replace("port = 3306", "port = \"3306\""), "not = [toml")) {
			PrivateFiles.write(config.defaultFile(), bad);

			Result result = run(LightningCommand.build(TidbLauncher.tiup(this.tiup), config.defaultFile()),
					Map.of());

			assertThat(result.exit).as(bad + "\n" + result.stderr).isEqualTo(64);
			assertThat(result.stderr).startsWith("stand-in tiup: unexpected argument -config");
		}
		assertThat(calls()).isEmpty();
	}

	@Test
	void lightningRefusesOtherArgumentShapes() throws Exception {
		LightningConfig config = lightning().build();
		config.writeTo(config.defaultFile());
		String file = config.defaultFile().toString();
		String tiup = this.tiup.toString();
		for (List<String> argv : List.of(List.of(tiup, "tidb-lightning", "--config", file),
				List.of(tiup, "tidb-lightning", "-config"), List.of(tiup, "tidb-lightning", "-config", file, "-d", "x"),
				List.of(tiup, "tidb-lightning", "-config", "relative.toml"),
				List.of(tiup, "tidb-lightning", "-config", file + ".missing"))) {
			Result result = run(argv, Map.of());

			assertThat(result.exit).as(argv + ": " + result.stderr).isEqualTo(64);
			assertThat(result.stderr).startsWith("stand-in tiup: unexpected argument");
		}
		assertThat(calls()).isEmpty();
	}

	@Test
	void lightningFromS3ExitsTwo() throws Exception {
		requirePythonTomllib();
		LightningConfig config = lightning()
			.dataSource(DataLocation.s3("s3://bucket/x", "http://minio:9000", "AK", "SK"))
			.build();
		config.writeTo(config.defaultFile());

		Result result = run(LightningCommand.build(TidbLauncher.tiup(this.tiup), config.defaultFile()), Map.of());

		assertThat(result.exit).as(result.stderr).isEqualTo(2);
		assertThat(calls()).isEmpty();
	}

	/**
	 * A mydumper-layout source as mydumper 0.10 and Ferry's native engine write it. Lightning's default rules
	 * ({@code pkg/lightning/mydump/router.go}) ignore {@code -schema-trigger.sql} and {@code -schema-post.sql} but route
	 * {@code {db}.{t}-schema-triggers.sql} (mydumper's and dumpling's trigger file) and {@code -schema-sequence.sql}
	 * as SQL data of a table {@code t-schema-triggers} that has no schema file, which lightning's loader refuses:
	 * Ferry's configuration must ignore them.
	 */
	@Test
	void lightningAcceptsAMydumperLayoutWithTriggersSequencesAndLeftovers() throws Exception {
		requirePythonTomllib();
		LightningConfig config = lightning().backend(LightningConfig.Backend.TIDB).build();
		config.writeTo(config.defaultFile());
		Path data = this.dir.resolve("data dir");
		for (String name : List.of("metadata", "manifest.json", "shop-schema-create.sql", "shop-schema-post.sql",
				"shop.orders-schema.sql", "shop.orders.00000.sql", "shop.orders.00001.sql.gz",
				"shop.orders-schema-triggers.sql", "shop.seq-schema-sequence.sql", "shop.v-schema.sql",
				"shop.v-schema-view.sql", "shop.a%2Eb-schema.sql", "shop.a%2Eb.00000.sql",
				".shop.orders.00002.sql.partial")) {
			Files.writeString(data.resolve(name), "-- " + name + "\n");
		}

		Result result = run(LightningCommand.build(TidbLauncher.tiup(this.tiup), config.defaultFile()), Map.of());

		assertThat(result.exit).as(result.stderr).isZero();
		assertThat(calls()).singleElement().satisfies((call) -> assertThat(call.arguments)
			.containsSequence("--directory", data.toString()));
	}

	@Test
	void lightningFailsOnWhatItsLoaderRefuses() throws Exception {
		requirePythonTomllib();
		LightningConfig config = lightning().backend(LightningConfig.Backend.TIDB).build();
		config.writeTo(config.defaultFile());
		Path data = this.dir.resolve("data dir");
		Files.writeString(data.resolve("shop-schema-create.sql"), "CREATE DATABASE shop;\n");
		Files.writeString(data.resolve("shop.orders-schema.sql"), "CREATE TABLE orders (id INT);\n");
		Map<String, String> refused = Map.of("shop.lost.00000.sql", "schema file is missing for the table 'shop.lost'",
				"shop.w-schema-view.sql", "miss host table schema for view 'w'",
				"shop-schema-create.sql.gz", "invalid database schema file, duplicated item",
				"shop.orders.00000.sql.bz2", "invalid compression type 'bz2'");
		for (Map.Entry<String, String> file : refused.entrySet()) {
			Path added = Files.writeString(data.resolve(file.getKey()), "x\n");

			Result result = run(LightningCommand.build(TidbLauncher.tiup(this.tiup), config.defaultFile()), Map.of());

			assertThat(result.exit).as(file.getKey() + ": " + result.stderr).isEqualTo(1);
			assertThat(result.stderr).startsWith("stand-in tiup: lightning would fail: ").contains(file.getValue());
			Files.delete(added);
		}
		Files.writeString(data.resolve("shop.orders.00000.csv"), "id\n1\n");
		Result csv = run(LightningCommand.build(TidbLauncher.tiup(this.tiup), config.defaultFile()), Map.of());
		assertThat(csv.exit).as(csv.stderr).isEqualTo(2);
		assertThat(csv.stderr).startsWith("stand-in tiup: cannot emulate csv data file shop.orders.00000.csv");
		assertThat(calls()).isEmpty();
	}

	/** myloader 0.10 reads {@code .sql.gz} itself but loads nothing from {@code .sql.zst} (and exits 0). */
	@Test
	void lightningHandsMyloaderACopyWithZstdDataDecompressed() throws Exception {
		requirePythonTomllib();
		LightningConfig config = lightning().backend(LightningConfig.Backend.TIDB).build();
		config.writeTo(config.defaultFile());
		Path data = this.dir.resolve("data dir");
		Files.writeString(data.resolve("shop.orders-schema.sql"), "CREATE TABLE orders (id INT);\n");
		byte[] insert = "INSERT INTO orders VALUES (1),(2);\n".getBytes(StandardCharsets.UTF_8);
		Files.write(data.resolve("shop.orders.00000.sql.zst"), com.github.luben.zstd.Zstd.compress(insert));
		Path copy = Files.createDirectories(this.dir.resolve("myloader saw"));

		Result result = run(LightningCommand.build(TidbLauncher.tiup(this.tiup), config.defaultFile()),
				Map.of("FAKE_MYLOADER_COPY", copy.toString()));

		assertThat(result.exit).as(result.stderr).isZero();
		assertThat(copy.resolve("shop.orders.00000.sql")).hasBinaryContent(insert);
		assertThat(copy.resolve("shop.orders.00000.sql.zst")).doesNotExist();
		assertThat(data.resolve("shop.orders.00000.sql.zst")).as("the source is left as it was").exists();
		assertThat(data.resolve("shop.orders.00000.sql")).doesNotExist();
		String directory = calls().get(0).arguments.get(calls().get(0).arguments.indexOf("--directory") + 1);
		assertThat(Path.of(directory)).as("the private copy is removed").doesNotExist();
	}

	// ------------------------------------------------------------------------------------------------ helpers

	private DumplingCommand.Builder dumpling() {
		return DumplingCommand.builder()
			.launcher(TidbLauncher.tiup(this.tiup))
			.host("127.0.0.1")
			.port(3306)
			.user("root")
			.password(PASSWORD)
			.fileType("sql")
			.output(DataLocation.local(this.dir.resolve("out")))
			.threads(3)
			.logFile(this.dir.resolve("dumpling.log"));
	}

	private List<String> mydumperArguments(String database) {
		return List.of("--host", "127.0.0.1", "--port", "3306", "--user", "root", "--password", PASSWORD,
				"--outputdir", this.dir.resolve("out").toString(), "--threads", "3", "-v", "3", "--database", database);
	}

	private LightningConfig.Builder lightning() throws IOException {
		Path record = Files.createDirectories(this.dir.resolve("record"));
		return LightningConfig.builder()
			.recordDir(record)
			.dataSource(DataLocation.local(Files.createDirectories(this.dir.resolve("data dir"))))
			.tidb("127.0.0.1", 3306)
			.user("importer ü")
			.password("pw")
			.statusPort(10080)
			.pdAddr("127.0.0.1:2379");
	}

	private Result run(List<String> command, Map<String, String> environment) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.dir.toFile());
		builder.environment().put("PATH", this.bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
		builder.environment().put("FAKE_ARGV_DIR", this.argv.toString());
		builder.environment().putAll(environment);
		Path out = Files.createTempFile(this.dir, "stdout", ".txt");
		Path err = Files.createTempFile(this.dir, "stderr", ".txt");
		Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("stand-in tiup did not finish: " + command);
		}
		return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
	}

	/** The fakes' recordings, in call order. */
	private List<Call> calls() throws IOException {
		List<Call> calls = new ArrayList<>();
		try (Stream<Path> files = Files.list(this.argv)) {
			for (Path file : files.filter(f -> !f.toString().endsWith(".env")).sorted().toList()) {
				String name = file.getFileName().toString().substring(4);
				String recorded = Files.readString(file, StandardCharsets.UTF_8);
				List<String> arguments = recorded.isEmpty() ? List.of()
						: Arrays.asList(recorded.substring(0, recorded.length() - 1).split("\0", -1));
				calls.add(new Call(name, arguments));
			}
		}
		return calls;
	}

	private static List<String> without(List<String> argv, String flag) {
		List<String> changed = new ArrayList<>(argv);
		int at = changed.indexOf(flag);
		changed.remove(at + 1);
		changed.remove(at);
		return changed;
	}

	private static List<String> with(List<String> argv, String... more) {
		List<String> changed = new ArrayList<>(argv);
		changed.addAll(List.of(more));
		return changed;
	}

	private static List<String> replaceValue(List<String> argv, String flag, String value) {
		List<String> changed = new ArrayList<>(argv);
		changed.set(changed.indexOf(flag) + 1, value);
		return changed;
	}

	private static Path copyExecutable(String resource, Path target) throws IOException {
		Files.createDirectories(target.getParent());
		try (InputStream in = StandInTiupTests.class.getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			Files.copy(in, target);
		}
		Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
		return target;
	}

	private static void requirePythonTomllib() throws Exception {
		Process p = new ProcessBuilder("python3", "-c", "import tomllib").redirectErrorStream(true).start();
		p.getInputStream().readAllBytes();
		assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as("python3 with tomllib (Python 3.11+) is needed by the stand-in").isTrue();
	}

	record Result(int exit, String stdout, String stderr) {
	}

	record Call(String name, List<String> arguments) {
	}

}
