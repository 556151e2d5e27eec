package io.latchkey.http;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
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

    @Test
    void aPathWithoutAPolicyStillRefusesOptions() {
        preflight(SPA, "GET", "/" + env + "/signon").then().statusCode(405);
    }
}
