package io.latchkey.applications;

import static io.latchkey.applications.AppFixtures.body;
import static io.latchkey.applications.AppFixtures.clientCredentials;
import static io.latchkey.applications.AppFixtures.create;
import static io.latchkey.applications.AppFixtures.with;
import static io.latchkey.applications.Rejections.invalid;
import static io.latchkey.applications.Rejections.notFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplicationSecretApiTest {
    private static final String SECRET = "/v1/environments/{env}/applications/{app}/secret";

    TestServer server;
    Api admin;
    String env;
    String worker;

    @BeforeEach
    void setUp() {
        server = TestServer.shared();
        admin = server.admin();
        env = Fixtures.environment(admin);
        worker = create(admin, env, "WORKER");
    }

    private String secret() {
        return AppFixtures.secret(admin, env, worker);
    }

    private void works(String secret) {
        clientCredentials(server, env, worker, secret).then().statusCode(200).body("access_token", notNullValue());
    }

    private void refused(String secret) {
        clientCredentials(server, env, worker, secret).then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    private static Map<String, Object> previousUntil(Instant at) {
        return Map.of("previous", Map.of("expiresAt", at.toString()));
    }

    @Test
    void secretIsLongStableAndSealedAtRest() {
        String secret = admin.get(SECRET, env, worker)
                .then()
                .statusCode(200)
                .body("environment.id", equalTo(env))
                .body("previous", nullValue())
                .body("_links.self.href", containsString("/applications/" + worker + "/secret"))
                .extract()
                .path("secret");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(64).matches("[A-Za-z0-9._~-]+");
        assertThat(secret()).isEqualTo(secret);
        String stored = AppFixtures.db(server)
                .withHandle(h -> h.createQuery("select secret_enc from applications where id = :id")
                        .bind("id", worker)
                        .mapTo(String.class)
                        .one());
        assertThat(stored).doesNotContain(secret);
        works(secret);
    }

    @Test
    void rotationWithoutPreviousStopsTheOldSecretAtOnce() {
        String old = secret();
        String fresh = admin.post(SECRET, Map.of(), env, worker)
                .then()
                .statusCode(200)
                .body("previous", nullValue())
                .extract()
                .path("secret");
        assertThat(fresh).isNotEqualTo(old).hasSizeGreaterThanOrEqualTo(64);
        works(fresh);
        refused(old);
    }

    @Test
    void rotationWithoutABodyIsAccepted() {
        String old = secret();
        String fresh = admin.request()
                .post(SECRET, env, worker)
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        assertThat(fresh).isNotEqualTo(old);
        refused(old);
    }

    @Test
    void previousSecretKeepsWorkingUntilItExpires() {
        String old = secret();
        Instant until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String fresh = admin.post(SECRET, previousUntil(until), env, worker)
                .then()
                .statusCode(200)
                .body("previous.secret", equalTo(old))
                .body("previous.expiresAt", equalTo(until.toString()))
                .body("previous.lastUsed", nullValue())
                .extract()
                .path("secret");
        works(fresh);
        works(old);
        admin.get(SECRET, env, worker)
                .then()
                .statusCode(200)
                .body("secret", equalTo(fresh))
                .body("previous.secret", equalTo(old))
                .body("previous.lastUsed", notNullValue());

        // Let the previous secret expire (rather than wait a minute): it is refused and no longer shown.
        AppFixtures.db(server)
                .useTransaction(
                        h -> h.createUpdate("update applications set previous_secret_expires_at = :past where id = :id")
                                .bind("past", System.currentTimeMillis() - 1000)
                                .bind("id", worker)
                                .execute());
        // Written under the server's feet, as another process would: its copy of the secrets is forgotten at once
        // instead of after RecentReads.BOUND.
        AppFixtures.db(server).recentReads().forgetAll();
        refused(old);
        works(fresh);
        admin.get(SECRET, env, worker)
                .then()
                .statusCode(200)
                .body("secret", equalTo(fresh))
                .body("previous", nullValue());
    }

    @Test
    void deleteDropsThePreviousSecretAndKeepsTheCurrentOne() {
        String old = secret();
        String fresh = admin.post(SECRET, previousUntil(Instant.now().plus(1, ChronoUnit.DAYS)), env, worker)
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        works(old);
        admin.delete(SECRET, env, worker).then().statusCode(204);
        refused(old);
        works(fresh);
        admin.get(SECRET, env, worker)
                .then()
                .statusCode(200)
                .body("secret", equalTo(fresh))
                .body("previous", nullValue());
    }

    @Test
    void previousExpiryOutsideOneMinuteToThirtyDaysIsOutOfRange() {
        String before = secret();
        invalid(
                admin.post(SECRET, previousUntil(Instant.now().plusSeconds(10)), env, worker),
                "OUT_OF_RANGE",
                "previous.expiresAt");
        invalid(
                admin.post(SECRET, previousUntil(Instant.now().minusSeconds(3600)), env, worker),
                "OUT_OF_RANGE",
                "previous.expiresAt");
        invalid(
                admin.post(SECRET, previousUntil(Instant.now().plus(31, ChronoUnit.DAYS)), env, worker),
                "OUT_OF_RANGE",
                "previous.expiresAt");
        assertThat(secret()).isEqualTo(before);
        works(before);
    }

    @Test
    void previousExpiryMustBeADate() {
        String before = secret();
        invalid(
                admin.post(SECRET, Map.of("previous", Map.of("expiresAt", "tomorrow")), env, worker),
                "INVALID_VALUE",
                "previous.expiresAt");
        invalid(
                admin.post(SECRET, Map.of("previous", Map.of("expiresAt", 1893456000000L)), env, worker),
                "INVALID_VALUE",
                "previous.expiresAt");
        invalid(admin.post(SECRET, Map.of("previous", Map.of()), env, worker), "REQUIRED_VALUE", "previous.expiresAt");
        assertThat(secret()).isEqualTo(before);
    }

    @Test
    void applicationWithoutSecretHasNoSecretResource() {
        String spa = create(admin, env, "SINGLE_PAGE_APP");
        notFound(admin.get(SECRET, env, spa)).then().body("message", containsString("NONE"));
        notFound(admin.post(SECRET, Map.of(), env, spa));
        notFound(admin.delete(SECRET, env, spa));
    }

    @Test
    void movingToNoneDropsTheSecretAndMovingBackMakesANewOne() {
        Map<String, Object> native_ = body("NATIVE_APP");
        Map<String, Object> confidential = with(native_, "tokenEndpointAuthMethod", "CLIENT_SECRET_POST");
        String app = create(admin, env, confidential);
        String first = AppFixtures.secret(admin, env, app);
        admin.put("/v1/environments/{env}/applications/{app}", native_, env, app)
                .then()
                .statusCode(200);
        notFound(admin.get(SECRET, env, app));
        assertThat(AppFixtures.count(
                        server, "select count(*) from applications where id = ? and secret_enc is not null", app))
                .isZero();
        admin.put("/v1/environments/{env}/applications/{app}", confidential, env, app)
                .then()
                .statusCode(200);
        assertThat(AppFixtures.secret(admin, env, app))
                .hasSizeGreaterThanOrEqualTo(64)
                .isNotEqualTo(first);
    }

    @Test
    void secretOfAnUnknownApplicationIs404() {
        String unknown = java.util.UUID.randomUUID().toString();
        notFound(admin.get(SECRET, env, unknown));
        notFound(admin.post(SECRET, Map.of(), env, unknown));
        notFound(admin.delete(SECRET, env, unknown));
    }
}
