package io.latchkey.mfa;

import static io.latchkey.mfa.MfaFixtures.DEVICE_POLICIES;
import static io.latchkey.mfa.MfaFixtures.FIDO2_POLICIES;
import static io.latchkey.mfa.MfaFixtures.devicePolicy;
import static io.latchkey.mfa.MfaFixtures.fido2Policy;
import static io.latchkey.mfa.MfaFixtures.invalid;
import static io.latchkey.mfa.MfaFixtures.post;
import static io.latchkey.mfa.MfaFixtures.put;
import static io.latchkey.mfa.MfaFixtures.with;
import static io.latchkey.mfa.MfaFixtures.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.access.BuiltInRole;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code /v1/environments/{envId}/deviceAuthenticationPolicies}: the default policy, CRUD and every refusal. */
@ParameterizedClass
@EnumSource(Db.class)
class DeviceAuthenticationPoliciesApiTest {
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

    private String create(ObjectNode body) {
        return post(admin, DEVICE_POLICIES, body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private String defaultId() {
        return admin.get(DEVICE_POLICIES, env)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.deviceAuthenticationPolicies.find { it.default == true }.id");
    }

    /** The whole collection as text: what "nothing changed" compares. */
    private String all() {
        return admin.get(DEVICE_POLICIES, env).then().statusCode(200).extract().asString();
    }

    @Test
    void everyEnvironmentHasOneDefaultPolicyWithPingOnesDefaults() {
        admin.get(DEVICE_POLICIES, env)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.deviceAuthenticationPolicies", hasSize(1))
                .body("_embedded.deviceAuthenticationPolicies[0].name", equalTo("Default MFA Policy"))
                .body("_embedded.deviceAuthenticationPolicies[0].default", equalTo(true))
                .body("_embedded.deviceAuthenticationPolicies[0].forSignOnPolicy", equalTo(false))
                .body("_embedded.deviceAuthenticationPolicies[0].sms.enabled", equalTo(true))
                .body("_embedded.deviceAuthenticationPolicies[0].email.enabled", equalTo(true))
                .body("_embedded.deviceAuthenticationPolicies[0].email.otp.lifeTime.duration", equalTo(30))
                .body("_embedded.deviceAuthenticationPolicies[0].email.otp.failure.count", equalTo(3))
                .body("_embedded.deviceAuthenticationPolicies[0].totp.enabled", equalTo(false))
                .body("_embedded.deviceAuthenticationPolicies[0].totp.otp.failure.coolDown.duration", equalTo(2))
                .body("_embedded.deviceAuthenticationPolicies[0].fido2.enabled", equalTo(true))
                .body("_embedded.deviceAuthenticationPolicies[0].fido2.fido2PolicyId", nullValue())
                .body("_embedded.deviceAuthenticationPolicies[0].mobile.enabled", equalTo(false))
                .body(
                        "_embedded.deviceAuthenticationPolicies[0].authentication.deviceSelection",
                        equalTo("DEFAULT_TO_FIRST"))
                .body("_embedded.deviceAuthenticationPolicies[0].newDeviceNotification", equalTo("NONE"));
        admin.get(DEVICE_POLICIES + "/{id}", env, defaultId())
                .then()
                .statusCode(200)
                .body("default", equalTo(true));
    }

    @Test
    void aCreatedPolicyIsReturnedWithItsSettingsAndDefaultsFilledIn() {
        ObjectNode body = with(devicePolicy("Strict"), "totp.passcodeGracePeriod", 2);
        with(body, "totp.uriParameters.issuer", "Example Corp");
        with(body, "sms.otp.lifeTime", java.util.Map.of("duration", 300, "timeUnit", "SECONDS"));
        String id = post(admin, DEVICE_POLICIES, body, env)
                .then()
                .statusCode(201)
                .body("id", notNullValue())
                .body("environment.id", equalTo(env))
                .body("name", equalTo("Strict"))
                .body("default", equalTo(false))
                .body("sms.otp.lifeTime.duration", equalTo(300))
                .body("sms.otp.otpLength", equalTo(6))
                .body("sms.pairingDisabled", equalTo(false))
                .body("voice.enabled", equalTo(false))
                .body("totp.passcodeGracePeriod", equalTo(2))
                .body("totp.uriParameters.issuer", equalTo("Example Corp"))
                .body("fido2.enabled", equalTo(false))
                .body("rememberMe.web.enabled", equalTo(false))
                .body("_links.self.href", containsString("/v1/environments/" + env + "/deviceAuthenticationPolicies/"))
                .extract()
                .path("id");
        admin.get(DEVICE_POLICIES + "/{id}", env, id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Strict"))
                .body("totp.enabled", equalTo(true));
        admin.get(DEVICE_POLICIES, env).then().body("count", equalTo(2));
    }

    @Test
    void putReplacesAndKeepsDefaultUnlessToldAndMovesTheDefaultWhenTold() {
        String original = defaultId();
        String id = create(devicePolicy("Second"));
        put(admin, DEVICE_POLICIES + "/{id}", with(devicePolicy("Second renamed"), "email.enabled", false), env, id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Second renamed"))
                .body("email.enabled", equalTo(false))
                .body("default", equalTo(false));
        put(admin, DEVICE_POLICIES + "/{id}", with(devicePolicy("Second renamed"), "default", true), env, id)
                .then()
                .statusCode(200)
                .body("default", equalTo(true));
        assertThat(defaultId()).isEqualTo(id);
        admin.get(DEVICE_POLICIES + "/{id}", env, original).then().body("default", equalTo(false));
        // The former default may now go; the new one may not.
        admin.delete(DEVICE_POLICIES + "/{id}", env, original).then().statusCode(204);
        admin.get(DEVICE_POLICIES + "/{id}", env, original).then().statusCode(404);
    }

    @Test
    void creatingADefaultPolicyMakesItTheOnlyDefault() {
        String id = create(with(devicePolicy("New default"), "default", true));
        admin.get(DEVICE_POLICIES, env)
                .then()
                .body("_embedded.deviceAuthenticationPolicies.findAll { it.default == true }.id", equalTo(List.of(id)));
    }

    @Test
    void theDefaultCannotBeDeletedNorUnsetAndNothingChanges() {
        String id = defaultId();
        String before = all();
        admin.delete(DEVICE_POLICIES + "/{id}", env, id)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"));
        invalid(
                put(
                        admin,
                        DEVICE_POLICIES + "/{id}",
                        with(devicePolicy("Default MFA Policy"), "default", false),
                        env,
                        id),
                "INVALID_VALUE",
                "default");
        assertThat(all()).isEqualTo(before);
    }

    @Test
    void aDuplicateNameInAnyCaseIsUniquenessViolationOnName() {
        create(devicePolicy("Staff"));
        String before = all();
        invalid(post(admin, DEVICE_POLICIES, devicePolicy("STAFF"), env), "UNIQUENESS_VIOLATION", "name");
        invalid(post(admin, DEVICE_POLICIES, devicePolicy("default mfa policy"), env), "UNIQUENESS_VIOLATION", "name");
        String other = create(devicePolicy("Contractors"));
        String afterCreate = all();
        invalid(
                put(admin, DEVICE_POLICIES + "/{id}", devicePolicy("staff"), env, other),
                "UNIQUENESS_VIOLATION",
                "name");
        assertThat(all()).isEqualTo(afterCreate).isNotEqualTo(before);
    }

    @Test
    void badEnumsOutOfRangeNumbersAndMissingMethodsAreEachNamedAndNothingChanges() {
        String before = all();
        ObjectNode bad = devicePolicy("Bad");
        with(bad, "newDeviceNotification", "PIGEON");
        with(bad, "authentication.deviceSelection", "RANDOM");
        with(bad, "sms.otp.failure.count", 8);
        with(bad, "sms.otp.otpLength", 11);
        with(bad, "email.otp.lifeTime.duration", 31);
        with(bad, "email.otp.lifeTime.timeUnit", "HOURS");
        with(bad, "voice.otp.lifeTime.duration", 59);
        with(bad, "voice.otp.lifeTime.timeUnit", "SECONDS");
        with(bad, "totp.otp.failure.coolDown.duration", 31);
        with(bad, "totp.passcodeGracePeriod", 11);
        with(bad, "totp.uriParameters.issuer", 5);
        with(bad, "fido2.enabled", "yes");
        with(bad, "fido2.failure.coolDown", java.util.Map.of("duration", 1, "timeUnit", "MINUTES"));
        with(
                bad,
                "rememberMe.web",
                java.util.Map.of("enabled", true, "lifeTime", java.util.Map.of("duration", 0, "timeUnit", "WEEKS")));
        without(bad, "mobile");
        without(bad, "sms.enabled");
        var r = post(admin, DEVICE_POLICIES, bad, env);
        invalid(r, "INVALID_VALUE", "newDeviceNotification");
        invalid(r, "INVALID_VALUE", "authentication.deviceSelection");
        invalid(r, "OUT_OF_RANGE", "sms.otp.failure.count");
        invalid(r, "OUT_OF_RANGE", "sms.otp.otpLength");
        invalid(r, "REQUIRED_VALUE", "sms.enabled");
        invalid(r, "INVALID_VALUE", "email.otp.lifeTime.timeUnit");
        invalid(r, "OUT_OF_RANGE", "voice.otp.lifeTime.duration");
        invalid(r, "OUT_OF_RANGE", "totp.otp.failure.coolDown.duration");
        invalid(r, "OUT_OF_RANGE", "totp.passcodeGracePeriod");
        invalid(r, "INVALID_VALUE", "totp.uriParameters.issuer");
        invalid(r, "INVALID_VALUE", "fido2.enabled");
        invalid(r, "OUT_OF_RANGE", "fido2.failure.coolDown.duration");
        invalid(r, "OUT_OF_RANGE", "rememberMe.web.lifeTime.duration");
        invalid(r, "INVALID_VALUE", "rememberMe.web.lifeTime.timeUnit");
        invalid(r, "REQUIRED_VALUE", "mobile");
        r.then()
                .body("details.find { it.target == 'sms.otp.failure.count' }.innerError.rangeMaximumValue", equalTo(7))
                .body(
                        "details.find { it.target == 'voice.otp.lifeTime.duration' }.innerError.rangeMinimumValue",
                        equalTo(60));
        // Minutes: 31 is over the 30-minute limit (reported once the unit is valid).
        invalid(
                post(admin, DEVICE_POLICIES, with(devicePolicy("Bad2"), "email.otp.lifeTime.duration", 31), env),
                "OUT_OF_RANGE",
                "email.otp.lifeTime.duration");
        invalid(post(admin, DEVICE_POLICIES, without(devicePolicy("Bad3"), "name"), env), "REQUIRED_VALUE", "name");
        invalid(post(admin, DEVICE_POLICIES, devicePolicy("x".repeat(257)), env), "SIZE_LIMIT_EXCEEDED", "name");
        invalid(
                post(admin, DEVICE_POLICIES, with(devicePolicy("Bad4"), "mobile.applications", List.of("app")), env),
                "INVALID_VALUE",
                "mobile.applications[0]");
        admin.json("[1, 2]")
                .post(DEVICE_POLICIES, env)
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("body"));
        assertThat(all()).isEqualTo(before);
    }

    @Test
    void anUnknownFido2PolicyIsRefusedAndAKnownOneIsKept() {
        String before = all();
        invalid(
                post(
                        admin,
                        DEVICE_POLICIES,
                        with(
                                devicePolicy("Keys"),
                                "fido2",
                                java.util.Map.of(
                                        "enabled",
                                        true,
                                        "fido2PolicyId",
                                        UUID.randomUUID().toString())),
                        env),
                "INVALID_VALUE",
                "fido2.fido2PolicyId");
        // A FIDO2 policy of another environment is unknown here too.
        String otherEnv = Fixtures.environment(admin);
        String foreign = post(admin, FIDO2_POLICIES, fido2Policy("Foreign keys"), otherEnv)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        invalid(
                post(
                        admin,
                        DEVICE_POLICIES,
                        with(
                                devicePolicy("Keys"),
                                "fido2",
                                java.util.Map.of("enabled", true, "fido2PolicyId", foreign)),
                        env),
                "INVALID_VALUE",
                "fido2.fido2PolicyId");
        assertThat(all()).isEqualTo(before);
        String keys = post(admin, FIDO2_POLICIES, fido2Policy("Keys"), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String id =
                create(with(devicePolicy("Keys"), "fido2", java.util.Map.of("enabled", true, "fido2PolicyId", keys)));
        admin.get(DEVICE_POLICIES + "/{id}", env, id)
                .then()
                .body("fido2.fido2PolicyId", equalTo(keys))
                .body("fido2.enabled", equalTo(true))
                .body("fido2.failure.count", equalTo(3));
    }

    @Test
    void anUnknownPolicyOrAPolicyOfAnotherEnvironmentIsNotFound() {
        String unknown = UUID.randomUUID().toString();
        admin.get(DEVICE_POLICIES + "/{id}", env, unknown)
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        put(admin, DEVICE_POLICIES + "/{id}", devicePolicy("X"), env, unknown)
                .then()
                .statusCode(404);
        admin.delete(DEVICE_POLICIES + "/{id}", env, unknown).then().statusCode(404);
        String mine = create(devicePolicy("Mine"));
        String other = Fixtures.environment(admin);
        admin.get(DEVICE_POLICIES + "/{id}", other, mine).then().statusCode(404);
        put(admin, DEVICE_POLICIES + "/{id}", devicePolicy("Stolen"), other, mine)
                .then()
                .statusCode(404);
        admin.delete(DEVICE_POLICIES + "/{id}", other, mine).then().statusCode(404);
        admin.get(DEVICE_POLICIES + "/{id}", env, mine).then().statusCode(200).body("name", equalTo("Mine"));
        String nowhere = UUID.randomUUID().toString();
        admin.get(DEVICE_POLICIES, nowhere).then().statusCode(404);
        post(admin, DEVICE_POLICIES, devicePolicy("X"), nowhere).then().statusCode(404);
    }

    @Test
    void readingNeedsConfigurationReadAndWritingConfigurationWrite() {
        String id = defaultId();
        String before = all();
        MfaFixtures.invalidToken(server.anonymous().get(DEVICE_POLICIES, env));
        MfaFixtures.invalidToken(post(server.anonymous(), DEVICE_POLICIES, devicePolicy("Anon"), env));
        Api identityAdmin = MfaFixtures.withRole(server, env, BuiltInRole.IDENTITY_DATA_ADMIN);
        MfaFixtures.insufficientPermissions(identityAdmin.get(DEVICE_POLICIES, env));
        Api readOnly = MfaFixtures.withRole(server, env, BuiltInRole.CONFIGURATION_READ_ONLY);
        readOnly.get(DEVICE_POLICIES + "/{id}", env, id).then().statusCode(200);
        MfaFixtures.insufficientPermissions(post(readOnly, DEVICE_POLICIES, devicePolicy("RO"), env));
        MfaFixtures.insufficientPermissions(put(readOnly, DEVICE_POLICIES + "/{id}", devicePolicy("RO"), env, id));
        MfaFixtures.insufficientPermissions(readOnly.delete(DEVICE_POLICIES + "/{id}", env, id));
        assertThat(all()).isEqualTo(before);
    }

    private long rows(String table) {
        return server.latchkey()
                .database()
                .withHandle(h -> h.createQuery("select count(*) from " + table + " where environment_id = :env")
                        .bind("env", env)
                        .mapTo(Long.class)
                        .one());
    }

    @Test
    void deletingTheEnvironmentRemovesItsMfaRows() {
        create(devicePolicy("Doomed"));
        post(admin, FIDO2_POLICIES, fido2Policy("Doomed keys"), env).then().statusCode(201);
        put(
                        admin,
                        MfaFixtures.SETTINGS,
                        MfaFixtures.parse(
                                "{\"pairing\": {\"maxAllowedDevices\": 3, \"pairingKeyFormat\": \"NUMERIC\"}}"),
                        env)
                .then()
                .statusCode(200);
        List<String> tables =
                List.of("device_authentication_policies", "fido2_policies", "mfa_settings", "mfa_policy_defaults");
        for (String t : tables) assertThat(rows(t)).as(t).isPositive();
        admin.delete("/v1/environments/{env}", env).then().statusCode(204);
        for (String t : tables) assertThat(rows(t)).as(t).isZero();
    }
}
