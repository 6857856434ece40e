package dev.ferry.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import dev.ferry.support.BrowserTest;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator does in the console, in a real browser: register a cluster and test it, export through the form
 * with filter rules, re-import that export into the second MariaDB, and import an uploaded zip.
 */
class ConsoleFlowsBrowserTests extends BrowserTest {

	@Test
	void theContentSecurityPolicyBlocksAnInlineStyleAndTheRecorderSeesIt() {
		logInAsAdmin();
		open("/");
		((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
				"document.getElementById('main').insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>');");
		java.util.List<Object> blocked = waitUntil((driver) -> cspViolations().isEmpty() ? null : cspViolations());
		assertThat(blocked.toString()).contains("style-src");
		((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.removeItem('cspViolations');");
	}

	@Test
	void registerAClusterAndTestItsConnection() {
		logInAsAdmin();
		open("/clusters/new");
		String name = TestDatabases.uniqueName("form");
		type(By.id("name"), name);
		new Select(browser.findElement(By.id("kind"))).selectByValue("MYSQL");
		type(By.id("host"), "127.0.0.1");
		type(By.id("port"), Integer.toString(TestDatabases.sourcePort()));
		type(By.id("user"), "root");
		browser.findElement(By.cssSelector("#cluster-form button[type=submit]")).click();

		waitUntil(ExpectedConditions.urlMatches(".*/clusters(\\?.*)?$"));
		WebElement row = waitUntil(ExpectedConditions.presenceOfElementLocated(
				By.xpath("//tr[td[contains(., '" + name + "')]]")));
		row.findElement(By.cssSelector("form[action$='/test'] button")).click();
		WebElement answer = waitUntil(ExpectedConditions.presenceOfNestedElementLocatedBy(row,
				By.cssSelector("[data-connected]")));
		assertThat(answer.getAttribute("data-connected")).isEqualTo("true");
		assertThat(answer.getText()).contains("MariaDB");
	}

	@Test
	void exportWithTwoFilterRulesThenReimportIntoTheSecondMariaDb() throws Exception {
		String db = TestDatabases.uniqueName("flow");
		TrickyDatabase.create(TestDatabases.sourcePort(), db, 200);
		String source = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");
		String target = registerCluster(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root", "");
		logInAsAdmin();

		open("/transfers/export/new?cluster=" + source);
		browser.findElement(By.cssSelector("input[name=tables][value=rules]")).click();
		WebElement firstRule = browser.findElement(By.cssSelector("#filter-rows input[type=text]"));
		firstRule.clear();
		firstRule.sendKeys(db + ".orders");
		browser.findElement(By.cssSelector("[data-add-row=filter-rows]")).click();
		var rules = browser.findElements(By.cssSelector("#filter-rows input[type=text]"));
		assertThat(rules).as("a second rule row").hasSize(2);
		rules.get(1).sendKeys(db + ".customers");
		type(By.id("comment"), "browser export");
		browser.findElement(By.cssSelector("#export-form button[type=submit]")).click();

		waitUntil(ExpectedConditions.urlMatches(".*/transfers/\\d+$"));
		String exportId = browser.getCurrentUrl().replaceAll(".*/transfers/", "");
		waitUntil(ExpectedConditions.attributeToBe(By.id("live"), "data-status", "Finished"), Duration.ofSeconds(90));
		String manifest = browser.findElement(By.tagName("main")).getText();
		assertThat(manifest).contains(db + ".orders", db + ".customers").doesNotContain(db + ".empty_table");

		browser.findElement(By.linkText("Re-import")).click();
		waitUntil(ExpectedConditions.urlContains("/transfers/import/new"));
		assertThat(browser.findElement(By.id("record-" + exportId)).isSelected()).as("the export is preselected")
			.isTrue();
		new Select(browser.findElement(By.id("clusterId"))).selectByValue(target);
		browser.findElement(By.cssSelector("#import-form button[type=submit]")).click();

		waitUntil(ExpectedConditions.urlMatches(".*/transfers/\\d+$"));
		waitUntil(ExpectedConditions.attributeToBe(By.id("live"), "data-status", "Finished"), Duration.ofSeconds(90));
		assertThat(TestDatabases.baseTables(TestDatabases.targetPort(), db)).containsExactlyInAnyOrder("orders",
				"customers");
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(*) FROM `" + db + "`.orders"))
			.isEqualTo(TestDatabases.count(TestDatabases.sourcePort(), "SELECT COUNT(*) FROM `" + db + "`.orders"));
	}

	@Test
	void importAZipUploadedFromTheBrowser() throws Exception {
		String db = TestDatabases.uniqueName("upl");
		TrickyDatabase.create(TestDatabases.sourcePort(), db, 150);
		String source = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");
		String target = registerCluster(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root", "");
		var started = this.api.post("/api/v1/clusters/export",
				Map.of("clusterId", source, "storageType", "nfs", "fileType", "sql", "filter", db + ".*"));
		var export = this.api.awaitRecord(started.data().path("recordId").asString(), Duration.ofSeconds(90));
		assertThat(export.path("status").asString()).isEqualTo("Finished");
		Path zip = zipOf(Path.of(export.path("filePath").asString()), HOME.resolve(db + ".zip"));

		logInAsAdmin();
		open("/transfers/import/new?cluster=" + target);
		browser.findElement(By.cssSelector("input[name=source][value=upload]")).click();
		browser.findElement(By.id("upload-file")).sendKeys(zip.toString());
		WebElement uploaded = waitUntil(ExpectedConditions.presenceOfElementLocated(
				By.cssSelector("#upload-result [data-upload-ok]")), Duration.ofSeconds(60));
		assertThat(uploaded.getText()).contains("Uploaded");
		browser.findElement(By.cssSelector("#import-form button[type=submit]")).click();

		waitUntil(ExpectedConditions.urlMatches(".*/transfers/\\d+$"));
		waitUntil(ExpectedConditions.attributeToBe(By.id("live"), "data-status", "Finished"), Duration.ofSeconds(90));
		assertThat(TestDatabases.checksums(TestDatabases.targetPort(), db))
			.isEqualTo(TestDatabases.checksums(TestDatabases.sourcePort(), db));
	}

	@Test
	void cancellingAnUploadStopsItAndLeavesNothingStaged() throws Exception {
		String target = registerCluster(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root", "");
		Path zip = HOME.resolve("big-" + target + ".zip");
		try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
			entries.setLevel(0);
			entries.putNextEntry(new ZipEntry("shop.orders.00000.sql"));
			byte[] chunk = new byte[1 << 20];
			new java.util.Random(7).nextBytes(chunk);
			for (int i = 0; i < 24; i++) {
				entries.write(chunk);
			}
			entries.closeEntry();
		}
		Path staging = HOME.resolve("import").resolve("uploads");
		java.util.Set<Path> before = staged(staging);
		logInAsAdmin();
		open("/transfers/import/new?cluster=" + target);
		browser.findElement(By.cssSelector("input[name=source][value=upload]")).click();
		var chrome = (org.openqa.selenium.chromium.HasNetworkConditions) browser;
		chrome.setNetworkConditions(new org.openqa.selenium.chromium.ChromiumNetworkConditions()
			.setUploadThroughput(1024 * 1024) // bytes per second: the 24 MiB take about 24 s
			.setDownloadThroughput(50 * 1024 * 1024));
		try {
			browser.findElement(By.id("upload-file")).sendKeys(zip.toString());
			WebElement bar = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#upload-progress .bar")));
			waitUntil((driver) -> Integer.parseInt(bar.getAttribute("aria-valuenow")) > 0, Duration.ofSeconds(30));
			assertThat(Integer.parseInt(bar.getAttribute("aria-valuenow"))).as("part way").isLessThan(100);
			browser.findElement(By.id("upload-cancel")).click();
		}
		finally {
			chrome.deleteNetworkConditions();
		}
		WebElement result = waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#upload-result .flash")));
		assertThat(result.getText()).contains("Upload cancelled");
		assertThat(browser.findElements(By.cssSelector("#upload-result input[name=uploadId]"))).isEmpty();
		waitUntil((driver) -> staged(staging).equals(before), Duration.ofSeconds(30)); // the partial upload is gone
	}

	/** The staged uploads (other tests of this JVM may have left some). */
	private static java.util.Set<Path> staged(Path staging) {
		if (!Files.isDirectory(staging)) {
			return java.util.Set.of();
		}
		try (Stream<Path> children = Files.list(staging)) {
			return children.collect(java.util.stream.Collectors.toSet());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static Path zipOf(Path data, Path zip) throws IOException {
		try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out);
				Stream<Path> files = Files.walk(data)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				entries.putNextEntry(new ZipEntry(data.relativize(file).toString()));
				Files.copy(file, entries);
				entries.closeEntry();
			}
		}
		return zip;
	}

}
