package io.latchkey.passwords;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.latchkey.users.UserFixtures;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordPoliciesApiTest {
    static final String POLICIES = "/v1/environments/{env}/passwordPolicies";
    static final String POLICY = POLICIES + "/{id}";

    Api admin() {
        return TestServer.shared().admin();
    }

    static Map<String, Object> custom(String name) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("name", name);
        b.put("excludesCommonlyUsed", true);
        b.put("excludesProfileData", false);
        b.put("notSimilarToCurrent", false);
        b.put("length", Map.of("min", 10, "max", 64));
        b.put("lockout", Map.of("failureCount", 3, "durationSeconds", 60));
        return b;
    }

    @Test
    void everyEnvironmentHasTheThreeBuiltInPoliciesWithStandardAsDefault() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        admin.get(POLICIES, env)
                .then()
                .statusCode(200)
                .body("count", equalTo(3))
                .body("_embedded.passwordPolicies.name", containsInAnyOrder("Standard", "Passphrase", "Basic"));
        String standard = UserFixtures.policy(admin, env, "Standard");
        admin.get(POLICY, env, standard)
                .then()
                .statusCode(200)
                .body("default", equalTo(true))
                .body("environment.id", equalTo(env))
                .body("length.min", equalTo(8))
                .body("length.max", equalTo(255))
                .body("minCharacters.'ABCDEFGHIJKLMNOPQRSTUVWXYZ'", equalTo(1))
                .body("minCharacters.'0123456789'", equalTo(1))
                .body("maxRepeatedCharacters", equalTo(2))
                .body("minUniqueCharacters", equalTo(5))
                .body("excludesCommonlyUsed", equalTo(true))
                .body("excludesProfileData", equalTo(true))
                .body("notSimilarToCurrent", equalTo(true))
                .body("lockout.failureCount", equalTo(5))
                .body("lockout.durationSeconds", equalTo(900))
                .body("maxAgeDays", equalTo(182))
                .body("history.count", equalTo(6))
                .body("populationCount", equalTo(1))
                .body("_links.self.href", notNullValue());
        admin.get(POLICY, env, UserFixtures.policy(admin, env, "Passphrase"))
                .then()
                .body("default", equalTo(false))
                .body("minComplexity", equalTo(7))
                .body("length", nullValue());
        admin.get(POLICY, env, UserFixtures.policy(admin, env, "Basic"))
                .then()
                .body("excludesProfileData", equalTo(false))
                .body("maxAgeDays", nullValue())
                .body("history", nullValue());
    }

    @Test
    void putChangesTheRulesOfABuiltInPolicy() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String standard = UserFixtures.policy(admin, env, "Standard");
        Map<String, Object> b = custom("Standard");
        admin.put(POLICY, b, env, standard)
                .then()
                .statusCode(200)
                .body("lockout.failureCount", equalTo(3))
                .body("length.min", equalTo(10))
                .body("default", equalTo(true))
                .body("maxAgeDays", nullValue());
        admin.get(POLICY, env, standard)
                .then()
                .body("lockout.failureCount", equalTo(3))
                .body("minCharacters", nullValue());
    }

    @Test
    void invalidRulesAreAllReportedAndChangeNothing() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String standard = UserFixtures.policy(admin, env, "Standard");
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("name", "Standard");
        b.put("excludesCommonlyUsed", true);
        b.put("notSimilarToCurrent", "yes");
        b.put("length", Map.of("min", 4));
        b.put("lockout", Map.of("failureCount", 0, "durationSeconds", 60));
        b.put("minCharacters", Map.of("XYZ", 1));
        b.put("maxAgeDays", 10);
        var details = admin.put(POLICY, b, env, standard)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .extract()
                .<java.util.List<Map<String, Object>>>path("details");
        org.assertj.core.api.Assertions.assertThat(details)
                .extracting(d -> d.get("target") + ":" + d.get("code"))
                .containsExactlyInAnyOrder(
                        "excludesProfileData:REQUIRED_VALUE",
                        "notSimilarToCurrent:INVALID_VALUE",
                        "length.min:OUT_OF_RANGE",
                        "lockout.failureCount:OUT_OF_RANGE",
                        "minCharacters:INVALID_VALUE",
                        "maxAgeDays:INVALID_VALUE");
        admin.get(POLICY, env, standard).then().body("length.min", equalTo(8)).body("lockout.failureCount", equalTo(5));
    }

    @Test
    void customPoliciesAreCreatedWithUniqueNames() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        admin.post(POLICIES, custom("Strict"), env)
                .then()
                .statusCode(201)
                .body("name", equalTo("Strict"))
                .body("default", equalTo(false))
                .body("populationCount", equalTo(0))
                .body("length.max", equalTo(64));
        admin.post(POLICIES, custom("STRICT"), env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("name"));
        admin.get(POLICIES, env).then().body("count", equalTo(4));
    }

    @Test
    void makingAPolicyTheDefaultUnsetsThePreviousAndTheDefaultCannotBeUnset() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String standard = UserFixtures.policy(admin, env, "Standard");
        Map<String, Object> b = custom("Strict");
        b.put("default", true);
        String strict = admin.post(POLICIES, b, env)
                .then()
                .statusCode(201)
                .body("default", equalTo(true))
                .extract()
                .path("id");
        admin.get(POLICY, env, standard).then().body("default", equalTo(false));
        b.put("default", false);
        admin.put(POLICY, b, env, strict)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("default"));
        admin.get(POLICY, env, strict).then().body("default", equalTo(true));
    }

    @Test
    void builtInDefaultAndUsedPoliciesCannotBeDeleted() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String basic = UserFixtures.policy(admin, env, "Basic");
        admin.delete(POLICY, env, basic)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"));
        admin.get(POLICY, env, basic).then().statusCode(200);

        String used = admin.post(POLICIES, custom("Used"), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String pop = admin.post(
                        "/v1/environments/{env}/populations",
                        Map.of("name", "P", "passwordPolicy", Map.of("id", used)),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.delete(POLICY, env, used).then().statusCode(400).body("details[0].code", equalTo("CONSTRAINT_VIOLATION"));
        admin.get(POLICY, env, used).then().statusCode(200).body("populationCount", equalTo(1));
        admin.get("/v1/environments/{env}/populations/{id}", env, pop).then().body("passwordPolicy.id", equalTo(used));

        Map<String, Object> b = custom("Default one");
        b.put("default", true);
        String def =
                admin.post(POLICIES, b, env).then().statusCode(201).extract().path("id");
        admin.delete(POLICY, env, def).then().statusCode(400).body("details[0].code", equalTo("CONSTRAINT_VIOLATION"));

        String free = admin.post(POLICIES, custom("Free"), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.delete(POLICY, env, free).then().statusCode(204);
        admin.get(POLICY, env, free).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }
}
