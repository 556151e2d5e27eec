package io.latchkey.mfa.devices;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.http.Json;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Requests and checks the device tests share. */
final class DeviceTestSupport {
    static final String USERS = "/v1/environments/{env}/users";
    static final String DEVICES = USERS + "/{user}/devices";
    static final String DEVICE = DEVICES + "/{device}";

    private DeviceTestSupport() {}

    static String user(Api admin, String env, String username) {
        return admin.post(USERS, Map.of("username", username, "email", username + "@example.com"), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static Response create(Api admin, String env, String user, Object body) {
        return admin.request()
                .contentType("application/json")
                .body(Json.write(body))
                .post(DEVICES, env, user);
    }

    static String created(Api admin, String env, String user, Object body) {
        return create(admin, env, user, body).then().statusCode(200).extract().path("id");
    }

    static Response post(Api admin, String contentType, String body, String path, Object... params) {
        var r = admin.request();
        if (contentType != null) r = r.contentType(contentType);
        if (body != null) r = r.body(body);
        return r.post(path, params);
    }

    static Response activate(Api admin, String env, String user, String device, String otp) {
        return post(admin, DevicesApi.ACTIVATE, Json.write(Map.of("otp", otp)), DEVICE, env, user, device);
    }

    /** A PingOne error body: status, code, and the first detail's code and target. */
    static void refused(Response r, int status, String code, String detailCode, String target) {
        var then = r.then()
                .statusCode(status)
                .body("id", notNullValue())
                .body("code", equalTo(code))
                .body("message", notNullValue());
        if (detailCode != null) then.body("details[0].code", equalTo(detailCode));
        if (target != null) then.body("details[0].target", equalTo(target));
    }

    /** The user's devices as the API lists them (to show that a refused request changed nothing). */
    static String listed(Api admin, String env, String user) {
        return admin.get(DEVICES, env, user).then().statusCode(200).extract().asString();
    }

    /** The outbox lines for {@code userId} with purpose {@code mfa.device.activation}, oldest first. */
    static List<JsonNode> outbox(TestServer server, String userId) {
        Path file = server.config().dataDir().resolve("outbox.jsonl");
        try {
            if (!Files.exists(file)) return List.of();
            return Files.readAllLines(file).stream()
                    .map(Json::parse)
                    .filter(n -> userId.equals(n.path("userId").asText()))
                    .filter(n ->
                            "mfa.device.activation".equals(n.path("purpose").asText()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode lastMessage(TestServer server, String userId) {
        List<JsonNode> lines = outbox(server, userId);
        if (lines.isEmpty()) throw new AssertionError("No activation message for " + userId);
        return lines.get(lines.size() - 1);
    }

    static long count(TestServer server, String sql, Object... params) {
        return server.latchkey().database().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < params.length; i++) q.bind(i, params[i]);
            return q.mapTo(Long.class).one();
        });
    }

    static void execute(TestServer server, String sql, Object... params) {
        server.latchkey().database().useTransaction(h -> {
            var u = h.createUpdate(sql);
            for (int i = 0; i < params.length; i++) u.bind(i, params[i]);
            u.execute();
        });
    }
}
