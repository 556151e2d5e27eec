package io.latchkey.policies;

import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.testkit.Api;
import java.util.List;
import java.util.Map;

/** Sign-on policies, actions and the few neighbours they need, for tests. */
final class PolicyFixtures {
    private PolicyFixtures() {}

    static final String POLICIES = "/v1/environments/{env}/signOnPolicies";
    static final String POLICY = POLICIES + "/{policyId}";
    static final String ACTIONS = POLICY + "/actions";
    static final String ACTION = ACTIONS + "/{actionId}";

    static String policy(Api admin, String env, String name) {
        return admin.post(POLICIES, Map.of("name", name), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static String defaultPolicy(Api admin, String env) {
        List<String> ids = admin.get(POLICIES, env)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.signOnPolicies.findAll { it.default == true }.id");
        if (ids.size() != 1) throw new AssertionError("expected exactly one default policy, got " + ids);
        return ids.get(0);
    }

    static String login(Api admin, String env, String policyId, int priority) {
        return admin.post(ACTIONS, Map.of("priority", priority, "type", "LOGIN"), env, policyId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** An OIDC web application (the applications API is part of the foundation). */
    static String application(Api admin, String env, String name) {
        return admin.post(
                        "/v1/environments/{env}/applications",
                        Map.of(
                                "name",
                                name,
                                "enabled",
                                true,
                                "protocol",
                                "OPENID_CONNECT",
                                "type",
                                "WEB_APP",
                                "grantTypes",
                                List.of("AUTHORIZATION_CODE"),
                                "redirectUris",
                                List.of("https://app.example/cb"),
                                "tokenEndpointAuthMethod",
                                "CLIENT_SECRET_BASIC"),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /**
     * Assigns a policy to an application. Written to the table directly: the
     * {@code /applications/{id}/signOnPolicyAssignments} endpoint belongs to the applications work of issue 3.
     */
    static String assign(Database db, String env, String applicationId, String policyId, int priority) {
        String id = Ids.newId();
        long now = System.currentTimeMillis();
        db.withHandle(h -> h.createUpdate("""
                insert into sign_on_policy_assignments (id, environment_id, application_id, policy_id, priority, created_at, updated_at)
                values (:id, :env, :app, :policy, :priority, :now, :now)""")
                .bind("id", id)
                .bind("env", env)
                .bind("app", applicationId)
                .bind("policy", policyId)
                .bind("priority", priority)
                .bind("now", now)
                .execute());
        return id;
    }

    /** The environment's default population (the populations API belongs to the populations work of issue 3). */
    static String defaultPopulation(Database db, String env) {
        return db.withHandle(
                h -> h.createQuery("select id from populations where environment_id = :env and is_default = true")
                        .bind("env", env)
                        .mapTo(String.class)
                        .one());
    }

    static String snapshot(Api admin, String path, Object... params) {
        return admin.get(path, params).then().statusCode(200).extract().asString();
    }
}
