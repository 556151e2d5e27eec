package io.latchkey.mfa.authentications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.access.BuiltInRole;
import io.latchkey.app.Latchkey;
import io.latchkey.http.Json;
import io.latchkey.mfa.MfaFixtures;
import io.latchkey.mfa.devices.TestTotp;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code /{envId}/deviceAuthentications} over HTTP on both databases: email and TOTP passcodes, device selection, wrong,
 * expired and replayed passcodes, the lock, transactions FAILED from the start, bad bodies and media types, unknown
 * and foreign ids, the caller's token and its roles, expiry, and a step served by a second process.
 */
@ParameterizedClass
@EnumSource(Db.class)
class DeviceAuthenticationsApiTest {
    private static final String COLLECTION = "/{env}/deviceAuthentications";
    private static final String ONE = COLLECTION + "/{id}";
    private static final String OTP_CHECK = DeviceAuthenticationsApi.OTP_CHECK;
    private static final String DEVICE_SELECT = DeviceAuthenticationsApi.DEVICE_SELECT;
    private static final String DEVICES = "/v1/environments/{env}/users/{user}/devices";

    @Parameter
    Db db;

    TestServer server;
    Api admin;
    String env;
    String mfaPolicy;
    String username;
    String user;

    @BeforeEach
    void setUp() {
        server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        mfaPolicy = policy(MfaFixtures.devicePolicy("mfa-only"));
        username = "da-" + UUID.randomUUID();
        user = newUser(env, username);
    }

    // ------------------------------------------------------------------ set-up helpers

    private String policy(JsonNode body) {
        return MfaFixtures.post(
                        admin, MfaFixtures.DEVICE_POLICIES, (com.fasterxml.jackson.databind.node.ObjectNode) body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private String newUser(String environment, String name) {
        String id = admin.post(
                        "/v1/environments/{env}/users",
                        Map.of("username", name, "email", name + "@example.com"),
                        environment)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.put("/v1/environments/{env}/users/{user}/mfaEnabled", Map.of("mfaEnabled", true), environment, id)
                .then()
                .statusCode(200);
        return id;
    }

    private String emailDevice() {
        return admin.post(DEVICES, Map.of("type", "EMAIL", "email", username + "@example.com"), env, user)
                .then()
                .statusCode(200)
                .extract()
                .path("id");
    }

    /** A paired TOTP device; its secret (base32) in {@code secret[0]}. The pairing spends the current step. */
    private String totpDevice(String[] secret) {
        JsonPath created = admin.post(DEVICES, Map.of("type", "TOTP"), env, user)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        secret[0] = created.getString("secret");
        String id = created.getString("id");
        admin.request()
                .contentType("application/vnd.pingidentity.device.activate+json")
                .body(Json.write(Map.of("otp", TestTotp.now(secret[0], 0))))
                .post(DEVICES + "/{device}", env, user, id)
                .then()
                .statusCode(200);
        return id;
    }

    private List<JsonNode> sentCodes() {
        Path file = server.config().dataDir().resolve("outbox.jsonl");
        try {
            if (!Files.exists(file)) return List.of();
            return Files.readAllLines(file).stream()
                    .map(Json::parse)
                    .filter(n -> user.equals(n.path("userId").asText()))
                    .filter(n -> "mfa.signon".equals(n.path("purpose").asText()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String lastCode() {
        List<JsonNode> lines = sentCodes();
        if (lines.isEmpty()) throw new AssertionError("No passcode was sent");
        return lines.get(lines.size() - 1).path("code").asText();
    }

    // ------------------------------------------------------------------ requests

    private static Response send(Api api, String contentType, String body, String path, Object... params) {
        RequestSpecification r = api.request();
        if (contentType != null) r = r.contentType(contentType);
        if (body != null) r = r.body(body);
        return r.post(path, params);
    }

    private Response start(Api api, Object body) {
        return send(api, "application/json", Json.write(body), COLLECTION, env);
    }

    private String started(Object body) {
        return start(admin, body).then().statusCode(201).extract().path("id");
    }

    private Response otp(String id, String otp) {
        return send(admin, OTP_CHECK, Json.write(Map.of("otp", otp)), ONE, env, id);
    }

    private Response select(String id, String device) {
        return send(admin, DEVICE_SELECT, Json.write(Map.of("device", Map.of("id", device))), ONE, env, id);
    }

    private String status(String id) {
        return admin.get(ONE, env, id).then().statusCode(200).extract().path("status");
    }

    private static ValidatableResponse refused(Response r, int status, String code, String detailCode, String target) {
        var then = r.then()
                .statusCode(status)
                .body("id", notNullValue())
                .body("code", equalTo(code))
                .body("message", notNullValue());
        if (detailCode != null) then.body("details.code", hasItem(detailCode));
        if (target != null) then.body("details.target", hasItem(target));
        return then;
    }

    private long rows() {
        return server.latchkey()
                .database()
                .withHandle(
                        h -> h.createQuery("select count(*) from mfa_device_authentications where environment_id = :e")
                                .bind("e", env)
                                .mapTo(Long.class)
                                .one());
    }

    // ------------------------------------------------------------------ happy paths

    @Test
    void theEmailedPasscodeCompletesTheTransaction() {
        String device = emailDevice();
        Response r = start(admin, Map.of("user", Map.of("id", user)));
        r.then()
                .statusCode(201)
                .body("status", equalTo("OTP_REQUIRED"))
                .body("user.id", equalTo(user))
                .body("environment.id", equalTo(env))
                .body("policy.id", notNullValue())
                .body("selectedDevice.id", equalTo(device))
                .body("_embedded.devices[0].id", equalTo(device))
                .body("_embedded.devices[0].type", equalTo("EMAIL"))
                .body("_embedded.devices[0].status", equalTo("ACTIVE"))
                .body("_embedded.devices[0].email", equalTo(username.substring(0, 2) + "****@example.com"))
                .body("_links", hasKey("otp.check"))
                .body("_links", hasKey("device.select")) // selecting the email again sends a new passcode
                .body("createdAt", notNullValue())
                .body("expiresAt", notNullValue())
                .body("error", nullValue());
        String id = r.path("id");
        assertThat(r.<String>path("_links.self.href"))
                .isEqualTo(server.baseUrl() + "/" + env + "/deviceAuthentications/" + id);
        assertThat(r.asString()).doesNotContain(username + "@example.com");
        assertThat(sentCodes()).hasSize(1);
        String code = lastCode();

        otp(id, code)
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("_links", not(hasKey("otp.check")))
                .body("_links", not(hasKey("device.select")));
        admin.get(ONE, env, id).then().statusCode(200).body("status", equalTo("COMPLETED"));
        // Completed: no more steps; the used passcode does not work in a new transaction either.
        // Completed: the 415 says it takes no step at all now.
        refused(otp(id, code), 415, "INVALID_REQUEST", null, null)
                .body("message", containsString("status COMPLETED"))
                .body("message", containsString("It accepts none now."))
                .body("details[0].innerError.allowedValues", empty());
        String again = started(Map.of("user", Map.of("id", user)));
        refused(otp(again, code), 400, "INVALID_DATA", "INVALID_OTP", "otp");
        otp(again, lastCode()).then().statusCode(200).body("status", equalTo("COMPLETED"));
    }

    @Test
    void aTotpCodeCompletesItOnceAndOnlyOnce() {
        String[] secret = new String[1];
        String device = totpDevice(secret);
        String id = started(Map.of("user", Map.of("id", user), "policy", Map.of("id", mfaPolicy)));
        admin.get(ONE, env, id)
                .then()
                .body("status", equalTo("OTP_REQUIRED"))
                .body("policy.id", equalTo(mfaPolicy))
                .body("selectedDevice.id", equalTo(device))
                .body("_embedded.devices[0].type", equalTo("TOTP"))
                // One TOTP device: nothing to select, nothing to send.
                .body("_links", not(hasKey("device.select")));
        assertThat(sentCodes()).isEmpty();

        // The pairing spent the current step.
        refused(otp(id, TestTotp.now(secret[0], 0)), 400, "INVALID_DATA", "INVALID_OTP", "otp");
        assertThat(status(id)).isEqualTo("OTP_REQUIRED");
        String next = TestTotp.now(secret[0], 1);
        otp(id, next).then().statusCode(200).body("status", equalTo("COMPLETED"));

        // The environment's default MFA policy leaves TOTP off (Ping's default): without a policy, no usable device.
        start(admin, Map.of("user", Map.of("id", user))).then().body("error.code", equalTo("NO_USABLE_DEVICES"));
        String second = started(Map.of("user", Map.of("id", user), "policy", Map.of("id", mfaPolicy)));
        refused(otp(second, next), 400, "INVALID_DATA", "INVALID_OTP", "otp");
        otp(second, TestTotp.now(secret[0], 2)).then().statusCode(200).body("status", equalTo("COMPLETED"));
    }

    @Test
    void promptToSelectAsksForTheDeviceFirst() {
        String prompt = policy(MfaFixtures.with(
                MfaFixtures.devicePolicy("prompt"), "authentication.deviceSelection", "PROMPT_TO_SELECT"));
        String email = emailDevice();
        String[] secret = new String[1];
        String totp = totpDevice(secret);
        String id = started(Map.of("user", Map.of("id", user), "policy", Map.of("id", prompt)));
        admin.get(ONE, env, id)
                .then()
                .body("status", equalTo("DEVICE_SELECTION_REQUIRED"))
                .body("selectedDevice", nullValue())
                .body("_embedded.devices.id", contains(email, totp))
                .body("_links", hasKey("device.select"))
                .body("_links", not(hasKey("otp.check")));
        assertThat(sentCodes()).isEmpty();
        // The 415 names the step the transaction takes now.
        refused(otp(id, "123456"), 415, "INVALID_REQUEST", null, null)
                .body("message", containsString("Use " + DeviceAuthenticationsApi.DEVICE_SELECT + "."))
                .body("details[0].target", equalTo("Content-Type"))
                .body("details[0].innerError.allowedValues", contains(DeviceAuthenticationsApi.DEVICE_SELECT));
        refused(select(id, UUID.randomUUID().toString()), 400, "INVALID_DATA", null, "device.id");
        refused(
                send(admin, DEVICE_SELECT, "{\"device\": 1}", ONE, env, id),
                400,
                "INVALID_DATA",
                "REQUIRED_VALUE",
                "device.id");
        assertThat(status(id)).isEqualTo("DEVICE_SELECTION_REQUIRED");

        select(id, totp)
                .then()
                .statusCode(200)
                .body("status", equalTo("OTP_REQUIRED"))
                .body("selectedDevice.id", equalTo(totp))
                .body("_links", hasKey("device.select"));
        assertThat(sentCodes()).isEmpty();
        // Changed mind: the email device; a passcode goes to it, and the TOTP code does not answer for it.
        select(id, email).then().statusCode(200).body("selectedDevice.id", equalTo(email));
        assertThat(sentCodes()).hasSize(1);
        refused(otp(id, TestTotp.now(secret[0], 1)), 400, "INVALID_DATA", "INVALID_OTP", "otp");
        otp(id, lastCode()).then().statusCode(200).body("status", equalTo("COMPLETED"));
    }

    // ------------------------------------------------------------------ wrong passcodes and the lock

    @Test
    void wrongTotpCodesLockTheDeviceAndTheTransactionWaits() {
        String[] secret = new String[1];
        String device = totpDevice(secret);
        String id = started(Map.of("user", Map.of("id", user), "policy", Map.of("id", mfaPolicy)));
        String right = TestTotp.now(secret[0], 1);
        String wrong = right.equals("000000") ? "999999" : "000000";
        otp(id, wrong)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_OTP"))
                .body("details[0].message", org.hamcrest.Matchers.containsString("Attempts left: 2"));
        refused(otp(id, wrong), 400, "INVALID_DATA", "INVALID_OTP", "otp");
        refused(otp(id, wrong), 400, "INVALID_DATA", "QUOTA_EXCEEDED", "otp");
        // Locked for the policy's cool-down (2 minutes): even the right code is refused, and not spent.
        otp(id, right)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("QUOTA_EXCEEDED"))
                .body("details[0].innerError.secondsUntilUnlock", greaterThan(60));
        assertThat(status(id)).isEqualTo("OTP_REQUIRED");
        admin.get(DEVICES + "/{device}", env, user, device).then().body("lock.status", equalTo("LOCKED"));
    }

    @Test
    void threeWrongEmailPasscodesSpendItAndSelectingAgainSendsANewOne() {
        String device = emailDevice();
        String id = started(Map.of("user", Map.of("id", user)));
        String code = lastCode();
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 3; i++) refused(otp(id, wrong), 400, "INVALID_DATA", "INVALID_OTP", "otp");
        refused(otp(id, code), 400, "INVALID_DATA", "INVALID_OTP", "otp");
        select(id, device).then().statusCode(200).body("status", equalTo("OTP_REQUIRED"));
        assertThat(sentCodes()).hasSize(2);
        assertThat(lastCode()).isNotEqualTo(code);
        otp(id, lastCode()).then().statusCode(200).body("status", equalTo("COMPLETED"));
    }

    @Test
    void anExpiredPasscodeIsRefused() {
        String device = emailDevice();
        String id = started(Map.of("user", Map.of("id", user)));
        String code = lastCode();
        execute("update mfa_devices set otp_expires_at = ? where id = ?", System.currentTimeMillis() - 1, device);
        refused(otp(id, code), 400, "INVALID_DATA", "INVALID_OTP", "otp");
        assertThat(status(id)).isEqualTo("OTP_REQUIRED");
    }

    // ------------------------------------------------------------------ FAILED from the start

    @Test
    void aUserWhoCannotBeAskedGetsAFailedTransactionSayingWhy() {
        start(admin, Map.of("user", Map.of("id", user)))
                .then()
                .statusCode(201)
                .body("status", equalTo("FAILED"))
                .body("error.code", equalTo("NO_USABLE_DEVICES"))
                .body("error.message", notNullValue())
                .body("_embedded.devices.size()", equalTo(0))
                .body("_links", not(hasKey("otp.check")))
                .body("_links", not(hasKey("device.select")));
        // A VOICE device is no better: the policy leaves voice off.
        admin.post(DEVICES, Map.of("type", "VOICE", "phone", "+15125550100"), env, user)
                .then()
                .statusCode(200);
        String failed = start(admin, Map.of("user", Map.of("id", user), "policy", Map.of("id", mfaPolicy)))
                .then()
                .statusCode(201)
                .body("status", equalTo("FAILED"))
                .body("error.code", equalTo("NO_USABLE_DEVICES"))
                .extract()
                .path("id");
        refused(otp(failed, "123456"), 415, "INVALID_REQUEST", null, null);

        emailDevice();
        admin.put("/v1/environments/{env}/users/{user}/mfaEnabled", Map.of("mfaEnabled", false), env, user)
                .then()
                .statusCode(200);
        start(admin, Map.of("user", Map.of("id", user)))
                .then()
                .statusCode(201)
                .body("status", equalTo("FAILED"))
                .body("error.code", equalTo("MFA_NOT_ENABLED"));
        admin.put("/v1/environments/{env}/users/{user}/mfaEnabled", Map.of("mfaEnabled", true), env, user)
                .then()
                .statusCode(200);
        admin.put("/v1/environments/{env}/users/{user}/enabled", Map.of("enabled", false), env, user)
                .then()
                .statusCode(200);
        start(admin, Map.of("user", Map.of("id", user)))
                .then()
                .statusCode(201)
                .body("status", equalTo("FAILED"))
                .body("error.code", equalTo("ACCOUNT_NOT_USABLE"));
        assertThat(sentCodes()).isEmpty();
    }

    // ------------------------------------------------------------------ bad requests change nothing

    @Test
    void badStartsAreRefusedWithEveryProblemAndStoreNothing() {
        emailDevice();
        refused(send(admin, "application/json", null, COLLECTION, env), 400, "INVALID_DATA", null, "body");
        refused(send(admin, "application/json", "{not json", COLLECTION, env), 400, "INVALID_DATA", null, "body");
        refused(send(admin, "application/json", "[1]", COLLECTION, env), 400, "INVALID_DATA", null, "body");
        refused(start(admin, Map.of()), 400, "INVALID_DATA", "REQUIRED_VALUE", "user.id");
        refused(start(admin, Map.of("user", Map.of())), 400, "INVALID_DATA", "REQUIRED_VALUE", "user.id");
        refused(start(admin, Map.of("user", Map.of("id", 7))), 400, "INVALID_DATA", "INVALID_VALUE", "user.id");
        refused(
                start(admin, Map.of("user", Map.of("id", "not-a-uuid"))),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "user.id");
        refused(
                start(admin, Map.of("user", Map.of("id", UUID.randomUUID().toString()))),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "user.id");
        Response both = start(
                admin,
                Map.of(
                        "user",
                        Map.of("id", UUID.randomUUID().toString()),
                        "policy",
                        Map.of("id", UUID.randomUUID().toString())));
        refused(both, 400, "INVALID_DATA", "INVALID_VALUE", "user.id");
        refused(both, 400, "INVALID_DATA", "INVALID_VALUE", "policy.id");
        refused(
                start(admin, Map.of("user", Map.of("id", user), "policy", Map.of("id", true))),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "policy.id");
        refused(
                start(
                        admin,
                        Map.of(
                                "user",
                                Map.of("id", user),
                                "selectedDevice",
                                Map.of("oneTime", Map.of("type", "EMAIL", "email", "x@example.com")))),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "selectedDevice");
        refused(
                send(admin, "text/plain", Json.write(Map.of("user", Map.of("id", user))), COLLECTION, env),
                415,
                "INVALID_REQUEST",
                null,
                null);
        refused(send(admin, null, null, COLLECTION, env), 415, "INVALID_REQUEST", null, null);
        refused(
                send(admin, OTP_CHECK, Json.write(Map.of("user", Map.of("id", user))), COLLECTION, env),
                415,
                "INVALID_REQUEST",
                null,
                null);
        assertThat(rows()).isZero();
        assertThat(sentCodes()).isEmpty();
    }

    @Test
    void badStepsAreRefusedAndChangeNothing() {
        String device = emailDevice();
        String id = started(Map.of("user", Map.of("id", user)));
        String before = admin.get(ONE, env, id).then().statusCode(200).extract().asString();
        String deviceBefore =
                admin.get(DEVICES + "/{device}", env, user, device).asString();
        refused(send(admin, OTP_CHECK, "{}", ONE, env, id), 400, "INVALID_DATA", "REQUIRED_VALUE", "otp");
        refused(send(admin, OTP_CHECK, "{\"otp\": 123456}", ONE, env, id), 400, "INVALID_DATA", null, "otp");
        refused(send(admin, OTP_CHECK, "{\"otp\": \"\"}", ONE, env, id), 400, "INVALID_DATA", null, "otp");
        refused(otp(id, "1".repeat(65)), 400, "INVALID_DATA", "INVALID_VALUE", "otp");
        refused(send(admin, OTP_CHECK, "not json", ONE, env, id), 400, "INVALID_DATA", null, "body");
        refused(send(admin, OTP_CHECK, null, ONE, env, id), 400, "INVALID_DATA", null, "body");
        refused(send(admin, "application/json", "{\"otp\": \"1\"}", ONE, env, id), 415, "INVALID_REQUEST", null, null);
        refused(send(admin, null, null, ONE, env, id), 415, "INVALID_REQUEST", null, null);
        refused(
                send(admin, "application/vnd.pingidentity.assertion.check+json", "{}", ONE, env, id),
                415,
                "INVALID_REQUEST",
                null,
                null);
        assertThat(admin.get(ONE, env, id).asString()).isEqualTo(before);
        // No passcode was checked: the device counted no failure.
        assertThat(admin.get(DEVICES + "/{device}", env, user, device).asString())
                .isEqualTo(deviceBefore);
        assertThat(sentCodes()).hasSize(1);
        otp(id, lastCode()).then().statusCode(200).body("status", equalTo("COMPLETED"));
    }

    @Test
    void unknownIdsAreNotFound() {
        refused(admin.get(ONE, env, UUID.randomUUID().toString()), 404, "NOT_FOUND", null, null);
        refused(admin.get(ONE, env, "not-a-uuid"), 404, "NOT_FOUND", null, null);
        refused(otp(UUID.randomUUID().toString(), "123456"), 404, "NOT_FOUND", null, null);
        refused(select(UUID.randomUUID().toString(), UUID.randomUUID().toString()), 404, "NOT_FOUND", null, null);
    }

    @Test
    void anExpiredTransactionIsGone() {
        emailDevice();
        String id = started(Map.of("user", Map.of("id", user)));
        String code = lastCode();
        execute(
                "update mfa_device_authentications set expires_at = ? where id = ?",
                System.currentTimeMillis() - 1,
                id);
        refused(admin.get(ONE, env, id), 404, "NOT_FOUND", null, null);
        refused(otp(id, code), 404, "NOT_FOUND", null, null);
        // The user is not stuck: a new transaction sends a new passcode.
        String again = started(Map.of("user", Map.of("id", user)));
        otp(again, lastCode()).then().statusCode(200).body("status", equalTo("COMPLETED"));
    }

    // ------------------------------------------------------------------ environments and the caller's rights

    @Test
    void anotherEnvironmentSeesNothingOfIt() {
        emailDevice();
        String id = started(Map.of("user", Map.of("id", user)));
        String other = Fixtures.environment(admin);
        refused(admin.get(ONE, other, id), 404, "NOT_FOUND", null, null);
        refused(
                send(admin, OTP_CHECK, Json.write(Map.of("otp", lastCode())), ONE, other, id),
                404,
                "NOT_FOUND",
                null,
                null);
        // A user of this environment does not exist in the other.
        refused(
                send(admin, "application/json", Json.write(Map.of("user", Map.of("id", user))), COLLECTION, other),
                400,
                "INVALID_DATA",
                "INVALID_VALUE",
                "user.id");
        // A worker with every identity right over the other environment has none over this one.
        Api otherAdmin = MfaFixtures.withRole(server, other, BuiltInRole.IDENTITY_DATA_ADMIN);
        MfaFixtures.insufficientPermissions(otherAdmin.get(ONE, env, id));
        MfaFixtures.insufficientPermissions(start(otherAdmin, Map.of("user", Map.of("id", user))));
        MfaFixtures.insufficientPermissions(
                send(otherAdmin, OTP_CHECK, Json.write(Map.of("otp", lastCode())), ONE, env, id));
        assertThat(status(id)).isEqualTo("OTP_REQUIRED");
    }

    @Test
    void theCallerNeedsATokenWithIdentityRightsOverTheEnvironment() {
        emailDevice();
        Map<String, Object> body = Map.of("user", Map.of("id", user));
        MfaFixtures.invalidToken(start(server.anonymous(), body));
        MfaFixtures.invalidToken(RestAssured.given()
                .baseUri(server.baseUrl())
                .header("Authorization", "Bearer not.a.token")
                .contentType("application/json")
                .body(Json.write(body))
                .post(COLLECTION, env));
        MfaFixtures.insufficientPermissions(start(MfaFixtures.withRole(server, env, null), body));
        Api reader = MfaFixtures.withRole(server, env, BuiltInRole.IDENTITY_DATA_READ_ONLY);
        MfaFixtures.insufficientPermissions(start(reader, body));
        assertThat(rows()).isZero();
        assertThat(sentCodes()).isEmpty();

        // Identity Data Admin over the environment may run it; Read Only may follow it.
        Api worker = MfaFixtures.withRole(server, env, BuiltInRole.IDENTITY_DATA_ADMIN);
        String id = start(worker, body).then().statusCode(201).extract().path("id");
        reader.get(ONE, env, id).then().statusCode(200).body("status", equalTo("OTP_REQUIRED"));
        MfaFixtures.invalidToken(server.anonymous().get(ONE, env, id));
        MfaFixtures.insufficientPermissions(
                send(reader, OTP_CHECK, Json.write(Map.of("otp", lastCode())), ONE, env, id));
        MfaFixtures.invalidToken(
                send(server.anonymous(), OTP_CHECK, Json.write(Map.of("otp", lastCode())), ONE, env, id));
        assertThat(status(id)).isEqualTo("OTP_REQUIRED");
        send(worker, OTP_CHECK, Json.write(Map.of("otp", lastCode())), ONE, env, id)
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"));
    }

    // ------------------------------------------------------------------ any process serves any step

    @Test
    void aSecondProcessOnTheSameDatabaseTakesTheNextStep() {
        String email = emailDevice();
        String[] secret = new String[1];
        totpDevice(secret);
        String prompt = policy(MfaFixtures.with(
                MfaFixtures.devicePolicy("prompt-xp"), "authentication.deviceSelection", "PROMPT_TO_SELECT"));
        String id = started(Map.of("user", Map.of("id", user), "policy", Map.of("id", prompt)));
        try (Latchkey second = server.sibling()) {
            RequestSpecification onSecond = RestAssured.given()
                    .baseUri("http://localhost:" + second.port())
                    .header("Authorization", "Bearer " + admin.token());
            onSecond.contentType(DEVICE_SELECT)
                    .body(Json.write(Map.of("device", Map.of("id", email))))
                    .post(ONE, env, id)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("OTP_REQUIRED"));
        }
        otp(id, lastCode()).then().statusCode(200).body("status", equalTo("COMPLETED"));
    }

    private void execute(String sql, Object... params) {
        server.latchkey().database().useTransaction(h -> {
            var u = h.createUpdate(sql);
            for (int i = 0; i < params.length; i++) u.bind(i, params[i]);
            u.execute();
        });
    }
}
