package io.latchkey.applicationpermissions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.Json;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.TestServer;
import io.latchkey.users.User;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.UUID;

/**
 * What the application-permission tests need. Custom resources and their attributes are written by SQL (the
 * resources API lives on another branch; after the merge these can become API calls); everything of this
 * package's own is created through its API.
 */
final class PermissionFixtures {
    private PermissionFixtures() {}

    static Database db(TestServer server) {
        return server.latchkey().database();
    }

    /** A CUSTOM resource with {@code applicationPermissionsSettings.claimEnabled}; returns its id. */
    static String customResource(TestServer server, String env, String name, boolean claimEnabled) {
        String id = Ids.newId();
        long now = System.currentTimeMillis();
        var doc = Json.object().put("accessTokenValiditySeconds", 3600);
        doc.putObject("applicationPermissionsSettings").put("claimEnabled", claimEnabled);
        db(server)
                .useTransaction(h -> h.createUpdate("""
                        insert into resources (id, environment_id, name, type, audience, doc, created_at, updated_at)
                        values (:id, :env, :name, 'CUSTOM', :audience, :doc, :now, :now)""")
                        .bind("id", id)
                        .bind("env", env)
                        .bind("name", name)
                        .bind("audience", "https://" + name + ".example.com")
                        .bind("doc", Json.write(doc))
                        .bind("now", now)
                        .execute());
        return id;
    }

    static String customResource(TestServer server, String env) {
        return customResource(server, env, "api-" + UUID.randomUUID().toString().substring(0, 8), true);
    }

    /** The id of a built-in resource of the environment: {@code OPENID_CONNECT} or {@code PINGONE_API}. */
    static String builtInResource(TestServer server, String env, String type) {
        return db(server)
                .withHandle(h -> h.createQuery("select id from resources where environment_id = :env and type = :type")
                        .bind("env", env)
                        .bind("type", type)
                        .mapTo(String.class)
                        .one());
    }

    /**
     * A resource attribute (claim) as the resources feature stores it. An attribute of that name that is already there
     * (the resources feature pre-creates the openid resource's PREDEFINED claims) is left as it is.
     */
    static void attribute(
            TestServer server,
            String env,
            String resourceId,
            String name,
            String type,
            String value,
            Boolean idToken,
            Boolean userInfo) {
        var doc = Json.object().put("value", value);
        if (idToken != null) doc.put("idToken", idToken);
        if (userInfo != null) doc.put("userInfo", userInfo);
        long now = System.currentTimeMillis();
        db(server)
                .useTransaction(h -> h.createUpdate("""
                        insert into resource_attributes (id, environment_id, resource_id, name, type, doc, created_at, updated_at)
                        select :id, :env, :resource, :name, :type, :doc, :now, :now
                        where not exists (select 1 from resource_attributes where resource_id = :resource and name = :name)""")
                        .bind("id", Ids.newId())
                        .bind("env", env)
                        .bind("resource", resourceId)
                        .bind("name", name)
                        .bind("type", type)
                        .bind("doc", Json.write(doc))
                        .bind("now", now)
                        .execute());
    }

    static void setClaimEnabled(TestServer server, String env, String resourceId, boolean enabled) {
        var doc = Json.object().put("accessTokenValiditySeconds", 3600);
        doc.putObject("applicationPermissionsSettings").put("claimEnabled", enabled);
        db(server)
                .useTransaction(
                        h -> h.createUpdate("update resources set doc = :doc where environment_id = :env and id = :id")
                                .bind("doc", Json.write(doc))
                                .bind("env", env)
                                .bind("id", resourceId)
                                .execute());
    }

    static void deleteResource(TestServer server, String env, String resourceId) {
        db(server)
                .useTransaction(h -> h.createUpdate("delete from resources where environment_id = :env and id = :id")
                        .bind("env", env)
                        .bind("id", resourceId)
                        .execute());
    }

    /** Rows of one of this package's tables in an environment (to prove a bad request wrote nothing). */
    static long rows(TestServer server, String table, String env) {
        return db(server)
                .withHandle(h -> h.createQuery("select count(*) from " + table + " where environment_id = :env")
                        .bind("env", env)
                        .mapTo(Long.class)
                        .one());
    }

    // ---- over the API

    static String applicationResource(Api admin, String env, String resourceId, String name) {
        return admin.post(
                        "/v1/environments/{env}/resources/{res}/applicationResources",
                        Map.of("name", name),
                        env,
                        resourceId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static String permission(Api admin, String env, String applicationResourceId, String action) {
        return admin.post(
                        "/v1/environments/{env}/applicationResources/{ar}/permissions",
                        Map.of("action", action),
                        env,
                        applicationResourceId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static String role(Api admin, String env, String name) {
        return admin.post("/v1/environments/{env}/applicationRoles", Map.of("name", name), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static void grant(Api admin, String env, String roleId, String permissionId) {
        admin.post(
                        "/v1/environments/{env}/applicationRoles/{role}/permissions",
                        Map.of("id", permissionId),
                        env,
                        roleId)
                .then()
                .statusCode(201);
    }

    static void assign(Api admin, String env, String userId, String roleId) {
        admin.post("/v1/environments/{env}/users/{user}/applicationRoles", Map.of("id", roleId), env, userId)
                .then()
                .statusCode(201);
    }

    /**
     * A {@link User} value as the token code receives it (not stored: these tests only need an id and the JSON).
     * Built through the record's canonical constructor by component name, so that it works both with the placeholder
     * record of this branch and with the identity feature's richer one: {@code id, environmentId, populationId,
     * username, email, enabled} and {@code json}/{@code doc} are set; other components get null, false or 0.
     */
    static User user(Api admin, String env, String username, ObjectNode json) {
        String id = userId(admin, env, username);
        json.put("id", id).put("username", username);
        try {
            RecordComponent[] components = User.class.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = switch (components[i].getName()) {
                    case "id" -> id;
                    case "environmentId" -> env;
                    case "username" -> username;
                    case "email" -> json.path("email").asText(null);
                    case "enabled" -> true;
                    case "json", "doc" -> json;
                    default -> defaultOf(types[i]);
                };
            }
            return User.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object defaultOf(Class<?> type) {
        if (type == boolean.class) return Boolean.FALSE;
        if (type == long.class) return 0L;
        if (type == int.class) return 0;
        return null;
    }

    /** Whether this build serves PingOne's users API (the identity feature): on this branch alone it does not. */
    static boolean usersApi(Api admin, String env) {
        return admin.get("/v1/environments/{env}/users", env).statusCode() == 200;
    }

    /**
     * The id of a user of {@code env}: created through the users API when the build has it (then assigning roles to
     * it passes the user check), else a fresh id (this branch alone: application roles accept any user id).
     */
    static String userId(Api admin, String env) {
        return userId(admin, env, "user-" + Ids.newId().substring(24));
    }

    static String userId(Api admin, String env, String username) {
        if (!usersApi(admin, env)) return Ids.newId();
        return admin.post(
                        "/v1/environments/{env}/users",
                        Map.of("username", username, "email", username + "@example.com"),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
