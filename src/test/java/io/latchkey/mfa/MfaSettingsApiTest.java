package io.latchkey.mfa;

import static io.latchkey.mfa.MfaFixtures.SETTINGS;
import static io.latchkey.mfa.MfaFixtures.invalid;
import static io.latchkey.mfa.MfaFixtures.parse;
import static io.latchkey.mfa.MfaFixtures.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.access.BuiltInRole;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code /v1/environments/{envId}/mfaSettings}: PingOne's defaults, PUT, DELETE (reset) and every refusal. */
@ParameterizedClass
@EnumSource(Db.class)
class MfaSettingsApiTest {
    @Parameter
    Db db;

    TestServer server;
    Api admin;
    String env;

    @BeforeEach
    void setUp() {
        server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
    }

    static ObjectNode settings() {
        return parse("""
                {"pairing": {"maxAllowedDevices": 10, "pairingKeyFormat": "NUMERIC"},
                 "lockout": {"failureCount": 6, "durationSeconds": 1200},
                 "phoneExtensions": {"enabled": true}, "users": {"mfaEnabled": true}}""");
    }

    private String current() {
        return admin.get(SETTINGS, env).then().statusCode(200).extract().asString();
    }

    @Test
    void aNewEnvironmentHasPingOnesDefaults() {
        admin.get(SETTINGS, env)
                .then()
                .statusCode(200)
                .body("environment.id", equalTo(env))
                .body("pairing.maxAllowedDevices", equalTo(5))
                .body("pairing.pairingKeyFormat", equalTo("ALPHANUMERIC"))
                .body("lockout.failureCount", equalTo(5))
                .body("lockout.durationSeconds", equalTo(600))
                .body("authentication.deviceSelection", equalTo("DEFAULT_TO_FIRST"))
                .body("phoneExtensions.enabled", equalTo(false))
                .body("users.mfaEnabled", equalTo(false))
                .body("updatedAt", nullValue())
                .body("_links.self.href", containsString("/v1/environments/" + env + "/mfaSettings"));
    }

    @Test
    void putReplacesTheSettingsAndTheyAreReadBack() {
        put(admin, SETTINGS, settings(), env)
                .then()
                .statusCode(200)
                .body("pairing.maxAllowedDevices", equalTo(10))
                .body("pairing.pairingKeyFormat", equalTo("NUMERIC"))
                .body("lockout.failureCount", equalTo(6))
                .body("lockout.durationSeconds", equalTo(1200))
                .body("phoneExtensions.enabled", equalTo(true))
                .body("users.mfaEnabled", equalTo(true))
                .body("updatedAt", notNullValue());
        admin.get(SETTINGS, env)
                .then()
                .statusCode(200)
                .body("pairing.maxAllowedDevices", equalTo(10))
                .body("lockout.durationSeconds", equalTo(1200))
                .body("updatedAt", notNullValue());
        // A second PUT replaces: sections left out go back to their defaults.
        put(
                        admin,
                        SETTINGS,
                        parse("{\"pairing\": {\"maxAllowedDevices\": 15, \"pairingKeyFormat\": \"NUMERIC\"}}"),
                        env)
                .then()
                .statusCode(200)
                .body("pairing.maxAllowedDevices", equalTo(15))
                .body("lockout.failureCount", equalTo(5))
                .body("phoneExtensions.enabled", equalTo(false));
    }

    @Test
    void deleteResetsToTheDefaults() {
        put(admin, SETTINGS, settings(), env).then().statusCode(200);
        admin.delete(SETTINGS, env).then().statusCode(204);
        admin.get(SETTINGS, env)
                .then()
                .statusCode(200)
                .body("pairing.maxAllowedDevices", equalTo(5))
                .body("lockout.failureCount", equalTo(5))
                .body("updatedAt", nullValue());
    }

    @Test
    void settingsAreKeptPerEnvironment() {
        String other = Fixtures.environment(admin);
        put(admin, SETTINGS, settings(), env).then().statusCode(200);
        admin.get(SETTINGS, other).then().statusCode(200).body("pairing.maxAllowedDevices", equalTo(5));
    }

    @Test
    void withoutPairingItIsRequiredValueAndNothingChanges() {
        put(admin, SETTINGS, settings(), env).then().statusCode(200);
        String before = current();
        invalid(put(admin, SETTINGS, parse("{\"lockout\": {\"failureCount\": 3}}"), env), "REQUIRED_VALUE", "pairing");
        invalid(
                put(admin, SETTINGS, parse("{\"pairing\": {\"pairingKeyFormat\": \"NUMERIC\"}}"), env),
                "REQUIRED_VALUE",
                "pairing.maxAllowedDevices");
        assertThat(current()).isEqualTo(before);
    }

    @Test
    void outOfRangeNumbersAndBadEnumsAreEachReportedAndNothingChanges() {
        String before = current();
        ObjectNode bad = parse("""
                {"pairing": {"maxAllowedDevices": 16, "pairingKeyFormat": "HEX"},
                 "lockout": {"failureCount": 0, "durationSeconds": -5},
                 "authentication": {"deviceSelection": "RANDOM"}, "users": {"mfaEnabled": "yes"}}""");
        var r = put(admin, SETTINGS, bad, env);
        invalid(r, "OUT_OF_RANGE", "pairing.maxAllowedDevices");
        invalid(r, "INVALID_VALUE", "pairing.pairingKeyFormat");
        invalid(r, "OUT_OF_RANGE", "lockout.failureCount");
        invalid(r, "OUT_OF_RANGE", "lockout.durationSeconds");
        invalid(r, "INVALID_VALUE", "authentication.deviceSelection");
        invalid(r, "INVALID_VALUE", "users.mfaEnabled");
        r.then()
                .body(
                        "details.find { it.target == 'pairing.maxAllowedDevices' }.innerError.rangeMaximumValue",
                        equalTo(15))
                .body(
                        "details.find { it.target == 'pairing.pairingKeyFormat' }.innerError.allowedValues",
                        org.hamcrest.Matchers.contains("NUMERIC", "ALPHANUMERIC"));
        assertThat(current()).isEqualTo(before);
    }

    @Test
    void anotherContentTypeIsUnsupportedMediaType() {
        admin.request()
                .contentType("text/plain")
                .body(settings().toString())
                .put(SETTINGS, env)
                .then()
                .statusCode(415);
    }

    @Test
    void anUnknownEnvironmentIsNotFound() {
        String unknown = UUID.randomUUID().toString();
        admin.get(SETTINGS, unknown).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        put(admin, SETTINGS, settings(), unknown).then().statusCode(404);
        admin.delete(SETTINGS, unknown).then().statusCode(404);
    }

    @Test
    void readingNeedsConfigurationReadAndWritingConfigurationWrite() {
        String before = current();
        MfaFixtures.invalidToken(server.anonymous().get(SETTINGS, env));
        MfaFixtures.invalidToken(put(server.anonymous(), SETTINGS, settings(), env));
        Api identityAdmin = MfaFixtures.withRole(server, env, BuiltInRole.IDENTITY_DATA_ADMIN);
        MfaFixtures.insufficientPermissions(identityAdmin.get(SETTINGS, env));
        Api readOnly = MfaFixtures.withRole(server, env, BuiltInRole.CONFIGURATION_READ_ONLY);
        readOnly.get(SETTINGS, env).then().statusCode(200);
        MfaFixtures.insufficientPermissions(put(readOnly, SETTINGS, settings(), env));
        MfaFixtures.insufficientPermissions(readOnly.delete(SETTINGS, env));
        Api envAdmin = MfaFixtures.withRole(server, env, BuiltInRole.ENVIRONMENT_ADMIN);
        MfaFixtures.insufficientPermissions(envAdmin.get(SETTINGS, Fixtures.environment(admin)));
        assertThat(current()).isEqualTo(before);
        put(envAdmin, SETTINGS, settings(), env).then().statusCode(200);
    }
}
