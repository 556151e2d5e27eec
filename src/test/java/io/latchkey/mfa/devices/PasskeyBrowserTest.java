package io.latchkey.mfa.devices;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;

import io.latchkey.http.Json;
import io.latchkey.mfa.MfaFixtures;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Browser;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.path.json.JsonPath;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * A passkey end to end in a real headless Chromium with its virtual authenticator (a platform authenticator that
 * verifies the user): the browser makes the credential from the device's creation options on a page of the server's
 * origin (http://localhost is a secure context), the API activates it, and the user signs on at the hosted page with
 * the password and then the passkey button.
 */
class PasskeyBrowserTest {
    WebDriver browser;
    VirtualAuthenticator authenticator;
    TestServer server;
    Api admin;
    String env;
    SignOnFixtures.App app;
    String username;
    String user;
    String mfaPolicy;

    @BeforeEach
    void setUp() {
        boolean required = Boolean.getBoolean("latchkey.browser.required");
        if (!required) Assumptions.assumeTrue(Browser.available(), "Chromium is not installed");
        server = TestServer.shared();
        admin = server.admin();
        env = Fixtures.environment(admin);
        app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        mfaPolicy = MfaFixtures.post(
                        admin,
                        MfaFixtures.DEVICE_POLICIES,
                        MfaFixtures.with(MfaFixtures.devicePolicy("passkeys"), "fido2.enabled", true),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.post(
                        "/v1/environments/{env}/signOnPolicies/{p}/actions",
                        Map.of(
                                "priority",
                                2,
                                "type",
                                "MULTI_FACTOR_AUTHENTICATION",
                                "deviceAuthenticationPolicy",
                                Map.of("id", mfaPolicy)),
                        env,
                        SignOnFixtures.defaultPolicy(admin, env))
                .then()
                .statusCode(201);
        username = "passkey-" + UUID.randomUUID();
        user = SignOnFixtures.user(admin, env, username, PASSWORD, false);
        admin.put("/v1/environments/{env}/users/{user}/mfaEnabled", Map.of("mfaEnabled", true), env, user)
                .then()
                .statusCode(200);
        browser = Browser.start(390, 844);
        authenticator = ((HasVirtualAuthenticator) browser)
                .addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                        .setHasResidentKey(true)
                        .setHasUserVerification(true)
                        .setIsUserVerified(true));
    }

    @AfterEach
    void tearDown() {
        if (browser != null) browser.quit();
    }

    /** Creates a FIDO2 device and has the browser's authenticator make its credential; returns the device id. */
    private String pairPasskey() {
        JsonPath created = DeviceTestSupport.create(
                        admin, env, user, Map.of("type", "FIDO2", "policy", Map.of("id", mfaPolicy)))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        // Any page of the server's origin will do: the relying party is "localhost".
        browser.get(server.baseUrl() + "/" + env + "/signon/signon.css");
        Object attestation = ((JavascriptExecutor) browser)
                .executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        const b64 = s => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')
                            + '==='.slice((s.length + 3) % 4)), c => c.charCodeAt(0));
                        const o = JSON.parse(arguments[0]);
                        o.challenge = b64(o.challenge);
                        o.user.id = b64(o.user.id);
                        o.excludeCredentials = (o.excludeCredentials || []).map(c => ({...c, id: b64(c.id)}));
                        navigator.credentials.create({publicKey: o})
                            .then(c => done(JSON.stringify(c.toJSON())))
                            .catch(e => done('ERROR ' + e.name + ': ' + e.message));
                        """, created.getString("publicKeyCredentialCreationOptions"));
        assertThat(attestation.toString()).doesNotStartWith("ERROR");
        DeviceTestSupport.post(
                        admin,
                        DevicesApi.ACTIVATE,
                        Json.write(Map.of("origin", server.baseUrl(), "attestation", attestation.toString())),
                        DeviceTestSupport.DEVICE,
                        env,
                        user,
                        created.getString("id"))
                .then()
                .statusCode(200);
        return created.getString("id");
    }

    private String authorizeUrl() {
        return server.baseUrl() + "/" + env + "/as/authorize?response_type=code&client_id=" + app.id()
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8)
                + "&scope=openid&state=passkey-state";
    }

    private WebDriverWait await() {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @Test
    void aUserPairsAPasskeyAndSignsOnWithPasswordAndPasskeyByKeyboard() {
        pairPasskey();
        assertThat(authenticator.getCredentials()).hasSize(1);

        browser.get(authorizeUrl());
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
        WebElement button = await().until(d -> d.findElements(By.id("use-passkey")).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElse(null));
        assertThat(button.getText()).isEqualTo("Use your passkey or security key");
        assertThat(browser.findElement(By.id("fido2-needs-script")).isDisplayed())
                .isFalse();
        // Keyboard: focus the button and press Enter.
        ((JavascriptExecutor) browser).executeScript("arguments[0].focus()", button);
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        await().until(d -> d.getCurrentUrl().startsWith(REDIRECT_URI));
        assertThat(browser.getCurrentUrl()).contains("code=").contains("state=passkey-state");
        // The authenticator signed: its counter went up.
        assertThat(authenticator.getCredentials().get(0).getSignCount()).isGreaterThan(0);
    }

    @Test
    void withoutJavaScriptThePageSaysSoAndOffersTheOtherDevices() {
        pairPasskey();
        String email = DeviceTestSupport.created(
                admin, env, user, Map.of("type", "EMAIL", "email", username + "@example.com"));
        // The passkey is the user's first device (activated first): it is the default.
        browser.quit();
        browser = Browser.start(1024, 768, false);
        browser.get(authorizeUrl());
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
        WebElement notice = await().until(d ->
                d.findElements(By.id("fido2-needs-script")).stream().findFirst().orElse(null));
        assertThat(notice.getText()).contains("JavaScript").contains("another way");
        assertThat(browser.findElement(By.id("use-passkey")).isDisplayed()).isFalse();
        WebElement other = browser.findElement(By.cssSelector("button[data-device-type=EMAIL]"));
        assertThat(other.getText()).startsWith("Use instead: Email");
        other.click();
        await().until(d -> d.findElements(By.id("otp")).size() == 1);
        assertThat(email).isNotEmpty();
    }
}
