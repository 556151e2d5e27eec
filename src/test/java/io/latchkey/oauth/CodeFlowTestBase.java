package io.latchkey.oauth;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.hamcrest.Matchers.equalTo;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/**
 * The set-up of the token tests that need a signed-on user: each test gets an environment of its own with a web app
 * (client_secret_basic; openid, profile and email granted), a user and a browser-less client; {@link #code} signs the
 * user on and returns the code delivered to the redirect URI.
 */
abstract class CodeFlowTestBase {
    TestServer server;
    Api admin;
    String env;
    SignOnFixtures.App app;
    String username;
    String userId;
    BrowserlessClient client;

    @BeforeEach
    void setUp() {
        server = server();
        admin = server.admin();
        env = Fixtures.environment(admin);
        app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        SignOnFixtures.grantOpenid(admin, env, app.id(), "profile", "email");
        username = "user-" + UUID.randomUUID();
        userId = SignOnFixtures.user(admin, env, username, PASSWORD, false);
        client = new BrowserlessClient(server.baseUrl(), env);
    }

    /** The server the tests run against: the shared H2 one unless a subclass runs on another database. */
    TestServer server() {
        return TestServer.shared();
    }

    /** Signs on and returns the code delivered to the redirect URI. */
    String code(BrowserlessClient c, String clientId, String... extra) {
        Map<String, String> p = new HashMap<>(Map.of(
                "response_type",
                "code",
                "client_id",
                clientId,
                "redirect_uri",
                REDIRECT_URI,
                "scope",
                "openid profile email",
                "state",
                "st",
                "nonce",
                "n-0S6"));
        for (int i = 0; i < extra.length; i += 2) p.put(extra[i], extra[i + 1]);
        Response authorize = c.authorize(p).then().statusCode(302).extract().response();
        if (authorize.getHeader("Location").startsWith(REDIRECT_URI)) {
            // The browser is signed on already (SSO): the code comes at once.
            return BrowserlessClient.redirectParams(authorize).get("code");
        }
        String flow = BrowserlessClient.flowIdOf(authorize);
        c.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
        Response resume = c.resume(flow).then().statusCode(302).extract().response();
        return BrowserlessClient.redirectParams(resume).get("code");
    }

    Response exchange(String code) {
        return client.token(
                Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                app.id(),
                app.secret());
    }

    Response introspect(String token) {
        return client.request()
                .contentType("application/x-www-form-urlencoded")
                .auth()
                .preemptive()
                .basic(app.id(), app.secret())
                .formParam("token", token)
                .post("/" + env + "/as/introspect");
    }
}
