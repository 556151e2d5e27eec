package io.latchkey.sessions;

import static io.latchkey.applications.Rejections.notFound;
import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.latchkey.applications.AppFixtures;
import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Db.class) // both databases: the ten-per-user limit, ordering and ending a session are SQL
class UserSessionsApiTest {
    static final String SESSIONS = "/v1/environments/{env}/users/{user}/sessions";
    static final String SESSION = SESSIONS + "/{id}";
    static final String FIREFOX_ON_WINDOWS =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
    static final String SAFARI_ON_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

    @Parameter
    Db db;

    TestServer server;
    Api admin;
    String env;
    SignOnFixtures.App app;
    String username;
    String userId;

    @BeforeEach
    void setUp() {
        server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        username = "sessions-" + UUID.randomUUID();
        userId = SignOnFixtures.user(admin, env, username, PASSWORD, false);
    }

    /** Signs {@code username} on in browser {@code c}, which sends {@code userAgent}; the sign-on is complete. */
    static void signOn(BrowserlessClient c, String env, String appId, String username, String userAgent) {
        Response authorize = c.authorize(authorizeParams(appId, null))
                .then()
                .statusCode(302)
                .extract()
                .response();
        String flow = BrowserlessClient.flowIdOf(authorize);
        c.request()
                .header("User-Agent", userAgent)
                .contentType("application/vnd.pingidentity.usernamePassword.check+json")
                .body(Map.of("username", username, "password", PASSWORD))
                .post("/" + env + "/flows/" + flow)
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"));
    }

    static Map<String, String> authorizeParams(String appId, String prompt) {
        Map<String, String> p = new java.util.HashMap<>(
                Map.of("response_type", "code", "client_id", appId, "redirect_uri", REDIRECT_URI, "scope", "openid"));
        if (prompt != null) p.put("prompt", prompt);
        return p;
    }

    /** What {@code prompt=none} from browser {@code c} is answered with: a code or an error, at the redirect URI. */
    static Map<String, String> silentSignOn(BrowserlessClient c, String appId) {
        Response r = c.authorize(authorizeParams(appId, "none"))
                .then()
                .statusCode(302)
                .extract()
                .response();
        return BrowserlessClient.redirectParams(r);
    }

    private BrowserlessClient browser() {
        return new BrowserlessClient(server.baseUrl(), env);
    }

    private String list(String user) {
        return admin.get(SESSIONS, env, user).then().statusCode(200).extract().asString();
    }

    private String onlySessionId() {
        return admin.get(SESSIONS, env, userId)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .extract()
                .path("_embedded.sessions[0].id");
    }

    @Test
    void aSignOnShowsAsASessionWithWhenWhereAndHow() {
        long before = System.currentTimeMillis();
        signOn(browser(), env, app.id(), username, FIREFOX_ON_WINDOWS);
        String id = onlySessionId();
        admin.get(SESSION, env, userId, id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("environment.id", equalTo(env))
                .body("user.id", equalTo(userId))
                .body("lastSignOn.remoteIp", equalTo("127.0.0.1"))
                .body("lastSignOn.authenticators", contains("pwd"))
                .body("lastSignOn.withAuthenticator.pwd.at", notNullValue())
                .body("browser.name", equalTo("Firefox"))
                .body("browser.version", equalTo("128.0"))
                .body("operatingSystem.name", equalTo("Windows"))
                .body("operatingSystem.version", equalTo("10.0"))
                .body("device.type", equalTo("Desktop"))
                .body("locations[0].remoteIp", equalTo("127.0.0.1"))
                .body("_links.self.href", containsString("/users/" + userId + "/sessions/" + id))
                .body("_links.user.href", containsString("/users/" + userId));
        Map<String, Object> times =
                admin.get(SESSION, env, userId, id).then().extract().path("$");
        Instant created = Instant.parse(times.get("createdAt").toString());
        assertThat(created.toEpochMilli()).isBetween(before - 1000, System.currentTimeMillis() + 1000);
        assertThat(Instant.parse(times.get("activeAt").toString())).isEqualTo(created);
        assertThat(Instant.parse(times.get("expiresAt").toString())).isEqualTo(created.plus(SessionService.LIFETIME));
    }

    @Test
    void aPhoneShowsAsMobileAndEachBrowserHasItsOwnSessionNewestFirst() {
        signOn(browser(), env, app.id(), username, FIREFOX_ON_WINDOWS);
        signOn(browser(), env, app.id(), username, SAFARI_ON_IPHONE);
        admin.get(SESSIONS, env, userId)
                .then()
                .statusCode(200)
                .body("count", equalTo(2))
                .body("size", equalTo(2))
                .body("_embedded.sessions[0].browser.name", equalTo("Safari"))
                .body("_embedded.sessions[0].operatingSystem.name", equalTo("iOS"))
                .body("_embedded.sessions[0].operatingSystem.version", equalTo("17.4"))
                .body("_embedded.sessions[0].device.type", equalTo("Mobile"))
                .body("_embedded.sessions[1].browser.name", equalTo("Firefox"));
    }

    @Test
    void singleSignOnMovesActiveAt() {
        BrowserlessClient c = browser();
        signOn(c, env, app.id(), username, FIREFOX_ON_WINDOWS);
        String id = onlySessionId();
        long longAgo = System.currentTimeMillis() - 3_600_000;
        AppFixtures.db(server)
                .withHandle(h -> h.execute("update signon_sessions set last_used_at = ? where id = ?", longAgo, id));
        assertThat(silentSignOn(c, app.id())).containsKey("code");
        String activeAt = admin.get(SESSION, env, userId, id).then().extract().path("activeAt");
        assertThat(Instant.parse(activeAt).toEpochMilli()).isGreaterThan(longAgo + 60_000);
    }

    @Test
    void deletingASessionEndsSingleSignOnForThatBrowserOnly() {
        BrowserlessClient first = browser();
        BrowserlessClient second = browser();
        signOn(first, env, app.id(), username, FIREFOX_ON_WINDOWS);
        String firstSession = onlySessionId();
        signOn(second, env, app.id(), username, SAFARI_ON_IPHONE);
        assertThat(silentSignOn(first, app.id())).containsKey("code");

        admin.delete(SESSION, env, userId, firstSession).then().statusCode(204);

        assertThat(silentSignOn(first, app.id())).containsEntry("error", "login_required");
        assertThat(silentSignOn(second, app.id())).containsKey("code");
        notFound(admin.get(SESSION, env, userId, firstSession));
        notFound(admin.delete(SESSION, env, userId, firstSession));
        admin.get(SESSIONS, env, userId)
                .then()
                .body("count", equalTo(1))
                .body("_embedded.sessions[0].id", not(equalTo(firstSession)));
    }

    @Test
    void expiredSessionsAreStillListedButAnswerNoSignOn() {
        BrowserlessClient c = browser();
        signOn(c, env, app.id(), username, FIREFOX_ON_WINDOWS);
        String id = onlySessionId();
        long past = System.currentTimeMillis() - 1000;
        AppFixtures.db(server)
                .withHandle(h -> h.execute("update signon_sessions set expires_at = ? where id = ?", past, id));
        assertThat(silentSignOn(c, app.id())).containsEntry("error", "login_required");
        admin.get(SESSION, env, userId, id)
                .then()
                .statusCode(200)
                .body("expiresAt", equalTo(Instant.ofEpochMilli(past).toString()));
    }

    @Test
    void aUserKeepsTheTenNewestSessions() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            signOn(browser(), env, app.id(), username, FIREFOX_ON_WINDOWS);
            List<String> now = admin.get(SESSIONS, env, userId).then().extract().path("_embedded.sessions.id");
            ids.add(now.get(0));
        }
        List<String> listed = admin.get(SESSIONS, env, userId)
                .then()
                .statusCode(200)
                .body("count", equalTo(10))
                .extract()
                .path("_embedded.sessions.id");
        assertThat(listed).containsExactlyElementsOf(ids.subList(2, 12).reversed());
        notFound(admin.get(SESSION, env, userId, ids.get(0)));
        assertThat(AppFixtures.count(server, "select count(*) from signon_sessions where user_id = ?", userId))
                .isEqualTo(10);
    }

    @Test
    void sessionsBelongToTheirUserAndEnvironment() {
        signOn(browser(), env, app.id(), username, FIREFOX_ON_WINDOWS);
        String id = onlySessionId();
        String other = SignOnFixtures.user(admin, env, "other-" + UUID.randomUUID(), PASSWORD, false);
        String otherEnv = Fixtures.environment(admin);
        String before = list(userId);
        admin.get(SESSIONS, env, other).then().statusCode(200).body("count", equalTo(0));
        notFound(admin.get(SESSION, env, other, id));
        notFound(admin.delete(SESSION, env, other, id));
        notFound(admin.get(SESSIONS, otherEnv, userId));
        notFound(admin.get(SESSION, otherEnv, userId, id));
        notFound(admin.delete(SESSION, otherEnv, userId, id));
        assertThat(list(userId)).isEqualTo(before);
    }

    @Test
    void unknownAndMalformedIdsAre404AndChangeNothing() {
        signOn(browser(), env, app.id(), username, FIREFOX_ON_WINDOWS);
        String before = list(userId);
        String unknown = UUID.randomUUID().toString();
        notFound(admin.get(SESSIONS, env, unknown));
        notFound(admin.get(SESSION, env, userId, unknown));
        notFound(admin.delete(SESSION, env, userId, unknown));
        notFound(admin.get(SESSION, env, userId, "not-a-uuid"));
        notFound(admin.delete(SESSION, env, userId, "x".repeat(300)));
        notFound(admin.get(SESSIONS, env, "not-a-uuid")).then().body("message", containsString("User"));
        assertThat(list(userId)).isEqualTo(before);
    }

    @Test
    void sessionsNeedIdentityPermissions() {
        String worker = AppFixtures.create(admin, env, "WORKER");
        Api roleless = AppFixtures.workerClient(server, admin, env, worker);
        io.latchkey.applications.Rejections.forbidden(roleless.get(SESSIONS, env, userId));
        server.anonymous().get(SESSIONS, env, userId).then().statusCode(401);
        admin.get(SESSIONS, env, userId).then().statusCode(200).body("$", hasKey("_embedded"));
    }
}
