package io.latchkey.mfa.devices;

import static io.latchkey.mfa.devices.DeviceTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.access.BuiltInRole;
import io.latchkey.applications.AppFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code /users/{userId}/devices} for EMAIL, SMS and VOICE devices over HTTP: creation and the status rules, pairing
 * with the code read from the outbox, wrong/expired/spent codes and the lock, nicknames, order, the device limit,
 * access, and every bad input with its PingOne error and nothing changed. On both databases: devices, their codes
 * and counters are rows, and they go with their user.
 */
@ParameterizedClass
@EnumSource(Db.class)
class MfaDevicesApiTest {
    @Parameter
    Db db;

    TestServer server;
    Api admin;
    String env;
    String user;

    @BeforeEach
    void setUp() {
        server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        user = DeviceTestSupport.user(admin, env, "ann-" + UUID.randomUUID());
    }

    @Test
    void adminCreatedEmailAndSmsDevicesAreActiveWithPingOnesShape() {
        String base = server.baseUrl() + "/v1/environments/" + env + "/users/" + user;
        String email = create(admin, env, user, Map.of("type", "EMAIL", "email", "ann@example.com"))
                .then()
                .statusCode(200)
                .body("type", equalTo("EMAIL"))
                .body("status", equalTo("ACTIVE"))
                .body("email", equalTo("ann@example.com"))
                .body("environment.id", equalTo(env))
                .body("user.id", equalTo(user))
                .body("createdAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"))
                .body("updatedAt", notNullValue())
                .body("_links.user.href", equalTo(base))
                .body("_links.environment.href", equalTo(server.baseUrl() + "/v1/environments/" + env))
                .body("_links.'device.activate'", nullValue())
                .extract()
                .path("id");
        admin.get(DEVICE, env, user, email)
                .then()
                .statusCode(200)
                .body("_links.self.href", equalTo(base + "/devices/" + email))
                .body("secret", nullValue());
        create(admin, env, user, Map.of("type", "SMS", "phone", "+1 (512) 555-1234", "nickname", "Work phone"))
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("phone", equalTo("+15125551234"))
                .body("nickname", equalTo("Work phone"));
        create(admin, env, user, Map.of("type", "VOICE", "phone", "+1.512.555.9876"))
                .then()
                .statusCode(200)
                .body("phone", equalTo("+15125559876"));
        assertThat(outbox(server, user)).isEmpty(); // ACTIVE devices get no code
        admin.get(DEVICES, env, user)
                .then()
                .statusCode(200)
                .body("count", equalTo(3))
                .body("_embedded.devices.type", contains("EMAIL", "SMS", "VOICE"));
    }

    @Test
    void emailDevicePairsWithTheCodeFromTheOutbox() {
        String device = create(
                        admin,
                        env,
                        user,
                        Map.of("type", "EMAIL", "email", "ann@example.com", "status", "ACTIVATION_REQUIRED"))
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVATION_REQUIRED"))
                .body("_links.'device.activate'.href", containsString("/devices/"))
                .extract()
                .path("id");
        JsonNode message = lastMessage(server, user);
        assertThat(message.path("email").asText()).isEqualTo("ann@example.com");
        String code = message.path("code").asText();
        assertThat(code).matches("\\d{6}");
        assertThat(count(server, "select count(*) from mfa_devices where otp_hash like ?", "%" + code + "%"))
                .isZero();

        activate(admin, env, user, device, code)
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("_links.'device.activate'", nullValue());
        // Single use: the device is active, and the code is gone.
        refused(activate(admin, env, user, device, code), 400, "INVALID_REQUEST", null, null);
        assertThat(count(server, "select count(*) from mfa_devices where id = ? and otp_hash is null", device))
                .isEqualTo(1);
    }

    @Test
    void smsDevicePairsWithTheCodeFromTheOutbox() {
        String device = created(
                admin, env, user, Map.of("type", "SMS", "phone", "+44 20 7946 0958", "status", "ACTIVATION_REQUIRED"));
        JsonNode message = lastMessage(server, user);
        assertThat(message.path("phone").asText()).isEqualTo("+442079460958");
        assertThat(message.path("channel").asText()).isEqualTo("SMS");
        assertThat(message.has("email")).isFalse();
        activate(admin, env, user, device, message.path("code").asText())
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void wrongCodesCountAndTheThirdSpendsTheCodeUntilANewOneIsSent() {
        String device = created(
                admin, env, user, Map.of("type", "EMAIL", "email", "ann@example.com", "status", "ACTIVATION_REQUIRED"));
        String code = lastMessage(server, user).path("code").asText();
        String wrong = code.equals("000000") ? "111111" : "000000";
        activate(admin, env, user, device, wrong)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("INVALID_OTP"))
                .body("details[0].target", equalTo("otp"))
                .body("details[0].message", containsString("Attempts left: 2."));
        refused(activate(admin, env, user, device, "not a code"), 400, "INVALID_DATA", "INVALID_OTP", "otp");
        activate(admin, env, user, device, wrong)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_OTP"))
                .body("details[0].message", containsString("send a new one"));
        // The right code no longer works: the failure count spent it.
        refused(activate(admin, env, user, device, code), 400, "INVALID_DATA", "INVALID_OTP", "otp");
        admin.get(DEVICE, env, user, device).then().body("status", equalTo("ACTIVATION_REQUIRED"));

        post(admin, DevicesApi.SEND_ACTIVATION_CODE, null, DEVICE, env, user, device)
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVATION_REQUIRED"));
        String fresh = lastMessage(server, user).path("code").asText();
        assertThat(outbox(server, user)).hasSize(2);
        activate(admin, env, user, device, fresh).then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void anExpiredCodeIsRefusedWithoutCounting() {
        String device = created(
                admin, env, user, Map.of("type", "SMS", "phone", "+15125551234", "status", "ACTIVATION_REQUIRED"));
        String code = lastMessage(server, user).path("code").asText();
        // 30 minutes later, as far as the device knows.
        execute(
                server,
                "update mfa_devices set otp_expires_at = ? where id = ?",
                System.currentTimeMillis() - 1,
                device);
        activate(admin, env, user, device, code)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_OTP"))
                .body("details[0].message", containsString("expired"));
        assertThat(count(server, "select failed_count from mfa_devices where id = ?", device))
                .isZero();
        post(admin, DevicesApi.SEND_ACTIVATION_CODE, null, DEVICE, env, user, device)
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVATION_REQUIRED"));
        activate(
                        admin,
                        env,
                        user,
                        device,
                        lastMessage(server, user).path("code").asText())
                .then()
                .statusCode(200);
    }

    @Test
    void sendActivationCodeIsRefusedForActiveAndTotpDevices() {
        String active = created(admin, env, user, Map.of("type", "EMAIL", "email", "ann@example.com"));
        refused(
                post(admin, DevicesApi.SEND_ACTIVATION_CODE, null, DEVICE, env, user, active),
                400,
                "INVALID_REQUEST",
                null,
                null);
        String totp = created(admin, env, user, Map.of("type", "TOTP"));
        refused(
                post(admin, DevicesApi.SEND_ACTIVATION_CODE, null, DEVICE, env, user, totp),
                400,
                "INVALID_REQUEST",
                null,
                null);
        assertThat(outbox(server, user)).isEmpty();
    }

    @Test
    void nicknameIsSetAndValidated() {
        String device = created(admin, env, user, Map.of("type", "EMAIL", "email", "ann@example.com"));
        admin.put(DEVICE + "/nickname", Map.of("nickname", "Personal mail"), env, user, device)
                .then()
                .statusCode(200)
                .body("nickname", equalTo("Personal mail"))
                .body("id", equalTo(device));
        admin.get(DEVICE, env, user, device).then().body("nickname", equalTo("Personal mail"));
        String before = listed(admin, env, user);
        refused(
                admin.put(DEVICE + "/nickname", Map.of(), env, user, device),
                400,
                "INVALID_DATA",
                "REQUIRED_VALUE",
                "nickname");
        refused(
                admin.put(DEVICE + "/nickname", Map.of("nickname", 7), env, user, device),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "nickname");
        refused(
                admin.put(DEVICE + "/nickname", Map.of("nickname", "x".repeat(257)), env, user, device),
                400,
                "INVALID_DATA",
                "SIZE_LIMIT_EXCEEDED",
                "nickname");
        refused(
                admin.request().contentType("text/plain").body("nick").put(DEVICE + "/nickname", env, user, device),
                415,
                "INVALID_REQUEST",
                null,
                null);
        assertThat(listed(admin, env, user)).isEqualTo(before);
        refused(
                admin.put(DEVICE + "/nickname", Map.of("nickname", "x"), env, user, UUID.randomUUID()),
                404,
                "NOT_FOUND",
                null,
                null);
    }

    @Test
    void devicesAreOrderedByActivationUntilReorderedAndBackAfterTheOrderIsRemoved() {
        String a = created(admin, env, user, Map.of("type", "EMAIL", "email", "a@example.com"));
        String b = created(admin, env, user, Map.of("type", "SMS", "phone", "+15125550001"));
        String c = created(admin, env, user, Map.of("type", "VOICE", "phone", "+15125550002"));
        String pending = created(admin, env, user, Map.of("type", "TOTP"));
        admin.get(DEVICES, env, user).then().body("_embedded.devices.id", contains(a, b, c, pending));

        post(admin, DevicesApi.REORDER, order(c, a), DEVICES, env, user)
                .then()
                .statusCode(200)
                .body("_embedded.devices.id", contains(c, a, b, pending));
        admin.get(DEVICES, env, user).then().body("_embedded.devices.id", contains(c, a, b, pending));

        admin.request()
                .contentType(DevicesApi.REMOVE_ORDER)
                .delete(DEVICES, env, user)
                .then()
                .statusCode(204);
        admin.get(DEVICES, env, user).then().body("_embedded.devices.id", contains(a, b, c, pending));
    }

    @Test
    void badReordersAreRefusedAndChangeNothing() {
        String a = created(admin, env, user, Map.of("type", "EMAIL", "email", "a@example.com"));
        String b = created(admin, env, user, Map.of("type", "SMS", "phone", "+15125550001"));
        String pending = created(admin, env, user, Map.of("type", "TOTP"));
        String otherUser = DeviceTestSupport.user(admin, env, "bob-" + UUID.randomUUID());
        String theirs = created(admin, env, otherUser, Map.of("type", "EMAIL", "email", "bob@example.com"));
        post(admin, DevicesApi.REORDER, order(b, a), DEVICES, env, user).then().statusCode(200);
        String before = listed(admin, env, user);

        refused(
                post(admin, DevicesApi.REORDER, order(a, a), DEVICES, env, user),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "order[1].id");
        refused(
                post(admin, DevicesApi.REORDER, order(a, theirs), DEVICES, env, user),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "order[1].id");
        refused(
                post(admin, DevicesApi.REORDER, order(pending), DEVICES, env, user),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "order[0].id");
        refused(
                post(admin, DevicesApi.REORDER, "{\"order\":[]}", DEVICES, env, user),
                400,
                "INVALID_DATA",
                "SIZE_LIMIT_EXCEEDED",
                "order");
        refused(
                post(admin, DevicesApi.REORDER, "{\"order\":\"a\"}", DEVICES, env, user),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "order");
        refused(
                post(admin, DevicesApi.REORDER, "{}", DEVICES, env, user),
                400,
                "INVALID_DATA",
                "REQUIRED_VALUE",
                "order");
        refused(
                post(admin, DevicesApi.REORDER, "{\"order\":[", DEVICES, env, user),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "body");
        // Removing the order needs its media type.
        refused(admin.request().delete(DEVICES, env, user), 415, "INVALID_REQUEST", null, null);
        refused(
                admin.request().contentType("application/json").delete(DEVICES, env, user),
                415,
                "INVALID_REQUEST",
                null,
                null);
        assertThat(listed(admin, env, user)).isEqualTo(before);
    }

    @Test
    void aUserHasAtMostFiveDevices() {
        for (int i = 0; i < 5; i++) created(admin, env, user, Map.of("type", "SMS", "phone", "+1512555000" + i));
        String before = listed(admin, env, user);
        create(admin, env, user, Map.of("type", "EMAIL", "email", "ann@example.com"))
                .then()
                .statusCode(400)
                .body("code", equalTo("REQUEST_FAILED"))
                .body("details[0].code", equalTo("LIMIT_EXCEEDED"))
                .body("details[0].innerError.maximumAllowed", equalTo(5));
        create(admin, env, user, Map.of("type", "TOTP")).then().statusCode(400);
        assertThat(listed(admin, env, user)).isEqualTo(before);
        // Deleting one makes room again.
        String first = admin.get(DEVICES, env, user).then().extract().path("_embedded.devices[0].id");
        admin.delete(DEVICE, env, user, first).then().statusCode(204);
        created(admin, env, user, Map.of("type", "EMAIL", "email", "ann@example.com"));
    }

    @Test
    void badCreateBodiesAreRefusedWithPingOneErrorsAndCreateNothing() {
        created(admin, env, user, Map.of("type", "EMAIL", "email", "kept@example.com"));
        String before = listed(admin, env, user);
        refused(create(admin, env, user, Map.of()), 400, "INVALID_DATA", "REQUIRED_VALUE", "type");
        refused(create(admin, env, user, Map.of("type", "PIGEON")), 400, "INVALID_DATA", "INVALID_VALUE", "type");
        create(admin, env, user, Map.of("type", "SECURITY_KEY"))
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("type"))
                .body("details[0].message", containsString("SECURITY_KEY"))
                .body("details[0].innerError.allowedValues", hasItem("TOTP"));
        refused(create(admin, env, user, Map.of("type", 3)), 400, "INVALID_DATA", "INVALID_VALUE", "type");
        refused(create(admin, env, user, Map.of("type", "EMAIL")), 400, "INVALID_DATA", "REQUIRED_VALUE", "email");
        for (String bad : new String[] {"ann", "ann@", "@example.com", "ann@example", "ann smith@example.com"}) {
            refused(
                    create(admin, env, user, Map.of("type", "EMAIL", "email", bad)),
                    400,
                    "INVALID_DATA",
                    "INVALID_VALUE",
                    "email");
        }
        refused(create(admin, env, user, Map.of("type", "SMS")), 400, "INVALID_DATA", "REQUIRED_VALUE", "phone");
        for (String bad : new String[] {"5125551234", "+1 512 CALL", "+1", "+1234567890123456", "+1_512_555_1234"}) {
            refused(
                    create(admin, env, user, Map.of("type", "SMS", "phone", bad)),
                    400,
                    "INVALID_DATA",
                    "INVALID_VALUE",
                    "phone");
            refused(
                    create(admin, env, user, Map.of("type", "VOICE", "phone", bad)),
                    400,
                    "INVALID_DATA",
                    "INVALID_VALUE",
                    "phone");
        }
        refused(
                create(admin, env, user, Map.of("type", "EMAIL", "email", "a@example.com", "status", "PAUSED")),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "status");
        refused(
                create(admin, env, user, Map.of("type", "TOTP", "status", "ACTIVE")),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "status");
        refused(
                create(admin, env, user, Map.of("type", "EMAIL", "email", "a@example.com", "policy", "x")),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "policy");
        refused(
                create(
                        admin,
                        env,
                        user,
                        Map.of("type", "EMAIL", "email", "a@example.com", "nickname", "n".repeat(257))),
                400,
                "INVALID_DATA",
                "SIZE_LIMIT_EXCEEDED",
                "nickname");
        refused(create(admin, env, user, List.of("EMAIL")), 400, "INVALID_DATA", "INVALID_VALUE", "body");
        refused(
                post(admin, "application/json", "{\"type\":", DEVICES, env, user),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "body");
        refused(post(admin, "application/json", "", DEVICES, env, user), 400, "INVALID_DATA", "INVALID_VALUE", "body");
        refused(
                post(admin, "text/plain", "{\"type\":\"TOTP\"}", DEVICES, env, user),
                415,
                "INVALID_REQUEST",
                null,
                null);
        refused(post(admin, null, null, DEVICES, env, user), 415, "INVALID_REQUEST", null, null);
        create(admin, env, user, Map.of("type", "EMAIL", "email", 5))
                .then()
                .statusCode(400)
                .body("details.size()", equalTo(1))
                .body("details[0].target", equalTo("email"));
        create(admin, env, user, Map.of("type", "SMS", "phone", List.of("+15125551234")))
                .then()
                .statusCode(400)
                .body("details.size()", equalTo(1))
                .body("details[0].target", equalTo("phone"));
        // Every problem of one body at once.
        create(admin, env, user, Map.of("type", "SMS", "phone", "nope", "status", "NEW"))
                .then()
                .statusCode(400)
                .body("details.target", org.hamcrest.Matchers.containsInAnyOrder("status", "phone"));
        assertThat(listed(admin, env, user)).isEqualTo(before);
        assertThat(outbox(server, user)).isEmpty();
    }

    @Test
    void badActivationsAreRefused() {
        String device = created(
                admin, env, user, Map.of("type", "EMAIL", "email", "ann@example.com", "status", "ACTIVATION_REQUIRED"));
        String before = listed(admin, env, user);
        refused(
                post(admin, DevicesApi.ACTIVATE, "{}", DEVICE, env, user, device),
                400,
                "INVALID_DATA",
                "REQUIRED_VALUE",
                "otp");
        refused(
                post(admin, DevicesApi.ACTIVATE, "{\"otp\":123456}", DEVICE, env, user, device),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "otp");
        refused(
                post(admin, DevicesApi.ACTIVATE, "{\"otp\":", DEVICE, env, user, device),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "body");
        refused(
                post(admin, "application/json", "{\"otp\":\"123456\"}", DEVICE, env, user, device),
                415,
                "INVALID_REQUEST",
                null,
                null);
        refused(post(admin, null, null, DEVICE, env, user, device), 415, "INVALID_REQUEST", null, null);
        assertThat(listed(admin, env, user)).isEqualTo(before);
        refused(activate(admin, env, user, UUID.randomUUID().toString(), "123456"), 404, "NOT_FOUND", null, null);
        refused(activate(admin, env, user, "not-a-uuid", "123456"), 404, "NOT_FOUND", null, null);
    }

    @Test
    void devicesOfAnotherUserOrEnvironmentAreNotFound() {
        String device = created(admin, env, user, Map.of("type", "EMAIL", "email", "ann@example.com"));
        String bob = DeviceTestSupport.user(admin, env, "bob-" + UUID.randomUUID());
        String otherEnv = Fixtures.environment(admin);
        String carol = DeviceTestSupport.user(admin, otherEnv, "carol-" + UUID.randomUUID());

        for (var pair : List.of(List.of(env, bob), List.of(otherEnv, carol), List.of(otherEnv, user))) {
            String e = pair.get(0);
            String u = pair.get(1);
            refused(admin.get(DEVICE, e, u, device), 404, "NOT_FOUND", null, null);
            refused(admin.delete(DEVICE, e, u, device), 404, "NOT_FOUND", null, null);
            refused(activate(admin, e, u, device, "123456"), 404, "NOT_FOUND", null, null);
            refused(
                    admin.put(DEVICE + "/nickname", Map.of("nickname", "mine"), e, u, device),
                    404,
                    "NOT_FOUND",
                    null,
                    null);
        }
        refused(
                post(admin, DevicesApi.REORDER, order(device), DEVICES, env, bob),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "order[0].id");
        // A user of another environment, named under this one: unknown.
        refused(admin.get(DEVICES, otherEnv, user), 404, "NOT_FOUND", null, null);
        refused(create(admin, otherEnv, user, Map.of("type", "TOTP")), 404, "NOT_FOUND", null, null);
        refused(admin.get(DEVICES, env, UUID.randomUUID()), 404, "NOT_FOUND", null, null);
        admin.get(DEVICE, env, user, device).then().statusCode(200).body("nickname", nullValue());
        admin.get(DEVICES, env, bob).then().statusCode(200).body("count", equalTo(0));
    }

    @Test
    void deletingADeviceAndDeletingTheUserRemoveTheirRows() {
        String a = created(admin, env, user, Map.of("type", "EMAIL", "email", "ann@example.com"));
        created(admin, env, user, Map.of("type", "TOTP"));
        admin.delete(DEVICE, env, user, a).then().statusCode(204);
        refused(admin.get(DEVICE, env, user, a), 404, "NOT_FOUND", null, null);
        refused(admin.delete(DEVICE, env, user, a), 404, "NOT_FOUND", null, null);
        admin.get(DEVICES, env, user).then().body("count", equalTo(1));
        admin.delete(USERS + "/{user}", env, user).then().statusCode(204);
        refused(admin.get(DEVICES, env, user), 404, "NOT_FOUND", null, null);
        assertThat(count(server, "select count(*) from mfa_devices where user_id = ?", user))
                .isZero();
    }

    @Test
    void readOnlyIdentityRoleMayListButNotChangeAndOtherRolesMayDoNeither() {
        String device = created(admin, env, user, Map.of("type", "EMAIL", "email", "ann@example.com"));
        String reader = AppFixtures.create(admin, env, "WORKER");
        admin.post(
                        "/v1/environments/{env}/applications/{app}/roleAssignments",
                        Map.of(
                                "role", Map.of("id", BuiltInRole.IDENTITY_DATA_READ_ONLY.id()),
                                "scope", Map.of("id", env, "type", "ENVIRONMENT")),
                        env,
                        reader)
                .then()
                .statusCode(201);
        Api r = AppFixtures.workerClient(server, admin, env, reader);
        r.get(DEVICES, env, user).then().statusCode(200).body("count", equalTo(1));
        r.get(DEVICE, env, user, device).then().statusCode(200);
        refused(create(r, env, user, Map.of("type", "TOTP")), 403, "ACCESS_FAILED", "INSUFFICIENT_PERMISSIONS", null);
        refused(r.delete(DEVICE, env, user, device), 403, "ACCESS_FAILED", "INSUFFICIENT_PERMISSIONS", null);

        Api none = AppFixtures.workerClient(server, admin, env, AppFixtures.create(admin, env, "WORKER"));
        refused(none.get(DEVICES, env, user), 403, "ACCESS_FAILED", "INSUFFICIENT_PERMISSIONS", null);
        refused(server.anonymous().get(DEVICES, env, user), 401, "ACCESS_FAILED", "INVALID_TOKEN", null);
        admin.get(DEVICES, env, user).then().body("count", equalTo(1));
    }

    private static String order(String... ids) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String id : ids) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", id);
            items.add(item);
        }
        return io.latchkey.http.Json.write(Map.of("order", items));
    }
}
