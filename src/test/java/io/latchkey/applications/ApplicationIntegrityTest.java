package io.latchkey.applications;

import static io.latchkey.applications.AppFixtures.body;
import static io.latchkey.applications.AppFixtures.count;
import static io.latchkey.applications.AppFixtures.create;
import static io.latchkey.applications.AppFixtures.resourceId;
import static io.latchkey.applications.AppFixtures.scopeId;
import static io.latchkey.applications.AppFixtures.singleFactor;
import static io.latchkey.applications.Rejections.notFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.latchkey.access.BuiltInRole;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What goes with an application when it is deleted, and what one environment can never reach in another. */
@ParameterizedClass
@EnumSource(Db.class) // both databases: cascades and hostile ids (H2 checked RESTRICT mid-cascade; NUL was a 500 on
// PostgreSQL)
class ApplicationIntegrityTest {
    private static final String APP = "/v1/environments/{env}/applications/{app}";

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

    /** A WORKER with a grant, a sign-on policy assignment and a role assignment: ids [app, grant, sop, role]. */
    private List<String> furnishedWorker(String environment) {
        String app = create(admin, environment, "WORKER");
        String openid = resourceId(server, environment, "openid");
        String grant = admin.post(
                        APP + "/grants",
                        Map.of(
                                "resource",
                                Map.of("id", openid),
                                "scopes",
                                List.of(Map.of("id", scopeId(server, environment, openid, "profile")))),
                        environment,
                        app)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String sop = admin.post(
                        APP + "/signOnPolicyAssignments",
                        Map.of("signOnPolicy", Map.of("id", singleFactor(server, environment)), "priority", 1),
                        environment,
                        app)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String role = admin.post(
                        APP + "/roleAssignments",
                        Map.of(
                                "role",
                                Map.of("id", BuiltInRole.IDENTITY_DATA_ADMIN.id()),
                                "scope",
                                Map.of("type", "ENVIRONMENT", "id", environment)),
                        environment,
                        app)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return List.of(app, grant, sop, role);
    }

    @Test
    void deletingAnApplicationRemovesEverythingThatHangsOffIt() {
        List<String> ids = furnishedWorker(env);
        String app = ids.get(0);
        String secret = AppFixtures.secret(admin, env, app);
        admin.delete(APP, env, app).then().statusCode(204);
        assertThat(count(server, "select count(*) from applications where id = ?", app))
                .isZero();
        assertThat(count(server, "select count(*) from application_grants where application_id = ?", app))
                .isZero();
        assertThat(count(server, "select count(*) from application_grant_scopes where grant_id = ?", ids.get(1)))
                .isZero();
        assertThat(count(server, "select count(*) from sign_on_policy_assignments where application_id = ?", app))
                .isZero();
        assertThat(count(server, "select count(*) from role_assignments where subject_id = ?", app))
                .isZero();
        notFound(admin.get(APP + "/secret", env, app));
        AppFixtures.clientCredentials(server, env, app, secret).then().statusCode(401);
        // The sign-on policy itself is untouched.
        assertThat(count(server, "select count(*) from sign_on_policies where id = ?", singleFactor(server, env)))
                .isOne();
    }

    @Test
    void noCallInOneEnvironmentReachesAnotherEnvironmentsApplications() {
        String other = Fixtures.environment(admin);
        List<String> ids = furnishedWorker(env);
        String app = ids.get(0);
        String before =
                admin.get(APP, env, app).then().statusCode(200).extract().asString();
        String secret = AppFixtures.secret(admin, env, app);

        notFound(admin.get(APP, other, app));
        notFound(admin.put(APP, body("WORKER"), other, app));
        notFound(admin.delete(APP, other, app));
        admin.get("/v1/environments/{env}/applications", other)
                .then()
                .statusCode(200)
                .body("_embedded.applications.id", not(hasItem(app)));

        notFound(admin.get(APP + "/secret", other, app));
        notFound(admin.post(APP + "/secret", Map.of(), other, app));
        notFound(admin.delete(APP + "/secret", other, app));

        String openidB = resourceId(server, other, "openid");
        Map<String, Object> grantB = Map.of(
                "resource",
                Map.of("id", openidB),
                "scopes",
                List.of(Map.of("id", scopeId(server, other, openidB, "email"))));
        notFound(admin.get(APP + "/grants", other, app));
        notFound(admin.post(APP + "/grants", grantB, other, app));
        notFound(admin.get(APP + "/grants/{id}", other, app, ids.get(1)));
        notFound(admin.put(APP + "/grants/{id}", grantB, other, app, ids.get(1)));
        notFound(admin.delete(APP + "/grants/{id}", other, app, ids.get(1)));

        Map<String, Object> sopB = Map.of("signOnPolicy", Map.of("id", singleFactor(server, other)), "priority", 5);
        notFound(admin.get(APP + "/signOnPolicyAssignments", other, app));
        notFound(admin.post(APP + "/signOnPolicyAssignments", sopB, other, app));
        notFound(admin.get(APP + "/signOnPolicyAssignments/{id}", other, app, ids.get(2)));
        notFound(admin.put(APP + "/signOnPolicyAssignments/{id}", sopB, other, app, ids.get(2)));
        notFound(admin.delete(APP + "/signOnPolicyAssignments/{id}", other, app, ids.get(2)));

        Map<String, Object> roleB = Map.of(
                "role",
                Map.of("id", BuiltInRole.IDENTITY_DATA_ADMIN.id()),
                "scope",
                Map.of("type", "ENVIRONMENT", "id", other));
        notFound(admin.get(APP + "/roleAssignments", other, app));
        notFound(admin.post(APP + "/roleAssignments", roleB, other, app));
        notFound(admin.get(APP + "/roleAssignments/{id}", other, app, ids.get(3)));
        notFound(admin.delete(APP + "/roleAssignments/{id}", other, app, ids.get(3)));

        // Nothing of the application changed.
        assertThat(admin.get(APP, env, app).then().statusCode(200).extract().asString())
                .isEqualTo(before);
        assertThat(AppFixtures.secret(admin, env, app)).isEqualTo(secret);
        admin.get(APP + "/grants", env, app).then().statusCode(200).body("count", equalTo(1));
        admin.get(APP + "/signOnPolicyAssignments", env, app)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.signOnPolicyAssignments[0].priority", equalTo(1));
        admin.get(APP + "/roleAssignments", env, app).then().statusCode(200).body("count", equalTo(1));
        // And an application of this environment cannot point at the other one's resources or policies.
        String web = create(admin, env, "WEB_APP");
        Rejections.invalid(admin.post(APP + "/grants", grantB, env, web), "INVALID_VALUE", "resource.id");
        Rejections.invalid(
                admin.post(APP + "/signOnPolicyAssignments", sopB, env, web), "INVALID_VALUE", "signOnPolicy.id");
    }

    @Test
    void idsThatAreNotUuidsAreNotFoundNeverAServerError() {
        List<String> ids = furnishedWorker(env);
        String app = ids.get(0);
        // (U+0000 in a path never reaches us: Jetty answers 400 itself; its error body is the HTTP plumbing's
        // business.)
        for (String bad : List.of("' or 1=1 --", "x".repeat(300), "not-a-uuid")) {
            notFound(admin.get(APP, env, bad));
            notFound(admin.get(APP, bad, app));
            notFound(admin.get(APP + "/secret", env, bad));
            notFound(admin.get(APP + "/grants/{id}", env, app, bad));
            notFound(admin.get(APP + "/signOnPolicyAssignments/{id}", env, app, bad));
            notFound(admin.get(APP + "/roleAssignments/{id}", env, app, bad));
            notFound(admin.delete(APP + "/roleAssignments/{id}", env, app, bad));
            notFound(admin.get("/v1/roles/{id}", bad));
        }
        for (String bad : List.of("nul\u0000byte", "' or 1=1 --", "not-a-uuid")) {
            Rejections.invalid(
                    admin.post(
                            APP + "/grants",
                            Map.of("resource", Map.of("id", bad), "scopes", List.of(Map.of("id", bad))),
                            env,
                            app),
                    "INVALID_VALUE",
                    "resource.id");
            Rejections.invalid(
                    admin.post(
                            APP + "/signOnPolicyAssignments",
                            Map.of("signOnPolicy", Map.of("id", bad), "priority", 9),
                            env,
                            app),
                    "INVALID_VALUE",
                    "signOnPolicy.id");
            Rejections.invalid(
                    admin.post(
                            APP + "/roleAssignments",
                            Map.of("role", Map.of("id", bad), "scope", Map.of("type", "ENVIRONMENT", "id", env)),
                            env,
                            app),
                    "INVALID_VALUE",
                    "role.id");
            Rejections.invalid(
                    admin.post(
                            APP + "/roleAssignments",
                            Map.of(
                                    "role",
                                    Map.of("id", BuiltInRole.IDENTITY_DATA_ADMIN.id()),
                                    "scope",
                                    Map.of("type", "POPULATION", "id", bad)),
                            env,
                            app),
                    "INVALID_VALUE",
                    "scope.id");
        }
    }

    @Test
    void concurrentDuplicatesGetOne201AndClean400s() throws Exception {
        String app = create(admin, env, "WEB_APP");
        String openid = resourceId(server, env, "openid");
        Map<String, Object> grant = Map.of(
                "resource",
                Map.of("id", openid),
                "scopes",
                List.of(Map.of("id", scopeId(server, env, openid, "email"))));
        Map<String, Object> sop = Map.of("signOnPolicy", Map.of("id", singleFactor(server, env)), "priority", 1);
        List<Integer> grantStatuses =
                race(() -> admin.post(APP + "/grants", grant, env, app).statusCode());
        List<Integer> sopStatuses = race(() ->
                admin.post(APP + "/signOnPolicyAssignments", sop, env, app).statusCode());
        assertThat(grantStatuses).containsOnly(201, 400).containsOnlyOnce(201);
        assertThat(sopStatuses).containsOnly(201, 400).containsOnlyOnce(201);
        assertThat(count(server, "select count(*) from application_grants where application_id = ?", app))
                .isOne();
        assertThat(count(server, "select count(*) from sign_on_policy_assignments where application_id = ?", app))
                .isOne();
    }

    private static List<Integer> race(Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) futures.add(pool.submit(call));
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : futures) out.add(f.get());
            return out;
        } finally {
            pool.shutdown();
        }
    }
}
