package io.latchkey.oauth;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Browser;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The device verification URI in a real headless Chromium (with the page's script): it leads to the hosted sign-on
 * page, where the user signs on, confirms the code the device shows (pre-filled from
 * {@code verification_uri_complete}), allows the device, and the device's next poll gets its tokens.
 */
class DeviceVerificationPageBrowserTest {
    WebDriver browser;
    TestServer server;
    Api admin;
    String env;
    String app;
    String username;

    @BeforeEach
    void setUp() {
        boolean required = Boolean.getBoolean("latchkey.browser.required");
        if (!required) Assumptions.assumeTrue(Browser.available(), "Chromium is not installed");
        server = TestServer.shared();
        admin = server.admin();
        env = Fixtures.environment(admin);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "tv-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", "NATIVE_APP");
        body.put("grantTypes", List.of("DEVICE_CODE"));
        body.put("tokenEndpointAuthMethod", "NONE");
        app = admin.post("/v1/environments/{env}/applications", body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        username = "device-page-" + UUID.randomUUID();
        SignOnFixtures.user(admin, env, username, PASSWORD, false);
        browser = Browser.start(390, 844);
    }

    @AfterEach
    void tearDown() {
        if (browser != null) browser.quit();
    }

    @Test
    void entersTheCodeSignsOnAllowsAndTheDeviceGetsItsTokens() {
        BrowserlessClient device = new BrowserlessClient(server.baseUrl(), env);
        Response started = device.request()
                .contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("client_id", app, "scope", "openid"))
                .post("/" + env + "/as/device_authorization")
                .then()
                .statusCode(200)
                .extract()
                .response();

        // verification_uri_complete: PingOne's redirect to the hosted sign-on page, which keeps the code for its form.
        browser.get(started.<String>path("verification_uri_complete"));
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().startsWith(server.baseUrl() + "/" + env + "/signon/?flowId="));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
        WebElement code =
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("userCode")));
        assertThat(code.getAttribute("value")).isEqualTo(started.<String>path("user_code"));
        code.sendKeys(Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("allow")));
        assertThat(browser.findElement(By.id("username")).getText()).isEqualTo(username);
        browser.findElement(By.id("allow")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("message")).getText().contains("return to your device"));

        device.token(
                        Map.of(
                                "grant_type",
                                "urn:ietf:params:oauth:grant-type:device_code",
                                "device_code",
                                started.path("device_code"),
                                "client_id",
                                app),
                        null,
                        null)
                .then()
                .statusCode(200)
                .body("token_type", equalTo("Bearer"));
    }
}
