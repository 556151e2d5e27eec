package io.latchkey.policies;

import static io.latchkey.policies.PolicyFixtures.ACTION;
import static io.latchkey.policies.PolicyFixtures.ACTIONS;
import static io.latchkey.policies.PolicyFixtures.POLICIES;
import static io.latchkey.policies.PolicyFixtures.POLICY;
import static io.latchkey.policies.PolicyFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** No call in one environment reads or changes another environment's sign-on policies or actions. */
@ParameterizedClass
@EnumSource(Db.class) // both databases: environment isolation is in every query's WHERE clause
class SignOnPoliciesIsolationTest {
    @Parameter
    Db db;

    @Test
    void anotherEnvironmentsPoliciesAndActionsAreNotFound() {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String a = Fixtures.environment(admin);
        String b = Fixtures.environment(admin);
        String policy = PolicyFixtures.policy(admin, a, "Private");
        String action = PolicyFixtures.login(admin, a, policy, 1);
        PolicyFixtures.login(admin, a, policy, 2);
        String defaultA = PolicyFixtures.defaultPolicy(admin, a);
        String populationA = PolicyFixtures.defaultPopulation(server.latchkey().database(), a);
        String policyB = PolicyFixtures.policy(admin, b, "Mine");
        String beforePolicies = snapshot(admin, POLICIES, a);
        String beforeActions = snapshot(admin, ACTIONS, a, policy);

        List<Supplier<Response>> calls = List.of(
                () -> admin.get(POLICY, b, policy),
                () -> admin.put(POLICY, Map.of("name", "Private", "default", true), b, policy),
                () -> admin.delete(POLICY, b, policy),
                () -> admin.delete(POLICY, b, defaultA),
                () -> admin.get(ACTIONS, b, policy),
                () -> admin.post(ACTIONS, Map.of("priority", 3, "type", "LOGIN"), b, policy),
                () -> admin.get(ACTION, b, policy, action),
                () -> admin.put(
                        ACTION, Map.of("priority", 1, "type", "MULTI_FACTOR_AUTHENTICATION"), b, policy, action),
                () -> admin.delete(ACTION, b, policy, action),
                () -> admin.get(ACTION, b, policyB, action),
                () -> admin.delete(ACTION, b, policyB, action));
        for (Supplier<Response> call : calls) {
            call.get().then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        }
        // B cannot register its users into A's population, nor see A's policies; A's names are free in B.
        admin.post(
                        ACTIONS,
                        Map.of(
                                "priority",
                                1,
                                "type",
                                "LOGIN",
                                "registration",
                                Map.of("enabled", true, "population", Map.of("id", populationA))),
                        b,
                        policyB)
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("registration.population.id"));
        admin.get(POLICIES, b)
                .then()
                .statusCode(200)
                .body("count", equalTo(2))
                .body("_embedded.signOnPolicies.id", not(hasItem(policy)));
        PolicyFixtures.policy(admin, b, "Private");
        admin.put(POLICY, Map.of("name", "Mine", "default", true), b, policyB)
                .then()
                .statusCode(200);

        assertThat(snapshot(admin, POLICIES, a)).isEqualTo(beforePolicies);
        assertThat(snapshot(admin, ACTIONS, a, policy)).isEqualTo(beforeActions);
        assertThat(PolicyFixtures.defaultPolicy(admin, a)).isEqualTo(defaultA);
    }
}
