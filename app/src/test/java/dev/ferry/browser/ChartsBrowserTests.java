package dev.ferry.browser;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import dev.ferry.support.BrowserTest;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history charts in Chromium: real mysql-chain exports of a schedule (three that finish, one that fails because
 * its database is gone), then the schedule's and the cluster's pages draw one mark per export, the failed one in the
 * failure colour, and a screenshot of the chart element shows the series colour; the dashboard draws its sparklines.
 */
class ChartsBrowserTests extends BrowserTest {

	/** The series colour of ferry.css ({@code .chart .mark.column}, {@code .series}). */
	static final int SERIES = 0x1f5fbf;

	static final int FAILURE = 0xb42318;

	@Test
	void scheduleAndClusterPagesChartTheExportsOfTheSchedule() throws Exception {
		String database = TestDatabases.uniqueName("chart");
		TrickyDatabase.create(TestDatabases.sourcePort(), database, 200);
		String clusterId = registerCluster(TestDatabases.uniqueName("chartc"), TestDatabases.sourcePort(), "root", "");
		String name = "nightly <script>alert(1)</script> " + database;
		var created = this.api.post("/api/v1/schedules", Map.of("name", name, "cron", "0 0 3 1 1 ? 2099", "timeZone",
				"UTC", "enabled", false, "export", Map.of("clusterId", clusterId, "fileType", "sql", "storageType",
						"nfs", "filter", database + ".*")));
		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		String id = created.data().path("scheduleId").asString();
		List<String> statuses = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			if (i == 3) {
				TestDatabases.execute(TestDatabases.sourcePort(), "DROP DATABASE " + TestDatabases.quote(database));
			}
			var run = this.api.post("/api/v1/schedules/" + id + "/run", "");
			if (!run.data().path("outcome").asString().equals("LAUNCHED")) {
				continue; // refused before launch: no record to chart
			}
			JsonNode record = this.api.awaitRecord(run.data().path("recordId").asString(), Duration.ofMinutes(2));
			statuses.add(record.path("status").asString());
		}
		assertThat(statuses.subList(0, 3)).containsOnly("Finished");
		long failed = statuses.stream().filter("Failed"::equals).count();

		logInAsAdmin();
		open("/schedules/" + id);
		String prefix = "schedule-" + id;
		assertCharts(prefix, statuses.size(), failed);
		assertThat(browser.getPageSource()).as("the name is escaped, never markup")
			.doesNotContain("<script>alert(1)</script>")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;");
		assertThat(browser.findElement(By.cssSelector("#" + prefix + "-size svg")).getAttribute("aria-label"))
			.startsWith("Export size · " + name + ": " + statuses.size() + " exports, " + failed + " failed");
		screenshotShows(browser.findElement(By.id(prefix + "-size")), SERIES, "size", "bars");
		screenshotShows(browser.findElement(By.id(prefix + "-duration")), SERIES, "duration", "line");
		if (failed > 0) {
			screenshotShows(browser.findElement(By.id(prefix + "-duration")), FAILURE, "duration", "failed mark");
		}

		open("/clusters");
		browser.findElement(By.cssSelector("#cluster-" + clusterId + " a[href$='/clusters/" + clusterId + "']")).click();
		waitUntil((driver) -> driver.getCurrentUrl().endsWith("/clusters/" + clusterId));
		assertCharts("cluster-" + clusterId, statuses.size(), failed);
		screenshotShows(browser.findElement(By.id("cluster-" + clusterId + "-throughput")), SERIES, "throughput",
				"line");

		open("/");
		WebElement exports = browser.findElement(By.id("spark-exports"));
		assertThat(exports.getAttribute("data-points")).isEqualTo("14");
		assertThat(exports.findElements(By.cssSelector("rect.spark-ok"))).isNotEmpty();
		screenshotShows(exports, SERIES, "sparkline", "bars");
	}

	@Test
	void aScheduleWithoutExportsSaysSo() {
		String clusterId = registerCluster(TestDatabases.uniqueName("chart0"), TestDatabases.sourcePort(), "root", "");
		var created = this.api.post("/api/v1/schedules", Map.of("name", TestDatabases.uniqueName("never"), "cron",
				"0 0 3 1 1 ? 2099", "timeZone", "UTC", "enabled", false, "export",
				Map.of("clusterId", clusterId, "fileType", "sql", "storageType", "nfs")));
		logInAsAdmin();
		open("/schedules/" + created.data().path("scheduleId").asString());
		assertThat(browser.findElement(By.cssSelector("#export-history .chart-empty")).getText())
			.isEqualTo("No finished exports yet.");
		assertThat(browser.findElements(By.cssSelector("#export-history svg"))).isEmpty();
	}

	private static void assertCharts(String prefix, int runs, long failed) {
		WebElement size = browser.findElement(By.id(prefix + "-size"));
		List<WebElement> bars = size.findElements(By.cssSelector("svg rect.mark.column"));
		assertThat(bars).as("a bar per export").hasSize(runs);
		assertThat(bars.stream().filter((bar) -> !bar.getAttribute("class").contains("failed")))
			.as("finished bars are drawn as tall as the model says (no stylesheet rule overrides their height)")
			.allSatisfy((bar) -> assertThat(bar.getRect().getHeight()).isCloseTo(
					(int) (Double.parseDouble(bar.getAttribute("height")) * scale(size)),
					org.assertj.core.data.Offset.offset(2)));
		WebElement duration = browser.findElement(By.id(prefix + "-duration"));
		assertThat(duration.findElements(By.cssSelector("svg .mark"))).as("a point per export").hasSize(runs);
		assertThat(duration.findElements(By.cssSelector("svg .mark.failed"))).hasSize((int) failed);
		assertThat(duration.findElements(By.cssSelector("svg polyline.series"))).hasSize(1);
		assertThat(browser.findElement(By.id(prefix + "-throughput")).findElements(By.cssSelector("svg .mark")))
			.hasSize(runs);
		assertThat(size.findElement(By.cssSelector("svg title")).getAttribute("textContent")).startsWith("Export size");
		assertThat(size.findElements(By.cssSelector("svg text.axis-label"))).hasSizeGreaterThan(5);
	}

	/** Rendered pixels per SVG user unit (the chart scales to its column). */
	private static double scale(WebElement figure) {
		return figure.findElement(By.tagName("svg")).getRect().getWidth() / 640.0;
	}

	/** A screenshot of just the element: not blank, and the colour drawn in it (within anti-aliasing). */
	private static void screenshotShows(WebElement element, int rgb, String chart, String what) throws Exception {
		byte[] png = element.getScreenshotAs(OutputType.BYTES);
		Path saved = Path.of("target", "browser-charts");
		Files.createDirectories(saved);
		Files.write(saved.resolve(element.getAttribute("id") + ".png"), png);
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		assertThat(image.getWidth()).as(chart + " width").isGreaterThan(100);
		Set<Integer> colours = new HashSet<>();
		int near = 0;
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				int pixel = image.getRGB(x, y) & 0xffffff;
				colours.add(pixel);
				if (close(pixel, rgb)) {
					near++;
				}
			}
		}
		assertThat(colours).as(chart + " is not blank").hasSizeGreaterThan(1);
		assertThat(near).as("pixels of the %s chart's %s in #%06x", chart, what, rgb).isGreaterThan(6);
	}

	private static boolean close(int a, int b) {
		return Math.abs((a >> 16) - (b >> 16)) <= 10 && Math.abs((a >> 8 & 0xff) - (b >> 8 & 0xff)) <= 10
				&& Math.abs((a & 0xff) - (b & 0xff)) <= 10;
	}

}
