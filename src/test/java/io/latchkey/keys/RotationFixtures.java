package io.latchkey.keys;

import io.latchkey.environments.EnvironmentFixtures;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.TestServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Bodies and calls the key rotation policy tests share. */
final class RotationFixtures {
    static final String POLICIES = "/v1/environments/{env}/keyRotationPolicies";
    static final String POLICY = POLICIES + "/{id}";
    /** The custom resource scope the service applications of these tests are granted. */
    static final String SCOPE = "krp:read";

    private RotationFixtures() {}

    static Map<String, Object> policyBody() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("name", "krp-" + System.nanoTime());
        b.put("dn", "CN=Rotating,O=Latchkey Tests,C=US");
        b.put("algorithm", "RSA");
        b.put("keyLength", 2048);
        b.put("signatureAlgorithm", "SHA256withRSA");
        b.put("usageType", "SIGNING");
        b.put("rotationPeriod", 90);
        b.put("validityPeriod", 365);
        return b;
    }

    record ServiceApp(String name, EnvironmentFixtures.Client client) {}

    /** A SERVICE application (client_credentials) using {@code policy} (or none). */
    static Map<String, Object> serviceAppBody(String name, String policy) {
        return appBody("SERVICE", name, policy);
    }

    private static Map<String, Object> appBody(String type, String name, String policy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", type);
        if (type.equals("WORKER")) body.put("assignActorRoles", false);
        body.put("tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC");
        body.put("grantTypes", List.of("CLIENT_CREDENTIALS"));
        if (policy != null) body.put("signing", Map.of("keyRotationPolicy", Map.of("id", policy)));
        return body;
    }

    /** A SERVICE application granted a custom resource's {@link #SCOPE}, using {@code policy} (or none). */
    static ServiceApp serviceApp(Api admin, String env, String policy) {
        return app(admin, env, "SERVICE", policy);
    }

    /** An application of {@code type} with client_credentials, granted a custom resource's {@link #SCOPE}. */
    static ServiceApp app(Api admin, String env, String type, String policy) {
        String name = type.toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID();
        String id = admin.post("/v1/environments/{env}/applications", appBody(type, name, policy), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String secret = admin.get("/v1/environments/{env}/applications/{id}/secret", env, id)
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        String resource = SignOnFixtures.customResource(admin, env, "krp" + System.nanoTime(), false);
        String scope = SignOnFixtures.scope(admin, env, resource, SCOPE);
        SignOnFixtures.grant(admin, env, id, resource, scope);
        return new ServiceApp(name, new EnvironmentFixtures.Client(env, id, secret));
    }

    /** Makes the policy due (as if rotated a period and a minute ago), straight in the database. */
    static void makeDue(TestServer server, String policyId) {
        long back = Duration.ofDays(90).plusMinutes(1).toMillis();
        server.latchkey()
                .database()
                .withHandle(h -> h.createUpdate(
                                "update key_rotation_policies set rotated_at = rotated_at - :back where id = :id")
                        .bind("back", back)
                        .bind("id", policyId)
                        .execute());
    }

    /** How many keys of the policy are stored. */
    static long keysOf(TestServer server, String policyId) {
        return server.latchkey()
                .database()
                .withHandle(h -> h.createQuery("select count(*) from signing_keys where rotation_policy_id = :id")
                        .bind("id", policyId)
                        .mapTo(Long.class)
                        .one());
    }
}
