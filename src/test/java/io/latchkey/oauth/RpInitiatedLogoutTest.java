package io.latchkey.oauth;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

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
 * {@code /as/signoff} as OpenID Connect RP-Initiated Logout 1.0 and PingOne describe it: {@code client_id} names the
 * application when there is no {@code id_token_hint}; a hint must be for an enabled application, agree with
 * {@code client_id}, and be about the signed-on user; a refused request ends nothing. On both databases: sessions
 * are ended in the database, for every node.
 */
@ParameterizedClass
@EnumSource(Db.class)
class RpInitiatedLogoutTest {
    @Parameter
    Db db;

    private static final String SIGNED_OFF = "https://client.example.com/signed-off";

    Api admin;
    String env;
    SignOnFixtures.App app;
    String alice;
    String bob;

    @BeforeEach
    void setUp() {
        admin = TestServer.shared(db).admin();
        env = Fixtures.environment(admin);
        app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        SignOnFixtures.grantOpenid(admin, env, app.id(), "profile");
        alice = "alice-" + UUID.randomUUID();
        bob = "bob-" + UUID.randomUUID();
        SignOnFixtures.user(admin, env, alice, PASSWORD, false);
        SignOnFixtures.user(admin, env, bob, PASSWORD, false);
    }

    @Test
    void clientIdAloneNamesTheApplicationWhosePostLogoutUriIsUsed() {
        BrowserlessClient browser = browser();
        signOn(browser, alice);
        Response r = browser.request()
                .queryParams(Map.of("client_id", app.id(), "post_logout_redirect_uri", SIGNED_OFF, "state", "bye"))
                .get("/" + env + "/as/signoff");
        r.then().statusCode(302);
        assertThat(r.getHeader("Location")).isEqualTo(SIGNED_OFF + "?state=bye");
        assertThat(signedOn(browser)).as("the session ended").isFalse();
    }

    @Test
    void anUnregisteredPostLogoutUriIsRefusedAndEndsNothing() {
        BrowserlessClient browser = browser();
        signOn(browser, alice);
        browser.request()
                .queryParams(Map.of("client_id", app.id(), "post_logout_redirect_uri", "https://evil.example/x"))
                .get("/" + env + "/as/signoff")
                .then()
                .statusCode(400);
        browser.request()
                .queryParams(Map.of("client_id", UUID.randomUUID().toString(), "post_logout_redirect_uri", SIGNED_OFF))
                .get("/" + env + "/as/signoff")
                .then()
                .statusCode(400);
        assertThat(signedOn(browser)).isTrue();
    }

    @Test
    void aHintMustAgreeWithClientIdAndBeAboutTheSignedOnUser() {
        BrowserlessClient aliceBrowser = browser();
        signOn(aliceBrowser, alice);
        String bobsIdToken = signOn(browser(), bob);
        String alicesIdToken = signOn(browser(), alice);
        SignOnFixtures.App other = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");

        aliceBrowser
                .request()
                .queryParams(Map.of("id_token_hint", bobsIdToken))
                .get("/" + env + "/as/signoff")
                .then()
                .statusCode(400);
        aliceBrowser
                .request()
                .queryParams(Map.of("id_token_hint", alicesIdToken, "client_id", other.id()))
                .get("/" + env + "/as/signoff")
                .then()
                .statusCode(400);
        assertThat(signedOn(aliceBrowser)).as("refusals end nothing").isTrue();

        Response r = aliceBrowser
                .request()
                .queryParams(Map.of(
                        "id_token_hint", alicesIdToken, "client_id", app.id(), "post_logout_redirect_uri", SIGNED_OFF))
                .get("/" + env + "/as/signoff");
        r.then().statusCode(302);
        assertThat(signedOn(aliceBrowser)).isFalse();
    }

    @Test
    void aHintForADisabledApplicationIsRefused() {
        BrowserlessClient browser = browser();
        String idToken = signOn(browser, alice);
        Map<String, Object> body = admin.get("/v1/environments/{env}/applications/{id}", env, app.id())
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        Map<String, Object> disabled = new HashMap<>(body);
        disabled.remove("_links");
        disabled.put("enabled", false);
        admin.put("/v1/environments/{env}/applications/{id}", disabled, env, app.id())
                .then()
                .statusCode(200);
        browser.request()
                .queryParams(Map.of("id_token_hint", idToken))
                .get("/" + env + "/as/signoff")
                .then()
                .statusCode(400);
        disabled.put("enabled", true);
        admin.put("/v1/environments/{env}/applications/{id}", disabled, env, app.id())
                .then()
                .statusCode(200);
        assertThat(signedOn(browser)).isTrue();
    }

    // ---- helpers

    private BrowserlessClient browser() {
        return new BrowserlessClient(admin.server().baseUrl(), env);
    }

    /** Signs {@code username} on in {@code browser}; returns the ID token of the code exchange. */
    private String signOn(BrowserlessClient browser, String username) {
        Response authorize =
                browser.authorize(params()).then().statusCode(302).extract().response();
        String flow = BrowserlessClient.flowIdOf(authorize);
        browser.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
        String code = BrowserlessClient.redirectParams(
                        browser.resume(flow).then().statusCode(302).extract().response())
                .get("code");
        return browser.token(
                        Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                        app.id(),
                        app.secret())
                .then()
                .statusCode(200)
                .extract()
                .path("id_token");
    }

    /** Whether the browser's session still answers {@code prompt=none}. */
    private boolean signedOn(BrowserlessClient browser) {
        Map<String, String> p = params();
        p.put("prompt", "none");
        Response r = browser.authorize(p).then().statusCode(302).extract().response();
        return BrowserlessClient.redirectParams(r).containsKey("code");
    }

    private Map<String, String> params() {
        return new HashMap<>(Map.of(
                "response_type",
                "code",
                "client_id",
                app.id(),
                "redirect_uri",
                REDIRECT_URI,
                "scope",
                "openid profile",
                "state",
                "st"));
    }
}
