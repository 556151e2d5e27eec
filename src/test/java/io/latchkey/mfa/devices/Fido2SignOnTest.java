package io.latchkey.mfa.devices;

import static io.latchkey.mfa.devices.DeviceTestSupport.create;
import static io.latchkey.mfa.devices.DeviceTestSupport.post;
import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

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
 * A FIDO2 device as the second factor in the flows API, browser-less: password, then ASSERTION_REQUIRED with the
 * options for {@code navigator.credentials.get()}, then {@code assertion.check} with an assertion signed by a software
 * authenticator. Every wrong assertion (origin, challenge, signature, counter, credential, JSON) is refused and the
 * flow stays; refused ones count and lock the device as the MFA policy's {@code fido2.failure} says.
 */
@ParameterizedClass
@EnumSource(Db.class)
class Fido2SignOnTest {
    private static final String ASSERTION_CHECK = "application/vnd.pingidentity.assertion.check+json";
    private static final String DEVICE_SELECT = "application/vnd.pingidentity.device.select+json";

    @Parameter
    Db db;

    TestServer server;
    Api admin;
    String env;
    SignOnFixtures.App app;
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
        mfaPolicy = MfaFixtures.post(
                        admin,
                        MfaFixtures.DEVICE_POLICIES,
                        MfaFixtures.with(MfaFixtures.devicePolicy("mfa"), "fido2.enabled", true),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String signOnPolicy = SignOnFixtures.defaultPolicy(admin, env);
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
                        signOnPolicy)
                .then()
                .statusCode(201);
        username = "fido-" + UUID.randomUUID();
        user = SignOnFixtures.user(admin, env, username, PASSWORD, false);
        admin.put("/v1/environments/{env}/users/{user}/mfaEnabled", Map.of("mfaEnabled", true), env, user)
                .then()
                .statusCode(200);
    }

    private String origin() {
        return server.baseUrl();
    }

    /** Pairs {@code key} as a FIDO2 device of the user under the MFA policy; returns the device id. */
    private String pair(TestAuthenticator key) {
        JsonPath created = create(admin, env, user, Map.of("type", "FIDO2", "policy", Map.of("id", mfaPolicy)))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String id = created.getString("id");
        post(
                        admin,
                        DevicesApi.ACTIVATE,
                        Json.write(Map.of(
                                "origin",
                                origin(),
                                "attestation",
                                key.create(created.getString("publicKeyCredentialCreationOptions"), origin()))),
                        DeviceTestSupport.DEVICE,
                        env,
                        user,
                        id)
                .then()
                .statusCode(200);
        return id;
    }

    private String startFlow(BrowserlessClient client) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", app.id());
        params.put("redirect_uri", REDIRECT_URI);
        params.put("scope", "openid profile");
        params.put("state", "s-1");
        return BrowserlessClient.flowIdOf(client.authorize(params));
    }

    /** Signs on with the password; returns the flow's publicKeyCredentialRequestOptions. */
    private String passwordThenOptions(BrowserlessClient client, String flow) {
        return client.signOn(flow, username, PASSWORD)
                .then()
                .statusCode(200)
                .body("status", equalTo("ASSERTION_REQUIRED"))
                .extract()
                .path("publicKeyCredentialRequestOptions");
    }

    private Response check(BrowserlessClient client, String flow, String origin, String assertion) {
        return client.step(flow, ASSERTION_CHECK, Map.of("origin", origin, "assertion", assertion));
    }

    @SuppressWarnings("unchecked")
    private List<String> amr(BrowserlessClient client, String flow) throws Exception {
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
        return (List<String>) SignedJWT.parse(t.getString("id_token"))
                .getJWTClaimsSet()
                .getClaims()
                .get("amr");
    }

    private static void refusedOn(Response r, String code, String target) {
        r.then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo(code))
                .body("details[0].target", equalTo(target));
    }

    @Test
    void passwordThenAPasskeySignsOnWithSoftwareKeyAndMfa() throws Exception {
        TestAuthenticator key = new TestAuthenticator("platform");
        String device = pair(key);
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(client);
        Response asked = client.signOn(flow, username, PASSWORD);
        asked.then()
                .statusCode(200)
                .body("status", equalTo("ASSERTION_REQUIRED"))
                .body("selectedDevice.id", equalTo(device))
                .body("_embedded.devices[0].type", equalTo("FIDO2"))
                .body("_links", hasKey("assertion.check"))
                .body("_links", not(hasKey("otp.check")))
                .body("_links", not(hasKey("device.select")));
        JsonNode options = Json.parse(asked.path("publicKeyCredentialRequestOptions"));
        assertThat(options.path("rpId").asText()).isEqualTo("localhost");
        assertThat(options.path("allowCredentials").get(0).path("id").asText()).isEqualTo(key.credentialIdBase64Url());
        assertThat(options.path("userVerification").asText()).isEqualTo("required");
        assertThat(options.path("challenge").asText()).isNotEmpty();
        // Reading the flow again shows the same options (the challenge is kept in the flow).
        client.flow(flow)
                .then()
                .body("publicKeyCredentialRequestOptions", equalTo(asked.path("publicKeyCredentialRequestOptions")));

        check(client, flow, origin(), key.get(options.toString(), origin()))
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"));
        assertThat(amr(client, flow)).containsExactly("pwd", "swk", "mfa");
    }

    @Test
    void aSecurityKeySignsOnWithHardwareKeyAndTheCounterMustGoUp() throws Exception {
        TestAuthenticator key = new TestAuthenticator("cross-platform");
        pair(key);
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(client);
        String options = passwordThenOptions(client, flow);
        check(client, flow, origin(), key.get(options, origin())).then().statusCode(200);
        assertThat(amr(client, flow)).containsExactly("pwd", "hwk", "mfa");

        // A second sign-on whose assertion repeats the last counter: replayed or cloned, refused.
        BrowserlessClient other = new BrowserlessClient(server.baseUrl(), env);
        String second = startFlow(other);
        JsonNode o = Json.parse(passwordThenOptions(other, second));
        Response replayed = check(
                other,
                second,
                origin(),
                key.get(o.path("rpId").asText(), o.path("challenge").asText(), origin(), false));
        refusedOn(replayed, "INVALID_VALUE", "assertion");
        replayed.then().body("details[0].message", containsString("counter"));
        other.flow(second).then().body("status", equalTo("ASSERTION_REQUIRED"));
        check(other, second, origin(), key.get(o.toString(), origin()))
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"));
    }

    @Test
    void theAssertionOfAnotherSignOnIsRefused() {
        TestAuthenticator key = new TestAuthenticator("platform");
        pair(key);
        BrowserlessClient first = new BrowserlessClient(server.baseUrl(), env);
        String one = startFlow(first);
        String firstOptions = passwordThenOptions(first, one);
        BrowserlessClient second = new BrowserlessClient(server.baseUrl(), env);
        String two = startFlow(second);
        passwordThenOptions(second, two);
        // Signed over the first flow's challenge: no use in the second.
        Response r = check(second, two, origin(), key.get(firstOptions, origin()));
        refusedOn(r, "INVALID_VALUE", "assertion");
        r.then().body("details[0].message", containsString("challenge"));
    }

    @Test
    void wrongOriginsBadSignaturesAndOtherCredentialsAreRefused() {
        TestAuthenticator key = new TestAuthenticator("platform");
        pair(key);
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(client);
        String options = passwordThenOptions(client, flow);

        // An origin Latchkey does not serve: refused before anything is checked, and not counted.
        refusedOn(
                check(client, flow, "https://evil.example", key.get(options, "https://evil.example")),
                "INVALID_VALUE",
                "origin");
        refusedOn(
                check(client, flow, "https://evil.example", key.get(options, "https://evil.example")),
                "INVALID_VALUE",
                "origin");
        refusedOn(
                check(client, flow, "https://evil.example", key.get(options, "https://evil.example")),
                "INVALID_VALUE",
                "origin");
        // Malformed: not counted either.
        for (String bad :
                new String[] {"nope", "[]", "{}", "{\"id\":\"AA\",\"type\":\"public-key\",\"response\":{}}"}) {
            refusedOn(check(client, flow, origin(), bad), "INVALID_VALUE", "assertion");
        }
        Response missing = client.step(flow, ASSERTION_CHECK, Map.of());
        missing.then()
                .statusCode(400)
                .body("details.target", org.hamcrest.Matchers.containsInAnyOrder("origin", "assertion"));
        client.step(flow, ASSERTION_CHECK, Map.of("origin", origin(), "assertion", "x", "compatibility", 3))
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("compatibility"));
        // An otp.check is not what this step takes.
        client.step(flow, "application/vnd.pingidentity.otp.check+json", Map.of("otp", "123456"))
                .then()
                .statusCode(415);

        // Checked and refused: each counts.
        Response signature =
                check(client, flow, origin(), TestAuthenticator.tamperSignature(key.get(options, origin())));
        refusedOn(signature, "INVALID_VALUE", "assertion");
        signature.then().body("details[0].message", containsString("Attempts left: 2"));
        Response stranger = check(client, flow, origin(), new TestAuthenticator("platform").get(options, origin()));
        refusedOn(stranger, "INVALID_VALUE", "assertion");
        stranger.then().body("details[0].message", containsString("Attempts left: 1"));
        // The third failure locks the device for the cool-down (2 minutes): even a good assertion is refused.
        refusedOn(check(client, flow, origin(), key.get(options, "https://localhost")), "QUOTA_EXCEEDED", "assertion");
        refusedOn(check(client, flow, origin(), key.get(options, origin())), "QUOTA_EXCEEDED", "assertion");
        client.flow(flow).then().body("status", equalTo("ASSERTION_REQUIRED"));
    }

    @Test
    void userVerificationIsEnforcedAtSignOnWhenThePolicySaysSo() {
        TestAuthenticator key = new TestAuthenticator("platform");
        pair(key);
        key.verifiesUser = false;
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(client);
        Response r = check(client, flow, origin(), key.get(passwordThenOptions(client, flow), origin()));
        refusedOn(r, "INVALID_VALUE", "assertion");
        r.then().body("details[0].message", containsString("user verification"));
    }

    @Test
    void theUserMaySwitchBetweenAnEmailAndAPasskey() {
        String email = DeviceTestSupport.created(
                admin, env, user, Map.of("type", "EMAIL", "email", username + "@example.com"));
        TestAuthenticator key = new TestAuthenticator("platform");
        String passkey = pair(key);
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(client);
        client.signOn(flow, username, PASSWORD)
                .then()
                .body("status", equalTo("OTP_REQUIRED"))
                .body("selectedDevice.id", equalTo(email))
                .body("$", not(hasKey("publicKeyCredentialRequestOptions")));
        String options = client.step(flow, DEVICE_SELECT, Map.of("device", Map.of("id", passkey)))
                .then()
                .statusCode(200)
                .body("status", equalTo("ASSERTION_REQUIRED"))
                .body("selectedDevice.id", equalTo(passkey))
                .body("_links", hasKey("device.select"))
                .body("_links", hasKey("assertion.check"))
                .extract()
                .path("publicKeyCredentialRequestOptions");
        // Back to the email and again to the passkey: a new challenge, the old one no longer answers.
        client.step(flow, DEVICE_SELECT, Map.of("device", Map.of("id", email)))
                .then()
                .body("status", equalTo("OTP_REQUIRED"));
        String fresh = client.step(flow, DEVICE_SELECT, Map.of("device", Map.of("id", passkey)))
                .then()
                .body("status", equalTo("ASSERTION_REQUIRED"))
                .extract()
                .path("publicKeyCredentialRequestOptions");
        assertThat(fresh).isNotEqualTo(options);
        refusedOn(check(client, flow, origin(), key.get(options, origin())), "INVALID_VALUE", "assertion");
        check(client, flow, origin(), key.get(fresh, origin()))
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"));
    }

    @Test
    void fido2DevicesDoNotAnswerWhenThePolicyHasFido2Off() {
        pair(new TestAuthenticator("platform"));
        MfaFixtures.put(
                        admin,
                        MfaFixtures.DEVICE_POLICIES + "/{id}",
                        MfaFixtures.with(MfaFixtures.devicePolicy("mfa"), "fido2.enabled", false),
                        env,
                        mfaPolicy)
                .then()
                .statusCode(200);
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(client);
        // No usable device, and the action blocks by default.
        client.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("FAILED"));
    }
}
