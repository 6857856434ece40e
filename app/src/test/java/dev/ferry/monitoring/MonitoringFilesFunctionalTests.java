package dev.ferry.monitoring;

import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files of {@code ops/monitoring/} against a real scrape: after a scheduled export (mysql chain, test MariaDB),
 * every metric that an alert rule or a Grafana panel queries must be in {@code /actuator/prometheus}, and every
 * Ferry metric must be on the dashboard. The rules file also passes {@code promtool check rules} and its unit tests
 * ({@code ferry-alerts.test.yml}) when promtool is installed ({@code ops/test.sh} installs it).
 */
class MonitoringFilesFunctionalTests extends FunctionalTest {

	static final Path MONITORING = Path.of("..", "ops", "monitoring").toAbsolutePath().normalize();

	static final String DB = TestDatabases.uniqueName("monitor");

	private static final Pattern NAME = Pattern.compile("(?<![\\w.$:])([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\()?");

	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
			"group_right", "bool", "and", "or", "unless", "offset", "inf", "nan");

	private static final List<String> SUFFIXES = List.of("_total", "_bucket", "_count", "_sum", "_max");

	@BeforeAll
	static void createSourceDatabase() throws Exception {
		TrickyDatabase.create(TestDatabases.sourcePort(), DB, 50);
	}

	@Test
	void theTokenizerFindsMetricNamesOnly() {
		assertThat(metricNames("sum by (le, type) (rate(x_seconds_bucket{a=\"b(c)\", d!~\"e}\"}[5m] offset 1h))"
				+ " / on(instance) group_left(schedule) y:ratio > 1e3 and absent(z) or time() - w"))
			.containsExactlyInAnyOrder("x_seconds_bucket", "y:ratio", "z", "w");
	}

	@Test
	void everyMetricOfTheAlertRulesAndTheDashboardIsInAScrape() throws Exception {
		Set<String> scraped = scrapeAfterAScheduledExport().names();

		Map<String, String> alerts = alertExpressions();
		assertThat(alerts).containsKeys("FerryScheduledExportFailed", "FerryScheduleDidNotFire",
				"FerryTransferStalled", "FerryNoLiveNode", "FerryExportRootAlmostFull");
		alerts.forEach((alert, expr) -> assertThat(metricNames(expr)).as(alert + ": " + expr)
			.isNotEmpty()
			.allMatch(scraped::contains));

		List<String> queries = dashboardQueries();
		assertThat(queries).hasSizeGreaterThanOrEqualTo(14);
		Set<String> onDashboard = new TreeSet<>();
		for (String query : queries) {
			Set<String> names = metricNames(query);
			assertThat(names).as(query).isNotEmpty().allMatch(scraped::contains);
			names.forEach((name) -> onDashboard.add(family(name)));
		}
		assertThat(scraped.stream().filter((name) -> name.startsWith("ferry_")).map(MonitoringFilesFunctionalTests::family))
			.as("every Ferry metric is on the dashboard")
			.allMatch(onDashboard::contains);
		assertThat(onDashboard).contains("spring_batch_step_seconds", "spring_batch_job_seconds");
	}

	@Test
	void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
		assertThat(Files.isExecutable(Path.of("/usr/bin/promtool")))
			.as("promtool is not installed (apt-get install prometheus; ops/test.sh does)")
			.isTrue();

		assertThat(promtool("check", "rules", "ferry-alerts.yml")).contains("SUCCESS: 9 rules found");
		assertThat(promtool("test", "rules", "ferry-alerts.test.yml")).contains("SUCCESS");
	}

	private Scrape scrapeAfterAScheduledExport() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("mon-src"), TestDatabases.sourcePort(), "root",
				"");
		Map<String, Object> draft = new HashMap<>(Map.of("name", "monitoring " + DB, "cron", "0 0 3 * * ?",
				"timeZone", "UTC", "export", Map.of("clusterId", clusterId, "fileType", "sql", "storageType", "nfs",
						"filter", DB + ".*")));
		String id = this.api.post("/api/v1/schedules", draft).data().path("scheduleId").asString();
		var run = this.api.post("/api/v1/schedules/" + id + "/run", "");
		JsonNode record = this.api.awaitRecord(run.data().path("recordId").asString(), Duration.ofMinutes(2));
		assertThat(record.path("status").asString()).as(record.toString()).isEqualTo("Finished");
		HttpResponse<String> scrape = this.api.raw(this.api.request("/actuator/prometheus").GET());
		assertThat(scrape.statusCode()).isEqualTo(200);
		this.api.delete("/api/v1/schedules/" + id); // never fires during other tests
		return Scrape.parse(scrape.body());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> alertExpressions() throws IOException {
		Map<String, String> alerts = new LinkedHashMap<>();
		try (Reader reader = Files.newBufferedReader(MONITORING.resolve("ferry-alerts.yml"))) {
			Map<String, Object> file = new Yaml().load(reader);
			for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
				for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
					alerts.put((String) rule.get("alert"), (String) rule.get("expr"));
				}
			}
		}
		return alerts;
	}

	private static List<String> dashboardQueries() throws IOException {
		JsonNode dashboard = JsonMapper.builder().build()
			.readTree(Files.readString(MONITORING.resolve("ferry-dashboard.json")));
		List<String> queries = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				queries.add(target.path("expr").asString());
			}
		}
		return queries;
	}

	/**
	 * The metric names a PromQL expression reads: identifiers, without strings, label matchers, ranges, grouping
	 * label lists, function and aggregation names, keywords and numbers.
	 */
	static Set<String> metricNames(String expr) {
		String text = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
			.replaceAll("\\{[^}]*\\}", " ")
			.replaceAll("\\[[^\\]]*\\]", " ")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
		Set<String> names = new TreeSet<>();
		Matcher matcher = NAME.matcher(text);
		while (matcher.find()) {
			String name = matcher.group(1);
			if (matcher.group(2) == null && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
				names.add(name);
			}
		}
		return names;
	}

	private static String family(String name) {
		for (String suffix : SUFFIXES) {
			if (name.endsWith(suffix)) {
				return name.substring(0, name.length() - suffix.length());
			}
		}
		return name;
	}

	private static String promtool(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("/usr/bin/promtool"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(MONITORING.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
