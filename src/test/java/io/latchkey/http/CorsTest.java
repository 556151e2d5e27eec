package io.latchkey.http;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cross-origin requests as a browser makes them: a preflight ({@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}) and the actual request with {@code Origin}. Which endpoint answers which
 * origin is the table in docs/applications.md, "Cross-origin requests (corsSettings)".
 */
class CorsTest {
    static final String SPA = "https://spa.example.com";

    TestServer server;
    Api admin;
    String env;

    @BeforeEach
    void setUp() {
        server = TestServer.shared();
        admin = server.admin();
        env = Fixtures.environment(admin);
    }

    RequestSpecification from(String origin) {
        return server.anonymous().request().header("Origin", origin);
    }

    Response preflight(String origin, String method, String path) {
        return from(origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .options(path);
    }

    static void allowsAnyOrigin(Response r) {
        r.then()
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Credentials", nullValue())
                .header("Vary", containsString("Origin"));
    }

    @Test
    void discoveryAndJwksAreReadableFromAnyOrigin() {
        for (String path : new String[] {"/as/.well-known/openid-configuration", "/as/jwks"}) {
            Response actual = from(SPA).get("/" + env + path);
            actual.then().statusCode(200);
            allowsAnyOrigin(actual);
            Response pre = preflight("http://localhost:5173", "GET", "/" + env + path);
            pre.then()
                    .statusCode(204)
                    .header("Access-Control-Allow-Methods", containsString("GET"))
                    .header("Access-Control-Allow-Headers", containsString("Authorization"))
                    .header("Access-Control-Allow-Headers", containsString("Content-Type"))
                    .header("Access-Control-Max-Age", "600");
            allowsAnyOrigin(pre);
        }
    }

    @Test
    void aRequestWithoutOriginGetsNoCorsHeaders() {
        server.anonymous()
                .request()
                .get("/" + env + "/as/jwks")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aPreflightForAMethodThePathDoesNotServeIsNotAllowed() {
        preflight(SPA, "DELETE", "/" + env + "/as/jwks")
                .then()
                .statusCode(204)
                .header("Allow", equalTo("GET, OPTIONS"))
                .header("Access-Control-Allow-Origin", nullValue());
    }

    /** A public SINGLE_PAGE_APP with these {@code corsSettings} (none when null). */
    String spa(Map<String, Object> corsSettings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "spa-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", "SINGLE_PAGE_APP");
        body.put("grantTypes", List.of("AUTHORIZATION_CODE", "REFRESH_TOKEN"));
        body.put("tokenEndpointAuthMethod", "NONE");
        body.put("redirectUris", List.of(SPA + "/callback"));
        if (corsSettings != null) body.put("corsSettings", corsSettings);
        return admin.post("/v1/environments/{env}/applications", body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static Map<String, Object> specific(String... origins) {
        return Map.of("behavior", "ALLOW_SPECIFIC_ORIGINS", "origins", List.of(origins));
    }

    /** A token request the endpoint refuses (an unknown code): the browser must still be able to read the error. */
    Response token(String origin, String client) {
        return from(origin)
                .contentType("application/x-www-form-urlencoded")
                .formParams(Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        "no-such-code",
                        "redirect_uri",
                        SPA + "/callback",
                        "code_verifier",
                        "x".repeat(43),
                        "client_id",
                        client))
                .post("/" + env + "/as/token");
    }

    Response revoke(String origin, String client) {
        return from(origin)
                .contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("token", "not-a-token", "client_id", client))
                .post("/" + env + "/as/revoke");
    }

    Response authorize(String origin, String client) {
        return from(origin)
                .redirects()
                .follow(false)
                .queryParams(Map.of(
                        "response_type", "code",
                        "client_id", client,
                        "redirect_uri", SPA + "/callback",
                        "response_mode", "pi.flow",
                        "scope", "openid"))
                .get("/" + env + "/as/authorize");
    }

    static void allows(Response r, String origin) {
        r.then()
                .header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Credentials", nullValue())
                .header("Vary", containsString("Origin"));
    }

    static void allowsWithCookies(Response r, String origin) {
        r.then()
                .header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Credentials", "true")
                .header("Vary", containsString("Origin"));
    }

    static void refuses(Response r) {
        r.then()
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Credentials", nullValue())
                .header("Vary", containsString("Origin"));
    }

    @Test
    void specificOriginsReadTheTokenEndpointsAnswersOthersDoNot() {
        String app = spa(specific(SPA, "https://*.apps.example.com", "http://localhost:5173"));
        Response listed = token(SPA, app);
        listed.then().statusCode(400).body("error", equalTo("invalid_grant"));
        allows(listed, SPA);
        allows(token("http://localhost:5173", app), "http://localhost:5173");
        allows(token("https://a.b.apps.example.com", app), "https://a.b.apps.example.com");
        allows(revoke(SPA, app), SPA);
        for (String other : new String[] {
            "https://evil.example.com",
            "https://apps.example.com", // the wildcard wants a subdomain
            "http://spa.example.com", // another scheme
            "https://spa.example.com:8443", // another port
            "http://localhost:5174",
            "null"
        }) {
            refuses(token(other, app));
            refuses(revoke(other, app));
        }
    }

    @Test
    void aClientAuthenticatedWithBasicIsRecognisedByItsHeader() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "web-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", "WEB_APP");
        body.put("grantTypes", List.of("CLIENT_CREDENTIALS"));
        body.put("tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC");
        body.put("corsSettings", specific(SPA));
        String app = admin.post("/v1/environments/{env}/applications", body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Response r = from(SPA)
                .auth()
                .preemptive()
                .basic(app, "wrong-secret")
                .contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("grant_type", "client_credentials"))
                .post("/" + env + "/as/token");
        r.then().statusCode(401).body("error", equalTo("invalid_client"));
        allows(r, SPA);
    }

    @Test
    void aTokenEndpointPreflightIsAnsweredForAnyOriginTheActualRequestIsChecked() {
        // The preflight has no body, so no client_id: it cannot know the application.
        Response pre = preflight("https://evil.example.com", "POST", "/" + env + "/as/token");
        pre.then()
                .statusCode(204)
                .header("Access-Control-Allow-Methods", "POST")
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        allows(pre, "https://evil.example.com");
        refuses(token("https://evil.example.com", spa(specific(SPA))));
    }

    @Test
    void noOriginsRefusesEveryAppGovernedEndpointButNotUserinfo() {
        String app = spa(Map.of("behavior", "ALLOW_NO_ORIGINS"));
        refuses(token(SPA, app));
        refuses(revoke(SPA, app));
        refuses(authorize(SPA, app));
        Response userinfo =
                from(SPA).header("Authorization", "Bearer not-a-token").get("/" + env + "/as/userinfo");
        userinfo.then().statusCode(401);
        allowsAnyOrigin(userinfo);
    }

    @Test
    void omittedSettingsAllowAnyOriginExceptWhereTokensOrSessionsAreAtStake() {
        String app = spa(null);
        refuses(token(SPA, app));
        refuses(authorize(SPA, app));
        refuses(from(SPA)
                .contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("token", "not-a-token", "client_id", app))
                .post("/" + env + "/as/introspect"));
        allows(revoke(SPA, app), SPA);
        allows(revoke("https://anywhere.example.org", app), "https://anywhere.example.org");
    }

    @Test
    void anUnknownClientIsRefused() {
        refuses(token(SPA, UUID.randomUUID().toString()));
        refuses(token(SPA, "not-a-uuid"));
    }

    @Test
    void theSessionEndpointsAllowListedOriginsWithCookies() {
        String app = spa(specific(SPA));
        Response listed = authorize(SPA, app);
        allowsWithCookies(listed, SPA);
        String flowId = listed.then().statusCode(200).extract().path("id");
        refuses(authorize("https://evil.example.com", app));

        // The preflight of a flow step names the flow in its path: its application decides.
        Response pre = preflight(SPA, "POST", "/" + env + "/flows/" + flowId);
        pre.then().statusCode(204).header("Access-Control-Max-Age", "600");
        allowsWithCookies(pre, SPA);
        refuses(preflight("https://evil.example.com", "POST", "/" + env + "/flows/" + flowId));
        allowsWithCookies(from(SPA).get("/" + env + "/flows/" + flowId), SPA);
        refuses(from(SPA).get("/" + env + "/flows/" + UUID.randomUUID()));
        allowsWithCookies(from(SPA).get("/" + env + "/as/resume?flowId=" + flowId), SPA);

        // A preflight that names no application is refused where cookies are at stake.
        refuses(preflight(SPA, "GET", "/" + env + "/as/authorize"));
        allowsWithCookies(preflight(SPA, "GET", "/" + env + "/as/authorize?client_id=" + app), SPA);
        allowsWithCookies(from(SPA).get("/" + env + "/as/signoff?client_id=" + app), SPA);
        refuses(from(SPA).get("/" + env + "/as/signoff"));
    }

    @Test
    void theManagementApiTakesBearerTokensFromAnyOrigin() {
        String app = spa(null);
        String path = "/v1/environments/" + env + "/applications/" + app;
        Response pre = preflight("https://console.example.com", "PUT", path);
        pre.then()
                .statusCode(204)
                .header("Access-Control-Allow-Methods", "GET, PUT, DELETE")
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        allowsAnyOrigin(pre);
        Response read =
                admin.request().header("Origin", "https://console.example.com").get(path);
        read.then().statusCode(200).header("Access-Control-Expose-Headers", containsString("Location"));
        allowsAnyOrigin(read);
        allowsAnyOrigin(from("https://console.example.com")
                .get(path)
                .then()
                .statusCode(401)
                .extract()
                .response());
    }

    @Test
    void aPathWithoutAPolicyStillRefusesOptions() {
        preflight(SPA, "GET", "/" + env + "/signon").then().statusCode(405);
    }
}
