package io.latchkey.mfa;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.access.BuiltInRole;
import io.latchkey.environments.EnvironmentFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;

/** Bodies and checks the MFA management tests share. */
public final class MfaFixtures {
    private MfaFixtures() {}

    public static final String SETTINGS = "/v1/environments/{env}/mfaSettings";
    public static final String DEVICE_POLICIES = "/v1/environments/{env}/deviceAuthenticationPolicies";
    public static final String FIDO2_POLICIES = "/v1/environments/{env}/fido2Policies";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A complete, valid device authentication policy body in PingOne's documented example shape. */
    public static ObjectNode devicePolicy(String name) {
        String offline = """
                {"enabled": true, "otp": {"failure": {"count": 3, "coolDown": {"duration": 0, "timeUnit": "MINUTES"}},
                 "lifeTime": {"duration": 30, "timeUnit": "MINUTES"}, "otpLength": 6}}""";
        return parse("{\"name\": \"" + name + "\", \"sms\": " + offline + ", \"email\": " + offline + ", \"voice\": "
                + offline.replace("\"enabled\": true", "\"enabled\": false")
                + ", \"mobile\": {\"enabled\": false, \"otp\": {\"failure\": {\"count\": 3, \"coolDown\":"
                + " {\"duration\": 2, \"timeUnit\": \"MINUTES\"}}}},"
                + " \"totp\": {\"enabled\": true, \"otp\": {\"failure\": {\"count\": 3, \"coolDown\":"
                + " {\"duration\": 2, \"timeUnit\": \"MINUTES\"}}}}, \"forSignOnPolicy\": false, \"default\": false}");
    }

    /** A complete, valid FIDO2 policy body (security keys). */
    public static ObjectNode fido2Policy(String name) {
        return parse("""
                {"name": "%s", "deviceDisplayName": "Security key", "relyingPartyId": "example.com",
                 "attestationRequirements": "DIRECT", "authenticatorAttachment": "CROSS_PLATFORM",
                 "discoverableCredentials": "DISCOURAGED",
                 "userVerification": {"option": "PREFERRED", "enforceDuringAuthentication": false},
                 "backupEligibility": {"allow": false, "enforceDuringAuthentication": true},
                 "mdsAuthenticatorsRequirements": {"option": "NONE", "enforceDuringAuthentication": false},
                 "userDisplayNameAttributes": {"attributes": [{"name": "username"}]},
                 "publicKeyCredentialHints": ["SECURITY_KEY"]}""".formatted(name));
    }

    /** Sets {@code value} at a dotted path of {@code body}, creating objects on the way; returns body. */
    public static ObjectNode with(ObjectNode body, String path, Object value) {
        String[] parts = path.split("\\.");
        ObjectNode node = body;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.get(parts[i]) instanceof ObjectNode o ? o : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], JSON.valueToTree(value));
        return body;
    }

    /** Removes the field at a dotted path. */
    public static ObjectNode without(ObjectNode body, String path) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = body;
        if (dot > 0) for (String part : path.substring(0, dot).split("\\.")) parent = parent.path(part);
        ((ObjectNode) parent).remove(path.substring(dot + 1));
        return body;
    }

    public static Response post(Api api, String path, ObjectNode body, Object... params) {
        return api.json(body.toString()).post(path, params);
    }

    public static Response put(Api api, String path, ObjectNode body, Object... params) {
        return api.json(body.toString()).put(path, params);
    }

    /** A 400 INVALID_DATA whose details hold {@code code} on {@code target}. */
    public static void invalid(Response r, String code, String target) {
        r.then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("id", org.hamcrest.Matchers.notNullValue())
                .body("details.findAll { it.target == '" + target + "' }.code", hasItem(code));
    }

    /** A worker of {@code env} holding {@code role} over it, as a management client. */
    public static Api withRole(TestServer server, String env, BuiltInRole role) {
        EnvironmentFixtures.Client app = EnvironmentFixtures.worker(server.admin(), env);
        if (role != null) EnvironmentFixtures.grantRole(server, app, role, "ENVIRONMENT", env);
        return Api.withClientCredentials(server, env, app.id(), app.secret());
    }

    public static void insufficientPermissions(Response r) {
        r.then()
                .statusCode(403)
                .body("code", equalTo("ACCESS_FAILED"))
                .body("details[0].code", equalTo("INSUFFICIENT_PERMISSIONS"));
    }

    public static void invalidToken(Response r) {
        r.then().statusCode(401).body("code", equalTo("ACCESS_FAILED"));
    }
}
