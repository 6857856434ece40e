package dev.ferry.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;


/**
 * Base of the browser tests: the whole application (as {@link FunctionalTest}) driven by Debian's headless
 * {@code chromium} through {@code chromedriver} (both installed by {@code ops/test.sh}). One browser per test class;
 * a failing test leaves a screenshot and the page source under {@code target/browser-failures/}.
 */
public abstract class BrowserTest extends FunctionalTest {

	static final Path FAILURES = Path.of("target", "browser-failures");

	protected static final Path DOWNLOADS = HOME.resolve("browser-downloads");

	protected static WebDriver browser;

	@RegisterExtension
	final TestWatcher screenshots = new TestWatcher() {
		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			saveFailure(context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
		}
	};

	@BeforeAll
	static void startBrowser() throws IOException {
		Files.createDirectories(DOWNLOADS);
		ChromeOptions options = new ChromeOptions();
		options.setBinary(System.getenv().getOrDefault("FERRY_IT_CHROMIUM", "/usr/bin/chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1400,1000", "--lang=en-US");
		options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
				"download.prompt_for_download", false));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(Path.of(System.getenv().getOrDefault("FERRY_IT_CHROMEDRIVER", "/usr/bin/chromedriver"))
				.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver chrome = new ChromeDriver(service, options);
		// every page records what its Content-Security-Policy blocked, in the tab's session storage so that it
		// outlives navigation (the recorder itself is exempt from the policy); each test ends asserting none
		chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
				document.addEventListener('securitypolicyviolation', function (e) {
				  var seen = JSON.parse(sessionStorage.getItem('cspViolations') || '[]');
				  seen.push(location.pathname + ': ' + e.violatedDirective + ' ' + e.blockedURI);
				  sessionStorage.setItem('cspViolations', JSON.stringify(seen));
				});"""));
		browser = chrome;
		browser.manage().timeouts().implicitlyWait(Duration.ZERO);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
			browser = null;
		}
	}

	protected String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	protected void open(String path) {
		browser.get(url(path));
	}

	/** Logs in through the login form (logging out first if a session exists). */
	protected void logIn(String user, String password) {
		browser.manage().deleteAllCookies();
		open("/login");
		type(By.id("username"), user);
		type(By.id("password"), password);
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		waitUntil(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
	}

	protected void logInAsAdmin() {
		logIn("admin", ADMIN_PASSWORD);
	}

	protected static void type(By field, String text) {
		WebElement element = browser.findElement(field);
		element.clear();
		element.sendKeys(text);
	}

	protected static <T> T waitUntil(java.util.function.Function<WebDriver, T> condition) {
		return waitUntil(condition, Duration.ofSeconds(20));
	}

	protected static <T> T waitUntil(java.util.function.Function<WebDriver, T> condition, Duration timeout) {
		// live fragments replace themselves every 2 s: an element found just before a swap is stale a moment later
		return new WebDriverWait(browser, timeout).pollingEvery(Duration.ofMillis(100))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(condition::apply);
	}

	/** Clicks what {@code by} finds, again if a live fragment replaced it between finding and clicking. */
	protected static void click(By by) {
		waitUntil((driver) -> {
			driver.findElement(by).click();
			return true;
		});
	}

	/** What the Content-Security-Policy blocked on Ferry's pages in this tab so far. */
	@SuppressWarnings("unchecked")
	protected static java.util.List<Object> cspViolations() {
		return (java.util.List<Object>) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
				"try { return JSON.parse(sessionStorage.getItem('cspViolations') || '[]'); } catch (e) { return []; }");
	}

	@AfterEach
	void nothingBlockedByTheContentSecurityPolicy() {
		java.util.List<Object> violations = cspViolations();
		((org.openqa.selenium.JavascriptExecutor) browser)
			.executeScript("try { sessionStorage.removeItem('cspViolations'); } catch (e) { }");
		org.assertj.core.api.Assertions.assertThat(violations)
			.as("what the Content-Security-Policy blocked during the test")
			.isEmpty();
	}

	protected static Optional<WebElement> find(By by) {
		return browser.findElements(by).stream().findFirst();
	}

	static void saveFailure(String name) {
		if (browser == null) {
			return;
		}
		try {
			Files.createDirectories(FAILURES);
			Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
			Files.copy(png, FAILURES.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			Files.writeString(FAILURES.resolve(name + ".html"), browser.getPageSource());
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("could not save the browser state of " + name + ": " + ex);
		}
	}

}
