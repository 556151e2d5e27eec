package io.latchkey.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsersApiTest {
    static final String USERS = "/v1/environments/{env}/users";
    static final String USER = USERS + "/{id}";

    Api admin() {
        return TestServer.shared().admin();
    }

    static Map<String, Object> fullUser(String username) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("username", username);
        b.put("email", username + "@example.com");
        b.put("name", Map.of("given", "Jane", "family", "O'Neil-Smith", "formatted", "Jane O'Neil-Smith"));
        b.put("nickname", "JJ");
        b.put("title", "Engineer");
        b.put("locale", "en-US");
        b.put("preferredLanguage", "en-GB;q=0.8");
        b.put("timezone", "America/Chicago");
        b.put("mobilePhone", "+1 555 0100");
        b.put(
                "address",
                Map.of(
                        "streetAddress",
                        "1 Main St\nApt 2",
                        "locality",
                        "Springfield",
                        "region",
                        "IL",
                        "postalCode",
                        "62701",
                        "countryCode",
                        "US"));
        b.put("photo", Map.of("href", "https://example.com/jane.png"));
        b.put("externalId", "EXT-1");
        return b;
    }

    @Test
    void createdUserIsReturnedWithPingOnesFields() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String def = UserFixtures.defaultPopulation(admin, env);
        String id = admin.post(USERS, fullUser("jane"), env)
                .then()
                .statusCode(201)
                .body("id", notNullValue())
                .body("environment.id", equalTo(env))
                .body("username", equalTo("jane"))
                .body("email", equalTo("jane@example.com"))
                .body("name.given", equalTo("Jane"))
                .body("name.family", equalTo("O'Neil-Smith"))
                .body("address.locality", equalTo("Springfield"))
                .body("timezone", equalTo("America/Chicago"))
                .body("population.id", equalTo(def))
                .body("enabled", equalTo(true))
                .body("mfaEnabled", equalTo(false))
                .body("account.canAuthenticate", equalTo(true))
                .body("account.status", equalTo("OK"))
                .body("account.lockedAt", nullValue())
                .body("lifecycle.status", equalTo("ACCOUNT_OK"))
                .body("identityProvider.type", equalTo("PING_ONE"))
                .body("verifyStatus", equalTo("NOT_INITIATED"))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .body("password", nullValue())
                .body("_links.self.href", containsString("/v1/environments/" + env + "/users/"))
                .extract()
                .path("id");
        admin.get(USER, env, id)
                .then()
                .statusCode(200)
                .body("username", equalTo("jane"))
                .body("externalId", equalTo("EXT-1"))
                .body("photo.href", equalTo("https://example.com/jane.png"));
    }

    @Test
    void usernameIsRequiredAndNothingIsCreated() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        admin.post(USERS, Map.of("email", "x@example.com"), env)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("username"));
        assertThat(UserFixtures.userCount(admin, env)).isZero();
    }

    @Test
    void usernameIsUniqueRegardlessOfCase() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String first = UserFixtures.user(admin, env, "Jane.Doe");
        admin.post(USERS, Map.of("username", "jane.doe", "email", "other@example.com"), env)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("username"));
        assertThat(UserFixtures.userCount(admin, env)).isEqualTo(1);
        admin.get(USER, env, first).then().body("email", equalTo("Jane.Doe@example.com"));
    }

    @Test
    void theSameUsernameMayExistInAnotherEnvironment() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String other = Fixtures.environment(admin);
        UserFixtures.user(admin, env, "shared");
        UserFixtures.user(admin, other, "shared");
    }

    @Test
    void aUserWithoutEmailIsAccepted() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        admin.post(USERS, Map.of("username", "no-email"), env)
                .then()
                .statusCode(201)
                .body("email", nullValue());
    }

    @Test
    void everyInvalidAttributeIsReportedAtOnceAndNothingIsCreated() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("username", "u".repeat(129));
        b.put("email", "not an email");
        b.put("address", Map.of("countryCode", "usa"));
        b.put("timezone", "Mars");
        b.put("photo", Map.of("href", "javascript:alert(1)"));
        b.put("name", Map.of("family", "Bobby<script>"));
        List<Map<String, Object>> details = admin.post(USERS, b, env)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .extract()
                .path("details");
        assertThat(details)
                .extracting(d -> d.get("target"))
                .containsExactlyInAnyOrder(
                        "username", "email", "address.countryCode", "timezone", "photo.href", "name.family");
        assertThat(UserFixtures.userCount(admin, env)).isZero();
    }

    @Test
    void anUnknownPopulationIsInvalidValueOnPopulationId() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        admin.post(
                        USERS,
                        Map.of("username", "u", "population", Map.of("id", "00000000-0000-4000-8000-000000000000")),
                        env)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("population.id"));
        assertThat(UserFixtures.userCount(admin, env)).isZero();
    }

    @Test
    void anUnsupportedContentTypeIs415() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        admin.request()
                .contentType("text/plain")
                .body("username=x")
                .post(USERS, env)
                .then()
                .statusCode(415)
                .body("code", equalTo("INVALID_REQUEST"));
        assertThat(UserFixtures.userCount(admin, env)).isZero();
    }

    @Test
    void putReplacesTheProfileAndClearsOmittedAttributes() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = admin.post(USERS, fullUser("jane"), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.put(USER, Map.of("username", "jane2", "name", Map.of("given", "J")), env, id)
                .then()
                .statusCode(200)
                .body("username", equalTo("jane2"))
                .body("name.given", equalTo("J"))
                .body("name.family", nullValue())
                .body("email", nullValue())
                .body("address", nullValue())
                .body("enabled", equalTo(true));
        admin.get(USER, env, id).then().body("username", equalTo("jane2")).body("externalId", nullValue());
        // the old username is free again, the new one is taken
        UserFixtures.user(admin, env, "jane");
        admin.post(USERS, Map.of("username", "JANE2"), env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"));
    }

    @Test
    void putToATakenUsernameIsUniquenessViolationAndChangesNothing() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        UserFixtures.user(admin, env, "taken");
        String id = UserFixtures.user(admin, env, "mine");
        admin.put(USER, Map.of("username", "Taken"), env, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("username"));
        admin.get(USER, env, id).then().body("username", equalTo("mine")).body("email", equalTo("mine@example.com"));
    }

    @Test
    void putCannotMoveAUserToAnotherPopulation() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String staff = UserFixtures.population(admin, env, "Staff");
        String id = UserFixtures.user(admin, env, "mover");
        admin.put(USER, Map.of("username", "mover", "population", Map.of("id", staff)), env, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("population.id"));
        admin.get(USER, env, id).then().body("population.id", equalTo(UserFixtures.defaultPopulation(admin, env)));
        admin.put(USER + "/population", Map.of("id", staff), env, id)
                .then()
                .statusCode(200)
                .body("id", equalTo(staff));
        admin.get(USER + "/population", env, id).then().statusCode(200).body("id", equalTo(staff));
        admin.get(USER, env, id).then().body("population.id", equalTo(staff));
    }

    @Test
    void movingToAnUnknownPopulationIsInvalidValueAndChangesNothing() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.user(admin, env, "stay");
        String def = UserFixtures.defaultPopulation(admin, env);
        admin.put(USER + "/population", Map.of("id", "00000000-0000-4000-8000-000000000000"), env, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("id"));
        admin.get(USER, env, id).then().body("population.id", equalTo(def));
    }

    @Test
    void patchMergesAndNullClears() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = admin.post(USERS, fullUser("pat"), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("name", Map.of("given", "Patricia"));
        patch.put("nickname", null);
        patch.put("title", "Director");
        admin.patch(USER, patch, env, id)
                .then()
                .statusCode(200)
                .body("name.given", equalTo("Patricia"))
                .body("name.family", equalTo("O'Neil-Smith"))
                .body("nickname", nullValue())
                .body("title", equalTo("Director"))
                .body("email", equalTo("pat@example.com"));
        admin.get(USER, env, id).then().body("name.given", equalTo("Patricia")).body("nickname", nullValue());
    }

    @Test
    void patchClearingTheUsernameIsRefusedAndChangesNothing() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.user(admin, env, "keep");
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("username", null);
        patch.put("title", "X");
        admin.patch(USER, patch, env, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("username"));
        admin.get(USER, env, id).then().body("username", equalTo("keep")).body("title", nullValue());
    }

    @Test
    void deletedUserIsGoneWithItsPassword() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.userWithPassword(admin, env, "gone", UserFixtures.STRONG);
        admin.delete(USER, env, id).then().statusCode(204);
        admin.get(USER, env, id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.get(USER + "/password", env, id).then().statusCode(404);
        admin.delete(USER, env, id).then().statusCode(404);
        long orphans = TestServer.shared()
                .latchkey()
                .database()
                .withHandle(h -> h.createQuery("select count(*) from user_passwords where user_id = :id")
                        .bind("id", id)
                        .mapTo(Long.class)
                        .one());
        assertThat(orphans).isZero();
    }

    @Test
    void lockAndUnlockWithTheAccountContentTypes() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.user(admin, env, "lockme");
        admin.request()
                .contentType("application/vnd.pingidentity.account.lock+json")
                .post(USER, env, id)
                .then()
                .statusCode(200)
                .body("account.status", equalTo("LOCKED"))
                .body("account.canAuthenticate", equalTo(false))
                .body("account.lockedAt", notNullValue())
                .body("account.secondsUntilUnlock", nullValue());
        admin.get(USER, env, id).then().body("account.status", equalTo("LOCKED"));
        admin.request()
                .contentType("application/vnd.pingidentity.account.unlock+json")
                .body("{}")
                .post(USER, env, id)
                .then()
                .statusCode(200)
                .body("account.status", equalTo("OK"))
                .body("account.canAuthenticate", equalTo(true))
                .body("account.lockedAt", nullValue());
    }

    @Test
    void postToAUserWithAnotherContentTypeIs415AndChangesNothing() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.user(admin, env, "plain");
        admin.post(USER, Map.of("x", 1), env, id).then().statusCode(415).body("code", equalTo("INVALID_REQUEST"));
        admin.get(USER, env, id).then().body("account.status", equalTo("OK"));
    }

    @Test
    void disablingAUserThroughTheEnabledResource() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.user(admin, env, "toggle");
        admin.get(USER + "/enabled", env, id).then().statusCode(200).body("enabled", equalTo(true));
        admin.put(USER + "/enabled", Map.of("enabled", false), env, id)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false));
        admin.get(USER, env, id).then().body("enabled", equalTo(false)).body("account.canAuthenticate", equalTo(false));
        admin.put(USER + "/enabled", Map.of("enabled", "no"), env, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("enabled"));
        admin.get(USER + "/enabled", env, id).then().body("enabled", equalTo(false));
    }

    @Test
    void importSetsLifecycleAndEmailVerified() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("username", "imported");
        b.put("email", "imported@example.com");
        b.put("emailVerified", true);
        b.put("lifecycle", Map.of("status", "VERIFICATION_REQUIRED", "suppressVerificationCode", true));
        admin.request()
                .contentType("application/vnd.pingidentity.user.import+json")
                .body(b)
                .post(USERS, env)
                .then()
                .statusCode(201)
                .body("lifecycle.status", equalTo("VERIFICATION_REQUIRED"))
                .body("emailVerified", equalTo(true));
        // without the import content type these two are not the caller's to set
        b.put("username", "created");
        admin.post(USERS, b, env)
                .then()
                .statusCode(201)
                .body("lifecycle.status", equalTo("ACCOUNT_OK"))
                .body("emailVerified", equalTo(false));
    }

    @Test
    void anInvalidLifecycleStatusIsRefused() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        admin.request()
                .contentType("application/vnd.pingidentity.user.import+json")
                .body(Map.of("username", "x", "lifecycle", Map.of("status", "ACTIVE")))
                .post(USERS, env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("lifecycle.status"))
                .body("details[0].innerError.allowedValues", containsInAnyOrder("ACCOUNT_OK", "VERIFICATION_REQUIRED"));
        assertThat(UserFixtures.userCount(admin, env)).isZero();
    }

    @Test
    void listPagesWithLimitAndCursor() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        for (int i = 0; i < 5; i++) UserFixtures.user(admin, env, "p" + i);
        String next = admin.request()
                .queryParam("limit", 2)
                .get(USERS, env)
                .then()
                .statusCode(200)
                .body("count", equalTo(5))
                .body("size", equalTo(2))
                .body("_embedded.users", hasSize(2))
                .body("_embedded.users[0].username", equalTo("p0"))
                .extract()
                .path("_links.next.href");
        next = admin.request()
                .get(next.substring(next.indexOf("/v1/")))
                .then()
                .statusCode(200)
                .body("_embedded.users.username", containsInAnyOrder("p2", "p3"))
                .extract()
                .path("_links.next.href");
        admin.request()
                .get(next.substring(next.indexOf("/v1/")))
                .then()
                .statusCode(200)
                .body("_embedded.users.username", containsInAnyOrder("p4"))
                .body("_links.next", nullValue());
    }

    @Test
    void limitOutsideOneToAThousandIsRefused() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        for (String limit : List.of("0", "1001", "ten")) {
            admin.request()
                    .queryParam("limit", limit)
                    .get(USERS, env)
                    .then()
                    .statusCode(400)
                    .body("details[0].code", equalTo("INVALID_VALUE"))
                    .body("details[0].target", equalTo("limit"));
        }
        admin.request().queryParam("limit", 1000).get(USERS, env).then().statusCode(200);
    }

    @Test
    void deletingAnEnvironmentDeletesItsUsers() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String staff = UserFixtures.population(admin, env, "Staff");
        admin.post(USERS, Map.of("username", "a", "population", Map.of("id", staff)), env)
                .then()
                .statusCode(201);
        UserFixtures.userWithPassword(admin, env, "b", UserFixtures.STRONG);
        admin.delete("/v1/environments/{env}", env).then().statusCode(204);
        long left = TestServer.shared()
                .latchkey()
                .database()
                .withHandle(h -> h.createQuery("select count(*) from users where environment_id = :env")
                        .bind("env", env)
                        .mapTo(Long.class)
                        .one());
        assertThat(left).isZero();
    }

    @Test
    void unknownUserIsNotFoundEverywhere() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String missing = "00000000-0000-4000-8000-000000000000";
        admin.get(USER, env, missing).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.put(USER, Map.of("username", "x"), env, missing).then().statusCode(404);
        admin.patch(USER, Map.of("title", "x"), env, missing).then().statusCode(404);
        admin.delete(USER, env, missing).then().statusCode(404);
        admin.get(USER + "/enabled", env, missing).then().statusCode(404);
        admin.get(USER + "/password", env, missing).then().statusCode(404);
        admin.request()
                .contentType("application/vnd.pingidentity.account.lock+json")
                .post(USER, env, missing)
                .then()
                .statusCode(404);
    }

    @Test
    void usersOfAnUnknownEnvironmentAreNotFound() {
        Api admin = admin();
        admin.get(USERS, "00000000-0000-4000-8000-000000000000").then().statusCode(404);
        admin.post(USERS, Map.of("username", "x"), "00000000-0000-4000-8000-000000000000")
                .then()
                .statusCode(404);
        long rows = TestServer.shared()
                .latchkey()
                .database()
                .withHandle(h -> h.createQuery(
                                "select count(*) from users where environment_id = '00000000-0000-4000-8000-000000000000'")
                        .mapTo(Long.class)
                        .one());
        assertThat(rows).isZero();
    }
}
