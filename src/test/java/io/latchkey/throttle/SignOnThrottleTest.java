package io.latchkey.throttle;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Await;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Throttling of sign-on attempts over real HTTP. The servers trust 127.0.0.1 as a proxy, so each test speaks as
 * addresses of its own through {@code X-Forwarded-For} (the limits are per address and per username, so tests do not
 * share buckets). Limits refill once an hour unless a test is about refilling: nothing comes back while a test runs.
 * Throttling happens in memory before the database is asked anything, so H2 is enough.
 */
@Order(1) // a long class: started first, so that it is not the suite's tail (junit-platform.properties)
class SignOnThrottleTest {
    private static final String CHECK = "application/vnd.pingidentity.usernamePassword.check+json";
    private static final String RESET = "application/vnd.pingidentity.password.reset+json";
    private static final String FORGOT = "application/vnd.pingidentity.password.forgot+json";
    private static final String RECOVER = "application/vnd.pingidentity.password.recover+json";
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    /** 5 failed checks per address, 3 per username; requests unlimited in effect. */
    static TestServer failures;
    /** As {@link #failures}, but the proxy it trusts is not 127.0.0.1: forwarded addresses are not believed. */
    static TestServer untrusted;
    /** 20 interactive requests per address; 2 failed checks per address, back at 1 a second. */
    static TestServer requests;

    /** The three servers start side by side (each migrates a database of its own). */
    @BeforeAll
    static void startServers() {
        ThrottleSettings.Limit plenty = TestServer.GENEROUS.requestsPerAddress();
        try (ExecutorService starting = Executors.newFixedThreadPool(3)) {
            Future<TestServer> f = starting.submit(() -> TestServer.start(
                    Db.H2,
                    c -> c.withThrottle(new ThrottleSettings(
                            ThrottleSettings.Limit.of(5, "1/h"),
                            ThrottleSettings.Limit.of(3, "1/h"),
                            plenty,
                            TrustedProxies.parse("127.0.0.1")))));
            Future<TestServer> u = starting.submit(() -> TestServer.start(
                    Db.H2,
                    c -> c.withThrottle(new ThrottleSettings(
                            ThrottleSettings.Limit.of(5, "1/h"),
                            ThrottleSettings.Limit.of(3, "1/h"),
                            plenty,
                            TrustedProxies.parse("10.9.9.9")))));
            Future<TestServer> r = starting.submit(() -> TestServer.start(
                    Db.H2,
                    c -> c.withThrottle(new ThrottleSettings(
                            ThrottleSettings.Limit.of(2, "1/s"),
                            plenty,
                            ThrottleSettings.Limit.of(20, "1/h"),
                            TrustedProxies.parse("127.0.0.1")))));
            starting.shutdown();
            // Whatever started is assigned (stopServers closes it) before a failed start is thrown.
            failures = started(f);
            untrusted = started(u);
            requests = started(r);
            for (Future<TestServer> s : List.of(f, u, r)) {
                if (s.state() == Future.State.FAILED)
                    throw new IllegalStateException("a test server did not start", s.exceptionNow());
            }
        }
    }

    private static TestServer started(Future<TestServer> start) {
        try {
            return start.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            return null;
        }
    }

    @AfterAll
    static void stopServers() {
        for (TestServer s : new TestServer[] {failures, untrusted, requests}) if (s != null) s.close();
    }

    /** An environment with an app and a user on {@code server}. */
    record Site(TestServer server, Api admin, String env, SignOnFixtures.App app, String username, String userId) {
        static Site on(TestServer server) {
            Api admin = server.admin();
            String env = Fixtures.environment(admin);
            SignOnFixtures.App app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
            String username = "user-" + UUID.randomUUID();
            return new Site(
                    server, admin, env, app, username, SignOnFixtures.user(admin, env, username, PASSWORD, false));
        }

        /** A new browser (no cookies) behind the trusted proxy, as {@code address}. */
        BrowserlessClient browser(String address) {
            return new BrowserlessClient(server.baseUrl(), env).from(address);
        }

        String startFlow(BrowserlessClient c) {
            Map<String, String> p = new HashMap<>(Map.of(
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
            return c.authorize(p).then().statusCode(200).extract().path("id");
        }

        /** authorize, usernamePassword.check, resume, token: each must succeed. */
        void signOnFully(String address, String user) {
            BrowserlessClient c = browser(address);
            String flow = startFlow(c);
            c.signOn(flow, user, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
            String code = c.resume(flow).then().statusCode(200).extract().path("authorizeResponse.code");
            c.token(
                            Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                            app.id(),
                            app.secret())
                    .then()
                    .statusCode(200)
                    .body("access_token", notNullValue());
        }

        int failedCount(String user) {
            return server.latchkey()
                    .database()
                    .withHandle(h -> h.createQuery(
                                    "select failed_count from user_passwords where environment_id = :env and user_id = :id")
                            .bind("env", env)
                            .bind("id", user)
                            .mapTo(Integer.class)
                            .one());
        }
    }

    /** An address no other test uses. */
    private static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.18." + (n / 250) + "." + (n % 250 + 1);
    }

    private static String nobody() {
        return "nobody-" + UUID.randomUUID();
    }

    private static void assertLimited(Response r) {
        r.then()
                .statusCode(429)
                .contentType(containsString("application/json"))
                .body("code", equalTo("REQUEST_LIMITED"))
                .body("id", notNullValue())
                .body("message", containsString("Try again in"));
        assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 3600L);
    }

    @Test
    void aFloodFromOneAddressIsRefusedAfterTheBurstAndChecksNoMorePasswords() {
        Site site = Site.on(failures);
        BrowserlessClient attacker = site.browser(newAddress());
        String flow = site.startFlow(attacker);
        for (int i = 0; i < 5; i++) {
            attacker.signOn(flow, nobody(), "Gu3ss-" + i)
                    .then()
                    .statusCode(400)
                    .body("details[0].code", equalTo("INVALID_CREDENTIALS"));
        }
        assertLimited(attacker.signOn(flow, nobody(), "Gu3ss-5"));

        // While limited, the address's attempts on a real account are not checked: no failure is counted, and not
        // even the right password completes the flow.
        for (int i = 0; i < 3; i++) assertLimited(attacker.signOn(flow, site.username(), "Wr0ng-password!"));
        assertLimited(attacker.signOn(flow, site.username(), PASSWORD));
        assertThat(site.failedCount(site.userId())).isZero();
        attacker.flow(flow).then().statusCode(200).body("status", equalTo("USERNAME_PASSWORD_REQUIRED"));
    }

    @Test
    void aLegitimateUserSignsOnFromAnotherAddressDuringAFloodOfEightConcurrentAttackers() throws Exception {
        Site site = Site.on(failures);
        String attackers = newAddress();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                BrowserlessClient attacker = site.browser(attackers);
                String flow = site.startFlow(attacker);
                while (!stop.get()) {
                    int status =
                            attacker.signOn(flow, nobody(), "Gu3ss-password!").statusCode();
                    if (status == 400) checked.incrementAndGet();
                    else if (status == 429) limited.incrementAndGet();
                    else unexpected.add(Integer.toString(status));
                }
            }));
        }
        try {
            Await.until("the flood reached its limit", Duration.ofSeconds(60), () -> limited.get() > 0);
            for (int i = 0; i < 10; i++) site.signOnFully(newAddress(), site.username());
        } finally {
            stop.set(true);
            for (Thread t : threads) t.join();
        }
        assertThat(unexpected).isEmpty();
        // Eight at a time could not overshoot: exactly the burst was checked, everything after it refused.
        assertThat(checked.get()).isEqualTo(5);
        assertThat(limited.get()).isPositive();
    }

    @Test
    void successfulSignOnsFromOneAddressAreNotThrottledAndGiveTheirTokenBack() {
        Site site = Site.on(failures);
        String office = newAddress();
        BrowserlessClient typos = site.browser(office);
        String flow = site.startFlow(typos);
        for (int i = 0; i < 4; i++)
            typos.signOn(flow, nobody(), "Typ0-password!").then().statusCode(400);
        // One token left for the address, three for the username: twenty sign-ons each take one and give it back.
        for (int i = 0; i < 20; i++) site.signOnFully(office, site.username());
        typos.signOn(flow, nobody(), "Typ0-password!").then().statusCode(400);
        assertLimited(typos.signOn(flow, nobody(), "Typ0-password!"));
    }

    @Test
    void failuresPerUsernameAreLimitedAcrossAddressesInAnyCase() {
        Site site = Site.on(failures);
        String[] spellings = {
            site.username(),
            site.username().toUpperCase(Locale.ROOT),
            "User-" + site.username().substring(5)
        };
        for (String spelling : spellings) {
            BrowserlessClient c = site.browser(newAddress());
            c.signOn(site.startFlow(c), spelling, "Wr0ng-password!").then().statusCode(400);
        }
        BrowserlessClient fourth = site.browser(newAddress());
        String flow = site.startFlow(fourth);
        assertLimited(fourth.signOn(flow, site.username(), "Wr0ng-password!"));
        assertLimited(fourth.signOn(flow, site.username(), PASSWORD));
        fourth.flow(flow).then().body("status", equalTo("USERNAME_PASSWORD_REQUIRED"));
        // Three failures counted, the limited ones not: the lockout (after 5) has not been reached.
        assertThat(site.failedCount(site.userId())).isEqualTo(3);
        site.admin()
                .get("/v1/environments/{env}/users/{id}/password", site.env(), site.userId())
                .then()
                .body("status", equalTo("OK"));

        // Another username from the same address is not limited; an unknown one is limited exactly like a real one.
        fourth.signOn(flow, nobody(), "Wr0ng-password!").then().statusCode(400);
        String ghost = nobody();
        for (int i = 0; i < 3; i++) {
            BrowserlessClient c = site.browser(newAddress());
            c.signOn(site.startFlow(c), ghost, "Wr0ng-password!").then().statusCode(400);
        }
        BrowserlessClient c = site.browser(newAddress());
        assertLimited(c.signOn(site.startFlow(c), ghost, "Wr0ng-password!"));
    }

    @Test
    void xForwardedForIsIgnoredWhenThePeerIsNotATrustedProxy() {
        Site site = Site.on(untrusted);
        for (int i = 0; i < 5; i++) {
            BrowserlessClient c = site.browser(newAddress());
            c.signOn(site.startFlow(c), nobody(), "Gu3ss-password!").then().statusCode(400);
        }
        // Every attempt claimed another address; all were 127.0.0.1, whose five failures are spent.
        BrowserlessClient c = site.browser(newAddress());
        assertLimited(c.signOn(site.startFlow(c), nobody(), "Gu3ss-password!"));
    }

    @Test
    void theHostedSignOnPageAnswersALimitedAttemptWithAPageSayingSo() {
        Site site = Site.on(failures);
        BrowserlessClient browser = site.browser(newAddress());
        Response authorize = browser.authorize(Map.of(
                "response_type",
                "code",
                "client_id",
                site.app().id(),
                "redirect_uri",
                REDIRECT_URI,
                "scope",
                "openid"));
        String flow = BrowserlessClient.flowIdOf(authorize);
        Map<String, String> form =
                new HashMap<>(Map.of("action", "usernamePassword.check", "password", "Gu3ss-password!"));
        for (int i = 0; i < 5; i++) {
            form.put("username", nobody());
            browser.request()
                    .contentType("application/x-www-form-urlencoded")
                    .formParams(form)
                    .queryParam("flowId", flow)
                    .post("/" + site.env() + "/signon/")
                    .then()
                    .statusCode(400)
                    .contentType(containsString("text/html"));
        }
        form.put("username", nobody());
        Response limited = browser.request()
                .contentType("application/x-www-form-urlencoded")
                .formParams(form)
                .queryParam("flowId", flow)
                .post("/" + site.env() + "/signon/");
        limited.then()
                .statusCode(429)
                .contentType(containsString("text/html"))
                .body(containsString("data-code=\"REQUEST_LIMITED\""))
                .body(containsString("Too many failed attempts. Try again in"))
                .body(containsString("name=\"username\""));
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 3600L);
    }

    @Test
    void recoveryCodeGuessesAreLimitedAlikeForKnownAndUnknownUsernames() {
        Site site = Site.on(failures);
        SignOnFixtures.loginAction(
                site.admin(), site.env(), SignOnFixtures.defaultPolicy(site.admin(), site.env()), true, false);
        for (String username : List.of(site.username(), nobody())) {
            BrowserlessClient c = site.browser(newAddress());
            String flow = site.startFlow(c);
            c.step(flow, FORGOT, Map.of("username", username))
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("RECOVERY_CODE_REQUIRED"));
            for (int i = 0; i < 3; i++) {
                c.step(flow, RECOVER, Map.of("recoveryCode", "0000000" + i, "newPassword", "N3w-Passw0rd-Here!"))
                        .then()
                        .statusCode(400)
                        .body("details[0].target", equalTo("recoveryCode"));
            }
            assertLimited(
                    c.step(flow, RECOVER, Map.of("recoveryCode", "00000009", "newPassword", "N3w-Passw0rd-Here!")));
        }
        // The known user's code counted the three checked guesses only.
        int attempts = site.server()
                .latchkey()
                .database()
                .withHandle(h -> h.createQuery(
                                "select attempts from password_recovery where environment_id = :env and user_id = :id")
                        .bind("env", site.env())
                        .bind("id", site.userId())
                        .mapTo(Integer.class)
                        .one());
        assertThat(attempts).isEqualTo(3);
    }

    @Test
    void currentPasswordChecksAtAForcedChangeAreLimitedAndGivenBackWhenRight() {
        Site site = Site.on(failures);
        String forced = "force-" + UUID.randomUUID();
        String forcedId = SignOnFixtures.user(site.admin(), site.env(), forced, PASSWORD, true);
        BrowserlessClient c = site.browser(newAddress());
        String flow = site.startFlow(c);
        c.signOn(flow, forced, PASSWORD).then().statusCode(200).body("status", equalTo("MUST_CHANGE_PASSWORD"));
        // The right current password with a new one the policy refuses: the check succeeded, so no token is spent.
        for (int i = 0; i < 4; i++) {
            c.step(flow, RESET, Map.of("currentPassword", PASSWORD, "newPassword", "short"))
                    .then()
                    .statusCode(400)
                    .body("details[0].target", equalTo("newPassword"));
        }
        for (int i = 0; i < 3; i++) {
            c.step(flow, RESET, Map.of("currentPassword", "Wr0ng-password!", "newPassword", "An0ther-Good-Passw0rd!"))
                    .then()
                    .statusCode(400)
                    .body("details[0].target", equalTo("currentPassword"));
        }
        assertLimited(c.step(
                flow, RESET, Map.of("currentPassword", "Wr0ng-password!", "newPassword", "An0ther-Good-Passw0rd!")));
        assertThat(site.failedCount(forcedId)).isEqualTo(3);
        c.flow(flow).then().body("status", equalTo("MUST_CHANGE_PASSWORD"));
    }

    @Test
    void interactiveRequestsAreLimitedPerAddressAndServerToServerEndpointsAreNot() {
        Site site = Site.on(requests);
        String address = newAddress();
        BrowserlessClient c = site.browser(address);
        String flow = site.startFlow(c);
        for (int i = 0; i < 19; i++) c.flow(flow).then().statusCode(200);
        assertLimited(c.flow(flow));
        assertLimited(c.signOn(flow, site.username(), PASSWORD));
        assertLimited(c.resume(flow));
        assertLimited(c.authorize(Map.of(
                "response_type",
                "code",
                "client_id",
                site.app().id(),
                "redirect_uri",
                REDIRECT_URI,
                "scope",
                "openid",
                "response_mode",
                "pi.flow")));
        Response page = c.request().queryParam("flowId", flow).get("/" + site.env() + "/signon/");
        page.then()
                .statusCode(429)
                .contentType(containsString("text/html"))
                .body(containsString("Too many requests. Try again in"));
        assertThat(Long.parseLong(page.header("Retry-After"))).isBetween(1L, 3600L);
        c.flow(flow).then().statusCode(429);

        // The same address keeps full use of the endpoints other servers call, the page's assets and management.
        TestServer s = site.server();
        for (int i = 0; i < 30; i++) {
            c.request().get("/" + site.env() + "/as/jwks").then().statusCode(200);
            c.request()
                    .get("/" + site.env() + "/as/.well-known/openid-configuration")
                    .then()
                    .statusCode(200);
            c.request().get("/" + site.env() + "/signon/signon.css").then().statusCode(200);
            c.request()
                    .auth()
                    .preemptive()
                    .basic(s.adminClientId, s.adminClientSecret)
                    .formParam("grant_type", "client_credentials")
                    .post("/" + s.adminEnvironmentId + "/as/token")
                    .then()
                    .statusCode(200);
            c.request()
                    .header("Authorization", "Bearer " + site.admin().token())
                    .get("/v1/environments/" + site.env())
                    .then()
                    .statusCode(200);
        }
        // Another address is not affected.
        BrowserlessClient other = site.browser(newAddress());
        other.flow(site.startFlow(other)).then().statusCode(200);
    }

    @Test
    void failedCheckTokensComeBackAtTheRefillRate() throws InterruptedException {
        Site site = Site.on(requests);
        BrowserlessClient c = site.browser(newAddress());
        String flow = site.startFlow(c);
        Response r = null;
        // Two failures are allowed, then one per second: attempts faster than that reach the limit.
        for (int i = 0; i < 10; i++) {
            r = c.signOn(flow, nobody(), "Gu3ss-password!");
            if (r.statusCode() == 429) break;
            r.then().statusCode(400);
        }
        assertLimited(r);
        assertThat(r.header("Retry-After")).isEqualTo("1");
        // The behaviour itself: one token a second comes back, so a second (and a little) later one more is checked.
        Thread.sleep(1_100);
        c.signOn(flow, nobody(), "Gu3ss-password!")
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_CREDENTIALS"));
    }
}
