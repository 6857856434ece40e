package dev.ferry.browser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.ferry.support.BrowserTest;
import dev.ferry.support.Processes;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transfer screens in a real browser: live progress, download, stop and restart, delete with confirmation, what a
 * VIEWER sees, and an expired session inside an htmx request.
 */
class TransfersBrowserTests extends BrowserTest {

	static final String SOURCE_DB = TestDatabases.uniqueName("browse");

	static String clusterId;

	@BeforeAll
	static void createSourceDatabase() throws Exception {
		TrickyDatabase.create(TestDatabases.sourcePort(), SOURCE_DB, 300);
	}

	@Test
	void progressGoesLiveToFinishedWithoutReloadAndTheZipDownloads() throws Exception {
		String recordId;
		try (Connection lock = TestDatabases.root(TestDatabases.sourcePort());
				Statement statement = lock.createStatement()) {
			statement.execute("LOCK TABLES `" + SOURCE_DB + "`.orders WRITE"); // mydumper waits in FTWRL
			recordId = startExport("live progress");
			logInAsAdmin();
			open("/transfers");
			waitUntil(ExpectedConditions.attributeToBe(row(recordId), "data-status", "Processing"));
			assertThat(browser.findElement(By.id("progress-" + recordId)).getAttribute("hx-trigger"))
				.isEqualTo("every 2s");
			((JavascriptExecutor) browser).executeScript("window.ferryNoReload = true;");
			statement.execute("UNLOCK TABLES");
		}
		waitUntil(ExpectedConditions.attributeToBe(row(recordId), "data-status", "Finished"), Duration.ofSeconds(60));
		assertThat(((JavascriptExecutor) browser).executeScript("return window.ferryNoReload === true;"))
			.as("the list updated in place, without a page reload")
			.isEqualTo(true);
		WebElement progress = browser.findElement(By.id("progress-" + recordId));
		assertThat(progress.getAttribute("hx-trigger")).as("polling stops once finished").isNull();
		assertThat(progress.getText()).contains("100%").containsPattern("(\\d+)/\\1 tables");
		assertThat(progress.findElement(By.cssSelector(".bar > span")).getAttribute("style"))
			.as("the width comes from data-width, set through the CSSOM").contains("width: 100%");
		assertThat(cspViolations()).as("nothing the Content-Security-Policy blocked").isEmpty();

		browser.findElement(By.cssSelector("#record-" + recordId + " a[href$='/download']")).click();
		Path zip = DOWNLOADS.resolve("data.zip");
		waitUntil((driver) -> Files.isRegularFile(zip) ? zip : null, Duration.ofSeconds(30));
		assertThat(entries(zip)).contains("metadata", "manifest.json")
			.anyMatch((name) -> name.startsWith(SOURCE_DB + ".orders"));
	}

	@Test
	void stopAndRestartFromTheDetailPage() throws Exception {
		String recordId;
		try (Connection lock = TestDatabases.root(TestDatabases.sourcePort());
				Statement statement = lock.createStatement()) {
			statement.execute("LOCK TABLES `" + SOURCE_DB + "`.orders WRITE");
			recordId = startExport("stop me");
			Path recordDir = HOME.resolve("export").resolve(clusterId).resolve(recordId + "-nfs");
			Processes.await(recordDir.toString(), Duration.ofSeconds(30));
			logInAsAdmin();
			open("/transfers/" + recordId);
			waitUntil(ExpectedConditions.attributeToBe(By.id("live"), "data-status", "Processing"));

			click(By.cssSelector("#live form[action$='/stop'] button"));
			assertThat(browser.switchTo().alert().getText()).contains("Stop transfer " + recordId);
			browser.switchTo().alert().accept();

			waitUntil(ExpectedConditions.attributeToBe(By.id("live"), "data-status", "Stopped"), Duration.ofSeconds(60));
			assertThat(browser.findElement(By.id("flash")).getText()).contains("Transfer " + recordId + " is stopping");
			assertThat(Processes.commandLinesContaining(recordDir.toString())).as("tool ended").isEmpty();
			statement.execute("UNLOCK TABLES");
		}
		click(By.cssSelector("#live form[action$='/restart'] button"));
		browser.switchTo().alert().accept();
		waitUntil(ExpectedConditions.attributeToBe(By.id("live"), "data-status", "Finished"), Duration.ofSeconds(60));
		assertThat(browser.findElements(By.cssSelector("#live table.attempt"))).as("two attempts").hasSize(2);
		assertThat(browser.findElement(By.id("live")).getText()).contains("exportDataFromCluster",
				"updateDataExportRecord");
	}

	@Test
	void deleteAsksFirstAndRemovesTheRow() throws Exception {
		String recordId = startExport("delete me");
		assertThat(this.api.awaitRecord(recordId, Duration.ofSeconds(60)).path("status").asString())
			.isEqualTo("Finished");
		logInAsAdmin();
		open("/transfers?q=delete+me");
		By delete = By.cssSelector("#record-" + recordId + " form[action$='/delete'] button");

		browser.findElement(delete).click();
		browser.switchTo().alert().dismiss();
		assertThat(find(row(recordId))).as("kept when not confirmed").isPresent();

		browser.findElement(delete).click();
		browser.switchTo().alert().accept();
		waitUntil(ExpectedConditions.invisibilityOfElementLocated(row(recordId)));
		assertThat(browser.findElement(By.id("flash")).getText()).contains("Transfer " + recordId + " deleted");
		assertThat(browser.getCurrentUrl()).as("back to the filtered list").contains("q=delete");
		assertThat(this.api.get("/api/v1/clusters/transport?recordId=" + recordId).data().path("transportRecords"))
			.isEmpty();
	}

	@Test
	void aViewerSeesNoActionsAndAForgedPostIsForbidden() throws Exception {
		String recordId = startExport("viewer");
		this.api.awaitRecord(recordId, Duration.ofSeconds(60));
		createUser("vera", "vera-password-1", "VIEWER");
		logIn("vera", "vera-password-1");
		open("/transfers");
		waitUntil(ExpectedConditions.presenceOfElementLocated(row(recordId)));

		assertThat(browser.findElements(By.cssSelector("#results form, #results a[href$='/download']"))).isEmpty();
		assertThat(browser.findElements(By.linkText("New export"))).isEmpty();
		assertThat(browser.findElements(By.linkText("Users"))).isEmpty();
		Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const token = document.querySelector('meta[name=_csrf]').content;
				const header = document.querySelector('meta[name=_csrf_header]').content;
				fetch('/transfers/%s/delete', { method: 'POST', headers: { [header]: token } })
				  .then((r) => done(r.status), (e) => done(String(e)));
				""".formatted(recordId));
		assertThat(status).isEqualTo(403L);
		assertThat(this.api.get("/api/v1/clusters/transport?recordId=" + recordId).data().path("transportRecords"))
			.hasSize(1);
		open("/users");
		assertThat(browser.getPageSource()).contains("403").doesNotContain("Exception");
	}

	@Test
	void anExpiredSessionInAnHtmxRequestLeadsToTheLoginPage() throws Exception {
		logInAsAdmin();
		open("/transfers");
		Cookie session = browser.manage().getCookieNamed("JSESSIONID");
		assertThat(session).isNotNull();
		browser.manage().deleteCookieNamed("JSESSIONID"); // as if the session had expired on the server

		browser.findElement(By.cssSelector("nav.tabs a[data-status='Finished']")).click();

		waitUntil(ExpectedConditions.urlContains("/login"));
		assertThat(browser.findElement(By.id("username")).isDisplayed()).isTrue();
		assertThat(browser.findElements(By.cssSelector("#results #username"))).as("not swapped into a fragment")
			.isEmpty();
	}

	private String startExport(String comment) {
		if (clusterId == null) {
			clusterId = registerCluster(TestDatabases.uniqueName("brw"), TestDatabases.sourcePort(), "root", "");
		}
		var started = this.api.post("/api/v1/clusters/export", Map.of("clusterId", clusterId, "storageType", "nfs",
				"fileType", "sql", "filter", SOURCE_DB + ".*", "comment", comment));
		assertThat(started.code()).as(started.body().toString()).isZero();
		return started.data().path("recordId").asString();
	}

	private static By row(String recordId) {
		return By.id("record-" + recordId);
	}

	private static List<String> entries(Path zip) throws IOException {
		List<String> names = new ArrayList<>();
		try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
			for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
				names.add(entry.getName());
			}
		}
		return names;
	}

}
