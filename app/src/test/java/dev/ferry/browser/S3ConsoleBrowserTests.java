package dev.ferry.browser;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.ferry.support.BrowserTest;
import dev.ferry.support.S3Objects;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 through the console, in a real browser against the real S3 server (S3Mock, started by ops/test.sh): export a
 * database to a bucket with the export form, then import it from there into the second MariaDB with the import form.
 * The secret key never comes back in any page.
 */
class S3ConsoleBrowserTests extends BrowserTest {

	static final String BUCKET = "ferry-it";

	static final String SECRET = "s3-console-Secret-" + TestDatabases.uniqueName("k");

	@Test
	void exportToABucketAndImportFromItThroughTheForms() throws Exception {
		String db = TestDatabases.uniqueName("s3ui");
		TrickyDatabase.create(TestDatabases.sourcePort(), db, 120);
		String source = registerCluster(TestDatabases.uniqueName("src"), TestDatabases.sourcePort(), "root", "");
		String target = registerCluster(TestDatabases.uniqueName("dst"), TestDatabases.targetPort(), "root", "");
		String prefix = TestDatabases.uniqueName("console");
		logInAsAdmin();

		open("/transfers/export/new?cluster=" + source);
		browser.findElement(By.cssSelector("input[name=storageType][value=s3]")).click();
		fillS3("s3://" + BUCKET + "/" + prefix);
		browser.findElement(By.cssSelector("input[name=tables][value=rules]")).click();
		type(By.cssSelector("#filter-rows input[type=text]"), db + ".*");
		browser.findElement(By.cssSelector("#export-form button[type=submit]")).click();

		waitUntil(ExpectedConditions.urlMatches(".*/transfers/\\d+$"));
		String exportId = browser.getCurrentUrl().replaceAll(".*/transfers/", "");
		waitUntil(ExpectedConditions.attributeToBe(By.id("live"), "data-status", "Finished"), Duration.ofSeconds(90));
		String exportUrl = "s3://" + BUCKET + "/" + prefix + "/ferry-export-" + exportId;
		assertThat(browser.findElement(By.tagName("main")).getText()).contains(exportUrl);
		assertThat(keys(prefix + "/ferry-export-" + exportId + "/")).contains(db + ".orders.sql",
				db + ".customers-schema.sql", "manifest.json");
		assertThat(browser.getPageSource()).doesNotContain(SECRET);
		assertThat(browser.findElements(By.linkText("Download"))).as("an S3 export has no local zip").isEmpty();

		open("/transfers/import/new?cluster=" + target);
		browser.findElement(By.cssSelector("input[name=source][value=s3]")).click();
		fillS3(exportUrl);
		browser.findElement(By.cssSelector("#import-form button[type=submit]")).click();

		waitUntil(ExpectedConditions.urlMatches(".*/transfers/\\d+$"));
		waitUntil(ExpectedConditions.attributeToBe(By.id("live"), "data-status", "Finished"), Duration.ofSeconds(90));
		assertThat(TestDatabases.checksums(TestDatabases.targetPort(), db))
			.isEqualTo(TestDatabases.checksums(TestDatabases.sourcePort(), db));
		assertThat(browser.getPageSource()).doesNotContain(SECRET);
		open("/transfers");
		assertThat(browser.getPageSource()).doesNotContain(SECRET);
	}

	private static void fillS3(String bucketUrl) {
		waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("endpointUrl")));
		type(By.id("endpointUrl"), endpoint());
		type(By.id("bucketUrl"), bucketUrl);
		type(By.id("accessKey"), "ferry-console-key");
		type(By.id("secretAccessKey"), SECRET);
	}

	private static String endpoint() {
		return S3Objects.endpoint();
	}

	private static List<String> keys(String prefix) {
		return S3Objects.keys(BUCKET, prefix);
	}

}
