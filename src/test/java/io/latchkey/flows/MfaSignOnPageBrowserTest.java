package io.latchkey.flows;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.http.Json;
import io.latchkey.mfa.MfaFixtures;
import io.latchkey.mfa.devices.TestTotp;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Browser;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The MFA step of the hosted sign-on page in a real headless Chromium: password, then the code of an authenticator
 * app (TOTP, computed here per RFC 6238); choosing between two devices; a wrong code shown as an error; the right one
 * lands the browser on the client's redirect URI with a code whose tokens say MFA happened. With the page's script (it
 * posts to the flows API) and without it, on a phone-sized window.
 */
class MfaSignOnPageBrowserTest {
    WebDriver browser;
    TestServer server;
    Api admin;
    String env;
    SignOnFixtures.App app;
    String username;
    String user;
    String secret;

    @BeforeEach
    void setUp() {
        boolean required = Boolean.getBoolean("latchkey.browser.required");
        if (!required) Assumptions.assumeTrue(Browser.available(), "Chromium is not installed");
        server = TestServer.shared();
        admin = server.admin();
        env = Fixtures.environment(admin);
        app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        SignOnFixtures.grantOpenid(admin, env, app.id(), "profile");
        username = "mfa-page-" + UUID.randomUUID();
        user = SignOnFixtures.user(admin, env, username, PASSWORD, false);
        admin.put("/v1/environments/{env}/users/{user}/mfaEnabled", Map.of("mfaEnabled", true), env, user)
                .then()
                .statusCode(200);
    }

    @AfterEach
    void tearDown() {
        if (browser != null) browser.quit();
    }

    /** The sign-on policy runs MFA after the password, under an MFA policy choosing devices as {@code selection}. */
    private void mfaAction(String selection) {
        String policy = MfaFixtures.post(
                        admin,
                        MfaFixtures.DEVICE_POLICIES,
                        MfaFixtures.with(
                                MfaFixtures.devicePolicy("page-" + selection),
                                "authentication.deviceSelection",
                                selection),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String signOnPolicy = SignOnFixtures.defaultPolicy(admin, env);
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("priority", 2);
        action.put("type", "MULTI_FACTOR_AUTHENTICATION");
        action.put("deviceAuthenticationPolicy", Map.of("id", policy));
        admin.post("/v1/environments/{env}/signOnPolicies/{p}/actions", action, env, signOnPolicy)
                .then()
                .statusCode(201);
    }

    /** A paired TOTP device; the pairing spends the current time step. */
    private String totpDevice() {
        String devices = "/v1/environments/{env}/users/{user}/devices";
        JsonPath created = admin.post(devices, Map.of("type", "TOTP"), env, user)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        secret = created.getString("secret");
        admin.request()
                .contentType("application/vnd.pingidentity.device.activate+json")
                .body(Json.write(Map.of("otp", TestTotp.now(secret, 0))))
                .post(devices + "/{device}", env, user, created.getString("id"))
                .then()
                .statusCode(200);
        return created.getString("id");
    }

    private void emailDevice() {
        admin.post(
                        "/v1/environments/{env}/users/{user}/devices",
                        Map.of("type", "EMAIL", "email", username + "@example.com"),
                        env,
                        user)
                .then()
                .statusCode(200);
    }

    private String authorizeUrl() {
        return server.baseUrl() + "/" + env + "/as/authorize?response_type=code&client_id=" + app.id()
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8)
                + "&scope=openid&state=mfa-state";
    }

    private void password() {
        browser.get(authorizeUrl());
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
    }

    /** Waits for the passcode form, and checks it is labelled and explains itself. */
    private WebElement otpField() {
        WebElement otp = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.id("otp")).stream().findFirst().orElse(null));
        assertThat(browser.findElement(By.cssSelector("label[for=otp]")).getText())
                .isEqualTo("Passcode");
        assertThat(otp.getAttribute("autocomplete")).isEqualTo("one-time-code");
        assertThat(otp.getAttribute("inputmode")).isEqualTo("numeric");
        assertThat(browser.findElement(By.id(otp.getAttribute("aria-describedby")))
                        .getText())
                .contains("authenticator app");
        return otp;
    }

    private WebElement error() {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("#errors .error")).stream()
                        .findFirst()
                        .orElse(null));
    }

    private String wrong(String right) {
        return right.equals("000000") ? "999999" : "000000";
    }

    /** Waits for the client's redirect URI, checks the state, and returns the code. */
    private String landedCode() {
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().startsWith(REDIRECT_URI));
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : URI.create(browser.getCurrentUrl()).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        assertThat(params).containsEntry("state", "mfa-state").containsKey("code");
        return params.get("code");
    }

    /** The amr of the ID token the code is exchanged for: proof that the second factor was checked. */
    @SuppressWarnings("unchecked")
    private List<String> amr(String code) throws Exception {
        String idToken = RestAssured.given()
                .baseUri(server.baseUrl())
                .auth()
                .preemptive()
                .basic(app.id(), app.secret())
                .formParam("grant_type", "authorization_code")
                .formParam("code", code)
                .formParam("redirect_uri", REDIRECT_URI)
                .post("/" + env + "/as/token")
                .then()
                .statusCode(200)
                .extract()
                .path("id_token");
        return (List<String>) SignedJWT.parse(idToken).getJWTClaimsSet().getClaim("amr");
    }

    /** Every visible input has a label; the page does not scroll sideways. */
    private void fitsAndIsLabelled() {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        Long viewport = (Long) js.executeScript("return window.innerWidth;");
        Long scrollWidth = (Long) js.executeScript("return document.documentElement.scrollWidth;");
        assertThat(viewport).isLessThanOrEqualTo(500L);
        assertThat(scrollWidth).isLessThanOrEqualTo(viewport);
        Long unlabelled = (Long) js.executeScript("return Array.from(document.querySelectorAll("
                + "'input:not([type=hidden])')).filter(i => i.labels.length === 0).length;");
        assertThat(unlabelled).isZero();
        Long overflowing = (Long) js.executeScript("return Array.from(document.querySelectorAll('main input, main"
                + " button')).filter(e => e.getBoundingClientRect().right > window.innerWidth).length;");
        assertThat(overflowing).isZero();
    }

    @Test
    void passwordThenTheAuthenticatorCodeOnAPhoneWithTheScript() throws Exception {
        mfaAction("DEFAULT_TO_FIRST");
        totpDevice();
        browser = Browser.start(375, 667);
        password();
        WebElement otp = otpField();
        fitsAndIsLabelled();
        String right = TestTotp.now(secret, 1);
        otp.sendKeys(wrong(right), Keys.ENTER);
        WebElement error = error();
        assertThat(error.getAttribute("data-code")).isEqualTo("INVALID_OTP");
        assertThat(error.getText()).contains("not right");
        // The script showed the error in place: still the same page, the field ready for another try.
        WebElement again = browser.findElement(By.id("otp"));
        again.clear();
        again.sendKeys(right, Keys.ENTER);
        assertThat(amr(landedCode())).containsExactly("pwd", "otp", "mfa");
    }

    @Test
    void twoDevicesAndPromptToSelectAskWhichOneFirst() throws Exception {
        mfaAction("PROMPT_TO_SELECT");
        emailDevice();
        totpDevice();
        browser = Browser.start(375, 667);
        password();
        WebElement authenticator = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("button[data-device-type=TOTP]")).stream()
                        .findFirst()
                        .orElse(null));
        assertThat(authenticator.getText()).isEqualTo("Authenticator app");
        WebElement email = browser.findElement(By.cssSelector("button[data-device-type=EMAIL]"));
        // The address is masked on the page.
        assertThat(email.getText()).startsWith("Email to " + username.substring(0, 2) + "****@");
        assertThat(browser.getPageSource()).doesNotContain(username + "@example.com");
        assertThat(browser.findElements(By.id("otp"))).isEmpty();
        fitsAndIsLabelled();
        authenticator.click();
        WebElement otp = otpField();
        fitsAndIsLabelled();
        otp.sendKeys(TestTotp.now(secret, 1), Keys.ENTER);
        assertThat(amr(landedCode())).containsExactly("pwd", "otp", "mfa");
    }

    @Test
    void worksWithoutJavaScript() throws Exception {
        mfaAction("DEFAULT_TO_FIRST");
        totpDevice();
        browser = Browser.start(375, 667, false);
        password();
        String right = TestTotp.now(secret, 1);
        otpField().sendKeys(wrong(right), Keys.ENTER);
        // Without the script the form posts to the page, which answers with the error and the form again.
        assertThat(error().getText()).contains("not right");
        otpField().sendKeys(right, Keys.ENTER);
        assertThat(amr(landedCode())).containsExactly("pwd", "otp", "mfa");
    }

    @Test
    void theScriptReallyPostsToTheFlowsApi() {
        mfaAction("DEFAULT_TO_FIRST");
        totpDevice();
        browser = Browser.start(1024, 768);
        password();
        WebElement otp = otpField();
        // Record the script's requests: the passcode must go to /flows/{id} as otp.check JSON, not as a page post.
        ((JavascriptExecutor) browser)
                .executeScript("window.__posts = []; const f = window.fetch; window.fetch = (u, o) => {"
                        + " window.__posts.push([String(u), o && o.headers && o.headers['Content-Type'],"
                        + " o && o.body]); return f(u, o); };");
        String right = TestTotp.now(secret, 1);
        otp.sendKeys(wrong(right), Keys.ENTER);
        error();
        @SuppressWarnings("unchecked")
        List<List<String>> posts =
                (List<List<String>>) ((JavascriptExecutor) browser).executeScript("return window.__posts;");
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).get(0)).matches("/" + env + "/flows/[0-9a-f-]{36}");
        assertThat(posts.get(0).get(1)).isEqualTo("application/vnd.pingidentity.otp.check+json");
        JsonNode body = Json.parse(posts.get(0).get(2));
        assertThat(body.path("otp").asText()).isEqualTo(wrong(right));
    }
}
