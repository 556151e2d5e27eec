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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The default limits against a legitimate load: every other test server runs with generous limits (the suite signs on
 * from 127.0.0.1 by the thousand), so this one is what catches defaults that would refuse real users.
 */
@Order(1) // a long class: started first, so that it is not the suite's tail (junit-platform.properties)
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
            // One office behind one address (no proxy: the peer is 127.0.0.1), one browser per sign-on: authorize, flow
            // step, resume, token. Every 25th person mistypes the password once first. Three people sign on at a time:
            // the same requests in less time leave the buckets less time to refill, so this is no easier on the
            // defaults than one after another, and it ends sooner.
            List<String> refused = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger typos = new AtomicInteger();
            try (ExecutorService office = Executors.newFixedThreadPool(3)) {
                for (int p = 0; p < 150; p++) {
                    int i = p;
                    office.submit(() -> signOn(server, env, app, users.get(i % users.size()), i, typos, refused));
                }
            }
            assertThat(refused).isEmpty();
            assertThat(typos).hasValue(6);
        }
    }

    /** The {@code i}th person's sign-on; what was refused goes to {@code refused}. */
    private static void signOn(
            TestServer server,
            String env,
            SignOnFixtures.App app,
            String username,
            int i,
            AtomicInteger typos,
            List<String> refused) {
        try {
            BrowserlessClient browser = new BrowserlessClient(server.baseUrl(), env);
            Response authorize = browser.authorize(Map.of(
                    "response_type",
                    "code",
                    "client_id",
                    app.id(),
                    "redirect_uri",
                    REDIRECT_URI,
                    "scope",
                    "openid",
                    "response_mode",
                    "pi.flow"));
            if (authorize.statusCode() != 200) {
                refused.add(i + " authorize " + authorize.statusCode());
                return;
            }
            String flow = authorize.path("id");
            if (i % 25 == 0) {
                typos.incrementAndGet();
                Response typo = browser.signOn(flow, username, PASSWORD + "x");
                if (typo.statusCode() != 400) refused.add(i + " typo " + typo.statusCode());
            }
            Response check = browser.signOn(flow, username, PASSWORD);
            if (check.statusCode() != 200 || !"COMPLETED".equals(check.path("status"))) {
                refused.add(i + " check " + check.statusCode());
                return;
            }
            Response resume = browser.resume(flow);
            if (resume.statusCode() != 200) {
                refused.add(i + " resume " + resume.statusCode());
                return;
            }
            Response token = browser.token(
                    Map.of(
                            "grant_type",
                            "authorization_code",
                            "code",
                            resume.path("authorizeResponse.code"),
                            "redirect_uri",
                            REDIRECT_URI),
                    app.id(),
                    app.secret());
            if (token.statusCode() != 200) refused.add(i + " token " + token.statusCode());
        } catch (RuntimeException | Error e) {
            refused.add(i + " failed: " + e);
        }
    }
}
