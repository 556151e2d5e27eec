package io.latchkey.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.app.Operations;
import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} over HTTP: on the management port without credentials, on the main port only with a management
 * token; what moves when a token is issued; requests counted by route template. A server of its own, so that no other
 * test's requests move its counters.
 */
class MetricsTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static String management;

    @BeforeAll
    static void start() {
        server = TestServer.start(Db.H2, c -> c.withOperations(new Operations(0, false)));
        management = "http://localhost:" + server.latchkey().managementPort().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static HttpResponse<String> send(String url, String method, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) b.headers(headers);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Scrape scrape() throws Exception {
        HttpResponse<String> r = send(management + "/metrics", "GET");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new Scrape(r.body());
    }

    private static HttpResponse<String> clientCredentials(String secret) throws Exception {
        String basic = Base64.getEncoder()
                .encodeToString((server.adminClientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/" + server.adminEnvironmentId + "/as/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void managementPortServesProbesAndMetricsWithoutCredentials() throws Exception {
        HttpResponse<String> live = send(management + "/health/live", "GET");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(live.body()).get("status").asText()).isEqualTo("UP");
        HttpResponse<String> ready = send(management + "/health/ready", "GET");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).at("/checks/0/status").asText()).isEqualTo("UP");
        assertThat(send(management + "/health/ready", "HEAD").statusCode()).isEqualTo(200);

        HttpResponse<String> metrics = send(management + "/metrics", "GET");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        Scrape s = new Scrape(metrics.body());
        // JVM, process, connection pool, and our own.
        assertThat(s.has("jvm_memory_used_bytes")).isTrue();
        assertThat(s.has("jvm_gc_pause_seconds_count") || s.has("jvm_gc_memory_allocated_bytes_total"))
                .isTrue();
        assertThat(s.has("process_cpu_usage")).isTrue();
        assertThat(s.has("process_uptime_seconds")).isTrue();
        assertThat(s.value("hikaricp_connections_max", "pool", "latchkey")).isEqualTo(8);
        assertThat(s.has("hikaricp_connections_active")).isTrue();
        assertThat(s.has("latchkey_signons_total")).isTrue();
        assertThat(s.has("latchkey_flows_total")).isTrue();
        assertThat(s.has("latchkey_tokens_issued_total")).isTrue();
    }

    @Test
    void signOnsCountByOutcomeAndFlowsByTheStatusTheyEnter() throws Exception {
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        SignOnFixtures.App app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        String locked = "locked-" + UUID.randomUUID();
        String happy = "happy-" + UUID.randomUUID();
        SignOnFixtures.user(admin, env, locked, SignOnFixtures.PASSWORD, false);
        SignOnFixtures.user(admin, env, happy, SignOnFixtures.PASSWORD, false);
        Scrape before = scrape();

        BrowserlessClient lockedOut = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(lockedOut, app);
        for (int i = 0; i < 4; i++) {
            lockedOut
                    .signOn(flow, locked, "Wr0ng-password!")
                    .then()
                    .statusCode(400)
                    .body("details[0].code", equalTo("INVALID_CREDENTIALS"));
        }
        // The fifth failure locks the account (the default policy's limit) and says so; so does any later attempt.
        for (String password : new String[] {"Wr0ng-password!", SignOnFixtures.PASSWORD}) {
            lockedOut
                    .signOn(flow, locked, password)
                    .then()
                    .statusCode(400)
                    .body("details[0].code", equalTo("PASSWORD_LOCKED_OUT"));
        }
        BrowserlessClient signedOn = new BrowserlessClient(server.baseUrl(), env);
        String other = startFlow(signedOn, app);
        signedOn.signOn(other, happy, SignOnFixtures.PASSWORD).then().statusCode(200);

        Scrape after = scrape();
        String signOns = "latchkey_signons_total";
        assertThat(after.value(signOns, "outcome", "failed") - before.value(signOns, "outcome", "failed"))
                .isEqualTo(4);
        assertThat(after.value(signOns, "outcome", "locked") - before.value(signOns, "outcome", "locked"))
                .isEqualTo(2);
        assertThat(after.value(signOns, "outcome", "succeeded") - before.value(signOns, "outcome", "succeeded"))
                .isEqualTo(1);
        String flows = "latchkey_flows_total";
        assertThat(after.value(flows, "status", "USERNAME_PASSWORD_REQUIRED")
                        - before.value(flows, "status", "USERNAME_PASSWORD_REQUIRED"))
                .isEqualTo(2);
        assertThat(after.value(flows, "status", "COMPLETED") - before.value(flows, "status", "COMPLETED"))
                .isEqualTo(1);
    }

    @Test
    void anAccessTokenOfAnAuthorizationResponseCountsAsImplicit() throws Exception {
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "implicit-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", "WEB_APP");
        body.put("grantTypes", List.of("AUTHORIZATION_CODE", "IMPLICIT"));
        body.put("responseTypes", List.of("CODE", "TOKEN", "ID_TOKEN"));
        body.put("tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC");
        body.put("redirectUris", List.of(SignOnFixtures.REDIRECT_URI));
        String appId = admin.post("/v1/environments/{env}/applications", body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        SignOnFixtures.grantOpenid(admin, env, appId, "profile");
        String username = "implicit-" + UUID.randomUUID();
        SignOnFixtures.user(admin, env, username, SignOnFixtures.PASSWORD, false);
        double before = scrape().value("latchkey_tokens_issued_total", "grant_type", "implicit");

        BrowserlessClient browser = new BrowserlessClient(server.baseUrl(), env);
        String flow = BrowserlessClient.flowIdOf(browser.authorize(Map.of(
                        "response_type", "id_token token",
                        "client_id", appId,
                        "redirect_uri", SignOnFixtures.REDIRECT_URI,
                        "scope", "openid profile",
                        "nonce", "n-1"))
                .then()
                .statusCode(302)
                .extract()
                .response());
        browser.signOn(flow, username, SignOnFixtures.PASSWORD).then().statusCode(200);
        Response resumed = browser.resume(flow).then().statusCode(302).extract().response();
        assertThat(BrowserlessClient.redirectParams(resumed)).containsKey("access_token");

        assertThat(scrape().value("latchkey_tokens_issued_total", "grant_type", "implicit"))
                .isEqualTo(before + 1);
    }

    private static String startFlow(BrowserlessClient c, SignOnFixtures.App app) {
        return c.authorize(Map.of(
                        "response_type", "code",
                        "client_id", app.id(),
                        "redirect_uri", SignOnFixtures.REDIRECT_URI,
                        "scope", "openid",
                        "response_mode", "pi.flow"))
                .then()
                .statusCode(200)
                .extract()
                .path("id");
    }

    @Test
    void managementPortServesNothingElse() throws Exception {
        assertThat(send(management + "/v1/environments", "GET").statusCode()).isEqualTo(404);
        assertThat(send(management + "/" + server.adminEnvironmentId + "/as/jwks", "GET")
                        .statusCode())
                .isEqualTo(404);
        assertThat(send(management + "/metrics", "POST").statusCode()).isEqualTo(405);
    }

    @Test
    void metricsOnTheMainPortAreRefusedWithoutAManagementToken() throws Exception {
        String url = server.baseUrl() + "/metrics";
        for (String[] headers :
                new String[][] {{}, {"Authorization", "Bearer not-a-token"}, {"Authorization", "Basic Og=="}}) {
            HttpResponse<String> r = send(url, "GET", headers);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("code").asText()).isEqualTo("ACCESS_FAILED");
            assertThat(r.body()).doesNotContain("jvm_");
        }
        HttpResponse<String> admin =
                send(url, "GET", "Authorization", "Bearer " + server.admin().token());
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
        assertThat(new Scrape(admin.body()).has("jvm_memory_used_bytes")).isTrue();
    }

    @Test
    void aTokenIssuedCountsOnceForItsGrantTypeAndARefusedRequestNotAtAll() throws Exception {
        double before = scrape().value("latchkey_tokens_issued_total", "grant_type", "client_credentials");

        assertThat(clientCredentials(server.adminClientSecret).statusCode()).isEqualTo(200);
        assertThat(clientCredentials("wrong-secret").statusCode()).isEqualTo(401);

        Scrape after = scrape();
        assertThat(after.value("latchkey_tokens_issued_total", "grant_type", "client_credentials"))
                .isEqualTo(before + 1);
        assertThat(after.value("latchkey_tokens_issued_total", "grant_type", "authorization_code"))
                .isZero();
    }

    @Test
    void requestsAreCountedByRouteTemplateAndStatusNeverByRawPath() throws Exception {
        String env = server.adminEnvironmentId;
        String template = "/v1/environments/{envId}/populations";
        String token = server.admin().token();
        Scrape before = scrape();
        String unknown = UUID.randomUUID().toString();

        assertThat(send(
                                server.baseUrl() + "/v1/environments/" + env + "/populations",
                                "GET",
                                "Authorization",
                                "Bearer " + token)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(server.baseUrl() + "/v1/environments/" + env + "/populations", "GET")
                        .statusCode())
                .isEqualTo(401);
        assertThat(send(server.baseUrl() + "/nothing/" + unknown, "GET").statusCode())
                .isEqualTo(404);

        Scrape after = scrape();
        String count = "http_server_requests_seconds_count";
        for (String status : new String[] {"200", "401"}) {
            assertThat(after.value(count, "method", "GET", "uri", template, "status", status))
                    .as(status)
                    .isEqualTo(before.value(count, "method", "GET", "uri", template, "status", status) + 1);
        }
        assertThat(after.value(count, "method", "GET", "uri", "UNMATCHED", "status", "404"))
                .isEqualTo(before.value(count, "method", "GET", "uri", "UNMATCHED", "status", "404") + 1);
        // A latency histogram, with buckets Prometheus computes quantiles from.
        assertThat(after.value("http_server_requests_seconds_bucket", "uri", template, "status", "200", "le", "+Inf"))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.text()).contains("le=\"0.005\"");
        assertThat(after.text()).doesNotContain(env).doesNotContain(unknown);
    }
}
