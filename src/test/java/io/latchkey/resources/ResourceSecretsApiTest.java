package io.latchkey.resources;

import static io.latchkey.resources.ResourceFixtures.RESOURCE;
import static io.latchkey.resources.ResourceFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.latchkey.crypto.SecretBox;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResourceSecretsApiTest {
    static final String SECRET = RESOURCE + "/secret";
    static final String ALPHABET = "[A-Za-z0-9._~-]{64,}";

    TestServer server() {
        return TestServer.shared();
    }

    ResourceSecretService secrets() {
        TestServer s = server();
        return new ResourceSecretService(
                s.latchkey().database(),
                SecretBox.load(s.config().masterKey(), s.config().dataDir()));
    }

    @Test
    void aCustomResourceHasASecretFromItsCreation() {
        Api admin = server().admin();
        String env = Fixtures.environment(admin);
        String id = ResourceFixtures.custom(admin, env, "api");
        String secret = admin.get(SECRET, env, id)
                .then()
                .statusCode(200)
                .body("environment.id", equalTo(env))
                .body("secret", matchesPattern(ALPHABET))
                .body("$", not(hasKey("previous")))
                .extract()
                .path("secret");
        admin.get(SECRET, env, id).then().statusCode(200).body("secret", equalTo(secret));
        String other = ResourceFixtures.custom(admin, env, "api2");
        assertThat((String) admin.get(SECRET, env, other).then().extract().path("secret"))
                .isNotEqualTo(secret);
        assertThat(secrets().matches(env, id, secret)).isTrue();
        assertThat(secrets().matches(env, other, secret)).isFalse();
    }

    @Test
    void theSecretIsSealedAtRest() {
        Api admin = server().admin();
        String env = Fixtures.environment(admin);
        String id = ResourceFixtures.custom(admin, env, "api");
        String secret = admin.get(SECRET, env, id).then().extract().path("secret");
        String stored = server().latchkey()
                .database()
                .withHandle(h -> h.createQuery("select secret_enc from resources where id = :id")
                        .bind("id", id)
                        .mapTo(String.class)
                        .one());
        assertThat(stored).startsWith("v1:").doesNotContain(secret);
    }

    @Test
    void rotatingWithoutAGracePeriodRetiresTheOldSecretAtOnce() {
        Api admin = server().admin();
        String env = Fixtures.environment(admin);
        String id = ResourceFixtures.custom(admin, env, "api");
        String old = admin.get(SECRET, env, id).then().extract().path("secret");
        String fresh = admin.request()
                .post(SECRET, env, id)
                .then()
                .statusCode(200)
                .body("secret", matchesPattern(ALPHABET))
                .body("$", not(hasKey("previous")))
                .extract()
                .path("secret");
        assertThat(fresh).isNotEqualTo(old);
        admin.get(SECRET, env, id).then().statusCode(200).body("secret", equalTo(fresh));
        assertThat(secrets().matches(env, id, fresh)).isTrue();
        assertThat(secrets().matches(env, id, old)).isFalse();
    }

    @Test
    void thePreviousSecretWorksUntilItExpiresOrIsDeleted() {
        Api admin = server().admin();
        String env = Fixtures.environment(admin);
        String id = ResourceFixtures.custom(admin, env, "api");
        String old = admin.get(SECRET, env, id).then().extract().path("secret");
        String expiresAt = Instant.now()
                .plus(1, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.MILLIS)
                .toString();
        String fresh = admin.post(SECRET, Map.of("previous", Map.of("expiresAt", expiresAt)), env, id)
                .then()
                .statusCode(200)
                .body("previous.secret", equalTo(old))
                .body("previous.expiresAt", equalTo(expiresAt))
                .extract()
                .path("secret");
        assertThat(secrets().matches(env, id, old)).isTrue();
        assertThat(secrets().matches(env, id, fresh)).isTrue();
        admin.get(SECRET, env, id).then().statusCode(200).body("previous.secret", equalTo(old));

        admin.delete(SECRET, env, id).then().statusCode(204);
        admin.get(SECRET, env, id)
                .then()
                .statusCode(200)
                .body("secret", equalTo(fresh))
                .body("$", not(hasKey("previous")));
        assertThat(secrets().matches(env, id, old)).isFalse();
        assertThat(secrets().matches(env, id, fresh)).isTrue();
    }

    @Test
    void anExpiredPreviousSecretNoLongerWorks() {
        Api admin = server().admin();
        String env = Fixtures.environment(admin);
        String id = ResourceFixtures.custom(admin, env, "api");
        String old = admin.get(SECRET, env, id).then().extract().path("secret");
        admin.post(
                        SECRET,
                        Map.of(
                                "previous",
                                Map.of(
                                        "expiresAt",
                                        Instant.now()
                                                .plus(2, ChronoUnit.MINUTES)
                                                .toString())),
                        env,
                        id)
                .then()
                .statusCode(200);
        // Let the grace period run out (the clock is the database's row, moved back).
        server().latchkey()
                .database()
                .withHandle(
                        h -> h.createUpdate("update resources set previous_secret_expires_at = :past where id = :id")
                                .bind("past", System.currentTimeMillis() - 1000)
                                .bind("id", id)
                                .execute());
        assertThat(secrets().matches(env, id, old)).isFalse();
        admin.get(SECRET, env, id).then().statusCode(200).body("$", not(hasKey("previous")));
    }

    @Test
    void aBadGracePeriodIsRefusedAndChangesNothing() {
        Api admin = server().admin();
        String env = Fixtures.environment(admin);
        String id = ResourceFixtures.custom(admin, env, "api");
        String before = snapshot(admin, SECRET, env, id);
        String soon = Instant.now().plusSeconds(10).toString();
        String late = Instant.now().plus(31, ChronoUnit.DAYS).toString();
        for (String at : List.of(soon, late)) {
            admin.post(SECRET, Map.of("previous", Map.of("expiresAt", at)), env, id)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_DATA"))
                    .body("details[0].code", equalTo("OUT_OF_RANGE"))
                    .body("details[0].target", equalTo("previous.expiresAt"));
        }
        admin.post(SECRET, Map.of("previous", Map.of("expiresAt", "tomorrow")), env, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("previous.expiresAt"));
        admin.post(SECRET, Map.of("previous", Map.of("lastUsed", "2030-01-01T00:00:00Z")), env, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("previous.expiresAt"));
        admin.request()
                .contentType("text/plain")
                .body("x")
                .post(SECRET, env, id)
                .then()
                .statusCode(415);
        assertThat(snapshot(admin, SECRET, env, id)).isEqualTo(before);
    }

    @Test
    void builtInResourcesHaveNoSecret() {
        Api admin = server().admin();
        String env = Fixtures.environment(admin);
        for (String name : List.of("openid", "PingOne API")) {
            String id = ResourceFixtures.byName(admin, env, name);
            admin.get(SECRET, env, id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
            admin.request().post(SECRET, env, id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
            admin.delete(SECRET, env, id).then().statusCode(404);
            assertThat(secrets().matches(env, id, "anything")).isFalse();
        }
    }

    @Test
    void matchesRefusesUnknownsAndBlanks() {
        Api admin = server().admin();
        String env = Fixtures.environment(admin);
        String id = ResourceFixtures.custom(admin, env, "api");
        String secret = admin.get(SECRET, env, id).then().extract().path("secret");
        ResourceSecretService s = secrets();
        assertThat(s.matches(env, id, null)).isFalse();
        assertThat(s.matches(env, id, "")).isFalse();
        assertThat(s.matches(env, id, secret + "x")).isFalse();
        assertThat(s.matches(env, id, secret.substring(1))).isFalse();
        assertThat(s.matches(env, UUID.randomUUID().toString(), secret)).isFalse();
        assertThat(s.matches(Fixtures.environment(admin), id, secret)).isFalse();
        admin.get(SECRET, env, UUID.randomUUID().toString()).then().statusCode(404);
    }
}
