package io.latchkey.keys;

import static io.latchkey.keys.KeyFixtures.KEYS;
import static io.latchkey.keys.KeyFixtures.with;
import static io.latchkey.keys.RotationFixtures.POLICIES;
import static io.latchkey.keys.RotationFixtures.POLICY;
import static io.latchkey.keys.RotationFixtures.policyBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PingOne's key rotation policies API over HTTP on both databases: what a policy is made with, its two keys (in the
 * JWKS, not among the environment's keys), PUT, DELETE, and the requests refused without a change. (Tokens and the
 * rotation itself: {@link KeyRotationPolicySigningTest}.)
 */
@ParameterizedClass
@EnumSource(Db.class)
class KeyRotationPoliciesApiTest {
    @Parameter
    Db db;

    @Test
    void aNewPolicyHasPingOnesFieldsAndTwoPublishedKeysOfItsOwn() throws Exception {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        Instant before = Instant.now().minusSeconds(1);
        Response created = admin.post(POLICIES, policyBody(), env);
        created.then()
                .statusCode(201)
                .body("environment.id", equalTo(env))
                .body("algorithm", equalTo("RSA"))
                .body("keyLength", equalTo(2048))
                .body("signatureAlgorithm", equalTo("SHA256withRSA"))
                .body("usageType", equalTo("SIGNING"))
                .body("dn", equalTo("CN=Rotating,O=Latchkey Tests,C=US"))
                .body("rotationPeriod", equalTo(90))
                .body("validityPeriod", equalTo(365))
                .body("_links.self.href", notNullValue());
        String id = created.path("id");
        String current = created.path("currentKeyId");
        String next = created.path("nextKeyId");
        assertThat(current).isNotEqualTo(next);
        assertThat(Instant.parse(created.<String>path("rotatedAt"))).isAfter(before);

        admin.get(POLICY, env, id).then().statusCode(200).body("currentKeyId", equalTo(current));
        admin.get(POLICIES, env)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.keyRotationPolicies[0].id", equalTo(id));

        JWKSet jwks = KeyFixtures.jwks(server.baseUrl(), env);
        assertThat(jwks.getKeyByKeyId(current)).isInstanceOf(RSAKey.class);
        assertThat(((RSAKey) jwks.getKeyByKeyId(next)).size()).isEqualTo(2048);
        // The environment's default key is still first, and the policy's keys are not the keys API's.
        assertThat(jwks.getKeys().get(0).getKeyID()).isEqualTo(KeyFixtures.defaultKey(admin, env));
        admin.get(KEYS, env)
                .then()
                .statusCode(200)
                .body("_embedded.keys.id", not(hasItem(current)))
                .body("_embedded.keys.id", not(hasItem(next)));
        admin.get(KeyFixtures.KEY, env, current).then().statusCode(404);
        admin.delete(KeyFixtures.KEY, env, next).then().statusCode(404);
    }

    @Test
    void subjectDnIsTakenForDnAndTheDefaultsApply() {
        Api admin = TestServer.shared(db).admin();
        String env = Fixtures.environment(admin);
        Map<String, Object> body = with(with(policyBody(), "dn", null), "subjectDN", "CN=Alias,O=Latchkey Tests");
        body = with(with(body, "rotationPeriod", null), "validityPeriod", null);
        admin.post(POLICIES, with(body, "keyLength", 3072), env)
                .then()
                .statusCode(201)
                .body("dn", equalTo("CN=Alias,O=Latchkey Tests"))
                .body("keyLength", equalTo(3072))
                .body("rotationPeriod", equalTo(90))
                .body("validityPeriod", equalTo(365));
    }

    @Test
    void putReplacesTheSpecificationAndKeepsTheKeys() {
        Api admin = TestServer.shared(db).admin();
        String env = Fixtures.environment(admin);
        Response created = admin.post(POLICIES, policyBody(), env);
        String id = created.path("id");
        Map<String, Object> changed =
                with(with(with(policyBody(), "name", "renamed"), "rotationPeriod", 120), "dn", "CN=Changed,O=X");
        admin.put(POLICY, changed, env, id)
                .then()
                .statusCode(200)
                .body("name", equalTo("renamed"))
                .body("rotationPeriod", equalTo(120))
                .body("dn", equalTo("CN=Changed,O=X"))
                .body("currentKeyId", equalTo(created.path("currentKeyId")))
                .body("nextKeyId", equalTo(created.path("nextKeyId")))
                .body("rotatedAt", equalTo(created.path("rotatedAt")));
        admin.get(POLICY, env, id).then().body("name", equalTo("renamed"));
    }

    @Test
    void badBodiesAreRefusedWithTheirTargetAndChangeNothing() {
        Api admin = TestServer.shared(db).admin();
        String env = Fixtures.environment(admin);
        String id = admin.post(POLICIES, policyBody(), env).path("id");
        Map<String, Object> good = policyBody();
        record Case(Map<String, Object> body, String target) {}
        List<Case> cases = List.of(
                new Case(with(good, "name", null), "name"),
                new Case(with(good, "dn", null), "dn"),
                new Case(with(good, "dn", "not a dn"), "dn"),
                new Case(with(good, "subjectDN", "CN=Other"), "subjectDN"),
                new Case(with(good, "algorithm", "EC"), "algorithm"),
                new Case(with(good, "algorithm", null), "algorithm"),
                new Case(with(good, "keyLength", 1024), "keyLength"),
                new Case(with(good, "keyLength", 7680), "keyLength"),
                new Case(with(good, "keyLength", "2048"), "keyLength"),
                new Case(with(good, "signatureAlgorithm", "SHA384withRSA"), "signatureAlgorithm"),
                new Case(with(good, "usageType", "ENCRYPTION"), "usageType"),
                new Case(with(good, "rotationPeriod", 29), "rotationPeriod"),
                new Case(with(good, "rotationPeriod", 365), "rotationPeriod"),
                new Case(with(with(good, "rotationPeriod", null), "validityPeriod", 90), "rotationPeriod"),
                new Case(with(good, "validityPeriod", 0), "validityPeriod"));
        String listed = admin.get(POLICIES, env).asString();
        String jwks =
                server(admin).anonymous().request().get("/" + env + "/as/jwks").asString();
        for (Case c : cases) {
            admin.post(POLICIES, c.body(), env)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_DATA"))
                    .body("details.target", hasItem(c.target()));
            admin.put(POLICY, c.body(), env, id).then().statusCode(400).body("details.target", hasItem(c.target()));
        }
        assertThat(admin.get(POLICIES, env).asString()).isEqualTo(listed);
        assertThat(server(admin)
                        .anonymous()
                        .request()
                        .get("/" + env + "/as/jwks")
                        .asString())
                .isEqualTo(jwks);
        admin.post(POLICIES, "not json", env).then().statusCode(400);
        admin.get(POLICY, env, UUID.randomUUID().toString()).then().statusCode(404);
        admin.get(POLICY, env, "not-an-id").then().statusCode(404);
        admin.put(POLICY, policyBody(), env, UUID.randomUUID().toString())
                .then()
                .statusCode(404);
        admin.delete(POLICY, env, UUID.randomUUID().toString()).then().statusCode(404);
        admin.get(POLICIES, UUID.randomUUID().toString()).then().statusCode(404);
    }

    @Test
    void aPolicyInUseCannotBeDeletedAndAnUnusedOnesKeysLeaveTheJwks() throws Exception {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        Response created = admin.post(POLICIES, policyBody(), env);
        String id = created.path("id");
        var app = RotationFixtures.serviceApp(admin, env, id);

        admin.delete(POLICY, env, id)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"));
        admin.get(POLICY, env, id).then().statusCode(200);

        // Moved off the policy, the application no longer holds it.
        admin.put(
                        "/v1/environments/{env}/applications/{id}",
                        RotationFixtures.serviceAppBody(app.name(), null),
                        env,
                        app.client().id())
                .then()
                .statusCode(200);
        admin.delete(POLICY, env, id).then().statusCode(204);
        admin.get(POLICY, env, id).then().statusCode(404);
        JWKSet jwks = KeyFixtures.jwks(server.baseUrl(), env);
        assertThat(jwks.getKeyByKeyId(created.path("currentKeyId"))).isNull();
        assertThat(jwks.getKeyByKeyId(created.path("nextKeyId"))).isNull();
    }

    @Test
    void anApplicationCannotNameAPolicyThatIsNotItsEnvironments() {
        Api admin = TestServer.shared(db).admin();
        String env = Fixtures.environment(admin);
        String other = Fixtures.environment(admin);
        String elsewhere = admin.post(POLICIES, policyBody(), other).path("id");
        for (String policy : List.of(elsewhere, UUID.randomUUID().toString(), "not-an-id")) {
            admin.post(
                            "/v1/environments/{env}/applications",
                            RotationFixtures.serviceAppBody("app-" + UUID.randomUUID(), policy),
                            env)
                    .then()
                    .statusCode(400)
                    .body("details[0].target", equalTo("signing.keyRotationPolicy.id"));
        }
        admin.get("/v1/environments/{env}/applications", env).then().body("count", equalTo(0));
    }

    private static TestServer server(Api admin) {
        return admin.server();
    }
}
