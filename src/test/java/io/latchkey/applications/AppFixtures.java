package io.latchkey.applications;

import static io.restassured.RestAssured.given;

import io.latchkey.storage.Database;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applications and what they refer to, for the tests of applications, grants and assignments. Resources,
 * scopes and sign-on policies are written with SQL until their own management APIs are merged.
 */
public final class AppFixtures {
    private AppFixtures() {}

    /** A minimal valid body of each type (a WORKER without the caller's roles). */
    public static Map<String, Object> body(String type) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("name", type.toLowerCase() + "-" + UUID.randomUUID());
        b.put("enabled", true);
        b.put("protocol", "OPENID_CONNECT");
        b.put("type", type);
        switch (type) {
            case "WEB_APP" -> {
                b.put("tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC");
                b.put("grantTypes", List.of("AUTHORIZATION_CODE", "REFRESH_TOKEN"));
                b.put("responseTypes", List.of("CODE"));
                b.put("redirectUris", List.of("https://app.example.com/callback"));
            }
            case "NATIVE_APP" -> {
                b.put("tokenEndpointAuthMethod", "NONE");
                b.put("grantTypes", List.of("AUTHORIZATION_CODE"));
                b.put("redirectUris", List.of("com.example.app:/callback"));
                b.put("pkceEnforcement", "S256_REQUIRED");
            }
            case "SINGLE_PAGE_APP" -> {
                b.put("tokenEndpointAuthMethod", "NONE");
                b.put("grantTypes", List.of("AUTHORIZATION_CODE"));
                b.put("redirectUris", List.of("https://spa.example.com/"));
            }
            case "WORKER" -> {
                b.put("tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC");
                b.put("grantTypes", List.of("CLIENT_CREDENTIALS"));
                b.put("assignActorRoles", false);
            }
            case "SERVICE" -> {
                b.put("tokenEndpointAuthMethod", "CLIENT_SECRET_POST");
                b.put("grantTypes", List.of("CLIENT_CREDENTIALS"));
            }
            default -> throw new IllegalArgumentException(type);
        }
        return b;
    }

    public static Map<String, Object> with(Map<String, Object> body, Object... keyValues) {
        Map<String, Object> b = new LinkedHashMap<>(body);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) b.remove((String) keyValues[i]);
            else b.put((String) keyValues[i], keyValues[i + 1]);
        }
        return b;
    }

    /** Creates an application; returns its id. */
    public static String create(Api admin, String env, Map<String, Object> body) {
        return admin.post("/v1/environments/{env}/applications", body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static String create(Api admin, String env, String type) {
        return create(admin, env, body(type));
    }

    public static String secret(Api admin, String env, String app) {
        return admin.get("/v1/environments/{env}/applications/{app}/secret", env, app)
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
    }

    /** POST /{env}/as/token with client_credentials and client_secret_basic; the raw response. */
    public static Response clientCredentials(TestServer server, String env, String clientId, String secret) {
        return given().baseUri(server.baseUrl())
                .auth()
                .preemptive()
                .basic(clientId, secret)
                .formParam("grant_type", "client_credentials")
                .post("/" + env + "/as/token");
    }

    /** A client holding a token of a WORKER application. */
    public static Api workerClient(TestServer server, Api admin, String env, String workerId) {
        return Api.withClientCredentials(server, env, workerId, secret(admin, env, workerId));
    }

    public static Database db(TestServer server) {
        return server.latchkey().database();
    }

    /** The id of a built-in resource ({@code openid}, {@code PingOne API}). */
    public static String resourceId(TestServer server, String env, String name) {
        return db(server)
                .withHandle(h -> h.createQuery("select id from resources where environment_id = :env and name = :name")
                        .bind("env", env)
                        .bind("name", name)
                        .mapTo(String.class)
                        .one());
    }

    public static String scopeId(TestServer server, String env, String resourceId, String name) {
        return db(server)
                .withHandle(h -> h.createQuery(
                                "select id from resource_scopes where environment_id = :env and resource_id = :r and name = :name")
                        .bind("env", env)
                        .bind("r", resourceId)
                        .bind("name", name)
                        .mapTo(String.class)
                        .one());
    }

    /** A CUSTOM resource with the given scopes, written with SQL; returns [resourceId, scopeId...]. */
    public static List<String> customResource(TestServer server, String env, String audience, String... scopes) {
        List<String> ids = new ArrayList<>();
        String resource = UUID.randomUUID().toString();
        ids.add(resource);
        long now = System.currentTimeMillis();
        db(server).useTransaction(h -> {
            h.createUpdate("""
                    insert into resources (id, environment_id, name, type, audience, doc, created_at, updated_at)
                    values (:id, :env, :name, 'CUSTOM', :aud, '{"accessTokenValiditySeconds":7200}', :now, :now)""")
                    .bind("id", resource)
                    .bind("env", env)
                    .bind("name", "res-" + resource)
                    .bind("aud", audience)
                    .bind("now", now)
                    .execute();
            for (String scope : scopes) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                h.createUpdate("""
                        insert into resource_scopes (id, environment_id, resource_id, name, doc, created_at, updated_at)
                        values (:id, :env, :r, :name, '{}', :now, :now)""")
                        .bind("id", id)
                        .bind("env", env)
                        .bind("r", resource)
                        .bind("name", scope)
                        .bind("now", now)
                        .execute();
            }
        });
        return ids;
    }

    /** The id of the environment's {@code Single_Factor} sign-on policy. */
    public static String singleFactor(TestServer server, String env) {
        return db(server)
                .withHandle(h -> h.createQuery(
                                "select id from sign_on_policies where environment_id = :env and name = 'Single_Factor'")
                        .bind("env", env)
                        .mapTo(String.class)
                        .one());
    }

    /** Another sign-on policy, written with SQL. */
    public static String signOnPolicy(TestServer server, String env, String name) {
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        db(server)
                .useTransaction(h -> h.createUpdate("""
                insert into sign_on_policies (id, environment_id, name, name_lower, is_default, doc, created_at, updated_at)
                values (:id, :env, :name, :lower, false, '{}', :now, :now)""")
                        .bind("id", id)
                        .bind("env", env)
                        .bind("name", name)
                        .bind("lower", name.toLowerCase())
                        .bind("now", now)
                        .execute());
        return id;
    }

    public static long count(TestServer server, String sql, Object... params) {
        return db(server).withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < params.length; i++) q.bind(i, params[i]);
            return q.mapTo(Long.class).one();
        });
    }
}
