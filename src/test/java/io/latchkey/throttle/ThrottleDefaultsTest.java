package io.latchkey.throttle;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;

import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The default limits against a legitimate load: every other test server runs with generous limits (the suite signs on
 * from 127.0.0.1 by the thousand), so this one is what catches defaults that would refuse real users.
 */
class ThrottleDefaultsTest {
    @Test
    void oneHundredFiftySignOnsFromOneAddressWithTheOddTypoAllSucceedUnderTheDefaults() {
        try (TestServer server = TestServer.start(Db.H2, c -> c.withThrottle(ThrottleSettings.defaults()))) {
            Api admin = server.admin();
            String env = Fixtures.environment(admin);
            SignOnFixtures.App app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
            List<String> users = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String username = "office-" + i + "-" + UUID.randomUUID();
                SignOnFixtures.user(admin, env, username, PASSWORD, false);
                users.add(username);
            }
            // One office behind one address (no proxy: the peer is 127.0.0.1), one browser per sign-on, sequentially:
            // authorize, flow step, resume, token. Every 25th person mistypes the password once first.
            List<String> refused = new ArrayList<>();
            int typos = 0;
            for (int i = 0; i < 150; i++) {
                BrowserlessClient browser = new BrowserlessClient(server.baseUrl(), env);
                Response authorize = browser.authorize(Map.of("response_type", "code", "client_id", app.id(),
                        "redirect_uri", REDIRECT_URI, "scope", "openid", "response_mode", "pi.flow"));
                if (authorize.statusCode() != 200) { refused.add(i + " authorize " + authorize.statusCode()); continue; }
                String flow = authorize.path("id");
                String username = users.get(i % users.size());
                if (i % 25 == 0) {
                    typos++;
                    Response typo = browser.signOn(flow, username, PASSWORD + "x");
                    if (typo.statusCode() != 400) refused.add(i + " typo " + typo.statusCode());
                }
                Response check = browser.signOn(flow, username, PASSWORD);
                if (check.statusCode() != 200 || !"COMPLETED".equals(check.path("status"))) {
                    refused.add(i + " check " + check.statusCode());
                    continue;
                }
                Response resume = browser.resume(flow);
                if (resume.statusCode() != 200) { refused.add(i + " resume " + resume.statusCode()); continue; }
                Response token = browser.token(Map.of("grant_type", "authorization_code", "code",
                        resume.path("authorizeResponse.code"), "redirect_uri", REDIRECT_URI), app.id(), app.secret());
                if (token.statusCode() != 200) refused.add(i + " token " + token.statusCode());
            }
            assertThat(refused).isEmpty();
            assertThat(typos).isEqualTo(6);
        }
    }
}
