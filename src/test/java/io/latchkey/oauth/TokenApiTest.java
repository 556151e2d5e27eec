package io.latchkey.oauth;

import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the tokens of a browser-less sign-on are good for: userinfo, introspection, revocation and sign-off. */
class TokenApiTest extends CodeFlowTestBase {
    @Test
    void userinfoAnswersWithTheClaimsOfTheGrantedScopes() {
        String access = exchange(code(client, app.id())).path("access_token");
        client.request()
                .header("Authorization", "Bearer " + access)
                .get("/" + env + "/as/userinfo")
                .then()
                .statusCode(200)
                .body("sub", equalTo(userId))
                .body("email", equalTo(username + "@example.com"))
                .body("preferred_username", equalTo(username))
                .body("phone_number", nullValue());
        client.request()
                .contentType("application/x-www-form-urlencoded")
                .formParam("access_token", access)
                .post("/" + env + "/as/userinfo")
                .then()
                .statusCode(200)
                .body("sub", equalTo(userId));
        client.request()
                .header("Authorization", "Bearer nonsense")
                .get("/" + env + "/as/userinfo")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
    }

    @Test
    void revokedAccessAndRefreshTokensStopWorking() {
        Response t = exchange(code(client, app.id()));
        String access = t.path("access_token");
        client.request()
                .contentType("application/x-www-form-urlencoded")
                .auth()
                .preemptive()
                .basic(app.id(), app.secret())
                .formParam("token", access)
                .post("/" + env + "/as/revoke")
                .then()
                .statusCode(200);
        introspect(access).then().body("active", equalTo(false));
        client.request()
                .contentType("application/x-www-form-urlencoded")
                .auth()
                .preemptive()
                .basic(app.id(), app.secret())
                .formParam("token", t.path("refresh_token").toString())
                .post("/" + env + "/as/revoke")
                .then()
                .statusCode(200);
        client.token(
                        Map.of("grant_type", "refresh_token", "refresh_token", t.path("refresh_token")),
                        app.id(),
                        app.secret())
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
        client.request()
                .contentType("application/x-www-form-urlencoded")
                .auth()
                .preemptive()
                .basic(app.id(), app.secret())
                .formParam("token", "unknown")
                .post("/" + env + "/as/revoke")
                .then()
                .statusCode(200);
    }

    @Test
    void anotherApplicationSeesTheTokenAsInactive() {
        String access = exchange(code(client, app.id())).path("access_token");
        SignOnFixtures.App other = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        client.request()
                .contentType("application/x-www-form-urlencoded")
                .auth()
                .preemptive()
                .basic(other.id(), other.secret())
                .formParam("token", access)
                .post("/" + env + "/as/introspect")
                .then()
                .statusCode(200)
                .body("active", equalTo(false));
    }

    @Test
    void aResourceIntrospectsOnlyTokensForItsAudience() {
        String resource = SignOnFixtures.customResource(
                admin, env, "Res" + UUID.randomUUID().toString().substring(0, 8), false);
        String scope = SignOnFixtures.scope(admin, env, resource, "res:read");
        SignOnFixtures.grant(admin, env, app.id(), resource, scope);
        String resourceSecret = admin.get("/v1/environments/{env}/resources/{r}/secret", env, resource)
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        String forResource =
                exchange(code(client, app.id(), "scope", "openid res:read")).path("access_token");
        String forUserinfo = exchange(code(client, app.id())).path("access_token");
        client.request()
                .contentType("application/x-www-form-urlencoded")
                .auth()
                .preemptive()
                .basic(resource, resourceSecret)
                .formParam("token", forResource)
                .post("/" + env + "/as/introspect")
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("aud", hasItem(containsString("example.com")));
        client.request()
                .contentType("application/x-www-form-urlencoded")
                .auth()
                .preemptive()
                .basic(resource, resourceSecret)
                .formParam("token", forUserinfo)
                .post("/" + env + "/as/introspect")
                .then()
                .body("active", equalTo(false));
        client.request()
                .contentType("application/x-www-form-urlencoded")
                .auth()
                .preemptive()
                .basic(resource, "wrong")
                .formParam("token", forResource)
                .post("/" + env + "/as/introspect")
                .then()
                .statusCode(401);
    }

    @Test
    void signoffEndsTheSessionAndReturnsToARegisteredUri() {
        Response t = exchange(code(client, app.id()));
        String idToken = t.path("id_token");
        client.request()
                .queryParam("id_token_hint", idToken)
                .queryParam("post_logout_redirect_uri", "https://evil.example.com")
                .get("/" + env + "/as/signoff")
                .then()
                .statusCode(400);
        client.request()
                .queryParam("id_token_hint", idToken)
                .queryParam("post_logout_redirect_uri", "https://client.example.com/signed-off")
                .queryParam("state", "bye")
                .get("/" + env + "/as/signoff")
                .then()
                .statusCode(302)
                .header("Location", equalTo("https://client.example.com/signed-off?state=bye"));
        // The session is gone: prompt=none now needs a sign-on.
        Response none = client.authorize(Map.of(
                "response_type",
                "code",
                "client_id",
                app.id(),
                "redirect_uri",
                REDIRECT_URI,
                "scope",
                "openid",
                "prompt",
                "none"));
        assertThat(BrowserlessClient.redirectParams(none)).containsEntry("error", "login_required");
    }
}
