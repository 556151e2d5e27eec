package io.latchkey.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's {@code chromium} + {@code chromium-driver}), started with explicit paths so
 * that Selenium never tries to download anything.
 */
public final class Browser {
    public static final Path CHROMIUM = Path.of(System.getProperty("latchkey.chromium", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("latchkey.chromedriver", "/usr/bin/chromedriver"));

    private Browser() {}

    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    }

    /** A new browser with a phone-sized window unless {@code width} says otherwise. */
    public static WebDriver start(int width, int height) {
        return start(width, height, true);
    }

    /** As {@link #start(int, int)}, optionally with JavaScript switched off (the page must work without it). */
    public static WebDriver start(int width, int height, boolean javascript) {
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height);
        if (!javascript) {
            options.setExperimentalOption(
                    "prefs", java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        try {
            options.addArguments("--user-data-dir=" + Files.createTempDirectory("latchkey-chromium-"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return driver;
    }
}
