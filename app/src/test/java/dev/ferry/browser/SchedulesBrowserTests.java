package dev.ferry.browser;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import dev.ferry.support.BrowserTest;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedule screens in a real browser: the cron preview follows typing and the zone, filter rule rows are added
 * and removed, the created schedule is listed with its next run, and delete asks first.
 */
class SchedulesBrowserTests extends BrowserTest {

	static final By PREVIEW = By.id("cron-preview");

	@Test
	void createAScheduleWatchingTheCronPreviewThenSeeItListedWithItsNextRun() {
		String clusterId = registerCluster(TestDatabases.uniqueName("brs"), TestDatabases.sourcePort(), "root", "");
		String name = TestDatabases.uniqueName("nightly");
		logInAsAdmin();
		open("/schedules");
		browser.findElement(By.linkText("New schedule")).click();
		waitUntil(ExpectedConditions.urlContains("/schedules/new"));

		type(By.id("name"), name);
		new Select(browser.findElement(By.id("clusterId"))).selectByValue(clusterId);
		type(By.id("cron"), "0 */15 * * * ?");
		waitUntil(ExpectedConditions.textToBePresentInElementLocated(PREVIEW, "15 minutes"));
		assertThat(browser.findElements(By.cssSelector("#cron-preview .error-text"))).isEmpty();
		assertThat(browser.findElements(By.cssSelector("#cron-preview li"))).hasSize(5);

		type(By.id("cron"), "0 0 25 * * ?");
		waitUntil(ExpectedConditions.textToBePresentInElementLocated(PREVIEW, "not a valid Quartz cron expression"));
		assertThat(browser.findElements(By.cssSelector("#cron-preview .error-text"))).hasSize(1);
		assertThat(browser.findElements(By.cssSelector("#cron-preview li"))).isEmpty();

		type(By.id("cron"), "0 0 2 * * ?");
		waitUntil(ExpectedConditions.textToBePresentInElementLocated(PREVIEW, "02:00"));
		new Select(browser.findElement(By.id("timeZone"))).selectByValue("Asia/Tokyo");
		waitUntil(ExpectedConditions.textToBePresentInElementLocated(PREVIEW, "(Asia/Tokyo)"));
		List<WebElement> times = browser.findElements(By.cssSelector("#cron-preview li"));
		assertThat(times).hasSize(5).allSatisfy((t) -> assertThat(t.getText()).endsWith("02:00:00 +09:00"));

		browser.findElement(By.cssSelector("input[name=tables][value=rules]")).click();
		type(By.id("filters0"), "shop.*");
		browser.findElement(By.id("add-filter")).click();
		type(By.id("filters1"), "crm.customers");
		browser.findElement(By.id("add-filter")).click();
		type(By.id("filters2"), "tmp.*");
		browser.findElement(By.cssSelector("#filter-rows li:nth-child(2) [data-remove-row]")).click();
		assertThat(browser.findElement(By.id("filters1")).getAttribute("value")).as("renumbered").isEqualTo("tmp.*");
		type(By.id("keepLast"), "3");
		browser.findElement(By.cssSelector("#schedule-form button[type=submit]")).click();

		waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "Schedule " + name + " created."));
		String id = browser.getCurrentUrl().replaceAll(".*/schedules/", "");
		assertThat(this.api.get("/api/v1/schedules/" + id).data().path("export").path("filter").asString())
			.isEqualTo("shop.*\ntmp.*");

		open("/schedules");
		WebElement row = browser.findElement(By.id("schedule-" + id));
		assertThat(row.getText()).contains(name, "0 0 2 * * ?", "at 02:00", "Asia/Tokyo", "never", "keep last 3",
				"Active");
		WebElement next = row.findElement(By.cssSelector("td.next-run time"));
		assertThat(next.getText()).startsWith("in ");
		assertThat(next.getAttribute("title")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d .*");
	}

	@Test
	void deleteAsksFirstAndRemovesTheRow() {
		String clusterId = registerCluster(TestDatabases.uniqueName("brd"), TestDatabases.sourcePort(), "root", "");
		String name = TestDatabases.uniqueName("doomed");
		var created = this.api.post("/api/v1/schedules", java.util.Map.of("name", name, "cron", "0 0 3 * * ?",
				"timeZone", "UTC", "enabled", false, "export",
				java.util.Map.of("clusterId", clusterId, "fileType", "sql", "storageType", "nfs")));
		assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
		String id = created.data().path("scheduleId").asString();
		logInAsAdmin();
		open("/schedules");
		By delete = By.cssSelector("#schedule-" + id + " form[action$='/delete'] button");

		browser.findElement(delete).click();
		assertThat(browser.switchTo().alert().getText()).contains("Delete schedule " + name);
		browser.switchTo().alert().dismiss();
		assertThat(find(By.id("schedule-" + id))).as("kept when not confirmed").isPresent();

		browser.findElement(delete).click();
		browser.switchTo().alert().accept();
		waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("schedule-" + id)));
		assertThat(browser.findElement(By.id("flash")).getText()).contains("Schedule " + name + " deleted.");
		assertThat(this.api.get("/api/v1/schedules/" + id).status()).isEqualTo(404);
	}

}
