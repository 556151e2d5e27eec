package io.latchkey.workflow;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.latchkey.app.Latchkey;
import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two processes on one PostgreSQL: a browser signs on through the first, an administrator deletes its session through
 * the first, and the second process no longer signs that browser on silently ({@code login_required}).
 */
class CrossProcessSessionEndTest {

    @Test
    void deletingASessionOnOneProcessEndsSingleSignOnOnAnother() {
        TestServer first = TestServer.shared(Db.POSTGRES);
        Api admin = first.admin();
        String env = Fixtures.environment(admin);
        SignOnFixtures.App app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        String username = "xp-end-" + UUID.randomUUID();
        String user = SignOnFixtures.user(admin, env, username, PASSWORD, false);
        Map<String, String> authorize =
                Map.of("response_type", "code", "client_id", app.id(), "redirect_uri", REDIRECT_URI, "scope", "openid");
        Map<String, String> silently = new java.util.HashMap<>(authorize);
        silently.put("prompt", "none");
        try (Latchkey second = first.sibling()) {
            BrowserlessClient onFirst = new BrowserlessClient(first.baseUrl(), env);
            String flow = BrowserlessClient.flowIdOf(onFirst.authorize(authorize)
                    .then()
                    .statusCode(302)
                    .extract()
                    .response());
            onFirst.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
            BrowserlessClient onSecond = onFirst.withBaseUrl("http://localhost:" + second.port());
            assertThat(BrowserlessClient.redirectParams(onSecond.authorize(silently)
                            .then()
                            .statusCode(302)
                            .extract()
                            .response()))
                    .containsKey("code");

            String session = admin.get("/v1/environments/{env}/users/{user}/sessions", env, user)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("_embedded.sessions[0].id");
            admin.delete("/v1/environments/{env}/users/{user}/sessions/{id}", env, user, session)
                    .then()
                    .statusCode(204);

            assertThat(BrowserlessClient.redirectParams(onSecond.authorize(silently)
                            .then()
                            .statusCode(302)
                            .extract()
                            .response()))
                    .containsEntry("error", "login_required");
        }
    }
}
