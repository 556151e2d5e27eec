package io.latchkey.oauth;

import io.latchkey.testkit.Api;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What sign-on tests set up, created over the management API exactly as a PingOne user would. */
public final class SignOnFixtures {
    public static final String REDIRECT_URI = "https://client.example.com/callback";
    /** Satisfies the Standard password policy. */
    public static final String PASSWORD = "Corr3ct-Horse-Battery!";

    private SignOnFixtures() {}

    public record App(String id, String secret) {}

    /** A WEB_APP with the authorization code and refresh token grants, authenticating with {@code authMethod}. */
    public static App webApp(Api admin, String env, String authMethod) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "web-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", "WEB_APP");
        body.put("grantTypes", List.of("AUTHORIZATION_CODE", "REFRESH_TOKEN"));
        body.put("responseTypes", List.of("CODE"));
        body.put("tokenEndpointAuthMethod", authMethod);
        body.put("redirectUris", List.of(REDIRECT_URI));
        body.put("postLogoutRedirectUris", List.of("https://client.example.com/signed-off"));
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
        return new App(id, secret);
    }

    /** A public SINGLE_PAGE_APP that must use PKCE with S256. */
    public static App singlePageApp(Api admin, String env) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "spa-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", "SINGLE_PAGE_APP");
        body.put("grantTypes", List.of("AUTHORIZATION_CODE"));
        body.put("responseTypes", List.of("CODE"));
        body.put("tokenEndpointAuthMethod", "NONE");
        body.put("pkceEnforcement", "S256_REQUIRED");
        body.put("redirectUris", List.of(REDIRECT_URI));
        String id = admin.post("/v1/environments/{env}/applications", body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return new App(id, null);
    }

    public static String customResource(Api admin, String env, String name, boolean claimEnabled) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", "This is my custom resource");
        body.put("audience", "https://api." + name.toLowerCase() + ".example.com");
        body.put("accessTokenValiditySeconds", 7200);
        body.put("applicationPermissionsSettings", Map.of("claimEnabled", claimEnabled));
        return admin.post("/v1/environments/{env}/resources", body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static String scope(Api admin, String env, String resourceId, String name) {
        return admin.post("/v1/environments/{env}/resources/{r}/scopes", Map.of("name", name), env, resourceId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Grants scopes of the environment's {@code openid} resource, by name. */
    public static void grantOpenid(Api admin, String env, String appId, String... scopeNames) {
        List<Map<String, Object>> resources = admin.get("/v1/environments/{env}/resources", env)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.resources");
        String openid = resources.stream()
                .filter(r -> "OPENID_CONNECT".equals(r.get("type")))
                .findFirst()
                .orElseThrow()
                .get("id")
                .toString();
        List<Map<String, Object>> scopes = admin.get("/v1/environments/{env}/resources/{r}/scopes", env, openid)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.scopes");
        List<String> ids = new ArrayList<>();
        for (String name : scopeNames) {
            ids.add(scopes.stream()
                    .filter(s -> name.equals(s.get("name")))
                    .findFirst()
                    .orElseThrow()
                    .get("id")
                    .toString());
        }
        grant(admin, env, appId, openid, ids.toArray(String[]::new));
    }

    public static void grant(Api admin, String env, String appId, String resourceId, String... scopeIds) {
        List<Map<String, String>> scopes = new ArrayList<>();
        for (String s : scopeIds) scopes.add(Map.of("id", s));
        admin.post(
                        "/v1/environments/{env}/applications/{app}/grants",
                        Map.of("resource", Map.of("id", resourceId), "scopes", scopes),
                        env,
                        appId)
                .then()
                .statusCode(201);
    }

    /** A user in the default population with {@code password} set (no change forced). */
    public static String user(Api admin, String env, String username, String password, boolean forceChange) {
        String id = admin.post(
                        "/v1/environments/{env}/users",
                        Map.of(
                                "username",
                                username,
                                "email",
                                username + "@example.com",
                                "name",
                                Map.of("given", "Ada", "family", "Lovelace")),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.request()
                .contentType("application/vnd.pingidentity.password.set+json")
                .body(Map.of("value", password, "forceChange", forceChange))
                .put("/v1/environments/{env}/users/{id}/password", env, id)
                .then()
                .statusCode(200);
        return id;
    }

    /** The id of the environment's default sign-on policy (Single_Factor). */
    public static String defaultPolicy(Api admin, String env) {
        List<Map<String, Object>> policies = admin.get("/v1/environments/{env}/signOnPolicies", env)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.signOnPolicies");
        return policies.stream()
                .filter(p -> Boolean.TRUE.equals(p.get("default")))
                .findFirst()
                .orElseThrow()
                .get("id")
                .toString();
    }

    /** Switches recovery and registration of the LOGIN action of {@code policyId}. */
    public static void loginAction(Api admin, String env, String policyId, boolean recovery, boolean registration) {
        List<Map<String, Object>> actions = admin.get(
                        "/v1/environments/{env}/signOnPolicies/{p}/actions", env, policyId)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.actions");
        Map<String, Object> login = actions.stream()
                .filter(a -> "LOGIN".equals(a.get("type")))
                .findFirst()
                .orElseThrow();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("priority", login.get("priority"));
        body.put("type", "LOGIN");
        body.put("recovery", Map.of("enabled", recovery));
        if (registration) {
            List<Map<String, Object>> populations = admin.get("/v1/environments/{env}/populations", env)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("_embedded.populations");
            Object defaultPopulation = populations.stream()
                    .filter(p -> Boolean.TRUE.equals(p.get("default")))
                    .findFirst()
                    .orElseThrow()
                    .get("id");
            body.put("registration", Map.of("enabled", true, "population", Map.of("id", defaultPopulation)));
        } else {
            body.put("registration", Map.of("enabled", false));
        }
        admin.put("/v1/environments/{env}/signOnPolicies/{p}/actions/{a}", body, env, policyId, login.get("id"))
                .then()
                .statusCode(200);
    }
}
