package io.latchkey.policies;

import static io.latchkey.policies.PolicyFixtures.ACTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.latchkey.storage.Database;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link SignOnPolicyLookup#actionsFor}: what the sign-on flow engine runs for an application. */
class SignOnPoliciesActionsForTest {
    @Test
    void anApplicationWithoutAssignmentsRunsTheDefaultPolicy() {
        TestServer server = TestServer.shared();
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String app = PolicyFixtures.application(admin, env, "App");
        SignOnPolicyLookup policies = new SignOnPolicyLookup(server.latchkey().database());

        List<Action> actions = policies.actionsFor(env, app);
        assertThat(actions).hasSize(1);
        assertThat(actions.get(0).type()).isEqualTo("LOGIN");
        assertThat(actions.get(0).priority()).isEqualTo(1);
        assertThat(actions.get(0).doc().path("recovery").path("enabled").asBoolean())
                .isTrue();
        assertThat(actions.get(0).doc().has("priority")).isFalse();

        // A new default takes over at once.
        String strong = PolicyFixtures.policy(admin, env, "Strong");
        admin.post(ACTIONS, Map.of("priority", 2, "type", "MULTI_FACTOR_AUTHENTICATION"), env, strong)
                .then()
                .statusCode(201);
        String login = PolicyFixtures.login(admin, env, strong, 1);
        admin.put(PolicyFixtures.POLICY, Map.of("name", "Strong", "default", true), env, strong)
                .then()
                .statusCode(200);
        assertThat(policies.actionsFor(env, app))
                .extracting(Action::type)
                .containsExactly("LOGIN", "MULTI_FACTOR_AUTHENTICATION");
        assertThat(policies.actionsFor(env, app).get(0).id()).isEqualTo(login);
    }

    @Test
    void anAssignedApplicationRunsItsFirstPolicyUnlessAcrValuesNameAnother() {
        TestServer server = TestServer.shared();
        Database database = server.latchkey().database();
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String app = PolicyFixtures.application(admin, env, "App");
        String first = PolicyFixtures.policy(admin, env, "First");
        String second = PolicyFixtures.policy(admin, env, "Second");
        admin.post(ACTIONS, Map.of("priority", 1, "type", "PINGID_AUTHENTICATION"), env, first)
                .then()
                .statusCode(201);
        admin.post(ACTIONS, Map.of("priority", 1, "type", "MULTI_FACTOR_AUTHENTICATION"), env, second)
                .then()
                .statusCode(201);
        PolicyFixtures.assign(database, env, app, second, 2);
        PolicyFixtures.assign(database, env, app, first, 1);
        SignOnPolicyLookup policies = new SignOnPolicyLookup(database);

        assertThat(policies.actionsFor(env, app)).extracting(Action::type).containsExactly("PINGID_AUTHENTICATION");
        assertThat(policies.actionsFor(env, app, List.of("second")))
                .extracting(Action::type)
                .containsExactly("MULTI_FACTOR_AUTHENTICATION");
        assertThat(policies.actionsFor(env, app, List.of("Single_Factor", "Second")))
                .extracting(Action::type)
                .containsExactly("MULTI_FACTOR_AUTHENTICATION"); // the default is not assigned to this application
        assertThat(policies.actionsFor(env, app, List.of("Unknown")))
                .extracting(Action::type)
                .containsExactly("PINGID_AUTHENTICATION");

        // Another application of the environment still runs the default.
        String other = PolicyFixtures.application(admin, env, "Other");
        assertThat(policies.actionsFor(env, other)).extracting(Action::type).containsExactly("LOGIN");
        // Another environment never sees these assignments.
        String elsewhere = Fixtures.environment(admin);
        assertThat(policies.actionsFor(elsewhere, app)).extracting(Action::type).containsExactly("LOGIN");
        assertThat(policies.actionsFor(UUID.randomUUID().toString(), app)).isEmpty();
    }

    @Test
    void theRegistrationSettingsReachTheEngine() {
        TestServer server = TestServer.shared();
        Database database = server.latchkey().database();
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String population = PolicyFixtures.defaultPopulation(database, env);
        String policy = PolicyFixtures.policy(admin, env, "Register");
        admin.post(
                        ACTIONS,
                        Map.of(
                                "priority",
                                1,
                                "type",
                                "LOGIN",
                                "recovery",
                                Map.of("enabled", true),
                                "registration",
                                Map.of("enabled", true, "population", Map.of("id", population))),
                        env,
                        policy)
                .then()
                .statusCode(201);
        String app = PolicyFixtures.application(admin, env, "App");
        PolicyFixtures.assign(database, env, app, policy, 1);

        Action login = new SignOnPolicyLookup(database).actionsFor(env, app).get(0);
        assertThat(login.doc().path("registration").path("enabled").asBoolean()).isTrue();
        assertThat(login.doc()
                        .path("registration")
                        .path("population")
                        .path("id")
                        .asText())
                .isEqualTo(population);
        assertThat(login.doc()
                        .path("registration")
                        .path("confirmIdentityProviderAttributes")
                        .asBoolean())
                .isFalse();
    }
}
