package io.latchkey.oauth;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.nimbusds.jwt.SignedJWT;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Await;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The device authorization grant driven as a custom sign-on UI written for PingOne drives it: {@code GET
 * /{envId}/device[/{appIdentifier}]} starts a flow, and the flows API takes it through PingOne's statuses
 * ({@code USERNAME_PASSWORD_REQUIRED}, {@code DAG_USER_CODE_REQUIRED}, {@code DAG_CONSENT_REQUIRED}) while the device
 * polls {@code /as/token}. On both databases: the flow, the codes and the decision are all database state.
 */
@ParameterizedClass
@EnumSource(Db.class)
class DeviceGrantFlowsApiTest {
    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
    static final String VERIFY = "application/vnd.pingidentity.deviceAuthGrant.userCode.verify+json";
    static final String CONSENT = "application/vnd.pingidentity.deviceAuthGrant.consent+json";

    @Parameter
    Db db;

    TestServer server;
    Api admin;
    String env;
    String username;
    String userId;

    @BeforeEach
    void setUp() {
        server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        username = "dag-" + UUID.randomUUID();
        userId = SignOnFixtures.user(admin, env, username, PASSWORD, false);
    }

    private record App(String id, String name) {}

    private App deviceApp(Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        String name = "tv-" + UUID.randomUUID();
        body.put("name", name);
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", "NATIVE_APP");
        body.put("grantTypes", List.of("DEVICE_CODE"));
        body.put("tokenEndpointAuthMethod", "NONE");
        for (int i = 0; i < extra.length; i += 2) body.put((String) extra[i], extra[i + 1]);
        String id = admin.post("/v1/environments/{env}/applications", body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return new App(id, name);
    }

    private Response deviceAuthorization(App app) {
        return new BrowserlessClient(server.baseUrl(), env)
                .request()
                .contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("client_id", app.id(), "scope", "openid"))
                .post("/" + env + "/as/device_authorization")
                .then()
                .statusCode(200)
                .extract()
                .response();
    }

    private Response poll(App app, String deviceCode) {
        return new BrowserlessClient(server.baseUrl(), env)
                .token(Map.of("grant_type", GRANT_TYPE, "device_code", deviceCode, "client_id", app.id()), null, null);
    }

    /** {@code GET /{envId}/device{suffix}}: PingOne's 302 to the hosted sign-on page; the new flow's id. */
    private String startFlow(BrowserlessClient browser, String suffix) {
        Response r = browser.request().get("/" + env + "/device" + suffix);
        r.then().statusCode(302);
        assertThat(r.getHeader("Location")).startsWith(server.baseUrl() + "/" + env + "/signon/?flowId=");
        return BrowserlessClient.flowIdOf(r);
    }

    /** A browser signed on in a device flow under {@code suffix}: the flow, now waiting for the user code. */
    private String signedOnFlow(BrowserlessClient browser, String suffix) {
        String flowId = startFlow(browser, suffix);
        browser.signOn(flowId, username, PASSWORD)
                .then()
                .statusCode(200)
                .body("status", equalTo("DAG_USER_CODE_REQUIRED"));
        return flowId;
    }

    private Response verify(BrowserlessClient browser, String flowId, Object body) {
        return browser.step(flowId, VERIFY, body);
    }

    private Response consent(BrowserlessClient browser, String flowId, Object accept) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accept", accept);
        return browser.step(flowId, CONSENT, body);
    }

    @Test
    void theWholeBrowserlessPathGivesTheDeviceItsTokens() throws Exception {
        App app = deviceApp();
        Response started = deviceAuthorization(app);
        String deviceCode = started.path("device_code");
        BrowserlessClient browser = new BrowserlessClient(server.baseUrl(), env);

        String flowId = startFlow(browser, "/" + app.id());
        String self = server.baseUrl() + "/" + env + "/flows/" + flowId;
        browser.flow(flowId)
                .then()
                .statusCode(200)
                .body("status", equalTo("USERNAME_PASSWORD_REQUIRED"))
                .body("_links.'usernamePassword.check'.href", equalTo(self))
                .body("_links.'deviceAuthGrant.userCode.verify'", nullValue())
                .body("_embedded.application.name", equalTo(app.name()));

        browser.signOn(flowId, username, PASSWORD)
                .then()
                .statusCode(200)
                .header("Set-Cookie", containsString("ST="))
                .body("status", equalTo("DAG_USER_CODE_REQUIRED"))
                .body("_links.'deviceAuthGrant.userCode.verify'.href", equalTo(self))
                .body("_links.'session.reset'.href", equalTo(self))
                .body("_links.'usernamePassword.check'", nullValue())
                .body("_embedded.user.id", equalTo(userId));
        poll(app, deviceCode).then().statusCode(400).body("error", equalTo("authorization_pending"));

        verify(browser, flowId, Map.of("userCode", started.path("user_code")))
                .then()
                .statusCode(200)
                .body("status", equalTo("DAG_CONSENT_REQUIRED"))
                .body("_links.'deviceAuthGrant.consent'.href", equalTo(self))
                .body("_links.'deviceAuthGrant.userCode.verify'", nullValue())
                .body("_embedded.application.name", equalTo(app.name()));

        consent(browser, flowId, true).then().statusCode(200).body("status", equalTo("COMPLETED"));
        Response tokens = poll(app, deviceCode);
        tokens.then().statusCode(200).body("scope", equalTo("openid"));
        SignedJWT access = SignedJWT.parse(tokens.<String>path("access_token"));
        assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo(userId);
        assertThat(access.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(app.id());
        SignedJWT id = SignedJWT.parse(tokens.<String>path("id_token"));
        assertThat(id.getJWTClaimsSet().getStringClaim("sid")).isNotNull();
        // The flow ended with the decision: nothing more to post, and resume leads back to the page saying so.
        consent(browser, flowId, true).then().statusCode(415);
        Response resumed = browser.resume(flowId);
        resumed.then().statusCode(302);
        assertThat(resumed.getHeader("Location")).endsWith("/" + env + "/signon/?flowId=" + flowId);
    }

    @Test
    void withoutAnAppIdentifierTheFlowLearnsItsApplicationFromTheUserCode() {
        App app = deviceApp("devicePathId", "tv" + UUID.randomUUID().toString().substring(0, 8));
        Response started = deviceAuthorization(app);
        BrowserlessClient browser = new BrowserlessClient(server.baseUrl(), env);
        String flowId = signedOnFlow(browser, "");
        browser.flow(flowId).then().body("_embedded.application.name", equalTo(""));
        verify(browser, flowId, Map.of("userCode", started.path("user_code")))
                .then()
                .statusCode(200)
                .body("_embedded.application.name", equalTo(app.name()));
        consent(browser, flowId, true).then().statusCode(200);
        poll(app, started.path("device_code")).then().statusCode(200);
    }

    @Test
    void aBrowserWithASessionStartsAtTheUserCode() {
        App app = deviceApp("devicePathId", "tv" + UUID.randomUUID().toString().substring(0, 8));
        BrowserlessClient browser = new BrowserlessClient(server.baseUrl(), env);
        signedOnFlow(browser, "");
        String devicePathId = admin.get("/v1/environments/{env}/applications/{id}", env, app.id())
                .then()
                .extract()
                .path("devicePathId");
        String flowId = startFlow(browser, "/" + devicePathId);
        browser.flow(flowId)
                .then()
                .body("status", equalTo("DAG_USER_CODE_REQUIRED"))
                .body("session.id", notNullValue())
                .body("_embedded.user.username", equalTo(username));
    }

    @Test
    void aWrongUserCodeIsInvalidDataAndTheFlowStaysWhereItWas() {
        App app = deviceApp();
        App other = deviceApp();
        Response started = deviceAuthorization(app);
        Response othersStarted = deviceAuthorization(other);
        BrowserlessClient browser = new BrowserlessClient(server.baseUrl(), env);
        String flowId = signedOnFlow(browser, "/" + app.id());
        for (String wrong : List.of("BCDF-GHJK", "not a code", "x".repeat(5000), othersStarted.path("user_code"))) {
            verify(browser, flowId, Map.of("userCode", wrong))
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_DATA"))
                    .body("details[0].target", equalTo("userCode"));
        }
        browser.flow(flowId).then().body("status", equalTo("DAG_USER_CODE_REQUIRED"));
        // Case, blanks and the dash do not matter.
        String typed = started.<String>path("user_code").toLowerCase().replace("-", " ");
        verify(browser, flowId, Map.of("userCode", typed)).then().statusCode(200);
    }

    @Test
    void anExpiredDeviceCodeIsAWrongUserCodeAndCannotBeAllowed() {
        App app = deviceApp("deviceTimeout", 2, "devicePollingInterval", 1);
        Response started = deviceAuthorization(app);
        Response late = deviceAuthorization(app);
        BrowserlessClient browser = new BrowserlessClient(server.baseUrl(), env);
        String flowId = signedOnFlow(browser, "");
        // Verified in time, but it expires before the user allows it.
        verify(browser, flowId, Map.of("userCode", started.path("user_code")))
                .then()
                .statusCode(200);
        String[] last = {""};
        Await.until(
                "the device code expires",
                Duration.ofSeconds(20),
                () -> {
                    last[0] = poll(app, started.path("device_code")).path("error");
                    return "expired_token".equals(last[0]);
                },
                () -> last[0]);
        consent(browser, flowId, true)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"))
                .body("message", containsString("expired"));
        browser.flow(flowId).then().body("status", equalTo("DAG_CONSENT_REQUIRED"));
        poll(app, started.path("device_code")).then().statusCode(400).body("error", equalTo("expired_token"));

        // A code that expired before it was entered is a wrong code.
        BrowserlessClient b2 = new BrowserlessClient(server.baseUrl(), env);
        String third = signedOnFlow(b2, "");
        verify(b2, third, Map.of("userCode", late.path("user_code")))
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("userCode"));
    }

    @Test
    void refusedConsentFailsTheFlowAndThePollIsAccessDenied() {
        App app = deviceApp();
        Response started = deviceAuthorization(app);
        BrowserlessClient browser = new BrowserlessClient(server.baseUrl(), env);
        String flowId = signedOnFlow(browser, "");
        verify(browser, flowId, Map.of("userCode", started.path("user_code")))
                .then()
                .statusCode(200);
        consent(browser, flowId, false).then().statusCode(200).body("status", equalTo("FAILED"));
        poll(app, started.path("device_code")).then().statusCode(400).body("error", equalTo("access_denied"));
        consent(browser, flowId, true).then().statusCode(415);
        poll(app, started.path("device_code")).then().statusCode(400).body("error", equalTo("access_denied"));
    }

    @Test
    void aUserCodeAlreadyDecidedCannotBeUsedAgain() {
        App app = deviceApp();
        Response started = deviceAuthorization(app);
        String code = started.path("user_code");
        // Two browsers reach the consent with the same code; the first decision wins.
        BrowserlessClient first = new BrowserlessClient(server.baseUrl(), env);
        BrowserlessClient second = new BrowserlessClient(server.baseUrl(), env);
        String firstFlow = signedOnFlow(first, "");
        String secondFlow = signedOnFlow(second, "");
        verify(first, firstFlow, Map.of("userCode", code)).then().statusCode(200);
        verify(second, secondFlow, Map.of("userCode", code)).then().statusCode(200);
        consent(first, firstFlow, true).then().statusCode(200).body("status", equalTo("COMPLETED"));
        consent(second, secondFlow, false).then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        second.flow(secondFlow).then().body("status", equalTo("DAG_CONSENT_REQUIRED"));

        BrowserlessClient third = new BrowserlessClient(server.baseUrl(), env);
        String thirdFlow = signedOnFlow(third, "");
        verify(third, thirdFlow, Map.of("userCode", code))
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("userCode"));
        // The device got the first decision, once.
        poll(app, started.path("device_code")).then().statusCode(200);
        poll(app, started.path("device_code")).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void badContentTypesAndBodiesArePingOneErrorsThatChangeNothing() {
        App app = deviceApp();
        Response started = deviceAuthorization(app);
        BrowserlessClient browser = new BrowserlessClient(server.baseUrl(), env);
        String flowId = startFlow(browser, "");
        // Not before the sign-on.
        verify(browser, flowId, Map.of("userCode", started.path("user_code")))
                .then()
                .statusCode(415);
        browser.signOn(flowId, username, PASSWORD).then().statusCode(200);

        consent(browser, flowId, true).then().statusCode(415).body("code", equalTo("INVALID_REQUEST"));
        verify(browser, flowId, Map.of())
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("userCode"));
        verify(browser, flowId, Map.of("userCode", 42))
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("userCode"));
        verify(browser, flowId, "[\"" + started.path("user_code") + "\"]")
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("userCode"));
        verify(browser, flowId, "{not json").then().statusCode(400);
        browser.flow(flowId).then().body("status", equalTo("DAG_USER_CODE_REQUIRED"));

        verify(browser, flowId, Map.of("userCode", started.path("user_code")))
                .then()
                .statusCode(200);
        verify(browser, flowId, Map.of("userCode", started.path("user_code")))
                .then()
                .statusCode(415);
        for (Object accept : new Object[] {"true", 1, null, List.of(true)}) {
            consent(browser, flowId, accept)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_DATA"))
                    .body("details[0].target", equalTo("accept"));
        }
        browser.step(flowId, CONSENT, Map.of())
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"));
        browser.flow(flowId).then().body("status", equalTo("DAG_CONSENT_REQUIRED"));
        poll(app, started.path("device_code")).then().statusCode(400).body("error", equalTo("authorization_pending"));
    }

    @Test
    void startingNeedsAnEnvironmentAndADeviceApplication() {
        BrowserlessClient browser = new BrowserlessClient(server.baseUrl(), env);
        browser.request().get("/" + UUID.randomUUID() + "/device").then().statusCode(404);
        browser.request().get("/" + env + "/device/no-such-app").then().statusCode(404);
        browser.request().get("/" + env + "/device/" + UUID.randomUUID()).then().statusCode(404);
        SignOnFixtures.App web = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        browser.request().get("/" + env + "/device/" + web.id()).then().statusCode(404);
        // A malformed user_code is not carried on to the page.
        Response r = browser.request().get("/" + env + "/device?user_code=%3Cscript%3E");
        r.then().statusCode(302);
        assertThat(r.getHeader("Location")).doesNotContain("user_code");
    }
}
