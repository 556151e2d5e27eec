package io.latchkey.oauth;

import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /as/authorize}: which errors get an error page, which go back to the client, and what starts a flow. */
class AuthorizeApiTest {
    TestServer server;
    Api admin;
    String env;
    SignOnFixtures.App app;
    BrowserlessClient client;

    @BeforeEach
    void setUp() {
        server = TestServer.shared();
        admin = server.admin();
        env = Fixtures.environment(admin);
        app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        SignOnFixtures.grantOpenid(admin, env, app.id(), "profile", "email");
        client = new BrowserlessClient(server.baseUrl(), env);
    }

    private Map<String, String> params(String... extra) {
        Map<String, String> p = new HashMap<>(Map.of(
                "response_type",
                "code",
                "client_id",
                app.id(),
                "redirect_uri",
                REDIRECT_URI,
                "scope",
                "openid profile",
                "state",
                "s-1"));
        for (int i = 0; i < extra.length; i += 2) {
            if (extra[i + 1] == null) p.remove(extra[i]);
            else p.put(extra[i], extra[i + 1]);
        }
        return p;
    }

    @Test
    void unknownClientGetsAnErrorPageAndIsNeverRedirected() {
        Response r = client.authorize(params("client_id", UUID.randomUUID().toString()));
        r.then()
                .statusCode(400)
                .contentType(containsString("text/html"))
                .header("Location", nullValue())
                .body(containsString("invalid_client"));
    }

    @Test
    void unregisteredRedirectUriGetsAnErrorPage() {
        client.authorize(params("redirect_uri", "https://evil.example.com/cb"))
                .then()
                .statusCode(400)
                .header("Location", nullValue())
                .body(containsString("redirect_uri"));
        client.authorize(params("redirect_uri", REDIRECT_URI + "/"))
                .then()
                .statusCode(400)
                .header("Location", nullValue());
        client.authorize(params("redirect_uri", null)).then().statusCode(400).header("Location", nullValue());
    }

    @Test
    void disabledApplicationGetsAnErrorPage() {
        Map<String, Object> body = admin.get("/v1/environments/{env}/applications/{id}", env, app.id())
                .then()
                .extract()
                .as(Map.class);
        body.put("enabled", false);
        body.keySet().removeAll(java.util.Set.of("_links", "id", "environment", "createdAt", "updatedAt"));
        admin.put("/v1/environments/{env}/applications/{id}", body, env, app.id())
                .then()
                .statusCode(200);
        client.authorize(params()).then().statusCode(400).header("Location", nullValue());
    }

    @Test
    void unsupportedResponseTypeIsRedirectedWithState() {
        // "none" (OIDC's response type for no response at all) is not among PingOne's.
        Response r = client.authorize(params("response_type", "none"));
        r.then().statusCode(302).header("Location", startsWith(REDIRECT_URI));
        assertThat(BrowserlessClient.redirectParams(r))
                .containsEntry("error", "unsupported_response_type")
                .containsEntry("state", "s-1");
    }

    @Test
    void aTokenForAnApplicationWithoutTheImplicitGrantIsUnauthorizedClient() {
        Response r = client.authorize(params("response_type", "token"));
        r.then().statusCode(302).header("Location", startsWith(REDIRECT_URI + "#"));
        assertThat(BrowserlessClient.redirectParams(r))
                .containsEntry("error", "unauthorized_client")
                .containsEntry("state", "s-1");
    }

    @Test
    void requestObjectsAreNeverIgnored() {
        // Unsigned, and the application does not accept unsigned ones (RequestObjectTest has the rest).
        Response r = client.authorize(params("request", "eyJhbGciOiJub25lIn0.eyJzdGF0ZSI6ImlubmVyIn0."));
        r.then().statusCode(302).header("Location", startsWith(REDIRECT_URI));
        assertThat(BrowserlessClient.redirectParams(r))
                .containsEntry("error", "invalid_request_object")
                .containsEntry("state", "s-1");
        Response byReference = client.authorize(params("request_uri", "https://client.example.com/request.jwt"));
        assertThat(BrowserlessClient.redirectParams(byReference))
                .containsEntry("error", "request_uri_not_supported")
                .containsEntry("state", "s-1");
    }

    @Test
    void ungrantedScopeIsInvalidScope() {
        Response r = client.authorize(params("scope", "openid phone"));
        assertThat(BrowserlessClient.redirectParams(r))
                .containsEntry("error", "invalid_scope")
                .containsEntry("state", "s-1");
    }

    @Test
    void fragmentModeCarriesTheErrorInTheFragment() {
        Response r = client.authorize(params("scope", "openid phone", "response_mode", "fragment"));
        r.then().statusCode(302).header("Location", containsString("#error=invalid_scope"));
    }

    @Test
    void unknownResponseModeIsInvalidRequest() {
        Response r = client.authorize(params("response_mode", "web_message"));
        assertThat(BrowserlessClient.redirectParams(r)).containsEntry("error", "invalid_request");
    }

    @Test
    void aValidRequestRedirectsToTheHostedPageAndBindsTheFlowToTheBrowser() {
        Response r = client.authorize(params());
        r.then()
                .statusCode(302)
                .header("Location", startsWith(server.baseUrl() + "/" + env + "/signon/?flowId="))
                .header("Set-Cookie", containsString("ST-FLOW="))
                .header("Set-Cookie", containsString("HttpOnly"))
                .header("Set-Cookie", containsString("Path=/" + env));
        String flowId = BrowserlessClient.flowIdOf(r);
        client.flow(flowId).then().statusCode(200).body("status", equalTo("USERNAME_PASSWORD_REQUIRED"));
        // Another browser (no cookie) cannot use the flow.
        new BrowserlessClient(server.baseUrl(), env)
                .flow(flowId)
                .then()
                .statusCode(401)
                .body("code", equalTo("ACCESS_FAILED"))
                .body("details[0].code", equalTo("INVALID_TOKEN"));
    }

    @Test
    void piFlowModeAnswersWithTheFlowItself() {
        client.authorize(params("response_mode", "pi.flow"))
                .then()
                .statusCode(200)
                .body("status", equalTo("USERNAME_PASSWORD_REQUIRED"))
                .body("_links.'usernamePassword.check'.href", notNullValue())
                .body("_links.'password.forgot'.href", notNullValue())
                .body("_embedded.application.name", notNullValue());
    }

    @Test
    void postWorksLikeGet() {
        client.request()
                .contentType("application/x-www-form-urlencoded")
                .formParams(params("response_mode", "pi.flow"))
                .post("/" + env + "/as/authorize")
                .then()
                .statusCode(200)
                .body("status", equalTo("USERNAME_PASSWORD_REQUIRED"));
    }

    @Test
    void promptNoneWithoutSessionIsLoginRequired() {
        Response r = client.authorize(params("prompt", "none"));
        assertThat(BrowserlessClient.redirectParams(r))
                .containsEntry("error", "login_required")
                .containsEntry("state", "s-1");
    }

    @Test
    void pkceIsEnforcedPerTheApplication() {
        SignOnFixtures.App spa = SignOnFixtures.singlePageApp(admin, env);
        Response none = client.authorize(params("client_id", spa.id(), "scope", "openid"));
        assertThat(BrowserlessClient.redirectParams(none)).containsEntry("error", "invalid_request");
        Response plain = client.authorize(params(
                "client_id",
                spa.id(),
                "scope",
                "openid",
                "code_challenge",
                "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq",
                "code_challenge_method",
                "plain"));
        assertThat(BrowserlessClient.redirectParams(plain)).containsEntry("error", "invalid_request");
        client.authorize(params(
                        "client_id",
                        spa.id(),
                        "scope",
                        "openid",
                        "response_mode",
                        "pi.flow",
                        "code_challenge",
                        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                        "code_challenge_method",
                        "S256"))
                .then()
                .statusCode(200)
                .body("status", equalTo("USERNAME_PASSWORD_REQUIRED"));
    }

    @Test
    void unknownFlowIs404() {
        client.authorize(params());
        client.flow(UUID.randomUUID().toString()).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }
}
