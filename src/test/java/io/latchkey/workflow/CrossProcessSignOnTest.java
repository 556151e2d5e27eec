package io.latchkey.workflow;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.hamcrest.Matchers.equalTo;

import io.latchkey.app.Latchkey;
import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two processes on one PostgreSQL serve one sign-on: authorize on the first, the flow, resume and token on the
 * second. Nothing of a sign-on lives in a process's memory.
 */
class CrossProcessSignOnTest {

    @Test
    void authorizeOnOneProcessFlowResumeAndTokenOnAnother() {
        TestServer first = TestServer.shared(Db.POSTGRES);
        Api admin = first.admin();
        String env = Fixtures.environment(admin);
        SignOnFixtures.App app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        String username = "xp-" + UUID.randomUUID();
        SignOnFixtures.user(admin, env, username, PASSWORD, false);
        try (Latchkey second = first.sibling()) {
            String secondUrl = "http://localhost:" + second.port();
            BrowserlessClient onFirst = new BrowserlessClient(first.baseUrl(), env);
            String flow = onFirst.authorize(Map.of(
                            "response_type",
                            "code",
                            "client_id",
                            app.id(),
                            "redirect_uri",
                            REDIRECT_URI,
                            "scope",
                            "openid",
                            "response_mode",
                            "pi.flow"))
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("id");
            // The same browser (cookie jar), now talking to the second process.
            BrowserlessClient onSecond = onFirst.withBaseUrl(secondUrl);
            onSecond.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
            Response resume =
                    onSecond.resume(flow).then().statusCode(200).extract().response();
            String code = resume.path("authorizeResponse.code");
            onSecond.token(
                            Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                            app.id(),
                            app.secret())
                    .then()
                    .statusCode(200)
                    .body("token_type", equalTo("Bearer"));
        }
    }
}
