package io.latchkey.users;

import io.latchkey.testkit.Api;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Users, populations and password policies made over the API, for the identity tests. */
public final class UserFixtures {
    /** Satisfies every built-in policy and is on no list. */
    public static final String STRONG = "Kx9!vTq#2mWz";

    public static final String STRONG2 = "Zq4@pLm$8nBv";
    public static final String STRONG3 = "Hd7%rNc&5sJw";

    private UserFixtures() {}

    /** A user with a username and an email; returns its id. */
    public static String user(Api admin, String env, String username) {
        return admin.post(
                        "/v1/environments/{env}/users",
                        Map.of("username", username, "email", username + "@example.com"),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** A user with a password (one Argon2 hash). */
    public static String userWithPassword(Api admin, String env, String username, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("email", username + "@example.com");
        body.put("password", Map.of("value", password));
        return admin.post("/v1/environments/{env}/users", body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static String population(Api admin, String env, String name) {
        return admin.post("/v1/environments/{env}/populations", Map.of("name", name), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static String defaultPopulation(Api admin, String env) {
        List<String> ids = admin.request()
                .queryParam("filter", "name eq \"Default\"")
                .get("/v1/environments/{env}/populations", env)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.populations.id");
        return ids.get(0);
    }

    /** The id of the password policy with this name (Standard, Passphrase, Basic or a custom one). */
    public static String policy(Api admin, String env, String name) {
        List<Map<String, Object>> all = admin.get("/v1/environments/{env}/passwordPolicies", env)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.passwordPolicies");
        return all.stream()
                .filter(p -> name.equals(p.get("name")))
                .map(p -> (String) p.get("id"))
                .findFirst()
                .orElseThrow();
    }

    public static Response setPassword(Api admin, String env, String userId, Object body) {
        return admin.request()
                .contentType("application/vnd.pingidentity.password.set+json")
                .body(body)
                .put("/v1/environments/{env}/users/{id}/password", env, userId);
    }

    public static long userCount(Api admin, String env) {
        return admin.get("/v1/environments/{env}/users", env)
                .then()
                .statusCode(200)
                .extract()
                .<Integer>path("count");
    }
}
