package io.latchkey.applications;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.latchkey.app.Latchkey;
import io.latchkey.storage.RecentReads;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Await;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each process keeps what client authentication and discovery read for at most {@link RecentReads#BOUND}: a change
 * made through one process shows there at once, and on another process sharing the database within the bound.
 * Both processes first answer, so that each holds a copy of what then changes.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ApplicationChangesAcrossProcessesTest {
    /** Well past the bound: only a copy kept for longer than it fails the test. */
    private static final Duration WITHIN_THE_BOUND = RecentReads.BOUND.multipliedBy(5);

    @Parameter
    Db db;

    @Test
    void aRotatedSecretAndADeletedApplicationStopWorkingOnEveryProcess() {
        TestServer first = TestServer.shared(db);
        Api admin = first.admin();
        String env = Fixtures.environment(admin);
        String app = AppFixtures.create(admin, env, "WORKER");
        String old = AppFixtures.secret(admin, env, app);
        try (Latchkey second = first.sibling()) {
            String other = "http://localhost:" + second.port();
            assertThat(token(first.baseUrl(), env, app, old)).isEqualTo(200);
            assertThat(token(other, env, app, old)).isEqualTo(200);

            admin.post("/v1/environments/{env}/applications/{app}/secret", Map.of(), env, app)
                    .then()
                    .statusCode(200);
            String fresh = AppFixtures.secret(admin, env, app);
            assertThat(token(first.baseUrl(), env, app, old)).isEqualTo(401);
            assertThat(token(first.baseUrl(), env, app, fresh)).isEqualTo(200);
            Await.until(
                    "the old secret refused by the second process",
                    WITHIN_THE_BOUND,
                    () -> token(other, env, app, old) == 401);
            Await.until(
                    "the new secret taken by the second process",
                    WITHIN_THE_BOUND,
                    () -> token(other, env, app, fresh) == 200);

            admin.delete("/v1/environments/{env}/applications/{app}", env, app)
                    .then()
                    .statusCode(204);
            assertThat(token(first.baseUrl(), env, app, fresh)).isEqualTo(401);
            Await.until(
                    "the deleted application refused by the second process",
                    WITHIN_THE_BOUND,
                    () -> token(other, env, app, fresh) == 401);
        }
    }

    @Test
    void aDisabledApplicationStopsWorkingOnEveryProcess() {
        TestServer first = TestServer.shared(db);
        Api admin = first.admin();
        String env = Fixtures.environment(admin);
        Map<String, Object> body = AppFixtures.body("WORKER");
        String app = AppFixtures.create(admin, env, body);
        String secret = AppFixtures.secret(admin, env, app);
        try (Latchkey second = first.sibling()) {
            String other = "http://localhost:" + second.port();
            assertThat(token(other, env, app, secret)).isEqualTo(200);

            admin.put("/v1/environments/{env}/applications/{app}", AppFixtures.with(body, "enabled", false), env, app)
                    .then()
                    .statusCode(200);
            assertThat(token(first.baseUrl(), env, app, secret)).isEqualTo(401);
            Await.until(
                    "the disabled application refused by the second process",
                    WITHIN_THE_BOUND,
                    () -> token(other, env, app, secret) == 401);
        }
    }

    @Test
    void aDeletedEnvironmentsDiscoveryAndKeysAreGoneOnEveryProcess() {
        TestServer first = TestServer.shared(db);
        Api admin = first.admin();
        String env = Fixtures.environment(admin);
        try (Latchkey second = first.sibling()) {
            String other = "http://localhost:" + second.port();
            assertThat(status(other, env, "/as/.well-known/openid-configuration"))
                    .isEqualTo(200);
            assertThat(status(other, env, "/as/jwks")).isEqualTo(200);

            admin.delete("/v1/environments/{env}", env).then().statusCode(204);
            assertThat(status(first.baseUrl(), env, "/as/.well-known/openid-configuration"))
                    .isEqualTo(404);
            Await.until(
                    "the deleted environment's discovery gone from the second process",
                    WITHIN_THE_BOUND,
                    () -> status(other, env, "/as/.well-known/openid-configuration") == 404);
            Await.until(
                    "the deleted environment's keys gone from the second process",
                    WITHIN_THE_BOUND,
                    () -> status(other, env, "/as/jwks") == 404);
        }
    }

    private static int token(String base, String env, String clientId, String secret) {
        return given().baseUri(base)
                .auth()
                .preemptive()
                .basic(clientId, secret)
                .formParam("grant_type", "client_credentials")
                .post("/" + env + "/as/token")
                .statusCode();
    }

    private static int status(String base, String env, String path) {
        return given().baseUri(base).get("/" + env + path).statusCode();
    }
}
