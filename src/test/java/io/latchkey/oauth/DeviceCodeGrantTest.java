package io.latchkey.oauth;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import com.nimbusds.jwt.SignedJWT;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Await;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.net.URI;
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
 * The device authorization grant (RFC 8628) end to end over HTTP, browser-less: {@code /as/device_authorization},
 * the verification URI's redirect to the hosted sign-on page, its forms (sign-on, user code, decision: the page
 * without script), and polling {@code /as/token}. The flows API itself is {@link DeviceGrantFlowsApiTest}'s. On both databases: every
 * step is state in the database (the codes, the polls and their pace, the decision, the spending).
 */
@ParameterizedClass
@EnumSource(Db.class)
class DeviceCodeGrantTest {
    private static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";

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
        username = "dev-" + UUID.randomUUID();
        userId = SignOnFixtures.user(admin, env, username, PASSWORD, false);
    }

    /** A public NATIVE_APP with DEVICE_CODE and REFRESH_TOKEN (PingOne's "Device Authorization" app), plus {@code extra}. */
    private String deviceApp(Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "tv-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", "NATIVE_APP");
        body.put("grantTypes", List.of("DEVICE_CODE", "REFRESH_TOKEN"));
        body.put("tokenEndpointAuthMethod", "NONE");
        for (int i = 0; i < extra.length; i += 2) body.put((String) extra[i], extra[i + 1]);
        return admin.post("/v1/environments/{env}/applications", body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private Response deviceAuthorization(BrowserlessClient device, Map<String, String> form) {
        return device.request()
                .contentType("application/x-www-form-urlencoded")
                .formParams(form)
                .post("/" + env + "/as/device_authorization");
    }

    private Response start(String appId, String scope) {
        return deviceAuthorization(
                        new BrowserlessClient(server.baseUrl(), env), Map.of("client_id", appId, "scope", scope))
                .then()
                .statusCode(200)
                .extract()
                .response();
    }

    private Response poll(String appId, String deviceCode) {
        return new BrowserlessClient(server.baseUrl(), env)
                .token(Map.of("grant_type", GRANT_TYPE, "device_code", deviceCode, "client_id", appId), null, null);
    }

    private static String path(String url) {
        URI u = URI.create(url);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    /** Follows a redirect of the sign-on page to the page it names. */
    private Response follow(BrowserlessClient browser, Response redirect) {
        assertThat(redirect.statusCode()).as("a redirect").isIn(302, 303);
        return browser.request().get(path(redirect.getHeader("Location")));
    }

    /** Posts a form of the hosted sign-on page (as a browser without script does): the step {@code action}. */
    private Response post(BrowserlessClient browser, String flowId, String action, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("action", action);
        return browser.request()
                .contentType("application/x-www-form-urlencoded")
                .formParams(form)
                .queryParam("flowId", flowId)
                .post("/" + env + "/signon/");
    }

    /**
     * Opens a verification URI (PingOne: a 302 to the hosted sign-on page with a new flow) and, when the page asks,
     * signs on there: the flow, waiting for the user code.
     */
    private String openAndSignOn(BrowserlessClient browser, String verificationUri) {
        Response opened = browser.request().get(path(verificationUri));
        opened.then().statusCode(302);
        assertThat(opened.getHeader("Location")).contains("/" + env + "/signon/?flowId=");
        String flowId = BrowserlessClient.redirectParams(opened).get("flowId");
        Response page = follow(browser, opened);
        page.then().statusCode(200);
        if (page.asString().contains("usernamePassword.check")) {
            post(browser, flowId, "usernamePassword.check", Map.of("username", username, "password", PASSWORD))
                    .then()
                    .statusCode(303);
        }
        return flowId;
    }

    private Response enterCode(BrowserlessClient browser, String flowId, String userCode) {
        return post(browser, flowId, "deviceAuthGrant.userCode.verify", Map.of("userCode", userCode));
    }

    /** The whole user side on the hosted pages: open, sign on, the code (pre-filled), and the decision. */
    private Response userDecides(Response started, String decision) {
        BrowserlessClient browser = new BrowserlessClient(server.baseUrl(), env);
        String userCode = started.path("user_code");
        String flowId = openAndSignOn(browser, started.path("verification_uri_complete"));
        Response codePage = browser.request().get("/" + env + "/signon/?flowId=" + flowId + "&user_code=" + userCode);
        codePage.then().statusCode(200).body(containsString("value=\"" + userCode + "\""));
        Response entered = enterCode(browser, flowId, userCode);
        Response consent = follow(browser, entered);
        consent.then().statusCode(200).body(containsString(username)).body(containsString("<li>openid</li>"));
        return follow(
                browser,
                post(
                        browser,
                        flowId,
                        "deviceAuthGrant.consent",
                        Map.of("accept", decision.equals("allow") ? "true" : "false")));
    }

    @Test
    void theDeviceAuthorizationAnswerCarriesTheCodesAndTheAppsTimings() {
        String app = deviceApp("deviceTimeout", 300, "devicePollingInterval", 7);
        start(app, "openid")
                .then()
                .header("Cache-Control", "no-store")
                .body("device_code", notNullValue())
                .body("user_code", matchesPattern("^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$"))
                .body("verification_uri", equalTo(server.baseUrl() + "/" + env + "/device"))
                .body(
                        "verification_uri_complete",
                        matchesPattern(".*/" + env + "/device\\?user_code=[A-Z]{4}-[A-Z]{4}$"))
                .body("expires_in", equalTo(300))
                .body("interval", equalTo(7));
        // PingOne's defaults, and the app's devicePathId in the verification URI.
        String tv =
                deviceApp("devicePathId", "tv-" + UUID.randomUUID().toString().substring(0, 8));
        Response r = start(tv, "openid");
        r.then().body("expires_in", equalTo(600)).body("interval", equalTo(5));
        assertThat(r.<String>path("verification_uri")).matches(".*/" + env + "/device/tv-[0-9a-f]{8}$");
    }

    @Test
    void theUserApprovesAndTheDeviceGetsItsTokensOnce() throws Exception {
        String app =
                deviceApp("devicePathId", "tv" + UUID.randomUUID().toString().substring(0, 8));
        Response started = start(app, "openid");
        String deviceCode = started.path("device_code");
        poll(app, deviceCode).then().statusCode(400).body("error", equalTo("authorization_pending"));

        userDecides(started, "allow").then().statusCode(200).body(containsString("You can return to your device"));

        Response tokens = poll(app, deviceCode);
        tokens.then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("openid"))
                .body("refresh_token", notNullValue());
        SignedJWT access = SignedJWT.parse(tokens.<String>path("access_token"));
        assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo(userId);
        assertThat(access.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(app);
        SignedJWT id = SignedJWT.parse(tokens.<String>path("id_token"));
        assertThat(id.getJWTClaimsSet().getAudience()).containsExactly(app);
        assertThat(id.getJWTClaimsSet().getStringClaim("sid")).isNotNull();

        poll(app, deviceCode).then().statusCode(400).body("error", equalTo("invalid_grant"));
        // The refresh token works as one from the code grant does.
        new BrowserlessClient(server.baseUrl(), env)
                .token(
                        Map.of(
                                "grant_type",
                                "refresh_token",
                                "refresh_token",
                                tokens.path("refresh_token"),
                                "client_id",
                                app),
                        null,
                        null)
                .then()
                .statusCode(200);
    }

    @Test
    void pollingFasterThanTheIntervalIsSlowDown() {
        String app = deviceApp();
        String deviceCode = start(app, "openid").path("device_code");
        poll(app, deviceCode).then().statusCode(400).body("error", equalTo("authorization_pending"));
        poll(app, deviceCode)
                .then()
                .statusCode(400)
                .body("error", equalTo("slow_down"))
                .body("error_description", containsString("10 seconds"));
    }

    @Test
    void aDeviceCodeExpiresAfterTheAppsDeviceTimeout() {
        String app = deviceApp("deviceTimeout", 1, "devicePollingInterval", 1);
        String deviceCode = start(app, "openid").path("device_code");
        String[] last = {""};
        Await.until(
                "the device code expires",
                Duration.ofSeconds(20),
                () -> {
                    last[0] = poll(app, deviceCode).path("error");
                    return "expired_token".equals(last[0]);
                },
                () -> last[0]);
    }

    @Test
    void theUserDeniesAndTheDeviceIsToldSo() {
        String app = deviceApp();
        Response started = start(app, "openid");
        userDecides(started, "deny").then().statusCode(200).body(containsString("denied"));
        poll(app, started.path("device_code")).then().statusCode(400).body("error", equalTo("access_denied"));
    }

    @Test
    void aWrongUserCodeIsRefusedOnThePageAndTheRightOneStillWorks() {
        String app = deviceApp();
        Response started = start(app, "openid");
        BrowserlessClient browser = new BrowserlessClient(server.baseUrl(), env);
        String flowId = openAndSignOn(browser, started.path("verification_uri"));
        for (String wrong : List.of("BCDF-GHJK", "not a code")) {
            enterCode(browser, flowId, wrong)
                    .then()
                    .statusCode(400)
                    .body(containsString("The user code is invalid, has expired or was already used."));
        }
        // Case, blanks and the dash do not matter.
        String typed = started.<String>path("user_code").toLowerCase().replace("-", " ");
        Response consent = follow(browser, enterCode(browser, flowId, typed));
        consent.then().statusCode(200).body(containsString("<li>openid</li>"));
    }

    @Test
    void aDeviceFlowIsBoundToTheBrowserThatStartedIt() {
        String app = deviceApp();
        Response started = start(app, "openid");
        BrowserlessClient browser = new BrowserlessClient(server.baseUrl(), env);
        String flowId = openAndSignOn(browser, started.path("verification_uri"));
        // Without the browser's flow cookie (as a cross-site post is sent) the code is not even looked at.
        BrowserlessClient other = new BrowserlessClient(server.baseUrl(), env);
        enterCode(other, flowId, started.path("user_code")).then().statusCode(401);
        browser.flow(flowId).then().statusCode(200).body("status", equalTo("DAG_USER_CODE_REQUIRED"));
    }

    @Test
    void aUserCodeEnteredUnderAnotherApplicationsPathIsWrong() {
        String app = deviceApp();
        String other = deviceApp();
        Response started = start(app, "openid");
        BrowserlessClient browser = new BrowserlessClient(server.baseUrl(), env);
        browser.request().get("/" + env + "/device/no-such-app").then().statusCode(404);
        String underOther = openAndSignOn(browser, server.baseUrl() + "/" + env + "/device/" + other);
        enterCode(browser, underOther, started.path("user_code")).then().statusCode(400);
        String underApp = openAndSignOn(browser, server.baseUrl() + "/" + env + "/device/" + app);
        enterCode(browser, underApp, started.path("user_code")).then().statusCode(303);
    }

    @Test
    void anAppWithoutTheDeviceCodeGrantIsUnauthorizedClient() {
        SignOnFixtures.App web = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        new BrowserlessClient(server.baseUrl(), env)
                .request()
                .auth()
                .preemptive()
                .basic(web.id(), web.secret())
                .contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("scope", "openid"))
                .post("/" + env + "/as/device_authorization")
                .then()
                .statusCode(400)
                .body("error", equalTo("unauthorized_client"));
        new BrowserlessClient(server.baseUrl(), env)
                .token(Map.of("grant_type", GRANT_TYPE, "device_code", "x"), web.id(), web.secret())
                .then()
                .statusCode(400)
                .body("error", equalTo("unauthorized_client"));
    }

    @Test
    void aConfidentialClientAuthenticatesAsAtTheTokenEndpoint() {
        String app = deviceApp("tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC");
        String secret = admin.get("/v1/environments/{env}/applications/{id}/secret", env, app)
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        BrowserlessClient device = new BrowserlessClient(server.baseUrl(), env);
        deviceAuthorization(device, Map.of("client_id", app, "scope", "openid"))
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
        String deviceCode = device.request()
                .auth()
                .preemptive()
                .basic(app, secret)
                .contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("scope", "openid"))
                .post("/" + env + "/as/device_authorization")
                .then()
                .statusCode(200)
                .extract()
                .path("device_code");
        device.token(Map.of("grant_type", GRANT_TYPE, "device_code", deviceCode), app, secret)
                .then()
                .statusCode(400)
                .body("error", equalTo("authorization_pending"));
    }

    @Test
    void aDeviceCodeOfAnotherClientIsInvalidGrant() {
        String app = deviceApp();
        String other = deviceApp();
        String deviceCode = start(app, "openid").path("device_code");
        poll(other, deviceCode).then().statusCode(400).body("error", equalTo("invalid_grant"));
        poll(app, "unknown").then().statusCode(400).body("error", equalTo("invalid_grant"));
        poll(app, deviceCode).then().statusCode(400).body("error", equalTo("authorization_pending"));
    }

    @Test
    void anUngrantedScopeIsRefusedAtTheStart() {
        String app = deviceApp();
        deviceAuthorization(
                        new BrowserlessClient(server.baseUrl(), env), Map.of("client_id", app, "scope", "openid email"))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_scope"));
        // No scope at all: openid, the one every application may ask for.
        Response r = deviceAuthorization(new BrowserlessClient(server.baseUrl(), env), Map.of("client_id", app));
        r.then().statusCode(200);
    }

    @Test
    void aBrowserWithASessionSkipsTheSignOn() {
        String app = deviceApp();
        Response first = start(app, "openid");
        BrowserlessClient browser = new BrowserlessClient(server.baseUrl(), env);
        String flowId = openAndSignOn(browser, first.path("verification_uri_complete"));
        browser.flow(flowId).then().body("status", equalTo("DAG_USER_CODE_REQUIRED"));

        Response again = browser.request().get("/" + env + "/device");
        again.then().statusCode(302);
        browser.flow(BrowserlessClient.redirectParams(again).get("flowId"))
                .then()
                .statusCode(200)
                .body("status", equalTo("DAG_USER_CODE_REQUIRED"))
                .body("_embedded.user.username", equalTo(username));
    }
}
