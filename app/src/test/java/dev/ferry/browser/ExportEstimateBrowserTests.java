package dev.ferry.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import dev.ferry.support.BrowserTest;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export form's estimate in a real browser: htmx asks for it when the form opens and again as the filter rules
 * change, and the fragment obeys the Content-Security-Policy (no inline script or style).
 */
class ExportEstimateBrowserTests extends BrowserTest {

	static final String DB = TestDatabases.uniqueName("estimate");

	@AfterAll
	static void dropDatabase() throws Exception {
		TestDatabases.execute(TestDatabases.sourcePort(), "DROP DATABASE IF EXISTS `" + DB + "`");
	}

	@Test
	void theFormShowsTheEstimateAndFollowsTheFilterRules() throws Exception {
		TestDatabases.execute(TestDatabases.sourcePort(), "CREATE DATABASE `" + DB + "`", "USE `" + DB + "`",
				"CREATE TABLE big (id INT PRIMARY KEY, a VARCHAR(200))",
				"INSERT INTO big SELECT seq, REPEAT('x', 200) FROM seq_1_to_20000", "CREATE TABLE small (id INT)",
				"ANALYZE TABLE big, small");
		String source = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");
		logInAsAdmin();

		open("/transfers/export/new?cluster=" + source);
		WebElement estimate = waitUntil((driver) -> find(By.id("estimate-summary")).orElse(null));
		assertThat(estimate.getText()).contains("free on the export root.");

		browser.findElement(By.cssSelector("input[name=tables][value=rules]")).click();
		WebElement rule = browser.findElement(By.cssSelector("#filter-rows input[type=text]"));
		rule.clear();
		rule.sendKeys(DB + ".big");
		String one = waitUntil((driver) -> find(By.id("estimate-summary")).map(WebElement::getText)
			.filter((text) -> text.contains(" in 1 table;"))
			.orElse(null));
		System.out.println("Estimate shown for " + DB + ".big: " + one);
		assertThat(one).matches("About \\d+\\.\\d MiB in 1 table; .* free on the export root\\.");
		assertThat(find(By.id("estimate-warning"))).isEmpty();
		assertThat(cspViolations()).isEmpty();
	}

}
