package io.latchkey.passwords;

import static io.latchkey.users.UserFixtures.STRONG;
import static io.latchkey.users.UserFixtures.STRONG2;
import static io.latchkey.users.UserFixtures.STRONG3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.latchkey.storage.Database;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.latchkey.users.UserFixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /users/{id}/password} and passwords given when users are created or imported. */
class UserPasswordsApiTest {
    static final String PASSWORD = "/v1/environments/{env}/users/{id}/password";
    static final String SET = "application/vnd.pingidentity.password.set+json";

    Api admin() {
        return TestServer.shared().admin();
    }

    Database database() {
        return TestServer.shared().latchkey().database();
    }

    PasswordService service() {
        Database d = database();
        return new PasswordService(
                d,
                new PasswordHasher(),
                new PasswordPolicyService(d),
                new io.latchkey.activities.ActivityLog(d, java.time.Duration.ofDays(14)));
    }

    String storedHash(String userId) {
        return database()
                .withHandle(h -> h.createQuery("select hash from user_passwords where user_id = :id")
                        .bind("id", userId)
                        .mapTo(String.class)
                        .findFirst()
                        .orElse(null));
    }

    @Test
    void aNewUserHasNoPassword() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.user(admin, env, "nopw");
        admin.get(PASSWORD, env, id)
                .then()
                .statusCode(200)
                .body("status", equalTo("NO_PASSWORD"))
                .body("user.id", equalTo(id))
                .body("environment.id", equalTo(env))
                .body("passwordPolicy.id", equalTo(UserFixtures.policy(admin, env, "Standard")))
                .body("lastChangedAt", nullValue());
    }

    @Test
    void settingAPasswordWithPutStoresAnArgon2idHash() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.user(admin, env, "setter");
        UserFixtures.setPassword(admin, env, id, Map.of("value", STRONG, "forceChange", false))
                .then()
                .statusCode(200)
                .body("status", equalTo("OK"))
                .body("lastChangedAt", notNullValue());
        // At the server's configured cost (the test servers' is cheap; PasswordHasherTest checks the default's).
        assertThat(storedHash(id))
                .startsWith("$argon2id$v=19$m=" + TestServer.CHEAP_HASHING.memoryKib() + ",t="
                        + TestServer.CHEAP_HASHING.iterations() + ",p=1$")
                .doesNotContain(STRONG);
        assertThat(service().checkSignOn(env, id, STRONG)).isEqualTo(new SignOnCheck.Ok(false));
    }

    @Test
    void postWithTheSetContentTypeIsAnAliasAndForceChangeIsKept() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.user(admin, env, "poster");
        admin.request()
                .contentType(SET)
                .body(Map.of("value", STRONG, "forceChange", true))
                .post(PASSWORD, env, id)
                .then()
                .statusCode(200)
                .body("status", equalTo("MUST_CHANGE_PASSWORD"));
        admin.get(PASSWORD, env, id).then().body("status", equalTo("MUST_CHANGE_PASSWORD"));
        assertThat(service().checkSignOn(env, id, STRONG)).isEqualTo(new SignOnCheck.Ok(true));
    }

    @Test
    void setWithAnotherContentTypeIs415AndChangesNothing() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.user(admin, env, "ct");
        admin.put(PASSWORD, Map.of("value", STRONG), env, id)
                .then()
                .statusCode(415)
                .body("code", equalTo("INVALID_REQUEST"));
        admin.get(PASSWORD, env, id).then().body("status", equalTo("NO_PASSWORD"));
    }

    @Test
    void aMissingValueIsRequiredValue() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.user(admin, env, "missing");
        UserFixtures.setPassword(admin, env, id, Map.of("forceChange", true))
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("value"));
        admin.get(PASSWORD, env, id).then().body("status", equalTo("NO_PASSWORD"));
    }

    @Test
    void aPasswordBreakingThePolicyGetsOneDetailPerRuleAndChangesNothing() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.user(admin, env, "weak");
        UserFixtures.setPassword(admin, env, id, Map.of("value", "aaaa"))
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details.code", everyItem(equalTo("INVALID_VALUE")))
                .body("details.target", everyItem(equalTo("password")))
                .body("details.size()", equalTo(4))
                .body(
                        "details[0].innerError.unsatisfiedRequirements",
                        hasItems("length", "minCharacters", "maxRepeatedCharacters", "minUniqueCharacters"));
        admin.get(PASSWORD, env, id).then().body("status", equalTo("NO_PASSWORD"));
        assertThat(storedHash(id)).isNull();
    }

    @Test
    void commonAndProfilePasswordsAreRefused() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = admin.post("/v1/environments/{env}/users", Map.of("username", "Jane.Doe#1977"), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        UserFixtures.setPassword(admin, env, id, Map.of("value", "P@ssw0rd2024!"))
                .then()
                .statusCode(400)
                .body("details[0].innerError.unsatisfiedRequirements", hasItems("excludesCommonlyUsed"));
        UserFixtures.setPassword(admin, env, id, Map.of("value", "jane.doe#1977A"))
                .then()
                .statusCode(200);
        UserFixtures.setPassword(admin, env, id, Map.of("value", "JANE.DOE#1977"))
                .then()
                .statusCode(400)
                .body("details[0].innerError.unsatisfiedRequirements", hasItems("excludesProfileData"));
    }

    @Test
    void theCurrentAndRecentPasswordsCannotBeReused() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.userWithPassword(admin, env, "reuser", STRONG);
        UserFixtures.setPassword(admin, env, id, Map.of("value", STRONG))
                .then()
                .statusCode(400)
                .body("details[0].innerError.unsatisfiedRequirements", hasItems("history"));
        UserFixtures.setPassword(admin, env, id, Map.of("value", STRONG2))
                .then()
                .statusCode(200);
        UserFixtures.setPassword(admin, env, id, Map.of("value", STRONG))
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("password"))
                .body("details[0].innerError.unsatisfiedRequirements", hasItems("history"));
        assertThat(service().checkSignOn(env, id, STRONG2)).isEqualTo(new SignOnCheck.Ok(false));
    }

    @Test
    void thePopulationsPolicyAppliesElseTheEnvironmentDefault() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String basic = UserFixtures.policy(admin, env, "Basic");
        String lax = admin.post(
                        "/v1/environments/{env}/populations",
                        Map.of("name", "Lax", "passwordPolicy", Map.of("id", basic)),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // "Jane.Doe#1977" is the username: Standard refuses it (excludesProfileData), Basic does not check
        String strictUser = admin.post("/v1/environments/{env}/users", Map.of("username", "Jane.Doe#1977"), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String laxUser = admin.post(
                        "/v1/environments/{env}/users",
                        Map.of("username", "jane.doe#1977b", "population", Map.of("id", lax)),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        UserFixtures.setPassword(admin, env, strictUser, Map.of("value", "Jane.Doe#1977"))
                .then()
                .statusCode(400);
        UserFixtures.setPassword(admin, env, laxUser, Map.of("value", "Jane.Doe#1977b"))
                .then()
                .statusCode(200);
        admin.get(PASSWORD, env, laxUser).then().body("passwordPolicy.id", equalTo(basic));
        // a population without a policy follows the environment default
        String plain = UserFixtures.population(admin, env, "Plain");
        admin.put("/v1/environments/{env}/users/{id}/population", Map.of("id", plain), env, laxUser)
                .then()
                .statusCode(200);
        admin.get(PASSWORD, env, laxUser)
                .then()
                .body("passwordPolicy.id", equalTo(UserFixtures.policy(admin, env, "Standard")));
    }

    @Test
    void bypassPolicySkipsTheRules() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.user(admin, env, "bypass");
        UserFixtures.setPassword(admin, env, id, Map.of("value", "short", "bypassPolicy", true))
                .then()
                .statusCode(200);
        assertThat(service().checkSignOn(env, id, "short")).isEqualTo(new SignOnCheck.Ok(false));
    }

    @Test
    void aPreEncodedPasswordIsStoredAsGivenAndVerifies() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.user(admin, env, "ssha");
        String encoded =
                "{SSHA512}vRcE5tUycSUkA5fsbZtP3YEzlRgrppHe5i8Tunk2hHKPSNmhe72YjrmmcdS7jCljt2X5cjH+Gv431CrZxZFBogECAwQFBgcI";
        UserFixtures.setPassword(admin, env, id, Map.of("value", encoded))
                .then()
                .statusCode(200)
                .body("status", equalTo("OK"));
        assertThat(storedHash(id)).isEqualTo(encoded);
        assertThat(service().checkSignOn(env, id, "Tr0ub4dor&3")).isEqualTo(new SignOnCheck.Ok(false));
        assertThat(storedHash(id)).startsWith("$argon2id$");
    }

    @Test
    void importedUsersSignOnWithTheirOldHashWhichIsThenReplacedByArgon2id() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("username", "migrated");
        b.put("email", "migrated@example.com");
        b.put("password", Map.of("value", "$2y$10$abcdefghijklmnopqrstuu5l2mO2YzyEsHJLgg3Urz7twlBz7iAAK"));
        String id = admin.request()
                .contentType("application/vnd.pingidentity.user.import+json")
                .body(b)
                .post("/v1/environments/{env}/users", env)
                .then()
                .statusCode(201)
                .body("password", nullValue())
                .extract()
                .path("id");
        assertThat(storedHash(id)).startsWith("$2y$10$");
        PasswordService service = service();
        assertThat(service.checkSignOn(env, id, "wrong")).isInstanceOf(SignOnCheck.Wrong.class);
        assertThat(storedHash(id)).startsWith("$2y$10$");
        assertThat(service.checkSignOn(env, id, "Tr0ub4dor&3")).isEqualTo(new SignOnCheck.Ok(false));
        assertThat(storedHash(id)).startsWith("$argon2id$v=19$m=7168,t=5,p=1$");
        assertThat(service.checkSignOn(env, id, "Tr0ub4dor&3")).isEqualTo(new SignOnCheck.Ok(false));
    }

    @Test
    void importingAMalformedOrUnsupportedEncodingIsRefusedAndCreatesNothing() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        for (String bad : List.of("{SSHA256}AAAA", "{SCRYPT}abc", "{PBKDF2}AAEA")) {
            admin.request()
                    .contentType("application/vnd.pingidentity.user.import+json")
                    .body(Map.of("username", "bad", "password", Map.of("value", bad)))
                    .post("/v1/environments/{env}/users", env)
                    .then()
                    .statusCode(400)
                    .body("details[0].code", equalTo("INVALID_VALUE"))
                    .body("details[0].target", equalTo("password"));
        }
        assertThat(UserFixtures.userCount(admin, env)).isZero();
    }

    @Test
    void aCleartextPasswordGivenAtCreationIsCheckedAgainstThePolicyWithTheOtherAttributes() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        var details = admin.post(
                        "/v1/environments/{env}/users",
                        Map.of("username", "new", "email", "bad", "password", Map.of("value", "password")),
                        env)
                .then()
                .statusCode(400)
                .extract()
                .<List<Map<String, Object>>>path("details");
        assertThat(details).extracting(d -> d.get("target")).contains("email", "password");
        assertThat(UserFixtures.userCount(admin, env)).isZero();
    }

    @Test
    void changingOnesOwnPasswordNeedsTheCurrentOne() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.userWithPassword(admin, env, "changer", STRONG);
        String reset = "application/vnd.pingidentity.password.reset+json";
        admin.request()
                .contentType(reset)
                .body(Map.of("currentPassword", "wrong", "newPassword", STRONG2))
                .put(PASSWORD, env, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("currentPassword"));
        admin.request()
                .contentType(reset)
                .body(Map.of("currentPassword", STRONG, "newPassword", "Kx9!vTq#2mWy"))
                .put(PASSWORD, env, id)
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("newPassword"))
                .body("details[0].innerError.unsatisfiedRequirements", hasItems("notSimilarToCurrent"));
        admin.request()
                .contentType(reset)
                .body(Map.of("currentPassword", STRONG, "newPassword", STRONG3))
                .put(PASSWORD, env, id)
                .then()
                .statusCode(200)
                .body("status", equalTo("OK"));
        assertThat(service().checkSignOn(env, id, STRONG3)).isEqualTo(new SignOnCheck.Ok(false));
    }

    @Test
    void recoveringWithACode() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.userWithPassword(admin, env, "forgetful", STRONG);
        String code = service().startRecovery(env, id);
        String recover = "application/vnd.pingidentity.password.recover+json";
        admin.request()
                .contentType(recover)
                .body(Map.of("recoveryCode", "00000000".equals(code) ? "11111111" : "00000000", "newPassword", STRONG2))
                .post(PASSWORD, env, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("recoveryCode"));
        admin.request()
                .contentType(recover)
                .body(Map.of("recoveryCode", code, "newPassword", STRONG2))
                .post(PASSWORD, env, id)
                .then()
                .statusCode(200)
                .body("status", equalTo("OK"));
        assertThat(service().checkSignOn(env, id, STRONG2)).isEqualTo(new SignOnCheck.Ok(false));
    }
}
