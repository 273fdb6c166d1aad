package org.chancery.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium, headless, with a profile of its own: the browser the page tests drive. */
final class HeadlessChromium {

    static final Path CHROMIUM = Path.of(System.getProperty("chancery.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("chancery.chromedriver", "/usr/bin/chromedriver"));
    /** Where the page tests keep their screenshots. */
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    private HeadlessChromium() {
    }

    static WebDriver open() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the page tests need Chromium and its driver: apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1500,1100",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        WebDriver browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
        return browser;
    }
}
