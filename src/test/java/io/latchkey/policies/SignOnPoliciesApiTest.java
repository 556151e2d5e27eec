package io.latchkey.policies;

import static io.latchkey.policies.PolicyFixtures.ACTIONS;
import static io.latchkey.policies.PolicyFixtures.POLICIES;
import static io.latchkey.policies.PolicyFixtures.POLICY;
import static io.latchkey.policies.PolicyFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SignOnPoliciesApiTest {
    static final String ISO = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    TestServer server() {
        return TestServer.shared();
    }

    Api admin() {
        return server().admin();
    }

    @Test
    void everyEnvironmentStartsWithTheSingleFactorDefaultPolicy() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        admin.get(POLICIES, env)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.signOnPolicies[0].name", equalTo("Single_Factor"))
                .body("_embedded.signOnPolicies[0].default", equalTo(true));
        String id = PolicyFixtures.defaultPolicy(admin, env);
        admin.get(ACTIONS, env, id)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.actions[0].type", equalTo("LOGIN"))
                .body("_embedded.actions[0].priority", equalTo(1))
                .body("_embedded.actions[0].recovery.enabled", equalTo(true))
                .body("_embedded.actions[0].registration.enabled", equalTo(false));
    }

    @Test
    void aCreatedPolicyHasPingOnesFields() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        var created = admin.post(POLICIES, Map.of("name", "Strong_Auth", "description", "Password then MFA"), env)
                .then()
                .statusCode(201)
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("environment.id", equalTo(env))
                .body("name", equalTo("Strong_Auth"))
                .body("description", equalTo("Password then MFA"))
                .body("default", equalTo(false))
                .body("createdAt", matchesPattern(ISO))
                .body("updatedAt", matchesPattern(ISO))
                .body("_links", aMapWithSize(3))
                .extract()
                .jsonPath();
        String id = created.getString("id");
        assertThat(created.getString("_links.self.href")).endsWith("/v1/environments/" + env + "/signOnPolicies/" + id);
        assertThat(created.getString("_links.actions.href")).endsWith("/signOnPolicies/" + id + "/actions");
        assertThat(created.getMap(""))
                .containsOnlyKeys(
                        "_links", "id", "environment", "name", "description", "default", "createdAt", "updatedAt");
        assertThat(JsonPath.from(snapshot(admin, POLICY, env, id)).getMap("")).isEqualTo(created.getMap(""));
        admin.get(ACTIONS, env, id)
                .then()
                .statusCode(200)
                .body("count", equalTo(0))
                .body("_links.self.href", endsWith("/signOnPolicies/" + id + "/actions"));
    }

    @Test
    void aNameIsWordsOfLettersDigitsAndPunctuationOrAnAbsoluteUri() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String before = snapshot(admin, POLICIES, env);
        for (String bad : List.of("a/b", "naïve", "x@y", "tab\tname", "no:", "policy#1")) {
            admin.post(POLICIES, Map.of("name", bad), env)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_DATA"))
                    .body("details[0].code", equalTo("INVALID_VALUE"))
                    .body("details[0].target", equalTo("name"));
        }
        admin.post(POLICIES, Map.of("description", "nameless"), env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("name"));
        admin.post(POLICIES, Map.of("name", " "), env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("EMPTY_VALUE"))
                .body("details[0].target", equalTo("name"));
        admin.post(POLICIES, Map.of("name", "ok", "default", "yes"), env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("default"));
        assertThat(snapshot(admin, POLICIES, env)).isEqualTo(before);
        for (String good :
                List.of("My policy 2.0_x-y", "urn:acme:policy:strong", "https://acme.example/policies/strong")) {
            admin.post(POLICIES, Map.of("name", good), env)
                    .then()
                    .statusCode(201)
                    .body("name", equalTo(good));
        }
    }

    @Test
    void duplicatePolicyNameIgnoringCaseIsUniquenessViolationOnName() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        PolicyFixtures.policy(admin, env, "Strong");
        String before = snapshot(admin, POLICIES, env);
        for (String name : List.of("Strong", "strong", "SINGLE_FACTOR")) {
            admin.post(POLICIES, Map.of("name", name), env)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_DATA"))
                    .body("details", hasSize(1))
                    .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                    .body("details[0].target", equalTo("name"));
        }
        assertThat(snapshot(admin, POLICIES, env)).isEqualTo(before);
    }

    @Test
    void defaultTrueOnCreateOrUpdateMovesTheDefault() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String single = PolicyFixtures.defaultPolicy(admin, env);
        String created = admin.post(POLICIES, Map.of("name", "New_Default", "default", true), env)
                .then()
                .statusCode(201)
                .body("default", equalTo(true))
                .extract()
                .path("id");
        assertThat(PolicyFixtures.defaultPolicy(admin, env)).isEqualTo(created);
        admin.get(POLICY, env, single).then().body("default", equalTo(false));

        admin.put(POLICY, Map.of("name", "Single_Factor", "default", true), env, single)
                .then()
                .statusCode(200)
                .body("default", equalTo(true));
        assertThat(PolicyFixtures.defaultPolicy(admin, env)).isEqualTo(single);
        admin.get(POLICY, env, created).then().body("default", equalTo(false));
    }

    @Test
    void theDefaultPolicyStaysTheDefaultUntilAnotherTakesOver() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String single = PolicyFixtures.defaultPolicy(admin, env);
        String before = snapshot(admin, POLICY, env, single);
        admin.put(POLICY, Map.of("name", "Single_Factor", "default", false), env, single)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("default"));
        admin.delete(POLICY, env, single)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"))
                .body("details[0].target", nullValue());
        assertThat(snapshot(admin, POLICY, env, single)).isEqualTo(before);
        // PUT without "default" keeps it the default.
        admin.put(POLICY, Map.of("name", "Single_Factor", "description", "d"), env, single)
                .then()
                .statusCode(200)
                .body("default", equalTo(true));
        // Once another policy is the default, the old one can go.
        String other = PolicyFixtures.policy(admin, env, "Other");
        admin.put(POLICY, Map.of("name", "Other", "default", true), env, other)
                .then()
                .statusCode(200);
        admin.delete(POLICY, env, single).then().statusCode(204);
        assertThat(PolicyFixtures.defaultPolicy(admin, env)).isEqualTo(other);
    }

    @Test
    void putRenamesAndReplacesThePolicy() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = admin.post(POLICIES, Map.of("name", "Before", "description", "d"), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.put(POLICY, Map.of("name", "after"), env, id)
                .then()
                .statusCode(200)
                .body("name", equalTo("after"))
                .body("$", not(hasKey("description")))
                .body("default", equalTo(false));
        admin.put(POLICY, Map.of("name", "AFTER"), env, id)
                .then()
                .statusCode(200)
                .body("name", equalTo("AFTER"));
        String before = snapshot(admin, POLICY, env, id);
        admin.put(POLICY, Map.of("name", "single_factor"), env, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("name"));
        admin.put(POLICY, Map.of("description", "x"), env, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("name"));
        admin.put(POLICY, Map.of("name", "a|b"), env, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("name"));
        assertThat(snapshot(admin, POLICY, env, id)).isEqualTo(before);
    }

    @Test
    void deletingAPolicyDeletesItsActions() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = PolicyFixtures.policy(admin, env, "Doomed");
        PolicyFixtures.login(admin, env, id, 1);
        PolicyFixtures.login(admin, env, id, 2);
        admin.delete(POLICY, env, id).then().statusCode(204).body(equalTo(""));
        admin.get(POLICY, env, id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.get(ACTIONS, env, id).then().statusCode(404);
        long left = server().latchkey()
                .database()
                .withHandle(h -> h.createQuery("select count(*) from sign_on_policy_actions where policy_id = :p")
                        .bind("p", id)
                        .mapTo(Long.class)
                        .one());
        assertThat(left).isZero();
        admin.delete(POLICY, env, id).then().statusCode(404);
    }

    @Test
    void aPolicyAssignedToApplicationsCannotBeDeleted() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String policy = PolicyFixtures.policy(admin, env, "Assigned");
        PolicyFixtures.login(admin, env, policy, 1);
        String app = PolicyFixtures.application(admin, env, "Portal");
        String assignment = PolicyFixtures.assign(server().latchkey().database(), env, app, policy, 1);
        String before = snapshot(admin, POLICY, env, policy);
        String actionsBefore = snapshot(admin, ACTIONS, env, policy);
        admin.delete(POLICY, env, policy)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"))
                .body("details[0].target", nullValue())
                .body("details[0].message", containsString("'Portal' (" + app + ")"))
                .body("details[0].innerError.referencedValues", equalTo(List.of(app)));
        assertThat(snapshot(admin, POLICY, env, policy)).isEqualTo(before);
        assertThat(snapshot(admin, ACTIONS, env, policy)).isEqualTo(actionsBefore);

        server().latchkey()
                .database()
                .withHandle(h -> h.createUpdate("delete from sign_on_policy_assignments where id = :id")
                        .bind("id", assignment)
                        .execute());
        admin.delete(POLICY, env, policy).then().statusCode(204);
    }

    @Test
    void deletingTheApplicationReleasesItsPolicies() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String policy = PolicyFixtures.policy(admin, env, "Released");
        String app = PolicyFixtures.application(admin, env, "Shortlived");
        PolicyFixtures.assign(server().latchkey().database(), env, app, policy, 1);
        admin.delete("/v1/environments/{env}/applications/{id}", env, app)
                .then()
                .statusCode(204);
        admin.delete(POLICY, env, policy).then().statusCode(204);
    }

    @Test
    void unknownPoliciesAndEnvironmentsAreNotFound() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String nobody = UUID.randomUUID().toString();
        admin.get(POLICY, env, nobody).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.put(POLICY, Map.of("name", "x"), env, nobody).then().statusCode(404);
        admin.delete(POLICY, env, nobody).then().statusCode(404);
        admin.get(POLICIES, nobody).then().statusCode(404);
        admin.post(POLICIES, Map.of("name", "x"), nobody).then().statusCode(404);
        admin.request()
                .contentType("text/plain")
                .body("x")
                .post(POLICIES, env)
                .then()
                .statusCode(415)
                .body("code", equalTo("INVALID_REQUEST"));
    }
}
