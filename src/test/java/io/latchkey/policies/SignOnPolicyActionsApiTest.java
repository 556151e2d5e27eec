package io.latchkey.policies;

import static io.latchkey.policies.PolicyFixtures.ACTION;
import static io.latchkey.policies.PolicyFixtures.ACTIONS;
import static io.latchkey.policies.PolicyFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SignOnPolicyActionsApiTest {
    static final String IDP = "7b4d3f3e-1c2a-4b5c-9d8e-0f1a2b3c4d5e";

    TestServer server() {
        return TestServer.shared();
    }

    Api admin() {
        return server().admin();
    }

    private static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void aLoginActionKeepsEveryRecoveryAndRegistrationSetting() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String policy = PolicyFixtures.policy(admin, env, "Login");
        String population = PolicyFixtures.defaultPopulation(server().latchkey().database(), env);
        var condition = Map.of("secondsSince", "${session.lastSignOn.withAuthenticator.pwd.at}", "greater", 43200);
        var created = admin.post(
                        ACTIONS,
                        body(
                                "priority",
                                1,
                                "type",
                                "LOGIN",
                                "recovery",
                                Map.of("enabled", true),
                                "registration",
                                Map.of(
                                        "enabled",
                                        true,
                                        "population",
                                        Map.of("id", population),
                                        "confirmIdentityProviderAttributes",
                                        true),
                                "enforceLockoutForIdentityProviders",
                                true,
                                "socialProviders",
                                List.of(Map.of("id", IDP)),
                                "condition",
                                condition),
                        env,
                        policy)
                .then()
                .statusCode(201)
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("environment.id", equalTo(env))
                .body("signOnPolicy.id", equalTo(policy))
                .body("priority", equalTo(1))
                .body("type", equalTo("LOGIN"))
                .body("recovery.enabled", equalTo(true))
                .body("registration.enabled", equalTo(true))
                .body("registration.population.id", equalTo(population))
                .body("registration.confirmIdentityProviderAttributes", equalTo(true))
                .body("enforceLockoutForIdentityProviders", equalTo(true))
                .body("socialProviders[0].id", equalTo(IDP))
                .body("condition.greater", equalTo(43200))
                .body("condition.secondsSince", equalTo("${session.lastSignOn.withAuthenticator.pwd.at}"))
                .body("_links", aMapWithSize(3))
                .body("_links.signOnPolicy.href", endsWith("/signOnPolicies/" + policy))
                .extract()
                .jsonPath();
        String id = created.getString("id");
        assertThat(created.getString("_links.self.href")).endsWith("/signOnPolicies/" + policy + "/actions/" + id);
        assertThat(JsonPath.from(snapshot(admin, ACTION, env, policy, id)).getMap(""))
                .isEqualTo(created.getMap(""));
    }

    @Test
    void aMinimalLoginActionGetsTheDefaults() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String policy = PolicyFixtures.policy(admin, env, "Minimal");
        admin.post(ACTIONS, Map.of("priority", 1, "type", "LOGIN"), env, policy)
                .then()
                .statusCode(201)
                .body("recovery.enabled", equalTo(false))
                .body("registration.enabled", equalTo(false))
                .body("registration.confirmIdentityProviderAttributes", equalTo(false))
                .body("$", not(hasKey("condition")))
                .body("$", not(hasKey("socialProviders")));
        admin.post(
                        ACTIONS,
                        body(
                                "priority",
                                2,
                                "type",
                                "LOGIN",
                                "registration",
                                Map.of("enabled", false, "external", Map.of("href", "https://register.example/start"))),
                        env,
                        policy)
                .then()
                .statusCode(201)
                .body("registration.external.href", equalTo("https://register.example/start"));
    }

    @Test
    void registrationSettingsAreCheckedTogether() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String policy = PolicyFixtures.policy(admin, env, "Registration");
        PolicyFixtures.login(admin, env, policy, 1);
        String population = PolicyFixtures.defaultPopulation(server().latchkey().database(), env);
        String foreign = PolicyFixtures.defaultPopulation(server().latchkey().database(), Fixtures.environment(admin));
        String before = snapshot(admin, ACTIONS, env, policy);
        record Case(Object registration, String code, String target) {}
        for (Case c : List.of(
                new Case(Map.of("enabled", true), "REQUIRED_VALUE", "registration.population"),
                new Case(
                        Map.of(
                                "enabled",
                                true,
                                "population",
                                Map.of("id", UUID.randomUUID().toString())),
                        "INVALID_VALUE",
                        "registration.population.id"),
                new Case(
                        Map.of("enabled", true, "population", Map.of("id", foreign)),
                        "INVALID_VALUE",
                        "registration.population.id"),
                new Case(
                        Map.of("enabled", true, "population", Map.of("id", "not-an-id")),
                        "INVALID_VALUE",
                        "registration.population.id"),
                new Case(
                        Map.of("enabled", true, "population", Map.of()),
                        "REQUIRED_VALUE",
                        "registration.population.id"),
                new Case(
                        Map.of("enabled", true, "external", Map.of("href", "https://r.example")),
                        "INVALID_VALUE",
                        "registration.enabled"),
                new Case(
                        Map.of(
                                "enabled",
                                false,
                                "external",
                                Map.of("href", "https://r.example"),
                                "population",
                                Map.of("id", population)),
                        "INVALID_VALUE",
                        "registration.population"),
                new Case(
                        Map.of("enabled", false, "external", Map.of("href", "javascript:alert(1)")),
                        "INVALID_VALUE",
                        "registration.external.href"),
                new Case(
                        Map.of("enabled", false, "external", Map.of()), "REQUIRED_VALUE", "registration.external.href"),
                new Case(Map.of("population", Map.of("id", population)), "REQUIRED_VALUE", "registration.enabled"),
                new Case(Map.of("enabled", "true"), "INVALID_VALUE", "registration.enabled"),
                new Case("yes", "INVALID_VALUE", "registration"))) {
            admin.post(ACTIONS, body("priority", 2, "type", "LOGIN", "registration", c.registration()), env, policy)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_DATA"))
                    .body("details[0].code", equalTo(c.code()))
                    .body("details[0].target", equalTo(c.target()));
        }
        admin.post(ACTIONS, body("priority", 2, "type", "LOGIN", "recovery", Map.of()), env, policy)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("recovery.enabled"));
        admin.post(
                        ACTIONS,
                        body("priority", 2, "type", "LOGIN", "socialProviders", List.of(Map.of("id", "facebook"))),
                        env,
                        policy)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("socialProviders[0].id"));
        admin.post(
                        ACTIONS,
                        body(
                                "priority",
                                2,
                                "type",
                                "LOGIN",
                                "newUserProvisioning",
                                Map.of(
                                        "gateways",
                                        List.of(Map.of("id", IDP, "type", "RADIUS", "userType", Map.of("id", IDP))))),
                        env,
                        policy)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("newUserProvisioning.gateways[0].type"));
        assertThat(snapshot(admin, ACTIONS, env, policy)).isEqualTo(before);
    }

    @Test
    void prioritiesArePositiveAndUniqueWithinAPolicy() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String policy = PolicyFixtures.policy(admin, env, "Priorities");
        String first = PolicyFixtures.login(admin, env, policy, 1);
        String second = admin.post(ACTIONS, Map.of("priority", 2, "type", "MULTI_FACTOR_AUTHENTICATION"), env, policy)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String before = snapshot(admin, ACTIONS, env, policy);
        admin.post(ACTIONS, Map.of("priority", 1, "type", "AGREEMENT", "agreement", Map.of("id", IDP)), env, policy)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("priority"));
        admin.put(ACTION, Map.of("priority", 1, "type", "MULTI_FACTOR_AUTHENTICATION"), env, policy, second)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("priority"));
        admin.post(ACTIONS, Map.of("type", "LOGIN"), env, policy)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("priority"));
        admin.post(ACTIONS, Map.of("priority", 0, "type", "LOGIN"), env, policy)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("OUT_OF_RANGE"))
                .body("details[0].target", equalTo("priority"));
        admin.post(ACTIONS, Map.of("priority", "3", "type", "LOGIN"), env, policy)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("priority"));
        admin.post(ACTIONS, Map.of("priority", 2.5, "type", "LOGIN"), env, policy)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("priority"));
        assertThat(snapshot(admin, ACTIONS, env, policy)).isEqualTo(before);
        // An action keeps its own priority on PUT, and the same priority is free in another policy.
        admin.put(ACTION, Map.of("priority", 1, "type", "LOGIN"), env, policy, first)
                .then()
                .statusCode(200);
        PolicyFixtures.login(admin, env, PolicyFixtures.policy(admin, env, "Elsewhere"), 1);
    }

    @Test
    void theTypeIsRequiredAndOneOfPingOnes() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String policy = PolicyFixtures.policy(admin, env, "Types");
        String before = snapshot(admin, ACTIONS, env, policy);
        admin.post(ACTIONS, Map.of("priority", 1), env, policy)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("type"));
        admin.post(ACTIONS, Map.of("priority", 1, "type", "PASSWORDLESS"), env, policy)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("type"))
                .body(
                        "details[0].innerError.allowedValues",
                        hasItems(
                                "LOGIN",
                                "MULTI_FACTOR_AUTHENTICATION",
                                "IDENTIFIER_FIRST",
                                "IDENTITY_PROVIDER",
                                "PROGRESSIVE_PROFILING",
                                "AGREEMENT",
                                "PINGID_WINLOGIN_PASSWORDLESS_AUTHENTICATION",
                                "PINGID_AUTHENTICATION"));
        assertThat(snapshot(admin, ACTIONS, env, policy)).isEqualTo(before);
    }

    @Test
    void aConditionIsKeptAsGivenButMustBeAnObject() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String policy = PolicyFixtures.policy(admin, env, "Conditions");
        String before = snapshot(admin, ACTIONS, env, policy);
        for (Object bad : List.of("always", List.of(1), 5, true)) {
            admin.post(ACTIONS, body("priority", 1, "type", "LOGIN", "condition", bad), env, policy)
                    .then()
                    .statusCode(400)
                    .body("details[0].code", equalTo("INVALID_VALUE"))
                    .body("details[0].target", equalTo("condition"));
        }
        assertThat(snapshot(admin, ACTIONS, env, policy)).isEqualTo(before);
        var nested = Map.of(
                "or",
                List.of(
                        Map.of("ipRange", List.of("10.0.0.0/8"), "contains", "${flow.request.http.remoteIp}"),
                        Map.of("not", Map.of("value", "${user.*}", "equals", "x"))));
        admin.post(
                        ACTIONS,
                        body("priority", 1, "type", "MULTI_FACTOR_AUTHENTICATION", "condition", nested),
                        env,
                        policy)
                .then()
                .statusCode(201)
                .body("condition.or[0].ipRange[0]", equalTo("10.0.0.0/8"))
                .body("condition.or[1].not.equals", equalTo("x"));
    }

    @Test
    void everyOtherActionTypeIsValidatedAndStored() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String policy = PolicyFixtures.policy(admin, env, "AllTypes");
        // An MFA action names an MFA policy of the environment: its default one.
        String mfaPolicy = admin.get("/v1/environments/{env}/deviceAuthenticationPolicies", env)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.deviceAuthenticationPolicies.find { it.default }.id");
        record Case(
                Map<String, Object> valid, Map<String, Object> invalid, String code, String target, String echoed) {}
        List<Case> cases = List.of(
                new Case(
                        body(
                                "type",
                                "MULTI_FACTOR_AUTHENTICATION",
                                "deviceAuthenticationPolicy",
                                Map.of("id", mfaPolicy),
                                "noDevicesMode",
                                "BLOCK",
                                "sms",
                                Map.of("enabled", true)),
                        body("type", "MULTI_FACTOR_AUTHENTICATION", "noDevicesMode", "SKIP"),
                        "INVALID_VALUE",
                        "noDevicesMode",
                        "noDevicesMode"),
                new Case(
                        body(
                                "type",
                                "IDENTIFIER_FIRST",
                                "recovery",
                                Map.of("enabled", true),
                                "discoveryRules",
                                List.of(Map.of(
                                        "condition",
                                        Map.of("contains", "@acme.com", "value", "${identifier}"),
                                        "identityProvider",
                                        Map.of("id", IDP)))),
                        body(
                                "type",
                                "IDENTIFIER_FIRST",
                                "discoveryRules",
                                List.of(Map.of(
                                        "condition", Map.of("contains", "x"), "identityProvider", Map.of("id", IDP)))),
                        "REQUIRED_VALUE",
                        "discoveryRules[0].condition.value",
                        "discoveryRules"),
                new Case(
                        body(
                                "type",
                                "IDENTITY_PROVIDER",
                                "identityProvider",
                                Map.of("id", IDP),
                                "acrValues",
                                "Single_Factor",
                                "passUserContext",
                                true),
                        body("type", "IDENTITY_PROVIDER", "acrValues", "x"),
                        "REQUIRED_VALUE",
                        "identityProvider",
                        "identityProvider"),
                new Case(
                        body("type", "AGREEMENT", "agreement", Map.of("id", IDP), "disableDeclineOption", true),
                        body("type", "AGREEMENT", "agreement", Map.of("id", "terms")),
                        "INVALID_VALUE",
                        "agreement.id",
                        "agreement"),
                new Case(
                        body(
                                "type",
                                "PROGRESSIVE_PROFILING",
                                "attributes",
                                List.of(Map.of("name", "mobilePhone", "required", false)),
                                "preventMultiplePromptsPerFlow",
                                true,
                                "promptIntervalSeconds",
                                7776000,
                                "promptText",
                                "Tell us more"),
                        body(
                                "type",
                                "PROGRESSIVE_PROFILING",
                                "attributes",
                                List.of(Map.of("name", "mobilePhone", "required", false)),
                                "preventMultiplePromptsPerFlow",
                                true,
                                "promptIntervalSeconds",
                                0,
                                "promptText",
                                "x"),
                        "OUT_OF_RANGE",
                        "promptIntervalSeconds",
                        "attributes"),
                new Case(
                        body(
                                "type",
                                "PINGID_WINLOGIN_PASSWORDLESS_AUTHENTICATION",
                                "uniqueUserAttribute",
                                Map.of("name", "username"),
                                "offlineMode",
                                Map.of("enabled", false)),
                        body(
                                "type",
                                "PINGID_WINLOGIN_PASSWORDLESS_AUTHENTICATION",
                                "uniqueUserAttribute",
                                Map.of("name", "username")),
                        "REQUIRED_VALUE",
                        "offlineMode",
                        "uniqueUserAttribute"),
                new Case(
                        body("type", "PINGID_AUTHENTICATION"),
                        body("type", "PINGID_AUTHENTICATION", "condition", "x"),
                        "INVALID_VALUE",
                        "condition",
                        "type"));
        int priority = 1;
        for (Case c : cases) {
            String before = snapshot(admin, PolicyFixtures.ACTIONS, env, policy);
            Map<String, Object> invalid = new HashMap<>(c.invalid());
            invalid.put("priority", 100 + priority);
            admin.post(ACTIONS, invalid, env, policy)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_DATA"))
                    .body("details[0].code", equalTo(c.code()))
                    .body("details[0].target", equalTo(c.target()));
            assertThat(snapshot(admin, PolicyFixtures.ACTIONS, env, policy)).isEqualTo(before);

            Map<String, Object> valid = new HashMap<>(c.valid());
            valid.put("priority", priority++);
            String id = admin.post(ACTIONS, valid, env, policy)
                    .then()
                    .statusCode(201)
                    .body("type", equalTo(c.valid().get("type")))
                    .body("$", hasKey(c.echoed()))
                    .extract()
                    .path("id");
            Map<String, Object> read = admin.get(ACTION, env, policy, id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("$");
            for (var e : c.valid().entrySet()) assertThat(read).containsEntry(e.getKey(), e.getValue());
        }
        admin.get(ACTIONS, env, policy).then().statusCode(200).body("count", equalTo(cases.size()));
    }

    @Test
    void aPutReplacesTheActionAndMayChangeItsType() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String policy = PolicyFixtures.policy(admin, env, "Replace");
        String id = admin.post(
                        ACTIONS,
                        body(
                                "priority",
                                1,
                                "type",
                                "LOGIN",
                                "recovery",
                                Map.of("enabled", true),
                                "enforceLockoutForIdentityProviders",
                                true),
                        env,
                        policy)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.put(ACTION, Map.of("priority", 3, "type", "LOGIN"), env, policy, id)
                .then()
                .statusCode(200)
                .body("priority", equalTo(3))
                .body("recovery.enabled", equalTo(false))
                .body("$", not(hasKey("enforceLockoutForIdentityProviders")));
        admin.put(
                        ACTION,
                        Map.of("priority", 3, "type", "MULTI_FACTOR_AUTHENTICATION", "noDevicesMode", "BYPASS"),
                        env,
                        policy,
                        id)
                .then()
                .statusCode(200)
                .body("type", equalTo("MULTI_FACTOR_AUTHENTICATION"))
                .body("$", not(hasKey("recovery")))
                .body("noDevicesMode", equalTo("BYPASS"));
        String before = snapshot(admin, ACTION, env, policy, id);
        admin.put(ACTION, Map.of("priority", 3, "type", "AGREEMENT"), env, policy, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("agreement"));
        assertThat(snapshot(admin, ACTION, env, policy, id)).isEqualTo(before);
    }

    @Test
    void actionsAreListedInTheOrderTheyRun() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String policy = PolicyFixtures.policy(admin, env, "Order");
        PolicyFixtures.login(admin, env, policy, 5);
        admin.post(ACTIONS, Map.of("priority", 1, "type", "PINGID_AUTHENTICATION"), env, policy)
                .then()
                .statusCode(201);
        admin.post(ACTIONS, Map.of("priority", 3, "type", "MULTI_FACTOR_AUTHENTICATION"), env, policy)
                .then()
                .statusCode(201);
        admin.get(ACTIONS, env, policy)
                .then()
                .statusCode(200)
                .body("count", equalTo(3))
                .body("_embedded.actions.priority", equalTo(List.of(1, 3, 5)))
                .body(
                        "_embedded.actions.type",
                        equalTo(List.of("PINGID_AUTHENTICATION", "MULTI_FACTOR_AUTHENTICATION", "LOGIN")));
    }

    @Test
    void theLastActionOfAPolicyCannotBeDeleted() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String policy = PolicyFixtures.policy(admin, env, "Last");
        String first = PolicyFixtures.login(admin, env, policy, 1);
        String second = PolicyFixtures.login(admin, env, policy, 2);
        admin.delete(ACTION, env, policy, first).then().statusCode(204);
        admin.get(ACTION, env, policy, first).then().statusCode(404);
        String before = snapshot(admin, ACTIONS, env, policy);
        admin.delete(ACTION, env, policy, second)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"))
                .body("details[0].target", nullValue())
                .body("details[0].message", containsString("Cannot delete last action from the policy"));
        assertThat(snapshot(admin, ACTIONS, env, policy)).isEqualTo(before);
    }

    @Test
    void anActionIsFoundOnlyUnderItsOwnPolicy() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String policy = PolicyFixtures.policy(admin, env, "Mine");
        String other = PolicyFixtures.policy(admin, env, "Yours");
        String action = PolicyFixtures.login(admin, env, policy, 1);
        PolicyFixtures.login(admin, env, policy, 2);
        admin.get(ACTION, env, other, action).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.put(ACTION, Map.of("priority", 9, "type", "LOGIN"), env, other, action)
                .then()
                .statusCode(404);
        admin.delete(ACTION, env, other, action).then().statusCode(404);
        admin.get(ACTION, env, policy, action).then().statusCode(200).body("priority", equalTo(1));
        String nowhere = UUID.randomUUID().toString();
        admin.get(ACTIONS, env, nowhere).then().statusCode(404);
        admin.post(ACTIONS, Map.of("priority", 1, "type", "LOGIN"), env, nowhere)
                .then()
                .statusCode(404);
        admin.get(ACTION, env, policy, nowhere).then().statusCode(404);
        admin.get(ACTIONS, env, policy).then().body("_embedded.actions.id", hasItem(action));
    }
}
