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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.access.BuiltInRole;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code /v1/environments/{envId}/fido2Policies}: the default passkeys policy, CRUD and every refusal. */
@ParameterizedClass
@EnumSource(Db.class)
class Fido2PoliciesApiTest {
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

    private String all() {
        return admin.get(FIDO2_POLICIES, env).then().statusCode(200).extract().asString();
    }

    private String create(ObjectNode body) {
        return post(admin, FIDO2_POLICIES, body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private String defaultId() {
        return admin.get(FIDO2_POLICIES, env)
                .then()
                .extract()
                .path("_embedded.fido2Policies.find { it.default == true }.id");
    }

    @Test
    void everyEnvironmentHasADefaultPasskeysPolicyForItsPublicHost() {
        admin.get(FIDO2_POLICIES, env)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.fido2Policies[0].name", equalTo("Passkeys"))
                .body("_embedded.fido2Policies[0].default", equalTo(true))
                .body("_embedded.fido2Policies[0].relyingPartyId", equalTo("localhost"))
                .body("_embedded.fido2Policies[0].discoverableCredentials", equalTo("REQUIRED"))
                .body("_embedded.fido2Policies[0].authenticatorAttachment", equalTo("BOTH"))
                .body("_embedded.fido2Policies[0].userVerification.option", equalTo("REQUIRED"))
                .body("_embedded.fido2Policies[0].attestationRequirements", equalTo("NONE"));
    }

    @Test
    void aCreatedPolicyIsReturnedReadAndReplaced() {
        String id = post(admin, FIDO2_POLICIES, with(fido2Policy("Keys"), "description", "Hardware keys"), env)
                .then()
                .statusCode(201)
                .body("name", equalTo("Keys"))
                .body("description", equalTo("Hardware keys"))
                .body("default", equalTo(false))
                .body("environment.id", equalTo(env))
                .body("publicKeyCredentialHints", equalTo(List.of("SECURITY_KEY")))
                .extract()
                .path("id");
        admin.get(FIDO2_POLICIES + "/{id}", env, id)
                .then()
                .statusCode(200)
                .body("relyingPartyId", equalTo("example.com"));
        put(
                        admin,
                        FIDO2_POLICIES + "/{id}",
                        with(fido2Policy("Keys v2"), "relyingPartyId", "login.example.com"),
                        env,
                        id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Keys v2"))
                .body("relyingPartyId", equalTo("login.example.com"));
        admin.delete(FIDO2_POLICIES + "/{id}", env, id).then().statusCode(204);
        admin.get(FIDO2_POLICIES + "/{id}", env, id).then().statusCode(404);
    }

    @Test
    void badValuesAreEachNamedAndNothingChanges() {
        String before = all();
        ObjectNode bad = fido2Policy("Bad");
        with(bad, "relyingPartyId", "https://Example.com/");
        with(bad, "attestationRequirements", "INDIRECT");
        with(bad, "authenticatorAttachment", "USB");
        with(bad, "userVerification.option", "MAYBE");
        with(bad, "mdsAuthenticatorsRequirements", Map.of("option", "SPECIFIC", "enforceDuringAuthentication", true));
        with(bad, "publicKeyCredentialHints", List.of("SECURITY_KEY", "SECURITY_KEY"));
        with(bad, "deviceDisplayName", "x".repeat(101));
        with(bad, "userPresenceTimeout", Map.of("duration", 0, "timeUnit", "HOURS"));
        without(bad, "backupEligibility");
        without(bad, "discoverableCredentials");
        var r = post(admin, FIDO2_POLICIES, bad, env);
        invalid(r, "INVALID_VALUE", "relyingPartyId");
        invalid(r, "INVALID_VALUE", "attestationRequirements");
        invalid(r, "INVALID_VALUE", "authenticatorAttachment");
        invalid(r, "INVALID_VALUE", "userVerification.option");
        invalid(r, "INVALID_VALUE", "mdsAuthenticatorsRequirements.allowedAuthenticators");
        invalid(r, "INVALID_VALUE", "publicKeyCredentialHints[1]");
        invalid(r, "SIZE_LIMIT_EXCEEDED", "deviceDisplayName");
        invalid(r, "OUT_OF_RANGE", "userPresenceTimeout.duration");
        invalid(r, "INVALID_VALUE", "userPresenceTimeout.timeUnit");
        invalid(r, "REQUIRED_VALUE", "backupEligibility");
        invalid(r, "REQUIRED_VALUE", "discoverableCredentials");
        invalid(
                post(
                        admin,
                        FIDO2_POLICIES,
                        with(fido2Policy("Bad2"), "userDisplayNameAttributes.attributes", List.of()),
                        env),
                "SIZE_LIMIT_EXCEEDED",
                "userDisplayNameAttributes.attributes");
        assertThat(all()).isEqualTo(before);
    }

    @Test
    void aDuplicateNameIsUniquenessViolation() {
        create(fido2Policy("Keys"));
        String before = all();
        invalid(post(admin, FIDO2_POLICIES, fido2Policy("KEYS"), env), "UNIQUENESS_VIOLATION", "name");
        invalid(post(admin, FIDO2_POLICIES, fido2Policy("passkeys"), env), "UNIQUENESS_VIOLATION", "name");
        assertThat(all()).isEqualTo(before);
    }

    @Test
    void theDefaultCannotBeDeletedNorUnsetButCanMove() {
        String passkeys = defaultId();
        String before = all();
        admin.delete(FIDO2_POLICIES + "/{id}", env, passkeys)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"));
        invalid(
                put(admin, FIDO2_POLICIES + "/{id}", with(fido2Policy("Passkeys"), "default", false), env, passkeys),
                "INVALID_VALUE",
                "default");
        assertThat(all()).isEqualTo(before);
        String keys = create(with(fido2Policy("Keys"), "default", true));
        assertThat(defaultId()).isEqualTo(keys);
        admin.delete(FIDO2_POLICIES + "/{id}", env, passkeys).then().statusCode(204);
    }

    @Test
    void aPolicyAnMfaPolicyNamesCannotBeDeletedUntilItNoLongerDoes() {
        String keys = create(fido2Policy("Keys"));
        String mfa = post(
                        admin,
                        DEVICE_POLICIES,
                        with(devicePolicy("With keys"), "fido2", Map.of("enabled", true, "fido2PolicyId", keys)),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String before = all();
        admin.delete(FIDO2_POLICIES + "/{id}", env, keys)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"))
                .body("details[0].innerError.referencedValues", hasItem(mfa));
        assertThat(all()).isEqualTo(before);
        put(admin, DEVICE_POLICIES + "/{id}", devicePolicy("With keys"), env, mfa)
                .then()
                .statusCode(200);
        admin.delete(FIDO2_POLICIES + "/{id}", env, keys).then().statusCode(204);
    }

    @Test
    void unknownIdsOtherEnvironmentsAndRolesAreRefused() {
        String keys = create(fido2Policy("Keys"));
        String other = Fixtures.environment(admin);
        admin.get(FIDO2_POLICIES + "/{id}", other, keys).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.delete(FIDO2_POLICIES + "/{id}", other, keys).then().statusCode(404);
        put(
                        admin,
                        FIDO2_POLICIES + "/{id}",
                        fido2Policy("X"),
                        env,
                        UUID.randomUUID().toString())
                .then()
                .statusCode(404);
        admin.get(FIDO2_POLICIES, UUID.randomUUID().toString()).then().statusCode(404);
        String before = all();
        MfaFixtures.invalidToken(server.anonymous().get(FIDO2_POLICIES, env));
        Api readOnly = MfaFixtures.withRole(server, env, BuiltInRole.CONFIGURATION_READ_ONLY);
        readOnly.get(FIDO2_POLICIES, env).then().statusCode(200);
        MfaFixtures.insufficientPermissions(post(readOnly, FIDO2_POLICIES, fido2Policy("RO"), env));
        MfaFixtures.insufficientPermissions(readOnly.delete(FIDO2_POLICIES + "/{id}", env, keys));
        Api identityAdmin = MfaFixtures.withRole(server, env, BuiltInRole.IDENTITY_DATA_ADMIN);
        MfaFixtures.insufficientPermissions(identityAdmin.get(FIDO2_POLICIES, env));
        assertThat(all()).isEqualTo(before);
    }
}
