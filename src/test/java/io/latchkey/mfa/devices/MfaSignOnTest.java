package io.latchkey.mfa.devices;

import static io.latchkey.mfa.devices.DeviceTestSupport.activate;
import static io.latchkey.mfa.devices.DeviceTestSupport.create;
import static io.latchkey.mfa.devices.DeviceTestSupport.created;
import static io.latchkey.mfa.devices.DeviceTestSupport.execute;
import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.http.Json;
import io.latchkey.mfa.MfaFixtures;
import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The sign-on policy's MFA action in the flows API, browser-less, over HTTP: password, then the second factor of an
 * email device (the passcode read from the outbox) or a TOTP device (codes computed here per RFC 6238); wrong,
 * expired and replayed passcodes; the lock; device selection; users without MFA or without devices; the action's
 * condition on the browser's last MFA sign-on; and what the tokens say (amr, acr). On both databases: every step is
 * state in the database.
 */
@ParameterizedClass
@EnumSource(Db.class)
class MfaSignOnTest {
    private static final String OTP_CHECK = "application/vnd.pingidentity.otp.check+json";
    private static final String DEVICE_SELECT = "application/vnd.pingidentity.device.select+json";

    @Parameter
    Db db;

    TestServer server;
    Api admin;
    String env;
    SignOnFixtures.App app;
    String signOnPolicy;
    String mfaPolicy;
    String username;
    String user;

    @BeforeEach
    void setUp() {
        server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        SignOnFixtures.grantOpenid(admin, env, app.id(), "profile");
        mfaPolicy = admin.post(
                        "/v1/environments/{env}/deviceAuthenticationPolicies", MfaFixtures.devicePolicy("mfa"), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        signOnPolicy = SignOnFixtures.defaultPolicy(admin, env);
        username = "mfa-" + UUID.randomUUID();
        user = SignOnFixtures.user(admin, env, username, PASSWORD, false);
        mfaEnabled(true);
    }

    private void mfaAction(Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("priority", 2);
        body.put("type", "MULTI_FACTOR_AUTHENTICATION");
        body.put("deviceAuthenticationPolicy", Map.of("id", mfaPolicy));
        body.putAll(extra);
        admin.post("/v1/environments/{env}/signOnPolicies/{p}/actions", body, env, signOnPolicy)
                .then()
                .statusCode(201);
    }

    private void mfaEnabled(boolean on) {
        admin.put("/v1/environments/{env}/users/{user}/mfaEnabled", Map.of("mfaEnabled", on), env, user)
                .then()
                .statusCode(200);
    }

    private String emailDevice() {
        return created(admin, env, user, Map.of("type", "EMAIL", "email", username + "@example.com"));
    }

    /** A paired TOTP device; its secret (base32) in {@code secret[0]}. The pairing spends the current step. */
    private String totpDevice(String[] secret) {
        JsonPath created = create(admin, env, user, Map.of("type", "TOTP"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        secret[0] = created.getString("secret");
        String id = created.getString("id");
        activate(admin, env, user, id, TestTotp.now(secret[0], 0)).then().statusCode(200);
        return id;
    }

    /** The last sign-on passcode the outbox holds for the user. */
    private String signOnCode() {
        List<JsonNode> lines = signOnMessages();
        if (lines.isEmpty()) throw new AssertionError("No sign-on passcode was sent");
        return lines.get(lines.size() - 1).path("code").asText();
    }

    private List<JsonNode> signOnMessages() {
        Path file = server.config().dataDir().resolve("outbox.jsonl");
        try {
            if (!Files.exists(file)) return List.of();
            return Files.readAllLines(file).stream()
                    .map(Json::parse)
                    .filter(n -> user.equals(n.path("userId").asText()))
                    .filter(n -> "mfa.signon".equals(n.path("purpose").asText()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String startFlow(BrowserlessClient client, Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", app.id());
        params.put("redirect_uri", REDIRECT_URI);
        params.put("scope", "openid profile");
        params.put("state", "s-1");
        params.putAll(extra);
        return BrowserlessClient.flowIdOf(client.authorize(params));
    }

    private Response otp(BrowserlessClient client, String flow, String otp) {
        return client.step(flow, OTP_CHECK, Map.of("otp", otp));
    }

    @SuppressWarnings("unchecked")
    private static List<String> amr(Object claim) {
        return (List<String>) claim;
    }

    /** Resumes a completed flow, exchanges the code, and returns the ID token's claims. */
    private Map<String, Object> idToken(BrowserlessClient client, String flow) throws Exception {
        return tokens(client, flow).idToken();
    }

    /** The ID token's claims and the access token of a completed flow. */
    private record Tokens(Map<String, Object> idToken, String accessToken) {}

    private Tokens tokens(BrowserlessClient client, String flow) throws Exception {
        Response resumed = client.resume(flow);
        assertThat(resumed.statusCode()).isEqualTo(302);
        String code = BrowserlessClient.redirectParams(resumed).get("code");
        JsonPath t = client.token(
                        Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                        app.id(),
                        app.secret())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return new Tokens(
                SignedJWT.parse(t.getString("id_token")).getJWTClaimsSet().getClaims(), t.getString("access_token"));
    }

    @Test
    void passwordThenTheEmailedPasscodeSignsOnWithTwoFactors() throws Exception {
        mfaAction(Map.of());
        String device = emailDevice();
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(client, Map.of());

        client.signOn(flow, username, PASSWORD)
                .then()
                .statusCode(200)
                .body("status", equalTo("OTP_REQUIRED"))
                .body("selectedDevice.id", equalTo(device))
                .body("bypassAllowed", equalTo(false))
                .body("_embedded.devices[0].id", equalTo(device))
                .body("_embedded.devices[0].type", equalTo("EMAIL"))
                .body("_embedded.devices[0].email", equalTo(username.substring(0, 2) + "****@example.com"))
                .body("_links", hasKey("otp.check"))
                // Selecting the email device again sends a new passcode.
                .body("_links", hasKey("device.select"))
                .body("session", nullValue());
        assertThat(signOnMessages()).hasSize(1);
        // No session yet: resuming now is refused, the password alone signs no one on.
        assertThat(client.resume(flow).statusCode()).isEqualTo(400);

        otp(client, flow, signOnCode()).then().statusCode(200).body("status", equalTo("COMPLETED"));
        Tokens tokens = tokens(client, flow);
        assertThat(amr(tokens.idToken().get("amr"))).containsExactly("pwd", "otp", "mfa");
        assertThat(tokens.idToken().get("acr")).isEqualTo("Single_Factor");
        // Introspection of the access token says the same.
        client.request()
                .auth()
                .preemptive()
                .basic(app.id(), app.secret())
                .contentType("application/x-www-form-urlencoded")
                .formParam("token", tokens.accessToken())
                .post("/" + env + "/as/introspect")
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("amr", org.hamcrest.Matchers.contains("pwd", "otp", "mfa"))
                .body("acr", equalTo("Single_Factor"));
    }

    @Test
    void passwordThenTotpAndAUsedCodeIsRefusedAgain() throws Exception {
        mfaAction(Map.of());
        String[] secret = new String[1];
        String device = totpDevice(secret);
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(client, Map.of());
        client.signOn(flow, username, PASSWORD)
                .then()
                .statusCode(200)
                .body("status", equalTo("OTP_REQUIRED"))
                .body("selectedDevice.id", equalTo(device))
                .body("_embedded.devices[0].type", equalTo("TOTP"));
        assertThat(signOnMessages()).isEmpty(); // nothing is sent to an authenticator app

        // The code that paired the device was spent by the pairing.
        otp(client, flow, TestTotp.now(secret[0], 0))
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("INVALID_OTP"))
                .body("details[0].target", equalTo("otp"));
        client.flow(flow).then().body("status", equalTo("OTP_REQUIRED"));
        String next = TestTotp.now(secret[0], 1);
        otp(client, flow, next).then().statusCode(200).body("status", equalTo("COMPLETED"));
        assertThat(amr(idToken(client, flow).get("amr"))).containsExactly("pwd", "otp", "mfa");

        // Another sign-on with the same code: refused, it was used.
        BrowserlessClient other = new BrowserlessClient(server.baseUrl(), env);
        String second = startFlow(other, Map.of());
        other.signOn(second, username, PASSWORD).then().body("status", equalTo("OTP_REQUIRED"));
        otp(other, second, next).then().statusCode(400).body("details[0].code", equalTo("INVALID_OTP"));
        otp(other, second, TestTotp.now(secret[0], 2)).then().statusCode(200).body("status", equalTo("COMPLETED"));

        // Each check is an audit activity of the device, in the order typed (docs/activities.md).
        String range = "recordedAt gt \"" + java.time.Instant.now().minusSeconds(600) + "\" and recordedAt lt \""
                + java.time.Instant.now().plusSeconds(60) + "\"";
        admin.request()
                .queryParam(
                        "filter",
                        range + " and resources.id eq \"" + device + "\" and actors.user.id eq \"" + user + "\"")
                .get("/v1/environments/{env}/activities", env)
                .then()
                .statusCode(200)
                .body(
                        "_embedded.activities.action.type",
                        org.hamcrest.Matchers.contains(
                                "MFA.CHECK_FAILED", "MFA.CHECK_SUCCEEDED", "MFA.CHECK_FAILED", "MFA.CHECK_SUCCEEDED"))
                .body(
                        "_embedded.activities.result.status",
                        org.hamcrest.Matchers.contains("FAILED", "SUCCESS", "FAILED", "SUCCESS"));
    }

    @Test
    void theUserMaySwitchToAnotherDevice() throws Exception {
        mfaAction(Map.of());
        String email = emailDevice();
        String[] secret = new String[1];
        String totp = totpDevice(secret);
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(client, Map.of());
        // DEFAULT_TO_FIRST: the first device in the user's order, the email one (activated first).
        client.signOn(flow, username, PASSWORD)
                .then()
                .body("status", equalTo("OTP_REQUIRED"))
                .body("selectedDevice.id", equalTo(email))
                .body("_links", hasKey("device.select"))
                .body("_embedded.devices.id", org.hamcrest.Matchers.contains(email, totp));

        client.step(
                        flow,
                        DEVICE_SELECT,
                        Map.of("device", Map.of("id", UUID.randomUUID().toString())))
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("device.id"));
        client.step(flow, DEVICE_SELECT, Map.of("other", 1))
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("device.id"));
        client.step(flow, DEVICE_SELECT, Map.of("device", Map.of("id", totp)))
                .then()
                .statusCode(200)
                .body("status", equalTo("OTP_REQUIRED"))
                .body("selectedDevice.id", equalTo(totp));
        // The email's passcode does not answer for the TOTP device.
        otp(client, flow, signOnCode()).then().statusCode(400).body("details[0].code", equalTo("INVALID_OTP"));
        otp(client, flow, TestTotp.now(secret[0], 1)).then().statusCode(200).body("status", equalTo("COMPLETED"));
        assertThat(amr(idToken(client, flow).get("amr"))).contains("otp", "mfa");
    }

    @Test
    void promptToSelectAsksWhichDeviceFirst() {
        JsonNode body = MfaFixtures.with(
                MfaFixtures.devicePolicy("prompt"), "authentication.deviceSelection", "PROMPT_TO_SELECT");
        mfaPolicy = admin.post("/v1/environments/{env}/deviceAuthenticationPolicies", body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        mfaAction(Map.of());
        String email = emailDevice();
        totpDevice(new String[1]);
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(client, Map.of());
        client.signOn(flow, username, PASSWORD)
                .then()
                .body("status", equalTo("DEVICE_SELECTION_REQUIRED"))
                .body("selectedDevice", nullValue())
                .body("_links", hasKey("device.select"))
                .body("_links", not(hasKey("otp.check")));
        assertThat(signOnMessages()).isEmpty();
        otp(client, flow, "123456").then().statusCode(415);
        client.step(flow, DEVICE_SELECT, Map.of("device", Map.of("id", email)))
                .then()
                .body("status", equalTo("OTP_REQUIRED"))
                .body("selectedDevice.id", equalTo(email));
        otp(client, flow, signOnCode()).then().statusCode(200).body("status", equalTo("COMPLETED"));
    }

    @Test
    void threeWrongPasscodesSpendTheSentOneAndANewOneWorks() {
        mfaAction(Map.of());
        String device = emailDevice();
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(client, Map.of());
        client.signOn(flow, username, PASSWORD).then().body("status", equalTo("OTP_REQUIRED"));
        String code = signOnCode();
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 3; i++) {
            otp(client, flow, wrong).then().statusCode(400).body("details[0].code", equalTo("INVALID_OTP"));
        }
        // The policy's failure count (3) was reached: the sent passcode no longer works.
        otp(client, flow, code).then().statusCode(400).body("details[0].code", equalTo("INVALID_OTP"));
        client.flow(flow).then().body("status", equalTo("OTP_REQUIRED"));
        // Selecting the device again sends a new one, which works.
        client.step(flow, DEVICE_SELECT, Map.of("device", Map.of("id", device)))
                .then()
                .statusCode(200)
                .body("status", equalTo("OTP_REQUIRED"));
        assertThat(signOnMessages()).hasSize(2);
        assertThat(signOnCode()).isNotEqualTo(code);
        otp(client, flow, signOnCode()).then().statusCode(200).body("status", equalTo("COMPLETED"));
    }

    @Test
    void wrongTotpCodesLockTheDeviceForTheCoolDown() {
        mfaAction(Map.of());
        String[] secret = new String[1];
        totpDevice(secret);
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(client, Map.of());
        client.signOn(flow, username, PASSWORD).then().body("status", equalTo("OTP_REQUIRED"));
        String right = TestTotp.now(secret[0], 1);
        String wrong = right.equals("000000") ? "999999" : "000000";
        otp(client, flow, wrong).then().statusCode(400).body("details[0].code", equalTo("INVALID_OTP"));
        otp(client, flow, wrong).then().statusCode(400).body("details[0].code", equalTo("INVALID_OTP"));
        otp(client, flow, wrong).then().statusCode(400).body("details[0].code", equalTo("QUOTA_EXCEEDED"));
        // Locked for the cool-down (2 minutes): even the right code is refused.
        otp(client, flow, right)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("QUOTA_EXCEEDED"))
                .body("details[0].innerError.secondsUntilUnlock", org.hamcrest.Matchers.greaterThan(60));
        client.flow(flow).then().body("status", equalTo("OTP_REQUIRED"));
    }

    @Test
    void anExpiredPasscodeIsRefused() {
        mfaAction(Map.of());
        String device = emailDevice();
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(client, Map.of());
        client.signOn(flow, username, PASSWORD).then().body("status", equalTo("OTP_REQUIRED"));
        String code = signOnCode();
        // 30 minutes later, as far as the device knows.
        execute(
                server,
                "update mfa_devices set otp_expires_at = ? where id = ?",
                System.currentTimeMillis() - 1,
                device);
        otp(client, flow, code).then().statusCode(400).body("details[0].code", equalTo("INVALID_OTP"));
        client.flow(flow).then().body("status", equalTo("OTP_REQUIRED"));
    }

    @Test
    void badStepsAreRefusedAndChangeNothing() {
        mfaAction(Map.of());
        emailDevice();
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(client, Map.of());
        client.signOn(flow, username, PASSWORD).then().body("status", equalTo("OTP_REQUIRED"));
        client.step(flow, OTP_CHECK, Map.of())
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("otp"));
        client.step(flow, OTP_CHECK, Map.of("otp", 123456))
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("otp"));
        client.step(flow, OTP_CHECK, "not json").then().statusCode(400);
        client.step(flow, OTP_CHECK, Map.of("otp", "1".repeat(5000))).then().statusCode(400);
        client.signOn(flow, username, PASSWORD).then().statusCode(415);
        client.flow(flow).then().statusCode(200).body("status", equalTo("OTP_REQUIRED"));
        // Another browser cannot type the passcode.
        new BrowserlessClient(server.baseUrl(), env)
                .step(flow, OTP_CHECK, Map.of("otp", signOnCode()))
                .then()
                .statusCode(401);
    }

    @Test
    void aUserWithoutMfaEnabledSignsOnWithThePasswordAlone() throws Exception {
        mfaAction(Map.of());
        emailDevice();
        mfaEnabled(false);
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(client, Map.of());
        client.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
        assertThat(signOnMessages()).isEmpty();
        assertThat(amr(idToken(client, flow).get("amr"))).containsExactly("pwd");
    }

    @Test
    void withoutAUsableDeviceTheSignOnFailsAndTheClientIsToldSo() {
        mfaAction(Map.of());
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(client, Map.of());
        client.signOn(flow, username, PASSWORD)
                .then()
                .statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("error.code", equalTo("NO_USABLE_DEVICES"));
        Response resumed = client.resume(flow);
        assertThat(resumed.statusCode()).isEqualTo(302);
        assertThat(BrowserlessClient.redirectParams(resumed))
                .containsEntry("error", "access_denied")
                .containsEntry("state", "s-1")
                .doesNotContainKey("code");
        // A device of a method the policy does not enable (VOICE is off in it) is no better.
        created(admin, env, user, Map.of("type", "VOICE", "phone", "+15125550100"));
        BrowserlessClient again = new BrowserlessClient(server.baseUrl(), env);
        again.signOn(startFlow(again, Map.of()), username, PASSWORD).then().body("status", equalTo("FAILED"));
    }

    @Test
    void noDevicesModeBypassLetsTheUserThrough() throws Exception {
        mfaAction(Map.of("noDevicesMode", "BYPASS"));
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(client, Map.of());
        client.signOn(flow, username, PASSWORD).then().body("status", equalTo("COMPLETED"));
        assertThat(amr(idToken(client, flow).get("amr"))).containsExactly("pwd");
    }

    @Test
    void aRecentMfaSignOnOfThisBrowserSkipsTheStepUnderTheCondition() throws Exception {
        mfaAction(Map.of(
                "condition",
                Map.of("secondsSince", "${session.lastSignOn.withAuthenticator.mfa.at}", "greater", 3600)));
        emailDevice();
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(client, Map.of());
        client.signOn(flow, username, PASSWORD).then().body("status", equalTo("OTP_REQUIRED"));
        otp(client, flow, signOnCode()).then().body("status", equalTo("COMPLETED"));
        idToken(client, flow);

        // The same browser signs on again (prompt=login): its MFA is less than an hour old.
        String again = startFlow(client, Map.of("prompt", "login"));
        client.signOn(again, username, PASSWORD).then().body("status", equalTo("COMPLETED"));
        assertThat(signOnMessages()).hasSize(1);
        // Another browser has no recent MFA sign-on.
        BrowserlessClient other = new BrowserlessClient(server.baseUrl(), env);
        other.signOn(startFlow(other, Map.of()), username, PASSWORD).then().body("status", equalTo("OTP_REQUIRED"));
    }

    @Test
    void anActionConditionOnTheUsersPopulationDecides() {
        String population = admin.get("/v1/environments/{env}/users/{user}", env, user)
                .then()
                .extract()
                .path("population.id");
        mfaAction(Map.of("condition", Map.of("not", Map.of("value", "${user.population.id}", "equals", population))));
        emailDevice();
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        client.signOn(startFlow(client, Map.of()), username, PASSWORD)
                .then()
                .body("status", equalTo("COMPLETED"))
                .body("_embedded", not(hasKey("devices")));
        assertThat(signOnMessages()).isEmpty();
    }

    @Test
    void theSignOnPageNamesTheDeviceWithoutShowingTheAddress() {
        mfaAction(Map.of());
        emailDevice();
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(client, Map.of());
        client.signOn(flow, username, PASSWORD).then().body("status", equalTo("OTP_REQUIRED"));
        client.request()
                .queryParam("flowId", flow)
                .get("/" + env + "/signon/")
                .then()
                .statusCode(200)
                .body(containsString("id=\"otp\""))
                .body(containsString("Email to " + username.substring(0, 2) + "****@example.com"))
                .body(not(containsString(username + "@example.com")));
    }

    @Test
    void anMfaActionMustNameAnMfaPolicyOfTheEnvironment() {
        String actions = "/v1/environments/{env}/signOnPolicies/{p}/actions";
        int before = admin.get(actions, env, signOnPolicy).then().extract().path("_embedded.actions.size()");
        String other = Fixtures.environment(admin);
        String foreign = admin.post(
                        "/v1/environments/{env}/deviceAuthenticationPolicies", MfaFixtures.devicePolicy("x"), other)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        for (String id : List.of(UUID.randomUUID().toString(), foreign)) {
            admin.post(
                            actions,
                            Map.of(
                                    "priority",
                                    2,
                                    "type",
                                    "MULTI_FACTOR_AUTHENTICATION",
                                    "deviceAuthenticationPolicy",
                                    Map.of("id", id)),
                            env,
                            signOnPolicy)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_DATA"))
                    .body("details[0].target", equalTo("deviceAuthenticationPolicy.id"));
        }
        admin.get(actions, env, signOnPolicy).then().body("_embedded.actions.size()", equalTo(before));
    }

    @Test
    void anMfaPolicyThatAnActionNamesCannotBeDeleted() {
        mfaAction(Map.of());
        admin.delete("/v1/environments/{env}/deviceAuthenticationPolicies/{id}", env, mfaPolicy)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"))
                .body("details[0].message", containsString("Single_Factor"));
        admin.get("/v1/environments/{env}/deviceAuthenticationPolicies/{id}", env, mfaPolicy)
                .then()
                .statusCode(200);
    }

    @Test
    void acrValuesDemandTheApplicationsPolicyWithMfaAsAStepUp() throws Exception {
        String policies = "/v1/environments/{env}/signOnPolicies";
        String stepUp = admin.post(policies, Map.of("name", "Step_Up"), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.post(policies + "/{p}/actions", Map.of("priority", 1, "type", "LOGIN"), env, stepUp)
                .then()
                .statusCode(201);
        admin.post(
                        policies + "/{p}/actions",
                        Map.of(
                                "priority",
                                2,
                                "type",
                                "MULTI_FACTOR_AUTHENTICATION",
                                "deviceAuthenticationPolicy",
                                Map.of("id", mfaPolicy)),
                        env,
                        stepUp)
                .then()
                .statusCode(201);
        String assignments = "/v1/environments/{env}/applications/{app}/signOnPolicyAssignments";
        admin.post(assignments, Map.of("priority", 1, "signOnPolicy", Map.of("id", signOnPolicy)), env, app.id())
                .then()
                .statusCode(201);
        admin.post(assignments, Map.of("priority", 2, "signOnPolicy", Map.of("id", stepUp)), env, app.id())
                .then()
                .statusCode(201);
        emailDevice();
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        // Without acr_values: the first assigned policy, password only.
        String flow = startFlow(client, Map.of());
        client.signOn(flow, username, PASSWORD).then().body("status", equalTo("COMPLETED"));
        assertThat(amr(idToken(client, flow).get("amr"))).containsExactly("pwd");
        // The client asks for the step-up policy: the same browser's password-only session does not satisfy it.
        String stepped = startFlow(client, Map.of("acr_values", "Step_Up"));
        client.signOn(stepped, username, PASSWORD).then().body("status", equalTo("OTP_REQUIRED"));
        otp(client, stepped, signOnCode()).then().body("status", equalTo("COMPLETED"));
        Map<String, Object> claims = idToken(client, stepped);
        assertThat(claims.get("acr")).isEqualTo("Step_Up");
        assertThat(amr(claims.get("amr"))).containsExactly("pwd", "otp", "mfa");
    }
}
