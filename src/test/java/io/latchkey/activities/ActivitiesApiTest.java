package io.latchkey.activities;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code /v1/environments/{envId}/activities}: what management changes and sign-ons record, the filter (time range
 * required), paging, retention, and that no activity carries a secret or records a change that did not happen.
 */
@ParameterizedClass
@EnumSource(Db.class) // both databases: filters and paging are SQL, and the record shares the change's transaction
class ActivitiesApiTest {
    @Parameter
    Db db;

    TestServer server;
    Api admin;
    String env;
    String since;

    @BeforeEach
    void setUp() {
        server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        since = Instant.now().minusSeconds(60).toString();
    }

    private String range() {
        return "recordedAt gt \"" + since + "\" and recordedAt lt \""
                + Instant.now().plusSeconds(60) + "\"";
    }

    private JsonPath activities(String filter) {
        return admin.request()
                .queryParam("filter", filter)
                .get("/v1/environments/{env}/activities", env)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private String createUser(String username) {
        return admin.post("/v1/environments/{env}/users", Map.of("username", username), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void aManagementChangeIsRecordedWithWhoWhatAndWhich() {
        String username = "ada-" + UUID.randomUUID();
        String userId = createUser(username);
        admin.put("/v1/environments/{env}/users/{id}", Map.of("username", username, "title", "Countess"), env, userId)
                .then()
                .statusCode(200);
        admin.delete("/v1/environments/{env}/users/{id}", env, userId).then().statusCode(204);

        JsonPath all = activities(range() + " and resources.id eq \"" + userId + "\"");
        assertThat(all.getList("_embedded.activities.action.type", String.class))
                .containsExactly("USER.CREATED", "USER.UPDATED", "USER.DELETED");
        assertThat(all.getInt("count")).isEqualTo(3);
        Map<String, Object> created = all.getMap("_embedded.activities[0]");
        assertThat(all.getString("_embedded.activities[0].actors.client.id")).isEqualTo(server.adminClientId);
        assertThat(all.getString("_embedded.activities[0].resources[0].type")).isEqualTo("USER");
        assertThat(all.getString("_embedded.activities[0].resources[0].name")).isEqualTo(username);
        assertThat(all.getString("_embedded.activities[0].result.status")).isEqualTo("SUCCESS");
        assertThat(all.getString("_embedded.activities[0].correlationId")).isNotBlank();

        admin.get("/v1/environments/{env}/activities/{id}", env, created.get("id"))
                .then()
                .statusCode(200)
                .body("action.type", equalTo("USER.CREATED"))
                .body("resources[0].id", equalTo(userId))
                .body("recordedAt", equalTo(created.get("recordedAt")));
    }

    @Test
    void filtersByTypeActorResourceAndTime() {
        String userId = createUser("f-" + UUID.randomUUID());
        createUser("g-" + UUID.randomUUID());

        assertThat(activities(range() + " and action.type eq \"USER.CREATED\"").getInt("count"))
                .isEqualTo(2);
        assertThat(activities(range() + " AND action.type eq \"USER.DELETED\"").getInt("count"))
                .isZero();
        assertThat(activities(range() + " and actors.client.id eq \"" + server.adminClientId + "\"")
                        .getInt("count"))
                .isEqualTo(2);
        assertThat(activities(range() + " and actors.client.id eq \"" + UUID.randomUUID() + "\"")
                        .getInt("count"))
                .isZero();
        assertThat(activities(range() + " and resources.type eq \"USER\" and resources.id eq \"" + userId + "\"")
                        .getInt("count"))
                .isEqualTo(1);
        // A range that ended before the changes finds none; the PingOne example's lower-case name works too.
        assertThat(activities("recordedat gt \"2019-01-01T00:00:00.000Z\" and recordedat lt \"" + since + "\"")
                        .getInt("count"))
                .isZero();

        // POST keeps the filter out of the URL and answers the same.
        admin.post(
                        "/v1/environments/{env}/activities",
                        Map.of("filter", range() + " and action.type eq \"USER.CREATED\""),
                        env)
                .then()
                .statusCode(200)
                .body("count", equalTo(2));
    }

    @Test
    void pagesInTheOrderTheyHappened() {
        for (int i = 0; i < 3; i++) createUser("p" + i + "-" + UUID.randomUUID());
        JsonPath first = admin.request()
                .queryParam("filter", range())
                .queryParam("limit", 2)
                .get("/v1/environments/{env}/activities", env)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(first.getInt("size")).isEqualTo(2);
        assertThat(first.getInt("count")).isEqualTo(3);
        String next = first.getString("_links.next.href");
        assertThat(next).contains("cursor=");
        // The next link repeats the filter, encoded: followed as given.
        JsonPath second = admin.request()
                .urlEncodingEnabled(false)
                .get(next.substring(server.baseUrl().length()))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(second.getInt("size")).isEqualTo(1);
        assertThat(second.getString("_links.next")).isNull();
        List<String> names =
                new java.util.ArrayList<>(first.getList("_embedded.activities.resources.name.flatten()", String.class));
        names.addAll(second.getList("_embedded.activities.resources.name.flatten()", String.class));
        assertThat(names).hasSize(3).allSatisfy(n -> assertThat(n).isNotNull());
        assertThat(names.get(0)).startsWith("p0-");
        assertThat(names.get(2)).startsWith("p2-");
    }

    @Test
    void theFilterNeedsATimeRange() {
        for (String filter : List.of(
                "",
                "action.type eq \"USER.CREATED\"",
                "recordedAt gt \"" + since + "\"",
                "recordedAt gt \"" + since + "\" or recordedAt lt \"" + Instant.now() + "\"",
                "recordedAt gt \"yesterday\" and recordedAt lt \"" + Instant.now() + "\"",
                range() + " and password eq \"x\"",
                range() + " and action.type co \"USER\"")) {
            admin.request()
                    .queryParam("filter", filter)
                    .get("/v1/environments/{env}/activities", env)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_DATA"))
                    .body("details[0].code", equalTo("INVALID_FILTER"))
                    .body("details[0].target", equalTo("filter"));
        }
        admin.get("/v1/environments/{env}/activities", env).then().statusCode(400);
        admin.get("/v1/environments/{env}/activities/{id}", env, UUID.randomUUID())
                .then()
                .statusCode(404);
        server.anonymous()
                .request()
                .queryParam("filter", range())
                .get("/v1/environments/{env}/activities", env)
                .then()
                .statusCode(401);
    }

    @Test
    void noActivityHoldsASecret() {
        String password = "S3cret-Passw0rd-" + UUID.randomUUID();
        String userId = SignOnFixtures.user(admin, env, "s-" + UUID.randomUUID(), password, false);
        admin.request()
                .contentType("application/vnd.pingidentity.password.set+json")
                .body(Map.of("value", password + "2", "forceChange", false))
                .put("/v1/environments/{env}/users/{id}/password", env, userId)
                .then()
                .statusCode(200);
        SignOnFixtures.App app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        String rotated = admin.post("/v1/environments/{env}/applications/{id}/secret", Map.of(), env, app.id())
                .then()
                .statusCode(200)
                .extract()
                .path("secret");

        JsonPath all = activities(range());
        assertThat(all.getList("_embedded.activities.action.type", String.class))
                .contains("USER.CREATED", "PASSWORD.SET", "APPLICATION.CREATED", "SECRET.REGENERATED");
        String json = all.prettify();
        assertThat(json)
                .doesNotContain(password)
                .doesNotContain(app.secret())
                .doesNotContain(rotated)
                .doesNotContainIgnoringCase("\"password\"")
                .doesNotContainIgnoringCase("\"secret\"");
    }

    @Test
    void aRefusedChangeRecordsAFailureAndNoSuccess() {
        String username = "dup-" + UUID.randomUUID();
        createUser(username);
        admin.post("/v1/environments/{env}/users", Map.of("username", username), env)
                .then()
                .statusCode(400);
        JsonPath created = activities(range() + " and action.type eq \"USER.CREATED\"");
        assertThat(created.getList("_embedded.activities.result.status", String.class))
                .containsExactly("SUCCESS", "FAILED");
        assertThat(created.getString("_embedded.activities[1].result.description"))
                .isEqualTo("INVALID_DATA");
        assertThat(created.getString("_embedded.activities[1].resources[0].id")).isNull();
        // Exactly one user exists: the refused one was not created, and its activity says so.
        admin.get("/v1/environments/{env}/users", env).then().statusCode(200).body("count", equalTo(1));
    }

    @Test
    void signOnsAreRecordedSuccessFailureLockoutAndTokens() {
        SignOnFixtures.App app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        SignOnFixtures.grantOpenid(admin, env, app.id(), "profile");
        String username = "u-" + UUID.randomUUID();
        String userId = SignOnFixtures.user(admin, env, username, PASSWORD, false);
        BrowserlessClient browser = new BrowserlessClient(server.baseUrl(), env);
        String flow = startFlow(browser, app.id());
        browser.signOn(flow, username, "wrong-" + PASSWORD).then().statusCode(400);
        browser.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
        Response resume = browser.resume(flow).then().statusCode(302).extract().response();
        String code = BrowserlessClient.redirectParams(resume).get("code");
        Response tokens = browser.token(
                        Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                        app.id(),
                        app.secret())
                .then()
                .statusCode(200)
                .extract()
                .response();
        String refresh = tokens.path("refresh_token");
        browser.request()
                .contentType("application/x-www-form-urlencoded")
                .auth()
                .preemptive()
                .basic(app.id(), app.secret())
                .formParam("token", refresh)
                .post("/" + env + "/as/revoke")
                .then()
                .statusCode(200);

        String sessionId = admin.get("/v1/environments/{env}/users/{user}/sessions", env, userId)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.sessions[0].id");
        // Signing off twice ends the session once.
        for (int i = 0; i < 2; i++)
            browser.request()
                    .queryParam("id_token_hint", tokens.<String>path("id_token"))
                    .get("/" + env + "/as/signoff")
                    .then()
                    .statusCode(200);

        JsonPath byUser = activities(range() + " and actors.user.id eq \"" + userId + "\"");
        assertThat(byUser.getList("_embedded.activities.action.type", String.class))
                .containsExactly(
                        "PASSWORD.CHECK_FAILED",
                        "PASSWORD.CHECK_SUCCEEDED",
                        "SESSION.CREATED",
                        "TOKEN.ISSUED",
                        "SESSION.DELETED");
        assertThat(byUser.getList("_embedded.activities.result.status", String.class))
                .containsOnly("FAILED", "SUCCESS");
        assertThat(byUser.getString("_embedded.activities[2].resources[0].type"))
                .isEqualTo("SESSION");
        assertThat(byUser.getString("_embedded.activities[2].resources[0].id")).isEqualTo(sessionId);
        assertThat(byUser.getString("_embedded.activities[4].resources[0].id")).isEqualTo(sessionId);
        JsonPath signOnEvents = activities(
                range() + " and actors.user.id eq \"" + userId + "\" and actors.client.id eq \"" + app.id() + "\"");
        assertThat(signOnEvents.getList("_embedded.activities.action.type", String.class))
                .containsExactly("PASSWORD.CHECK_FAILED", "PASSWORD.CHECK_SUCCEEDED", "TOKEN.ISSUED");
        assertThat(signOnEvents.getList("_embedded.activities.actors.user.name", String.class))
                .containsOnly(username);
        assertThat(activities(range() + " and action.type eq \"TOKEN.REVOKED\"")
                        .getString("_embedded.activities[0].actors.client.id"))
                .isEqualTo(app.id());

        // The default policy locks the password after 5 failures in a row.
        String flow2 = startFlow(new BrowserlessClient(server.baseUrl(), env), app.id());
        BrowserlessClient other = new BrowserlessClient(server.baseUrl(), env);
        String flow3 = startFlow(other, app.id());
        for (int i = 0; i < 5; i++)
            other.signOn(flow3, username, "wrong-" + i).then().statusCode(400);
        assertThat(flow2).isNotEqualTo(flow3);
        assertThat(activities(range() + " and action.type eq \"USER.LOCKED\" and resources.id eq \"" + userId + "\"")
                        .getInt("count"))
                .isEqualTo(1);
    }

    private static String startFlow(BrowserlessClient browser, String clientId) {
        Response authorize = browser.authorize(Map.of(
                        "response_type", "code",
                        "client_id", clientId,
                        "redirect_uri", REDIRECT_URI,
                        "scope", "openid profile",
                        "state", "st"))
                .then()
                .statusCode(302)
                .extract()
                .response();
        return BrowserlessClient.flowIdOf(authorize);
    }

    @Test
    void activitiesOlderThanTheRetentionAreDeletedByHousekeeping() throws InterruptedException {
        try (TestServer own = TestServer.start(db, c -> c.withActivityRetention(Duration.ofSeconds(1)))) {
            Api ownAdmin = own.admin();
            String ownEnv = Fixtures.environment(ownAdmin);
            ownAdmin.post("/v1/environments/{env}/users", Map.of("username", "r-" + UUID.randomUUID()), ownEnv)
                    .then()
                    .statusCode(201);
            String filter = range();
            String id = ownAdmin.request()
                    .queryParam("filter", filter)
                    .get("/v1/environments/{env}/activities", ownEnv)
                    .then()
                    .statusCode(200)
                    .body("count", equalTo(1))
                    .extract()
                    .path("_embedded.activities[0].id");
            // Once the retention has passed, a housekeeping pass deletes it.
            Thread.sleep(1_100);
            assertThat(own.latchkey().runHousekeeping()).isPositive();
            ownAdmin.get("/v1/environments/{env}/activities/{id}", ownEnv, id)
                    .then()
                    .statusCode(404);
            ownAdmin.request()
                    .queryParam("filter", filter)
                    .get("/v1/environments/{env}/activities", ownEnv)
                    .then()
                    .statusCode(200)
                    .body("count", equalTo(0));
        }
    }
}
