package org.gatehouse.system;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (Selenium WebDriver). Both paths are explicit, so
 * Selenium Manager is never asked to find or download anything; a missing browser fails the test with the packages
 * to install rather than skipping it.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("gatehouse.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("gatehouse.chromedriver", "/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(20);

    final WebDriver driver;
    private final ChromeDriverService service;
    private final Path profileDir;
    private final Path screenshots;

    private Browser(WebDriver driver, ChromeDriverService service, Path profileDir, Path screenshots) {
        this.driver = driver;
        this.service = service;
        this.profileDir = profileDir;
        this.screenshots = screenshots;
    }

    /** A fresh browser with its own empty profile; screenshots go to {@code system-tests/target/screenshots}. */
    static Browser start(Path repoDir) throws IOException {
        for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " is missing: the browser flows need Debian's Chromium and its "
                        + "driver (apt-get install -y chromium chromium-driver)");
            }
        }
        // Belt and braces: with the driver named, Selenium's DriverFinder never consults Selenium Manager.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        System.setProperty("SE_OFFLINE", "true");

        Path profileDir = Files.createTempDirectory("gatehouse-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--password-store=basic", "--window-size=1100,1000",
                // The https runs' edge serves a self-signed certificate.
                "--ignore-certificate-errors",
                "--user-data-dir=" + profileDir);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        Path screenshots = repoDir.resolve("system-tests/target/screenshots");
        Files.createDirectories(screenshots);
        return new Browser(driver, service, profileDir, screenshots);
    }

    void open(String url) {
        driver.get(url);
    }

    /** Path of the current page ("/login", "/callback"...). */
    String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    boolean has(By by) {
        return !driver.findElements(by).isEmpty();
    }

    WebElement field(String name) {
        return driver.findElement(By.name(name));
    }

    void type(String name, String value) {
        WebElement field = field(name);
        field.clear();
        field.sendKeys(value);
    }

    /** Waits until the current page's path is {@code path} (after a navigation or a form post). */
    void waitForPath(String path) {
        waitUntil(d -> path.equals(URI.create(d.getCurrentUrl()).getPath()), "page " + path);
    }

    WebElement waitFor(By by) {
        waitUntil(d -> !d.findElements(by).isEmpty(), by.toString());
        return driver.findElement(by);
    }

    void waitUntil(ExpectedCondition<Boolean> condition, String what) {
        try {
            // A condition may look at the page being replaced by a navigation: retry rather than fail.
            new WebDriverWait(driver, WAIT, Duration.ofMillis(100))
                    .ignoring(StaleElementReferenceException.class)
                    .until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("Timed out waiting for " + what + "; the browser is at " + driver.getCurrentUrl()
                    + " showing:\n" + visibleText(), e);
        }
    }

    String visibleText() {
        try {
            return driver.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            return "(no page: " + e.getMessage() + ")";
        }
    }

    /** Forgets every cookie of the public origin: the next page sees a new visitor. */
    void forgetSession(String publicUrl) {
        driver.get(publicUrl + "/login");
        driver.manage().deleteAllCookies();
    }

    Path screenshot(String name) throws IOException {
        Path file = screenshots.resolve(name + ".png");
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(file, png);
        System.out.printf("[system-tests] screenshot %s (%s)%n", file, driver.getCurrentUrl());
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            LocalRun.deleteTree(profileDir);
        }
    }
}
