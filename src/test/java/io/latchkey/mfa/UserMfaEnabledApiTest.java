package io.latchkey.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.latchkey.access.BuiltInRole;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.latchkey.users.UserFixtures;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code /v1/environments/{envId}/users/{userId}/mfaEnabled} and {@code mfaEnabled} on the user. */
@ParameterizedClass
@EnumSource(Db.class)
class UserMfaEnabledApiTest {
    static final String MFA_ENABLED = "/v1/environments/{env}/users/{id}/mfaEnabled";
    static final String USER = "/v1/environments/{env}/users/{id}";

    @Parameter
    Db db;

    TestServer server;
    Api admin;
    String env;
    String user;

    @BeforeEach
    void setUp() {
        server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        user = UserFixtures.user(admin, env, "mfa-" + UUID.randomUUID());
    }

    private boolean onUser() {
        return admin.get(USER, env, user).then().statusCode(200).extract().path("mfaEnabled");
    }

    @Test
    void aNewUserHasMfaDisabledAndPutEnablesIt() {
        admin.get(MFA_ENABLED, env, user)
                .then()
                .statusCode(200)
                .body("mfaEnabled", equalTo(false))
                .body("_links.self.href", containsString("/users/" + user + "/mfaEnabled"));
        admin.put(MFA_ENABLED, Map.of("mfaEnabled", true), env, user)
                .then()
                .statusCode(200)
                .body("mfaEnabled", equalTo(true));
        admin.get(MFA_ENABLED, env, user).then().body("mfaEnabled", equalTo(true));
        assertThat(onUser()).isTrue();
        admin.put(MFA_ENABLED, Map.of("mfaEnabled", false), env, user).then().body("mfaEnabled", equalTo(false));
        assertThat(onUser()).isFalse();
    }

    @Test
    void putOrPatchOfTheUserDoesNotChangeIt() {
        admin.put(MFA_ENABLED, Map.of("mfaEnabled", true), env, user).then().statusCode(200);
        String username = admin.get(USER, env, user).then().extract().path("username");
        admin.patch(USER, Map.of("mfaEnabled", false, "nickname", "n"), env, user)
                .then()
                .statusCode(200);
        admin.put(USER, Map.of("username", username, "mfaEnabled", false), env, user)
                .then()
                .statusCode(200);
        assertThat(onUser()).isTrue();
    }

    @Test
    void aBadOrMissingValueIsRefusedAndNothingChanges() {
        MfaFixtures.invalid(
                admin.put(MFA_ENABLED, Map.of("mfaEnabled", "yes"), env, user), "INVALID_VALUE", "mfaEnabled");
        MfaFixtures.invalid(admin.put(MFA_ENABLED, Map.of(), env, user), "REQUIRED_VALUE", "mfaEnabled");
        admin.request()
                .contentType("text/plain")
                .body("{}")
                .put(MFA_ENABLED, env, user)
                .then()
                .statusCode(415);
        assertThat(onUser()).isFalse();
    }

    @Test
    void unknownUsersEnvironmentsAndRolesAreRefused() {
        String other = Fixtures.environment(admin);
        admin.get(MFA_ENABLED, other, user).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.put(MFA_ENABLED, Map.of("mfaEnabled", true), other, user).then().statusCode(404);
        admin.get(MFA_ENABLED, env, UUID.randomUUID().toString()).then().statusCode(404);
        MfaFixtures.invalidToken(server.anonymous().get(MFA_ENABLED, env, user));
        Api configAdmin = MfaFixtures.withRole(server, env, BuiltInRole.CONFIGURATION_READ_ONLY);
        MfaFixtures.insufficientPermissions(configAdmin.get(MFA_ENABLED, env, user));
        Api readOnly = MfaFixtures.withRole(server, env, BuiltInRole.IDENTITY_DATA_READ_ONLY);
        readOnly.get(MFA_ENABLED, env, user).then().statusCode(200);
        MfaFixtures.insufficientPermissions(readOnly.put(MFA_ENABLED, Map.of("mfaEnabled", true), env, user));
        assertThat(onUser()).isFalse();
        Api identityAdmin = MfaFixtures.withRole(server, env, BuiltInRole.IDENTITY_DATA_ADMIN);
        identityAdmin
                .put(MFA_ENABLED, Map.of("mfaEnabled", true), env, user)
                .then()
                .statusCode(200);
        assertThat(onUser()).isTrue();
    }

    @Test
    void theEnvironmentsMfaSettingsDecideForNewUsersThatDoNotSay() {
        String users = "/v1/environments/{env}/users";
        admin.put(
                        "/v1/environments/{env}/mfaSettings",
                        java.util.Map.of(
                                "pairing",
                                java.util.Map.of("maxAllowedDevices", 5, "pairingKeyFormat", "NUMERIC"),
                                "users",
                                java.util.Map.of("mfaEnabled", true)),
                        env)
                .then()
                .statusCode(200);
        admin.post(users, java.util.Map.of("username", "on-" + java.util.UUID.randomUUID()), env)
                .then()
                .statusCode(201)
                .body("mfaEnabled", equalTo(true));
        admin.post(users, java.util.Map.of("username", "off-" + java.util.UUID.randomUUID(), "mfaEnabled", false), env)
                .then()
                .statusCode(201)
                .body("mfaEnabled", equalTo(false));
        // Another environment keeps PingOne's default: off.
        String other = io.latchkey.testkit.Fixtures.environment(admin);
        admin.post(users, java.util.Map.of("username", "x-" + java.util.UUID.randomUUID()), other)
                .then()
                .statusCode(201)
                .body("mfaEnabled", equalTo(false));
    }
}
