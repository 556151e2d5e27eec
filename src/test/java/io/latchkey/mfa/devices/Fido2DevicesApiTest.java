package io.latchkey.mfa.devices;

import static io.latchkey.mfa.devices.DeviceTestSupport.DEVICE;
import static io.latchkey.mfa.devices.DeviceTestSupport.create;
import static io.latchkey.mfa.devices.DeviceTestSupport.listed;
import static io.latchkey.mfa.devices.DeviceTestSupport.post;
import static io.latchkey.mfa.devices.DeviceTestSupport.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.http.Json;
import io.latchkey.mfa.MfaFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * FIDO2 devices over HTTP: creation gives WebAuthn creation options from the FIDO2 policy; activation verifies the
 * attestation (made here by a software authenticator) and every way it can be wrong changes nothing.
 */
@ParameterizedClass
@EnumSource(Db.class)
class Fido2DevicesApiTest {
    @Parameter
    Db db;

    TestServer server;
    Api admin;
    String env;
    String username;
    String user;

    @BeforeEach
    void setUp() {
        server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        username = "fido-" + UUID.randomUUID();
        user = DeviceTestSupport.user(admin, env, username);
    }

    private JsonPath newFido2Device() {
        return create(admin, env, user, Map.of("type", "FIDO2"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private Response activate(String device, String origin, String attestation) {
        return post(
                admin,
                DevicesApi.ACTIVATE,
                Json.write(Map.of("origin", origin, "attestation", attestation)),
                DEVICE,
                env,
                user,
                device);
    }

    private String origin() {
        return server.baseUrl();
    }

    @Test
    void aNewFido2DeviceWaitsForItsAttestationWithOptionsFromThePasskeysPolicy() {
        JsonPath created = newFido2Device();
        assertThat(created.getString("type")).isEqualTo("FIDO2");
        assertThat(created.getString("status")).isEqualTo("ACTIVATION_REQUIRED");
        assertThat(created.getString("_links.'device.activate'.href")).endsWith("/devices/" + created.getString("id"));
        JsonNode options = Json.parse(created.getString("publicKeyCredentialCreationOptions"));
        // The default FIDO2 policy ("Passkeys"): the relying party is the public host, discoverable credentials and
        // user verification required, no attestation, any attachment.
        assertThat(options.path("rp").path("id").asText()).isEqualTo("localhost");
        assertThat(options.path("rp").path("name").asText()).isNotEmpty();
        assertThat(options.path("user").path("name").asText()).isEqualTo(username);
        assertThat(options.path("user").path("id").asText()).isNotEmpty();
        assertThat(options.path("challenge").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(options.path("pubKeyCredParams").findValuesAsText("alg")).contains("-7", "-257");
        assertThat(options.path("attestation").asText()).isEqualTo("none");
        assertThat(options.path("authenticatorSelection").path("residentKey").asText())
                .isEqualTo("required");
        assertThat(options.path("authenticatorSelection")
                        .path("userVerification")
                        .asText())
                .isEqualTo("required");
        assertThat(options.path("authenticatorSelection").has("authenticatorAttachment"))
                .isFalse();
        assertThat(options.path("excludeCredentials").size()).isZero();
        // Shown again while the pairing is open.
        admin.get(DEVICE, env, user, created.getString("id"))
                .then()
                .statusCode(200)
                .body(
                        "publicKeyCredentialCreationOptions",
                        equalTo(created.getString("publicKeyCredentialCreationOptions")));
    }

    @Test
    void theAttestationActivatesTheDeviceAndItsOptionsAreNoLongerShown() {
        JsonPath created = newFido2Device();
        String device = created.getString("id");
        TestAuthenticator key = new TestAuthenticator("platform");
        activate(device, origin(), key.create(created.getString("publicKeyCredentialCreationOptions"), origin()))
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("$", not(hasKey("publicKeyCredentialCreationOptions")))
                .body("_links", not(hasKey("device.activate")));
        admin.get(DEVICE, env, user, device)
                .then()
                .body("status", equalTo("ACTIVE"))
                .body("$", not(hasKey("publicKeyCredentialCreationOptions")));
        // Again: the device is active already.
        refused(
                activate(
                        device,
                        origin(),
                        key.create(created.getString("publicKeyCredentialCreationOptions"), origin())),
                400,
                "INVALID_REQUEST",
                null,
                null);

        // A second device excludes the first credential, and the same credential cannot be paired twice.
        JsonPath second = newFido2Device();
        JsonNode options = Json.parse(second.getString("publicKeyCredentialCreationOptions"));
        assertThat(options.path("excludeCredentials").get(0).path("id").asText())
                .isEqualTo(key.credentialIdBase64Url());
        String before = listed(admin, env, user);
        refused(
                activate(
                        second.getString("id"),
                        origin(),
                        key.create(second.getString("publicKeyCredentialCreationOptions"), origin())),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "attestation");
        assertThat(listed(admin, env, user)).isEqualTo(before);
    }

    @Test
    void theRelyingPartysHttpsOriginIsAcceptedToo() {
        JsonPath created = newFido2Device();
        TestAuthenticator key = new TestAuthenticator("cross-platform");
        String rpOrigin = "https://localhost";
        activate(
                        created.getString("id"),
                        rpOrigin,
                        key.create(created.getString("publicKeyCredentialCreationOptions"), rpOrigin))
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void anOriginLatchkeyDoesNotServeIsRefusedBeforeAnythingIsChecked() {
        JsonPath created = newFido2Device();
        String device = created.getString("id");
        String options = created.getString("publicKeyCredentialCreationOptions");
        TestAuthenticator key = new TestAuthenticator("platform");
        String before = listed(admin, env, user);
        Response r = activate(device, "https://evil.example", key.create(options, "https://evil.example"));
        refused(r, 400, "INVALID_DATA", "INVALID_VALUE", "origin");
        r.then().body("details[0].message", containsString(origin()));
        refused(
                activate(device, "not a url", key.create(options, origin())),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "origin");
        // The origin in the body is one Latchkey serves, but the browser made the attestation elsewhere.
        refused(
                activate(device, origin(), key.create(options, "https://evil.example")),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "attestation");
        assertThat(listed(admin, env, user)).isEqualTo(before);
        // The pairing still works afterwards.
        activate(device, origin(), key.create(options, origin())).then().statusCode(200);
    }

    @Test
    void anAttestationOfAnotherChallengeOrRelyingPartyIsRefused() {
        JsonPath created = newFido2Device();
        String device = created.getString("id");
        TestAuthenticator key = new TestAuthenticator("platform");
        String before = listed(admin, env, user);
        Response wrongChallenge =
                activate(device, origin(), key.create("localhost", "AAAAAAAAAAAAAAAAAAAAAA", origin()));
        refused(wrongChallenge, 400, "INVALID_DATA", "INVALID_VALUE", "attestation");
        wrongChallenge.then().body("details[0].message", containsString("challenge"));
        String challenge = Json.parse(created.getString("publicKeyCredentialCreationOptions"))
                .path("challenge")
                .asText();
        refused(
                activate(device, origin(), key.create("example.com", challenge, origin())),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "attestation");
        // Another device's challenge: each pairing has its own.
        JsonPath other = newFido2Device();
        refused(
                activate(device, origin(), key.create(other.getString("publicKeyCredentialCreationOptions"), origin())),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "attestation");
        assertThat(admin.get(DEVICE, env, user, device)
                        .then()
                        .extract()
                        .path("status")
                        .toString())
                .isEqualTo("ACTIVATION_REQUIRED");
        assertThat(before).contains(device);
    }

    @Test
    void userVerificationIsRequiredWhenThePolicySaysSo() {
        JsonPath created = newFido2Device();
        TestAuthenticator key = new TestAuthenticator("cross-platform");
        key.verifiesUser = false;
        Response r = activate(
                created.getString("id"),
                origin(),
                key.create(created.getString("publicKeyCredentialCreationOptions"), origin()));
        refused(r, 400, "INVALID_DATA", "INVALID_VALUE", "attestation");
        r.then().body("details[0].message", containsString("user verification"));
    }

    @Test
    void malformedAttestationsAndMissingFieldsAreRefused() {
        String device = newFido2Device().getString("id");
        String before = listed(admin, env, user);
        for (String bad : new String[] {
            "not json",
            "[1]",
            "{}",
            "{\"id\": \"x\", \"type\": \"public-key\"}",
            "{\"id\":\"AA\",\"rawId\":\"AA\",\"type\":\"public-key\",\"response\":{\"clientDataJSON\":\"!!\","
                    + "\"attestationObject\":\"AA\"}}"
        }) {
            refused(activate(device, origin(), bad), 400, "INVALID_DATA", "INVALID_VALUE", "attestation");
        }
        Response missing = post(admin, DevicesApi.ACTIVATE, "{}", DEVICE, env, user, device);
        refused(missing, 400, "INVALID_DATA", "REQUIRED_VALUE", null);
        missing.then().body("details.target", org.hamcrest.Matchers.containsInAnyOrder("origin", "attestation"));
        refused(
                post(admin, DevicesApi.ACTIVATE, Json.write(Map.of("otp", "123456")), DEVICE, env, user, device),
                400,
                "INVALID_DATA",
                "REQUIRED_VALUE",
                null);
        refused(
                post(
                        admin,
                        DevicesApi.ACTIVATE,
                        Json.write(Map.of("origin", 5, "attestation", true)),
                        DEVICE,
                        env,
                        user,
                        device),
                400,
                "INVALID_DATA",
                null,
                null);
        assertThat(listed(admin, env, user)).isEqualTo(before);
    }

    @Test
    void creationRefusesAnActiveStatusAndAnotherRelyingParty() {
        refused(
                create(admin, env, user, Map.of("type", "FIDO2", "status", "ACTIVE")),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "status");
        refused(
                create(admin, env, user, Map.of("type", "FIDO2", "rp", Map.of("id", "example.com", "name", "Example"))),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "rp.id");
        refused(create(admin, env, user, Map.of("type", "FIDO2", "rp", "localhost")), 400, "INVALID_DATA", null, "rp");
        assertThat(listed(admin, env, user)).doesNotContain("FIDO2");
        JsonPath named = create(
                        admin, env, user, Map.of("type", "FIDO2", "rp", Map.of("id", "localhost", "name", "Acme")))
                .then()
                .statusCode(200)
                .body("publicKeyCredentialCreationOptions", notNullValue())
                .extract()
                .jsonPath();
        assertThat(Json.parse(named.getString("publicKeyCredentialCreationOptions"))
                        .path("rp")
                        .path("name")
                        .asText())
                .isEqualTo("Acme");
        // The older type names stay refused.
        refused(create(admin, env, user, Map.of("type", "PLATFORM")), 400, "INVALID_DATA", "INVALID_VALUE", "type");
    }

    @Test
    void aSecurityKeyPolicyAsksForCrossPlatformAuthenticatorsAndAttestation() {
        String fido2Policy = MfaFixtures.post(
                        admin,
                        MfaFixtures.FIDO2_POLICIES,
                        MfaFixtures.with(MfaFixtures.fido2Policy("keys"), "relyingPartyId", "localhost"),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String mfaPolicy = MfaFixtures.post(
                        admin,
                        MfaFixtures.DEVICE_POLICIES,
                        MfaFixtures.with(
                                MfaFixtures.with(MfaFixtures.devicePolicy("keys"), "fido2.enabled", true),
                                "fido2.fido2PolicyId",
                                fido2Policy),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        JsonPath created = create(admin, env, user, Map.of("type", "FIDO2", "policy", Map.of("id", mfaPolicy)))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String text = created.getString("publicKeyCredentialCreationOptions");
        JsonNode options = Json.parse(text);
        assertThat(options.path("attestation").asText()).isEqualTo("direct");
        assertThat(options.path("authenticatorSelection")
                        .path("authenticatorAttachment")
                        .asText())
                .isEqualTo("cross-platform");
        assertThat(options.path("authenticatorSelection").path("residentKey").asText())
                .isEqualTo("discouraged");
        assertThat(options.path("authenticatorSelection")
                        .path("userVerification")
                        .asText())
                .isEqualTo("preferred");
        // DIRECT: a "none" attestation is not enough.
        Response none = activate(
                created.getString("id"), origin(), new TestAuthenticator("cross-platform").create(text, origin()));
        refused(none, 400, "INVALID_DATA", "INVALID_VALUE", "attestation");
        none.then().body("details[0].message", containsString("DIRECT"));
    }
}
