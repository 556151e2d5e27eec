package io.latchkey.environments;

import io.latchkey.access.BuiltInRole;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.TestServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Objects the foundation tests need, created over the API (or, where no endpoint exists yet, in the database). */
public final class EnvironmentFixtures {
    private EnvironmentFixtures() {}

    /** A client application's credentials. */
    public record Client(String environmentId, String id, String secret) {}

    /** The body of a new environment with a unique name. */
    public static Map<String, Object> environmentBody(String namePrefix) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", namePrefix + UUID.randomUUID());
        body.put("region", "NA");
        body.put("type", "SANDBOX");
        return body;
    }

    /** A WORKER application (client_credentials) in {@code env}, with its secret; it holds no role (not the creator's). */
    public static Client worker(Api admin, String env) {
        return client(admin, env, "WORKER", "CLIENT_SECRET_BASIC");
    }

    /** An application of {@code type} using {@code authMethod} at the token endpoint, with the client_credentials grant. */
    public static Client client(Api admin, String env, String type, String authMethod) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", type.toLowerCase() + "-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", type);
        body.put("tokenEndpointAuthMethod", authMethod);
        body.put("grantTypes", List.of("CLIENT_CREDENTIALS"));
        // A new WORKER inherits its creator's roles by default (PingOne): these start with none.
        if (type.equals("WORKER")) body.put("assignActorRoles", false);
        String id = admin.post("/v1/environments/{env}/applications", body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String secret = admin.get("/v1/environments/{env}/applications/{id}/secret", env, id)
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        return new Client(env, id, secret);
    }

    /**
     * Gives an application a built-in role, straight in the database: the role-assignment endpoints do not exist
     * yet. Replace with {@code POST .../applications/{id}/roleAssignments} once they do.
     */
    public static void grantRole(TestServer server, Client app, BuiltInRole role, String scopeType, String scopeId) {
        server.latchkey()
                .database()
                .useTransaction(h -> h.createUpdate("""
                insert into role_assignments (id, environment_id, subject_type, subject_id, role_id, scope_type, scope_id, created_at)
                values (:id, :env, 'APPLICATION', :app, :role, :scopeType, :scopeId, :now)""")
                        .bind("id", UUID.randomUUID().toString())
                        .bind("env", app.environmentId())
                        .bind("app", app.id())
                        .bind("role", role.id())
                        .bind("scopeType", scopeType)
                        .bind("scopeId", scopeId)
                        .bind("now", System.currentTimeMillis())
                        .execute());
    }

    /** How many rows of {@code table} belong to {@code env}. */
    public static long rows(TestServer server, String table, String env) {
        if (!table.matches("[a-z_]+")) throw new IllegalArgumentException(table);
        return server.latchkey()
                .database()
                .withHandle(h -> h.createQuery("select count(*) from " + table + " where environment_id = :env")
                        .bind("env", env)
                        .mapTo(Long.class)
                        .one());
    }

    /** Every table that holds rows of an environment. */
    public static final List<String> ENVIRONMENT_TABLES = List.of(
            "signing_keys",
            "password_policies",
            "populations",
            "resources",
            "resource_scopes",
            "resource_attributes",
            "applications",
            "application_grants",
            "sign_on_policies",
            "sign_on_policy_actions",
            "sign_on_policy_assignments",
            "role_assignments");
}
