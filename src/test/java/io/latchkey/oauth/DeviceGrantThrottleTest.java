package io.latchkey.oauth;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.latchkey.throttle.ThrottleSettings;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Wrong user codes in a device flow are failed checks of a typed secret: they count under the limit per address and
 * per the signed-on user, and over it the step is refused before the code is looked at (the right code too). The
 * limit is in memory, so H2 is enough.
 */
class DeviceGrantThrottleTest {
    private static final String VERIFY = DeviceGrantFlowsApiTest.VERIFY;

    /** 3 failed checks per username, 100 per address; nothing comes back while the test runs. */
    static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(
                Db.H2,
                c -> c.withThrottle(new ThrottleSettings(
                        ThrottleSettings.Limit.of(100, "1/h"),
                        ThrottleSettings.Limit.of(3, "1/h"),
                        TestServer.GENEROUS.requestsPerAddress(),
                        TestServer.GENEROUS.trustedProxies())));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    @Test
    void wrongUserCodesCountUnderTheFailedCheckLimitOfTheSignedOnUser() {
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String username = "dag-limit-" + UUID.randomUUID();
        SignOnFixtures.user(admin, env, username, PASSWORD, false);
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("name", "tv-" + UUID.randomUUID());
        app.put("enabled", true);
        app.put("protocol", "OPENID_CONNECT");
        app.put("type", "NATIVE_APP");
        app.put("grantTypes", List.of("DEVICE_CODE"));
        app.put("tokenEndpointAuthMethod", "NONE");
        String appId = admin.post("/v1/environments/{env}/applications", app, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        BrowserlessClient browser = new BrowserlessClient(server.baseUrl(), env);
        String userCode = browser.request()
                .contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("client_id", appId))
                .post("/" + env + "/as/device_authorization")
                .then()
                .statusCode(200)
                .extract()
                .path("user_code");
        Response started = browser.request().get("/" + env + "/device");
        String flowId = BrowserlessClient.flowIdOf(started);
        // The right password gives its token back: the user starts with all three.
        browser.signOn(flowId, username, PASSWORD).then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            browser.step(flowId, VERIFY, Map.of("userCode", "BCDF-GHJK")).then().statusCode(400);
        }
        browser.step(flowId, VERIFY, Map.of("userCode", userCode))
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("REQUEST_LIMITED"));
        browser.flow(flowId).then().body("status", equalTo("DAG_USER_CODE_REQUIRED"));
    }
}
