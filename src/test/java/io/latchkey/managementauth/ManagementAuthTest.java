package io.latchkey.managementauth;

import static io.latchkey.environments.EnvironmentFixtures.grantRole;
import static io.latchkey.environments.EnvironmentFixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.access.BuiltInRole;
import io.latchkey.crypto.SecretBox;
import io.latchkey.environments.EnvironmentFixtures.Client;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.ValidatableResponse;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Management authentication (bearer tokens) and authorization (roles). Tokens are forged three ways: with a key
 * of our own (the server must not trust it), by editing a real token, and, for the checks that only a correctly
 * signed token reaches (expiry, issuer, audience), with the environment's real key, read from the database and
 * decrypted with the master key the test gave the server: no test hook in the product.
 */
class ManagementAuthTest {
    private TestServer server() {
        return TestServer.shared();
    }

    private Api admin() {
        return server().admin();
    }

    private ValidatableResponse getWith(String authorization) {
        return getWith(server(), authorization);
    }

    private static ValidatableResponse getWith(TestServer server, String authorization) {
        var r = server.anonymous().request();
        if (authorization != null) r = r.header("Authorization", authorization);
        return r.get("/v1/environments").then();
    }

    private static void isInvalidToken(ValidatableResponse r) {
        r.statusCode(401)
                .body("code", equalTo("ACCESS_FAILED"))
                .body("details", hasSize(1))
                .body("details[0].code", equalTo("INVALID_TOKEN"));
    }

    private static void isInsufficientPermissions(ValidatableResponse r) {
        r.statusCode(403)
                .body("code", equalTo("ACCESS_FAILED"))
                .body("details[0].code", equalTo("INSUFFICIENT_PERMISSIONS"));
    }

    // ---- 401

    @Test
    void missingTokenIsInvalidToken() {
        isInvalidToken(getWith(null));
        isInvalidToken(server().anonymous()
                .post("/v1/environments", Map.of("name", "x", "region", "NA", "type", "SANDBOX"))
                .then());
    }

    @Test
    void malformedAuthorizationIsInvalidToken() {
        isInvalidToken(getWith("Bearer"));
        isInvalidToken(getWith("Bearer "));
        isInvalidToken(getWith("Bearer not.a.jwt"));
        isInvalidToken(getWith("Bearer " + "x".repeat(5000)));
        isInvalidToken(getWith("Basic "
                + Base64.getEncoder()
                        .encodeToString((server().adminClientId + ":" + server().adminClientSecret).getBytes())));
        isInvalidToken(getWith(admin().token())); // no scheme
        getWith("bearer " + admin().token()).statusCode(200); // the scheme is case-insensitive (RFC 7235)
    }

    @Test
    void aTokenSignedByAKeyTheServerDoesNotKnowIsInvalidToken() throws Exception {
        SignedJWT real = SignedJWT.parse(admin().token());
        RSAKey mine =
                new RSAKeyGenerator(2048).keyID(real.getHeader().getKeyID()).generate();
        // Same kid and claims as a real token, other key.
        isInvalidToken(getWith("Bearer " + sign(mine, real.getHeader().getKeyID(), real.getJWTClaimsSet())));
        // A kid the server has never issued.
        RSAKey unknown = new RSAKeyGenerator(2048)
                .keyID(java.util.UUID.randomUUID().toString())
                .generate();
        isInvalidToken(getWith("Bearer " + sign(unknown, unknown.getKeyID(), real.getJWTClaimsSet())));
    }

    @Test
    void aTokenWithAnAlteredSignatureOrPayloadIsInvalidToken() throws Exception {
        String[] parts = admin().token().split("\\.");
        char last = parts[2].charAt(10);
        String flipped = parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[2].substring(11);
        isInvalidToken(getWith("Bearer " + parts[0] + "." + parts[1] + "." + flipped));
        Map<String, Object> claims =
                SignedJWT.parse(admin().token()).getJWTClaimsSet().toJSONObject();
        claims.put("client_id", java.util.UUID.randomUUID().toString());
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(claims)
                        .getBytes());
        isInvalidToken(getWith("Bearer " + parts[0] + "." + payload + "." + parts[2]));
        isInvalidToken(getWith("Bearer " + parts[0] + "." + parts[1] + "."));
    }

    @Test
    void unsignedAndSymmetricallySignedTokensAreInvalidToken() throws Exception {
        SignedJWT real = SignedJWT.parse(admin().token());
        String[] parts = admin().token().split("\\.");
        String none = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        ("{\"alg\":\"none\",\"kid\":\"" + real.getHeader().getKeyID() + "\"}").getBytes());
        isInvalidToken(getWith("Bearer " + none + "." + parts[1] + "."));
        // alg confusion: HS256 keyed with the public JWK the server publishes.
        String jwks = server().anonymous()
                .request()
                .get("/" + server().adminEnvironmentId + "/as/jwks")
                .asString();
        SignedJWT hs = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(real.getHeader().getKeyID())
                        .build(),
                real.getJWTClaimsSet());
        hs.sign(new MACSigner(java.security.MessageDigest.getInstance("SHA-256").digest(jwks.getBytes())));
        isInvalidToken(getWith("Bearer " + hs.serialize()));
    }

    @ParameterizedTest
    @EnumSource(Db.class) // both databases: the kid is looked up in SQL, and a NUL in it was a 500 on PostgreSQL only
    void aTokenWithoutKeyIdIsInvalidToken(Db db) {
        TestServer server = TestServer.shared(db);
        String[] parts = server.admin().token().split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"RS256\"}".getBytes());
        isInvalidToken(getWith(server, "Bearer " + header + "." + parts[1] + "." + parts[2]));
        String nul = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"RS256\",\"kid\":\"a\\u0000\"}".getBytes());
        isInvalidToken(getWith(server, "Bearer " + nul + "." + parts[1] + "." + parts[2]));
    }

    /** Re-signs the admin token's claims, changed by {@code edit}, with the administrators environment's real key. */
    private String reSigned(UnaryOperator<JWTClaimsSet.Builder> edit) throws Exception {
        SignedJWT real = SignedJWT.parse(admin().token());
        String kid = real.getHeader().getKeyID();
        String sealed = server().latchkey()
                .database()
                .withHandle(h -> h.createQuery("select private_key_enc from signing_keys where id = :id")
                        .bind("id", kid)
                        .mapTo(String.class)
                        .one());
        RSAKey key = RSAKey.parse(
                new SecretBox(Base64.getDecoder().decode(server().config().masterKey())).decrypt(sealed));
        return sign(
                key,
                kid,
                edit.apply(new JWTClaimsSet.Builder(real.getJWTClaimsSet())).build());
    }

    @Test
    void aCorrectlySignedCopyIsAcceptedSoTheForgeriesBelowFailForTheirOwnReason() throws Exception {
        getWith("Bearer " + reSigned(c -> c)).statusCode(200);
    }

    @Test
    void anExpiredTokenIsInvalidToken() throws Exception {
        long now = System.currentTimeMillis();
        isInvalidToken(getWith("Bearer "
                + reSigned(c -> c.issueTime(new Date(now - 7_200_000)).expirationTime(new Date(now - 1_000)))));
        isInvalidToken(getWith("Bearer " + reSigned(c -> c.expirationTime(null))));
    }

    @Test
    void aTokenOfAnotherIssuerOrAudienceOrWithoutClientIdIsInvalidToken() throws Exception {
        isInvalidToken(getWith("Bearer "
                + reSigned(c -> c.issuer("https://auth.pingone.com/" + server().adminEnvironmentId + "/as"))));
        isInvalidToken(getWith("Bearer " + reSigned(c -> c.audience(List.of("https://example.com")))));
        isInvalidToken(getWith("Bearer " + reSigned(c -> c.claim("client_id", null))));
    }

    @Test
    void theTokenOfADeletedApplicationIsInvalidToken() {
        String env = Fixtures.environment(admin());
        Client app = worker(admin(), env);
        grantRole(server(), app, BuiltInRole.ENVIRONMENT_ADMIN, "ENVIRONMENT", env);
        Api api = Api.withClientCredentials(server(), env, app.id(), app.secret());
        api.get("/v1/environments/{env}", env).then().statusCode(200);
        admin().delete("/v1/environments/{env}/applications/{id}", env, app.id())
                .then()
                .statusCode(204);
        isInvalidToken(api.get("/v1/environments/{env}", env).then());
    }

    @Test
    void aRevokedTokenIsInvalidToken() {
        String env = Fixtures.environment(admin());
        Client app = worker(admin(), env);
        grantRole(server(), app, BuiltInRole.ENVIRONMENT_ADMIN, "ENVIRONMENT", env);
        Api api = Api.withClientCredentials(server(), env, app.id(), app.secret());
        api.get("/v1/environments/{env}", env).then().statusCode(200);
        server().anonymous()
                .request()
                .auth()
                .preemptive()
                .basic(app.id(), app.secret())
                .contentType("application/x-www-form-urlencoded")
                .formParam("token", api.token())
                .post("/{env}/as/revoke", env)
                .then()
                .statusCode(200);
        isInvalidToken(api.get("/v1/environments/{env}", env).then());
    }

    @Test
    void theTokenOfADisabledApplicationIsInvalidTokenUntilItIsEnabledAgain() {
        String env = Fixtures.environment(admin());
        Client app = worker(admin(), env);
        grantRole(server(), app, BuiltInRole.ENVIRONMENT_ADMIN, "ENVIRONMENT", env);
        Api api = Api.withClientCredentials(server(), env, app.id(), app.secret());
        api.get("/v1/environments/{env}", env).then().statusCode(200);
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "name",
                "worker",
                "enabled",
                false,
                "protocol",
                "OPENID_CONNECT",
                "type",
                "WORKER",
                "tokenEndpointAuthMethod",
                "CLIENT_SECRET_BASIC",
                "grantTypes",
                List.of("CLIENT_CREDENTIALS")));
        admin().put("/v1/environments/{env}/applications/{id}", body, env, app.id())
                .then()
                .statusCode(200);
        isInvalidToken(api.get("/v1/environments/{env}", env).then());
        body.put("enabled", true);
        admin().put("/v1/environments/{env}/applications/{id}", body, env, app.id())
                .then()
                .statusCode(200);
        api.get("/v1/environments/{env}", env).then().statusCode(200);
    }

    // ---- 403

    @Test
    void aWorkerWithoutRolesIsInsufficientPermissions() {
        String env = Fixtures.environment(admin());
        Client app = worker(admin(), env);
        Api api = Api.withClientCredentials(server(), env, app.id(), app.secret());
        isInsufficientPermissions(api.get("/v1/environments").then());
        isInsufficientPermissions(api.get("/v1/environments/{env}", env).then());
        isInsufficientPermissions(api.post("/v1/environments", Map.of("name", "x", "region", "NA", "type", "SANDBOX"))
                .then());
        isInsufficientPermissions(
                api.get("/v1/environments/{env}/applications", env).then());
        isInsufficientPermissions(api.delete("/v1/environments/{env}", env).then());
        admin().get("/v1/environments/{env}", env).then().statusCode(200);
    }

    @Test
    void aRoleOverOneEnvironmentGivesNothingInAnother() {
        String mine = Fixtures.environment(admin());
        String other = Fixtures.environment(admin());
        Client app = worker(admin(), mine);
        grantRole(server(), app, BuiltInRole.ENVIRONMENT_ADMIN, "ENVIRONMENT", mine);
        Api api = Api.withClientCredentials(server(), mine, app.id(), app.secret());
        api.get("/v1/environments/{env}", mine).then().statusCode(200);
        api.get("/v1/environments/{env}/applications", mine).then().statusCode(200);
        isInsufficientPermissions(api.get("/v1/environments/{env}", other).then());
        isInsufficientPermissions(
                api.get("/v1/environments/{env}/applications", other).then());
        isInsufficientPermissions(api.delete("/v1/environments/{env}", other).then());
        // Creating environments is an organization-level act.
        isInsufficientPermissions(
                api.post("/v1/environments", Map.of("name", "x" + mine, "region", "NA", "type", "SANDBOX"))
                        .then());
        admin().get("/v1/environments/{env}", other).then().statusCode(200);
    }

    @Test
    void aRoleWithoutThePermissionIsInsufficientPermissions() {
        String env = Fixtures.environment(admin());
        Client app = worker(admin(), env);
        grantRole(server(), app, BuiltInRole.IDENTITY_DATA_ADMIN, "ENVIRONMENT", env);
        Api api = Api.withClientCredentials(server(), env, app.id(), app.secret());
        api.get("/v1/environments/{env}", env).then().statusCode(200);
        isInsufficientPermissions(
                api.get("/v1/environments/{env}/applications", env).then());
        isInsufficientPermissions(
                api.put("/v1/environments/{env}", Map.of("name", "x", "region", "NA", "type", "SANDBOX"), env)
                        .then());
    }

    @Test
    void anEnvironmentScopedAdminListsOnlyItsEnvironments() {
        String mine = Fixtures.environment(admin());
        String alsoMine = Fixtures.environment(admin());
        Fixtures.environment(admin());
        Client app = worker(admin(), mine);
        grantRole(server(), app, BuiltInRole.ENVIRONMENT_ADMIN, "ENVIRONMENT", mine);
        grantRole(server(), app, BuiltInRole.IDENTITY_DATA_READ_ONLY, "ENVIRONMENT", alsoMine);
        Api api = Api.withClientCredentials(server(), mine, app.id(), app.secret());
        api.get("/v1/environments")
                .then()
                .statusCode(200)
                .body("_embedded.environments.id", containsInAnyOrder(mine, alsoMine))
                .body("count", equalTo(2));
    }

    @Test
    void theAdminHoldsItsRolesOverTheWholeOrganization() {
        List<Map<String, Object>> grants = server().latchkey()
                .database()
                .withHandle(
                        h -> h.createQuery("select role_id, scope_type from role_assignments where subject_id = :id")
                                .bind("id", server().adminClientId)
                                .mapToMap()
                                .list());
        assertThat(grants)
                .extracting(g -> g.get("role_id"))
                .containsExactlyInAnyOrder(BuiltInRole.ENVIRONMENT_ADMIN.id(), BuiltInRole.IDENTITY_DATA_ADMIN.id());
        assertThat(grants).extracting(g -> g.get("scope_type")).containsOnly("ORGANIZATION");
    }

    private static String sign(RSAKey key, String kid, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(kid)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
