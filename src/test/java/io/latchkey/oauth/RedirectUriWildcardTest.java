package io.latchkey.oauth;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code allowWildcardInRedirectUris}: a registered {@code https://client.example.com/th*}{@code /callback} takes
 * {@code /this/callback} and {@code /that/callback} at {@code /as/authorize} (PingOne's "Redirect URIs" example), not
 * {@code /oidc/callback}; the token endpoint then wants exactly the redirect URI the authorization request used.
 */
@ParameterizedClass
@EnumSource(Db.class)
class RedirectUriWildcardTest {
    private static final String PATTERN = "https://client.example.com/th*/callback";

    @Parameter
    Db db;

    Api admin;
    String env;
    String appId;
    String secret;
    String username;
    BrowserlessClient client;

    @BeforeEach
    void setUp() {
        TestServer server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "wild-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", "WEB_APP");
        body.put("grantTypes", List.of("AUTHORIZATION_CODE"));
        body.put("responseTypes", List.of("CODE"));
        body.put("tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC");
        body.put("allowWildcardInRedirectUris", true);
        body.put("redirectUris", List.of(PATTERN, "https://client.example.com/cb?tenant=*"));
        appId = admin.post("/v1/environments/{env}/applications", body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        secret = admin.get("/v1/environments/{env}/applications/{id}/secret", env, appId)
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        username = "user-" + UUID.randomUUID();
        SignOnFixtures.user(admin, env, username, PASSWORD, false);
        client = new BrowserlessClient(server.baseUrl(), env);
    }

    private Response authorize(String redirectUri) {
        Map<String, String> p = new HashMap<>(Map.of(
                "response_type",
                "code",
                "client_id",
                appId,
                "scope",
                "openid",
                "state",
                "st",
                "redirect_uri",
                redirectUri));
        return client.authorize(p);
    }

    /** Signs on through {@code redirectUri}; returns the code it received. */
    private String code(String redirectUri) {
        Response authorize =
                authorize(redirectUri).then().statusCode(302).extract().response();
        String flow = BrowserlessClient.flowIdOf(authorize);
        client.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
        Response resume = client.resume(flow)
                .then()
                .statusCode(302)
                .header("Location", startsWith(redirectUri + (redirectUri.contains("?") ? "&" : "?")))
                .extract()
                .response();
        return BrowserlessClient.redirectParams(resume).get("code");
    }

    private Response exchange(String code, String redirectUri) {
        return client.token(
                Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri), appId, secret);
    }

    @Test
    void aRedirectUriMatchingTheWildcardGetsTheCode() {
        String uri = "https://client.example.com/this/callback";
        exchange(code(uri), uri).then().statusCode(200).body("access_token", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aWildcardInTheQueryMatchesToo() {
        String uri = "https://client.example.com/cb?tenant=acme";
        exchange(code(uri), uri).then().statusCode(200);
    }

    @Test
    void theTokenEndpointWantsTheRedirectUriOfTheRequestNotAnotherMatch() {
        String code = code("https://client.example.com/that/callback");
        exchange(code, "https://client.example.com/this/callback")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
        exchange(code, PATTERN).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://client.example.com/oidc/callback", // PingOne's example of a mismatch
                "https://client.example.com/th/x/callback", // the wildcard does not span a '/'
                "https://client.example.com/th/../callback",
                "https://client.example.com/th%2F..%2Fevil/callback", // nor an encoded one
                "https://client.example.com/th?x=/callback",
                "https://client.example.com/th#/callback",
                "https://client.example.com/cb?tenant=a&next=https://evil.example.com",
                "https://client.example.com.evil.example.com/this/callback",
                "http://client.example.com/this/callback"
            })
    void aRedirectUriNotMatchingTheWildcardIsRefusedOnThePage(String uri) {
        authorize(uri).then().statusCode(400).header("Location", nullValue());
    }

    @Test
    void withoutTheSettingAWildcardRedirectUriIsRefused() {
        Map<String, Object> body = admin.get("/v1/environments/{env}/applications/{id}", env, appId)
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        Map<String, Object> replaced = new LinkedHashMap<>();
        for (String k : List.of(
                "name",
                "enabled",
                "protocol",
                "type",
                "grantTypes",
                "responseTypes",
                "tokenEndpointAuthMethod",
                "redirectUris")) {
            replaced.put(k, body.get(k));
        }
        replaced.put("allowWildcardInRedirectUris", false);
        admin.put("/v1/environments/{env}/applications/{id}", replaced, env, appId)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].target", startsWith("redirectUris"));
        assertThat(admin.get("/v1/environments/{env}/applications/{id}", env, appId)
                        .then()
                        .extract()
                        .<Boolean>path("allowWildcardInRedirectUris"))
                .isTrue();
    }
}
