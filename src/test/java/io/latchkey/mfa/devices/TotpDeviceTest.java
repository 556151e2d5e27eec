package io.latchkey.mfa.devices;

import static io.latchkey.mfa.devices.DeviceTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.latchkey.crypto.SecretBox;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TOTP devices over HTTP: the pairing secret and Key URI while activation is pending, activation with codes the
 * test computes itself (RFC 6238), the grace window, wrong codes and the lock, the 30-minute pairing, and the secret
 * sealed at rest. On both databases: the secret, the spent step and the lock are rows.
 */
@ParameterizedClass
@EnumSource(Db.class)
class TotpDeviceTest {
    @Parameter
    Db db;

    TestServer server;
    Api admin;
    String env;
    String username;
    String user;

    @BeforeEach
    void setUp() {
        server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        username = "ann-" + UUID.randomUUID();
        user = DeviceTestSupport.user(admin, env, username);
    }

    private JsonPath createTotp() {
        return create(admin, env, user, Map.of("type", "TOTP"))
                .then()
                .statusCode(200)
                .body("type", equalTo("TOTP"))
                .body("status", equalTo("ACTIVATION_REQUIRED"))
                .body("secret", matchesPattern("[A-Z2-7]{32}"))
                .body("keyUri", notNullValue())
                .body("_links.'device.activate'.href", notNullValue())
                .extract()
                .jsonPath();
    }

    @Test
    void pairsWithACodeComputedByTheTest() {
        JsonPath created = createTotp();
        String id = created.getString("id");
        String secret = created.getString("secret");
        URI keyUri = URI.create(created.getString("keyUri"));
        assertThat(keyUri.getScheme()).isEqualTo("otpauth");
        assertThat(keyUri.getHost()).isEqualTo("totp");
        String envName =
                admin.get("/v1/environments/{env}", env).then().extract().path("name");
        assertThat(URLDecoder.decode(keyUri.getRawPath(), StandardCharsets.UTF_8))
                .isEqualTo("/" + envName + ":" + username);
        assertThat(keyUri.getRawQuery())
                .contains("secret=" + secret)
                .contains("issuer=" + envName)
                .contains("algorithm=SHA1", "digits=6", "period=30");
        // The secret and URI are shown while the pairing is open, on every read.
        admin.get(DEVICE, env, user, id).then().body("secret", equalTo(secret));

        activate(admin, env, user, id, TestTotp.now(secret, 0))
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("secret", nullValue())
                .body("keyUri", nullValue())
                .body("_links.'device.activate'", nullValue());
        admin.get(DEVICE, env, user, id)
                .then()
                .body("status", equalTo("ACTIVE"))
                .body("secret", nullValue());
        admin.get(DEVICES, env, user).then().body("_embedded.devices[0].secret", nullValue());
        // The step the code belonged to is spent.
        assertThat(count(server, "select count(*) from mfa_devices where id = ? and last_totp_step is not null", id))
                .isEqualTo(1);
    }

    @Test
    void acceptsAClockSkewOfFiveStepsButNotSix() {
        String id1 = createTotp().getString("id");
        String secret1 = admin.get(DEVICE, env, user, id1).then().extract().path("secret");
        refused(activate(admin, env, user, id1, TestTotp.now(secret1, 7)), 400, "INVALID_DATA", "INVALID_OTP", "otp");
        activate(admin, env, user, id1, TestTotp.now(secret1, -4)).then().statusCode(200);

        JsonPath second = createTotp();
        activate(admin, env, user, second.getString("id"), TestTotp.now(second.getString("secret"), 4))
                .then()
                .statusCode(200);
    }

    @Test
    void threeWrongCodesLockTheDeviceForTheCoolDown() {
        JsonPath created = createTotp();
        String id = created.getString("id");
        String secret = created.getString("secret");
        String right = TestTotp.now(secret, 0);
        String wrong = right.equals("000000") ? "999999" : "000000";
        activate(admin, env, user, id, wrong)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_OTP"))
                .body("details[0].message", containsString("Attempts left: 2."));
        activate(admin, env, user, id, wrong).then().body("details[0].message", containsString("Attempts left: 1."));
        activate(admin, env, user, id, wrong)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_OTP"))
                .body("details[0].message", containsString("the device is locked for"));
        // Locked: even the right code is refused, and nothing is counted.
        activate(admin, env, user, id, right)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("QUOTA_EXCEEDED"))
                .body("details[0].target", equalTo("otp"))
                .body("details[0].message", containsString("Try again in"));
        admin.get(DEVICE, env, user, id)
                .then()
                .body("status", equalTo("ACTIVATION_REQUIRED"))
                .body("lock.status", equalTo("LOCKED"))
                .body("lock.expiresAt", notNullValue());
        // After the cool-down (2 minutes, here moved into the past) the right code works.
        execute(server, "update mfa_devices set locked_until = ? where id = ?", System.currentTimeMillis() - 1, id);
        activate(admin, env, user, id, TestTotp.now(secret, 0))
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("lock", nullValue());
    }

    @Test
    void thePairingExpiresAfterThirtyMinutes() {
        JsonPath created = createTotp();
        String id = created.getString("id");
        assertThat(count(server, "select otp_expires_at - created_at from mfa_devices where id = ?", id))
                .isEqualTo(30 * 60_000L);
        execute(server, "update mfa_devices set otp_expires_at = ? where id = ?", System.currentTimeMillis() - 1, id);
        activate(admin, env, user, id, TestTotp.now(created.getString("secret"), 0))
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_OTP"))
                .body("details[0].message", containsString("expired"));
        admin.get(DEVICE, env, user, id)
                .then()
                .body("status", equalTo("ACTIVATION_REQUIRED"))
                .body("secret", nullValue())
                .body("keyUri", nullValue());
    }

    @Test
    void theSecretIsSealedAtRest() {
        JsonPath created = createTotp();
        String secret = created.getString("secret");
        String sealed = server.latchkey()
                .database()
                .withHandle(h -> h.createQuery("select secret_enc from mfa_devices where id = :id")
                        .bind("id", created.getString("id"))
                        .mapTo(String.class)
                        .one());
        assertThat(sealed).startsWith("v1:").doesNotContain(secret);
        SecretBox box = new SecretBox(Base64.getDecoder().decode(server.config().masterKey()));
        assertThat(Base64.getDecoder().decode(box.decrypt(sealed))).isEqualTo(TestTotp.base32Decode(secret));
        // Each device has its own secret.
        assertThat(createTotp().getString("secret")).isNotEqualTo(secret);
    }
}
