package io.latchkey.keys;

import static io.latchkey.keys.RotationFixtures.POLICIES;
import static io.latchkey.keys.RotationFixtures.POLICY;
import static io.latchkey.keys.RotationFixtures.policyBody;
import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import io.latchkey.app.Latchkey;
import io.latchkey.environments.EnvironmentFixtures;
import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Await;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Key rotation policies at work on both databases: an application that names one gets tokens signed by its CURRENT
 * key (verified by Nimbus through the JWKS), the NEXT key is published before it signs, a rotation (forced by moving
 * {@code rotated_at} back and running housekeeping) makes the NEXT key sign while tokens of the former CURRENT keep
 * verifying until the rotation after, and two servers on one database rotate a policy once.
 */
@ParameterizedClass
@EnumSource(Db.class)
class KeyRotationPolicySigningTest {
    private static final Duration ACROSS_NODES = SigningKeyService.FRESHNESS.plusSeconds(25);

    @Parameter
    Db db;

    @Test
    void anApplicationsTokensAreSignedByItsPolicysCurrentKeyAndOthersByTheDefault() throws Exception {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String base = server.baseUrl();
        Response policy = admin.post(POLICIES, policyBody(), env);
        String current = policy.path("currentKeyId");
        var app = RotationFixtures.serviceApp(admin, env, policy.path("id")).client();
        var plain = RotationFixtures.serviceApp(admin, env, null).client();
        // A WORKER's client_credentials token is for the PingOne API (its audience) besides the custom resource.
        var worker =
                RotationFixtures.app(admin, env, "WORKER", policy.path("id")).client();

        String token = token(base, app);
        assertThat(kid(token)).isEqualTo(current);
        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(KeyFixtures.verifiedByJwks(base, env, token)).isPresent();
        assertThat(KeyFixtures.active(base, app, token)).isTrue();
        String defaultKey = KeyFixtures.defaultKey(admin, env);
        assertThat(kid(token(base, plain))).isEqualTo(defaultKey);
        // PingOne: tokens for the PingOne API are signed by the environment's key whatever the application says.
        String workerToken = token(base, worker);
        assertThat(SignedJWT.parse(workerToken).getJWTClaimsSet().getAudience()).contains("https://api.pingone.com");
        assertThat(kid(workerToken)).isEqualTo(defaultKey);
    }

    @Test
    void aRotationSignsWithTheFormerNextAndKeepsTheFormerCurrentUntilTheRotationAfter() throws Exception {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String base = server.baseUrl();
        Response created = admin.post(POLICIES, policyBody(), env);
        String id = created.path("id");
        String first = created.path("currentKeyId");
        String second = created.path("nextKeyId");
        var app = RotationFixtures.serviceApp(admin, env, id).client();
        String before = token(base, app);
        assertThat(kid(before)).isEqualTo(first);
        // Published before it signs anything.
        assertThat(KeyFixtures.jwks(base, env).getKeyByKeyId(second)).isNotNull();

        RotationFixtures.makeDue(server, id);
        server.latchkey().runHousekeeping();
        Response rotated = admin.get(POLICY, env, id);
        rotated.then().statusCode(200).body("currentKeyId", equalTo(second));
        String third = rotated.path("nextKeyId");
        assertThat(third).isNotIn(first, second);
        assertThat(Instant.parse(rotated.<String>path("rotatedAt")))
                .isAfterOrEqualTo(Instant.parse(created.<String>path("rotatedAt")));

        String after = token(base, app);
        assertThat(kid(after)).isEqualTo(second);
        JWKSet jwks = KeyFixtures.jwks(base, env);
        assertThat(jwks.getKeyByKeyId(first)).as("the former CURRENT").isNotNull();
        assertThat(jwks.getKeyByKeyId(third)).as("the new NEXT").isNotNull();
        assertThat(KeyFixtures.verifiedByJwks(base, env, before)).isPresent();
        assertThat(KeyFixtures.active(base, app, before)).isTrue();
        assertThat(KeyFixtures.verifiedByJwks(base, env, after)).isPresent();

        // The rotation after drops the key that was CURRENT two rotations ago, and its tokens with it.
        RotationFixtures.makeDue(server, id);
        server.latchkey().runHousekeeping();
        admin.get(POLICY, env, id).then().body("currentKeyId", equalTo(third));
        assertThat(KeyFixtures.jwks(base, env).getKeyByKeyId(first)).isNull();
        assertThat(KeyFixtures.active(base, app, before)).isFalse();
        assertThat(KeyFixtures.active(base, app, after)).isTrue();
        assertThat(RotationFixtures.keysOf(server, id)).isEqualTo(3);
    }

    @Test
    void aUsersIdTokenAndAccessTokenAreSignedByThePolicy() throws Exception {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        Response policy = admin.post(POLICIES, policyBody(), env);
        String current = policy.path("currentKeyId");
        String appId = admin.post("/v1/environments/{env}/applications", webAppBody(policy.path("id")), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String secret = admin.get("/v1/environments/{env}/applications/{id}/secret", env, appId)
                .path("secret");
        SignOnFixtures.grantOpenid(admin, env, appId, "profile");
        String username = "user-" + UUID.randomUUID();
        SignOnFixtures.user(admin, env, username, PASSWORD, false);

        Response tokens = userTokens(new BrowserlessClient(server.baseUrl(), env), appId, secret, username);
        SignedJWT idToken = SignedJWT.parse(tokens.path("id_token"));
        assertThat(idToken.getHeader().getKeyID()).isEqualTo(current);
        assertThat(KeyFixtures.verifiedByJwks(server.baseUrl(), env, idToken.serialize()))
                .isPresent();
        assertThat(idToken.getJWTClaimsSet().getStringClaim("at_hash"))
                .isEqualTo(
                        AccessTokenHash.compute(new BearerAccessToken(tokens.path("access_token")), JWSAlgorithm.RS256)
                                .getValue());
        String accessToken = tokens.path("access_token");
        assertThat(kid(accessToken)).isEqualTo(current);
        given().baseUri(server.baseUrl())
                .header("Authorization", "Bearer " + accessToken)
                .get("/{env}/as/userinfo", env)
                .then()
                .statusCode(200);
    }

    @Test
    void twoServersOnOneDatabaseRotateAPolicyOnce() throws Exception {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        Response created = admin.post(POLICIES, policyBody(), env);
        String id = created.path("id");
        String first = created.path("currentKeyId");
        String second = created.path("nextKeyId");
        var app = RotationFixtures.serviceApp(admin, env, id).client();
        try (Latchkey sibling = server.sibling()) {
            String other = "http://localhost:" + sibling.port();
            assertThat(kid(token(other, app))).isEqualTo(first);

            RotationFixtures.makeDue(server, id);
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Void> one = CompletableFuture.runAsync(() -> housekeeping(start, server.latchkey()));
            CompletableFuture<Void> two = CompletableFuture.runAsync(() -> housekeeping(start, sibling));
            CompletableFuture.allOf(one, two).join();

            Response rotated = admin.get(POLICY, env, id);
            // Rotated twice, the CURRENT key would be the NEXT made by the first rotation, and the first key gone.
            rotated.then().body("currentKeyId", equalTo(second));
            assertThat(RotationFixtures.keysOf(server, id)).isEqualTo(3);
            assertThat(KeyFixtures.jwks(other, env).getKeyByKeyId(first)).isNotNull();
            Await.until(
                    "the second server signs with the new CURRENT key",
                    ACROSS_NODES,
                    () -> kid(token(other, app)).equals(second));
            Await.until(
                    "the first server signs with the new CURRENT key",
                    ACROSS_NODES,
                    () -> kid(token(server.baseUrl(), app)).equals(second));
        }
    }

    private static void housekeeping(CyclicBarrier start, Latchkey node) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        node.runHousekeeping();
    }

    private static String token(String baseUrl, EnvironmentFixtures.Client app) {
        return given().baseUri(baseUrl)
                .auth()
                .preemptive()
                .basic(app.id(), app.secret())
                .formParam("grant_type", "client_credentials")
                .formParam("scope", RotationFixtures.SCOPE)
                .post("/" + app.environmentId() + "/as/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    private static String kid(String jwt) {
        try {
            return SignedJWT.parse(jwt).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> webAppBody(String policy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "web-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", "WEB_APP");
        body.put("grantTypes", List.of("AUTHORIZATION_CODE"));
        body.put("responseTypes", List.of("CODE"));
        body.put("tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC");
        body.put("redirectUris", List.of(REDIRECT_URI));
        body.put("signing", Map.of("keyRotationPolicy", Map.of("id", policy)));
        return body;
    }

    private static Response userTokens(BrowserlessClient client, String appId, String secret, String username) {
        Response authorize = client.authorize(Map.of(
                        "response_type", "code",
                        "client_id", appId,
                        "redirect_uri", REDIRECT_URI,
                        "scope", "openid profile",
                        "state", "st",
                        "nonce", "n-1"))
                .then()
                .statusCode(302)
                .extract()
                .response();
        String flow = BrowserlessClient.flowIdOf(authorize);
        client.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
        String code = BrowserlessClient.redirectParams(
                        client.resume(flow).then().statusCode(302).extract().response())
                .get("code");
        return client.token(
                        Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                        appId,
                        secret)
                .then()
                .statusCode(200)
                .extract()
                .response();
    }
}
