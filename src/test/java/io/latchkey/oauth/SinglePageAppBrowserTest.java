package io.latchkey.oauth;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Browser;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A single-page app served from another origin ({@code http://127.0.0.1:<port>}, Latchkey being
 * {@code http://localhost:<port>}) signs a user on in a real headless Chromium, every Auth API call made by the
 * page itself (src/test/resources/spa/index.html): discovery, authorize with PKCE through the hosted sign-on page,
 * the code exchange, userinfo, refresh and revocation. Chromium enforces CORS, so each result the page shows proves
 * the answer was readable from that origin. The page's client is oidc-client-ts, a standard browser OIDC library,
 * whose bundle the build fetches from npm (pom.xml; system property {@value #LIBRARY}): without it (no network at
 * build time) the test is skipped, unless browser tests are required (CI).
 */
@Order(1) // a long class: started first, so that it is not the suite's tail (junit-platform.properties)
class SinglePageAppBrowserTest {
    static final String LIBRARY = "latchkey.oidc-client-ts";

    WebDriver browser;
    TestServer server;
    Api admin;
    String env;
    HttpServer spaServer;
    String spaOrigin;
    String userId;
    String username;

    @BeforeEach
    void setUp() throws IOException {
        boolean required = Boolean.getBoolean("latchkey.browser.required");
        if (!required) Assumptions.assumeTrue(Browser.available(), "Chromium is not installed");
        if (!required) Assumptions.assumeTrue(Files.isRegularFile(library()), "oidc-client-ts was not downloaded");
        server = TestServer.shared();
        admin = server.admin();
        env = Fixtures.environment(admin);
        username = "spa-" + UUID.randomUUID();
        userId = SignOnFixtures.user(admin, env, username, PASSWORD, false);
        spaServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        spaOrigin = "http://127.0.0.1:" + spaServer.getAddress().getPort();
        browser = Browser.start(1024, 768);
    }

    @AfterEach
    void tearDown() {
        if (browser != null) browser.quit();
        if (spaServer != null) spaServer.stop(0);
    }

    private static Path library() {
        return Path.of(System.getProperty(LIBRARY, "target/oidc-client-ts/package/dist/browser/oidc-client-ts.min.js"));
    }

    /** A public SINGLE_PAGE_APP redirecting to the SPA's {@code /callback}, with these {@code corsSettings}. */
    private String app(Map<String, Object> corsSettings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "spa-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", "SINGLE_PAGE_APP");
        body.put("grantTypes", List.of("AUTHORIZATION_CODE", "REFRESH_TOKEN"));
        body.put("tokenEndpointAuthMethod", "NONE");
        body.put("pkceEnforcement", "S256_REQUIRED");
        body.put("redirectUris", List.of(spaOrigin + "/callback"));
        body.put("corsSettings", corsSettings);
        String id = admin.post("/v1/environments/{env}/applications", body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        SignOnFixtures.grantOpenid(admin, env, id, "profile");
        return id;
    }

    /** Serves the SPA (the same page at {@code /} and {@code /callback}) for {@code clientId}. */
    private void serveSpa(String clientId) throws IOException {
        byte[] page;
        try (InputStream in = getClass().getResourceAsStream("/spa/index.html")) {
            page = in.readAllBytes();
        }
        String config = "window.SPA_CONFIG = {issuer: \"" + server.baseUrl() + "/" + env + "/as\", clientId: \""
                + clientId + "\", redirectUri: \"" + spaOrigin + "/callback\"};";
        byte[] library = Files.readAllBytes(library());
        spaServer.createContext("/", x -> {
            String path = x.getRequestURI().getPath();
            if (path.equals("/config.js")) send(x, "text/javascript", config.getBytes(StandardCharsets.UTF_8));
            else if (path.equals("/oidc-client-ts.js")) send(x, "text/javascript", library);
            else if (path.equals("/") || path.equals("/callback")) send(x, "text/html; charset=utf-8", page);
            else send(x, 404, "text/plain", new byte[0]);
        });
        spaServer.start();
    }

    private static void send(HttpExchange x, String type, byte[] body) throws IOException {
        send(x, 200, type, body);
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) x.getResponseBody().write(body);
        x.close();
    }

    private String text(String id) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            if (!d.findElements(By.id("error")).isEmpty()) {
                throw new AssertionError(
                        "The page failed: " + d.findElement(By.id("error")).getText());
            }
            var found = d.findElements(By.id(id));
            return found.isEmpty() ? null : found.get(0).getText();
        });
    }

    @Test
    void signsOnAndCallsEveryEndpointFromTheSpasOrigin() throws IOException {
        String client = app(Map.of("behavior", "ALLOW_SPECIFIC_ORIGINS", "origins", List.of(spaOrigin)));
        serveSpa(client);

        browser.get(spaOrigin + "/");
        assertThat(text("discovery")).isEqualTo(server.baseUrl() + "/" + env + "/as");
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("signin")).isEnabled());
        browser.findElement(By.id("signin")).click();

        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().startsWith(server.baseUrl() + "/" + env + "/signon"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("password")).submit();

        assertThat(text("done")).isEqualTo("done");
        assertThat(browser.getCurrentUrl()).startsWith(spaOrigin + "/callback?");
        assertThat(text("token")).isEqualTo("200 access_token,id_token,refresh_token");
        assertThat(text("userinfo")).isEqualTo("200 " + userId + " " + username);
        assertThat(text("refresh")).isEqualTo("200 new");
        assertThat(text("revoke")).isEqualTo("200");
        assertThat(text("after-revoke")).isEqualTo("401");
    }

    @Test
    void chromiumKeepsTheTokenAnswerFromAnOriginTheApplicationDoesNotList() throws IOException {
        String listed = app(Map.of("behavior", "ALLOW_SPECIFIC_ORIGINS", "origins", List.of(spaOrigin)));
        String elsewhere =
                app(Map.of("behavior", "ALLOW_SPECIFIC_ORIGINS", "origins", List.of("https://elsewhere.example.com")));
        String none = app(Map.of("behavior", "ALLOW_NO_ORIGINS"));
        serveSpa(listed);
        browser.get(spaOrigin + "/");
        text("discovery");
        String script = "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                + " body: new URLSearchParams({grant_type: 'authorization_code', code: 'no-such-code',"
                + " redirect_uri: arguments[1], client_id: arguments[2], code_verifier: 'x'.repeat(43)})})"
                + ".then(r => r.json()).then(b => done('read ' + b.error), e => done('blocked ' + e.name));";
        String token = server.baseUrl() + "/" + env + "/as/token";
        var js = (JavascriptExecutor) browser;
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        assertThat(js.executeAsyncScript(script, token, spaOrigin + "/callback", listed))
                .isEqualTo("read invalid_grant");
        assertThat(js.executeAsyncScript(script, token, spaOrigin + "/callback", elsewhere))
                .isEqualTo("blocked TypeError");
        assertThat(js.executeAsyncScript(script, token, spaOrigin + "/callback", none))
                .isEqualTo("blocked TypeError");
    }
}
