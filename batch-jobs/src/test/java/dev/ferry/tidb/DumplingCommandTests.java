package dev.ferry.tidb;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The dumpling argument list: TiUniManager's flags and order, one argv entry per value, masked display. */
class DumplingCommandTests {

	static final Path RECORD = Path.of("/home/tidb/export/cls-7/42-nfs");

	static final String NASTY = "it's a \"quoted\" ; value – with ünïcødé 🐬 and \\ backslash";

	static DumplingCommand.Builder nfsSql() {
		return DumplingCommand.builder()
			.launcher(TidbLauncher.tiup(Path.of("/home/tidb/.tiup/bin/tiup")))
			.host("10.0.1.15")
			.port(4000)
			.user("root")
			.password("s3cr3t pw")
			.fileType("sql")
			.output(DataLocation.local(RECORD.resolve("data")))
			.threads(8)
			.logFile(RECORD.resolve("dumpling.log"));
	}

	static DumplingCommand.Builder s3Csv() {
		Path record = Path.of("/home/tidb/export/cls-7/43-s3");
		return DumplingCommand.builder()
			.launcher(TidbLauncher.standalone(Path.of("/opt/tidb-toolkit/bin/dumpling")))
			.host("10.0.1.15")
			.port(4000)
			.user("exporter")
			.password("pw")
			.fileType("csv")
			.output(DataLocation.s3("s3://ferry-exports/cls-7/43", "http://minio.internal:9000", "AKIAFERRY",
					"wJalrXUtnFEMI/K7MDENG"))
			.threads(4)
			.logFile(record.resolve("dumpling.log"))
			.sql("SELECT id, name FROM shop.orders WHERE created_at >= '2024-01-01' AND note <> 'a b'");
	}

	@Test
	void nfsSqlExportWithTwoFiltersMatchesTheGoldenFile() {
		DumplingCommand command = nfsSql().filters(List.of("shop.*", "!shop.audit_*")).build();

		Golden.assertArgumentsMatch("dumpling-nfs-sql-two-filters.golden", command.arguments());
		assertThat(command.environment()).isEmpty();
	}

	@Test
	void s3CsvExportWithSqlMatchesTheGoldenFileAndPutsTheKeysInTheEnvironment() {
		DumplingCommand command = s3Csv().build();

		Golden.assertArgumentsMatch("dumpling-s3-csv-sql.golden", command.arguments());
		assertThat(command.environment()).containsExactlyInAnyOrderEntriesOf(
				Map.of("AWS_ACCESS_KEY_ID", "AKIAFERRY", "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG"));
		assertThat(String.join(" ", command.arguments())).doesNotContain("AKIAFERRY").doesNotContain("wJalr");
	}

	@Test
	void keepsTiUniManagersOrderAndFixedFlags() {
		List<String> argv = nfsSql().build().arguments();

		assertThat(argv).containsExactly("/home/tidb/.tiup/bin/tiup", "dumpling", "-p", "s3cr3t pw", "-u", "root",
				"-P", "4000", "--host", "10.0.1.15", "--filetype", "sql", "-o", "/home/tidb/export/cls-7/42-nfs/data",
				"-r", "200000", "-F", "256MiB", "--loglevel", "debug", "--logfile",
				"/home/tidb/export/cls-7/42-nfs/dumpling.log", "-t", "8");
	}

	@Test
	void standaloneLauncherStartsWithTheBinaryAlone() {
		List<String> argv = s3Csv().build().arguments();

		assertThat(argv.subList(0, 3)).containsExactly("/opt/tidb-toolkit/bin/dumpling", "-p", "pw");
	}

	@Test
	void eachFilterRuleIsItsOwnFlagNeverJoinedWithSemicolons() {
		List<String> argv = nfsSql().filters(List.of("a.*", "b.*", "c.t1")).build().arguments();

		assertThat(argv.subList(argv.size() - 6, argv.size()))
			.containsExactly("--filter", "a.*", "--filter", "b.*", "--filter", "c.t1");
		assertThat(argv).noneMatch(argument -> argument.contains(";"));
	}

	@Test
	void filterSqlAndPasswordWithSpacesQuotesSemicolonsAndUnicodeStayOneArgumentEach() {
		DumplingCommand filtered = nfsSql().password(NASTY).filters(List.of("db with space.tbl ; 'x' ü*")).build();
		DumplingCommand withSql = s3Csv().password(NASTY).sql(NASTY).build();

		List<String> argv = filtered.arguments();
		assertThat(argv.get(argv.indexOf("-p") + 1)).isEqualTo(NASTY);
		assertThat(argv.get(argv.indexOf("--filter") + 1)).isEqualTo("db with space.tbl ; 'x' ü*");
		assertThat(argv).hasSize(nfsSql().build().arguments().size() + 2);
		List<String> sqlArgv = withSql.arguments();
		assertThat(sqlArgv.get(sqlArgv.indexOf("--sql") + 1)).isEqualTo(NASTY);
		assertThat(sqlArgv.get(sqlArgv.indexOf("-p") + 1)).isEqualTo(NASTY);
		assertThat(sqlArgv).hasSize(s3Csv().build().arguments().size());
		assertThat(sqlArgv.get(sqlArgv.size() - 1)).isEqualTo(NASTY);
	}

	@Test
	void filterRulesWithCommasOrDoubleQuotesAreCsvQuotedForPflagsStringSlice() {
		List<String> argv = nfsSql().filters(List.of("db.[a,b]*", "say \"hi\".*", "plain.*")).build().arguments();

		assertThat(argv.subList(argv.size() - 6, argv.size())).containsExactly("--filter", "\"db.[a,b]*\"",
				"--filter", "\"say \"\"hi\"\".*\"", "--filter", "plain.*");
		assertThat(DumplingCommand.csvField("x")).isEqualTo("x");
		assertThat(DumplingCommand.csvField("\"")).isEqualTo("\"\"\"\"");
	}

	@Test
	void displayFormMasksThePasswordAndOnlyThePassword() {
		DumplingCommand command = nfsSql().password(NASTY).filters(List.of("shop.*")).build();

		List<String> shown = command.displayArguments();
		assertThat(shown.get(shown.indexOf("-p") + 1)).isEqualTo("******");
		assertThat(String.join(" ", shown)).doesNotContain("quoted");
		assertThat(command.toString()).contains("-p, ******").doesNotContain("quoted");
		List<String> real = command.arguments();
		for (int i = 0; i < real.size(); i++) {
			if (i != real.indexOf("-p") + 1) {
				assertThat(shown.get(i)).isEqualTo(real.get(i));
			}
		}
	}

	@Test
	void anEmptyPasswordIsPassedAsAnEmptyArgument() {
		List<String> argv = nfsSql().password("").build().arguments();

		assertThat(argv.subList(2, 4)).containsExactly("-p", "");
	}

	@Test
	void s3OutputCarriesEndpointAndPathStyleButNoKeys() {
		DataLocation s3 = DataLocation.s3("s3://ferry-exports/daily run/ünï/", "https://s3.example.com:8443",
				"AK", "TOPSECRET");

		assertThat(s3.toolUrl()).isEqualTo("s3://ferry-exports/daily%20run/%C3%BCn%C3%AF"
				+ "?endpoint=https://s3.example.com:8443&force-path-style=true");
		assertThat(DataLocation.s3("s3://bucket", "http://minio:9000", "AK", "SK").toolUrl())
			.isEqualTo("s3://bucket?endpoint=http://minio:9000&force-path-style=true");
		assertThat(s3.toString()).contains("AK").doesNotContain("TOPSECRET").contains("******");
		assertThat(s3.environment()).containsEntry("AWS_SECRET_ACCESS_KEY", "TOPSECRET");
	}

	@Test
	void rejectsAFileTypeOtherThanSqlOrCsv() {
		assertThatIllegalArgumentException().isThrownBy(() -> nfsSql().fileType("parquet").build())
			.withMessageContaining("fileType");
		assertThatIllegalArgumentException().isThrownBy(() -> nfsSql().fileType("SQL").build())
			.withMessageContaining("fileType");
	}

	@Test
	void sqlOnlyWithCsvAndWithoutFilters() {
		assertThatIllegalArgumentException().isThrownBy(() -> nfsSql().sql("SELECT 1").build())
			.withMessageContaining("sql")
			.withMessageContaining("csv");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> s3Csv().filters(List.of("shop.*")).build())
			.withMessageContaining("sql")
			.withMessageContaining("filter");
		assertThat(nfsSql().sql("  ").build().arguments()).doesNotContain("--sql");
		assertThat(s3Csv().sql(null).build().arguments()).doesNotContain("--sql");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "  ", "a.*\nb.*", "@/etc/filters.txt", " @rules" })
	void rejectsUnusableFilterRules(String rule) {
		assertThatIllegalArgumentException().isThrownBy(() -> nfsSql().filters(List.of("ok.*", rule)).build())
			.withMessageContaining("filters[1]");
	}

	@Test
	void rejectsNonsenseInTheOtherFields() {
		assertThatIllegalArgumentException().isThrownBy(() -> nfsSql().threads(0).build())
			.withMessageContaining("threads");
		assertThatIllegalArgumentException().isThrownBy(() -> nfsSql().port(0).build())
			.withMessageContaining("port");
		assertThatIllegalArgumentException().isThrownBy(() -> nfsSql().port(65536).build())
			.withMessageContaining("port");
		assertThatIllegalArgumentException().isThrownBy(() -> nfsSql().host(" ").build())
			.withMessageContaining("host");
		assertThatIllegalArgumentException().isThrownBy(() -> nfsSql().user("").build())
			.withMessageContaining("user");
		assertThatIllegalArgumentException().isThrownBy(() -> nfsSql().password("a\0b").build())
			.withMessageContaining("password");
		assertThatIllegalArgumentException().isThrownBy(() -> nfsSql().logFile(Path.of("dumpling.log")).build())
			.withMessageContaining("logFile");
		assertThatIllegalArgumentException().isThrownBy(() -> DumplingCommand.builder().build())
			.withMessageContaining("launcher");
		assertThatIllegalArgumentException().isThrownBy(() -> DataLocation.local(Path.of("data")))
			.withMessageContaining("absolute");
	}

	@Test
	void rejectsS3LocationsThatWouldLeakOrBreakTheUrl() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DataLocation.s3("https://bucket/x", "http://minio:9000", "AK", "SK"))
			.withMessageContaining("bucketUrl");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DataLocation.s3("s3://bucket/x?access-key=AK", "http://minio:9000", "AK", "SK"))
			.withMessageContaining("bucketUrl");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DataLocation.s3("s3://Bad_Bucket", "http://minio:9000", "AK", "SK"))
			.withMessageContaining("bucket");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DataLocation.s3("s3://bucket", "http://ak:sk@minio:9000", "AK", "SK"))
			.withMessageContaining("endpoint");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DataLocation.s3("s3://bucket", "minio:9000", "AK", "SK"))
			.withMessageContaining("endpoint");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DataLocation.s3("s3://bucket", "http://minio:9000", " ", "SK"))
			.withMessageContaining("accessKey");
	}

	@Test
	void theArgumentListIsImmutable() {
		List<String> argv = nfsSql().build().arguments();

		org.assertj.core.api.Assertions.assertThatThrownBy(() -> Collections.reverse(argv))
			.isInstanceOf(UnsupportedOperationException.class);
	}

}
