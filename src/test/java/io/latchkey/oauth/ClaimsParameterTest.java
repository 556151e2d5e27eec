package io.latchkey.oauth;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Where the user's claims go (OIDC Core 5.4, 5.5): the granted scopes' claims at userinfo when an access token is
 * issued, and the claims parameter adding single claims to the ID token or to userinfo — kept across refreshes. On both
 * databases: the requested claims are stored with the access and refresh tokens.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ClaimsParameterTest {
    @Parameter
    Db db;

    Api admin;
    String env;
    SignOnFixtures.App app;
    String username;
    BrowserlessClient client;

    @BeforeEach
    void setUp() {
        TestServer server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        SignOnFixtures.grantOpenid(admin, env, app.id(), "profile", "email");
        username = "user-" + UUID.randomUUID();
        SignOnFixtures.user(admin, env, username, PASSWORD, false);
        client = new BrowserlessClient(server.baseUrl(), env);
    }

    @Test
    void withAnAccessTokenTheScopesClaimsAreAtUserinfoNotInTheIdToken() throws Exception {
        Response tokens = exchange(signOn("scope", "openid profile email"));
        JWTClaimsSet id = SignedJWT.parse(tokens.path("id_token")).getJWTClaimsSet();
        assertThat(id.getClaims())
                .doesNotContainKeys("email", "preferred_username")
                .containsKeys("env", "org", "acr");
        userinfo(tokens.path("access_token"))
                .then()
                .statusCode(200)
                .body("email", equalTo(username + "@example.com"))
                .body("preferred_username", equalTo(username));
    }

    @Test
    void theClaimsParameterAddsSingleClaimsToTheIdTokenAndToUserinfoAcrossRefreshes() throws Exception {
        String claims = "{\"id_token\":{\"email\":{\"essential\":true}},\"userinfo\":{\"preferred_username\":null}}";
        Response tokens = exchange(signOn("scope", "openid", "claims", claims));
        JWTClaimsSet id = SignedJWT.parse(tokens.path("id_token")).getJWTClaimsSet();
        assertThat(id.getStringClaim("email")).isEqualTo(username + "@example.com");
        assertThat(id.getClaims()).doesNotContainKey("preferred_username");
        Map<String, Object> info = userinfo(tokens.path("access_token"))
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        assertThat(info).containsEntry("preferred_username", username).doesNotContainKey("email");

        Response refreshed = client.token(
                        Map.of("grant_type", "refresh_token", "refresh_token", tokens.path("refresh_token")),
                        app.id(),
                        app.secret())
                .then()
                .statusCode(200)
                .extract()
                .response();
        assertThat(SignedJWT.parse(refreshed.path("id_token")).getJWTClaimsSet().getStringClaim("email"))
                .isEqualTo(username + "@example.com");
        userinfo(refreshed.path("access_token")).then().statusCode(200).body("preferred_username", equalTo(username));
    }

    @Test
    void aClaimsParameterThatIsNoClaimsRequestIsInvalidRequest() {
        Response r = client.authorize(params("scope", "openid", "claims", "{\"id_token\":[1,2]}"))
                .then()
                .statusCode(302)
                .extract()
                .response();
        assertThat(BrowserlessClient.redirectParams(r))
                .containsEntry("error", "invalid_request")
                .containsEntry("state", "st");
        r = client.authorize(params("scope", "openid", "claims", "not json"))
                .then()
                .statusCode(302)
                .extract()
                .response();
        assertThat(BrowserlessClient.redirectParams(r)).containsEntry("error", "invalid_request");
        for (String odd : new String[] {
            "{\"userinfo\":{\"name\":{\"essential\":\"yes\"}}}",
            "{\"userinfo\":{\"name\":{\"values\":{}}}}",
            "{\"id_token\":{\"acr\":{\"value\":[1]}}}",
            "[]",
            "{\"userinfo\":null}"
        }) {
            r = client.authorize(params("scope", "openid", "claims", odd))
                    .then()
                    .statusCode(302)
                    .extract()
                    .response();
            // Either refused as invalid_request or accepted (a sign-on starts): never a 5xx or another error.
            assertThat(BrowserlessClient.redirectParams(r).get("error")).as(odd).isIn(null, "invalid_request");
        }
    }

    // ---- helpers

    private Map<String, String> params(String... extra) {
        Map<String, String> p = new HashMap<>(
                Map.of("response_type", "code", "client_id", app.id(), "redirect_uri", REDIRECT_URI, "state", "st"));
        for (int i = 0; i < extra.length; i += 2) p.put(extra[i], extra[i + 1]);
        return p;
    }

    private String signOn(String... extra) {
        Response authorize =
                client.authorize(params(extra)).then().statusCode(302).extract().response();
        String flow = BrowserlessClient.flowIdOf(authorize);
        client.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
        return BrowserlessClient.redirectParams(
                        client.resume(flow).then().statusCode(302).extract().response())
                .get("code");
    }

    private Response exchange(String code) {
        return client.token(
                        Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                        app.id(),
                        app.secret())
                .then()
                .statusCode(200)
                .extract()
                .response();
    }

    private Response userinfo(String accessToken) {
        return client.request().header("Authorization", "Bearer " + accessToken).get("/" + env + "/as/userinfo");
    }
}
