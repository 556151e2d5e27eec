package io.latchkey.flows;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;

import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Browser;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The hosted sign-on page in a real headless Chromium: the browser follows authorize to the page, signs on with the
 * keyboard, and lands on the client's redirect URI with a code. The client's redirect URI does not exist, so the
 * test reads the URL the browser was sent to.
 */
@Order(1) // a long class: started first, so that it is not the suite's tail (junit-platform.properties)
class HostedSignOnPageBrowserTest {
    WebDriver browser;
    TestServer server;
    Api admin;
    String env;
    SignOnFixtures.App app;
    String username;

    @BeforeEach
    void setUp() {
        boolean required = Boolean.getBoolean("latchkey.browser.required");
        if (!required) Assumptions.assumeTrue(Browser.available(), "Chromium is not installed");
        server = TestServer.shared();
        admin = server.admin();
        env = Fixtures.environment(admin);
        app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        username = "page-" + UUID.randomUUID();
        SignOnFixtures.user(admin, env, username, PASSWORD, false);
        browser = Browser.start(390, 844);
    }

    @AfterEach
    void tearDown() {
        if (browser != null) browser.quit();
    }

    private String authorizeUrl() {
        return server.baseUrl() + "/" + env + "/as/authorize?response_type=code&client_id=" + app.id()
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8)
                + "&scope=openid&state=page-state";
    }

    private void waitForUrl(String prefix) {
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().startsWith(prefix));
    }

    @Test
    void signsOnByKeyboardAndLandsOnTheRedirectUriWithACode() {
        browser.get(authorizeUrl());
        assertThat(browser.getCurrentUrl()).startsWith(server.baseUrl() + "/" + env + "/signon/?flowId=");
        WebElement user = browser.findElement(By.id("username"));
        assertThat(browser.findElement(By.cssSelector("label[for=username]")).getText())
                .isEqualTo("Username");
        assertThat(browser.findElement(By.cssSelector("label[for=password]")).getText())
                .isEqualTo("Password");
        user.sendKeys(username);
        user.sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys(PASSWORD, Keys.ENTER);
        waitForUrl(REDIRECT_URI);
        assertThat(browser.getCurrentUrl()).contains("code=").contains("state=page-state");
    }

    @Test
    void wrongPasswordShowsAnInlineErrorAndThePageStillSignsOn() {
        browser.get(authorizeUrl());
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("Wr0ng-password!", Keys.ENTER);
        WebElement error = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("#errors .error")).stream()
                        .findFirst()
                        .orElse(null));
        assertThat(error.getText()).contains("incorrect");
        assertThat(error.getAttribute("data-code")).isEqualTo("INVALID_CREDENTIALS");
        WebElement password = browser.findElement(By.id("password"));
        password.clear();
        password.sendKeys(PASSWORD, Keys.ENTER);
        waitForUrl(REDIRECT_URI);
        assertThat(browser.getCurrentUrl()).contains("code=");
    }

    @Test
    void worksWithoutJavaScript() {
        browser.quit();
        browser = Browser.start(1024, 768, false);
        browser.get(authorizeUrl());
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("Wr0ng-password!", Keys.ENTER);
        assertThat(browser.findElement(By.cssSelector("#errors .error")).getText())
                .contains("incorrect");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
        waitForUrl(REDIRECT_URI);
        assertThat(browser.getCurrentUrl()).contains("code=").contains("state=page-state");
    }

    @Test
    void fitsAPhoneScreenWithoutHorizontalScrolling() {
        browser.get(authorizeUrl());
        var js = (org.openqa.selenium.JavascriptExecutor) browser;
        Long viewport = (Long) js.executeScript("return window.innerWidth;");
        Long scrollWidth = (Long) js.executeScript("return document.documentElement.scrollWidth;");
        // Headless Chromium may clamp the window to its minimum width; what matters is no horizontal scrolling.
        assertThat(viewport).isLessThanOrEqualTo(500L);
        assertThat(scrollWidth).isLessThanOrEqualTo(viewport);
        Long formWidth = (Long)
                js.executeScript("return Math.round(document.querySelector('main').getBoundingClientRect().width);");
        assertThat(formWidth).isLessThanOrEqualTo(viewport);
    }
}
