package io.latchkey.keys;

import static io.latchkey.keys.KeyFixtures.KEY;
import static io.latchkey.keys.KeyFixtures.body;
import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import io.latchkey.access.BuiltInRole;
import io.latchkey.app.Latchkey;
import io.latchkey.environments.EnvironmentFixtures;
import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Await;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rotation over HTTP on both databases: making an EC key the default makes new tokens ES256 (verified by Nimbus
 * through the JWKS), tokens signed before still verify while their key exists, and a deleted key's tokens stop
 * verifying; on a second node sharing the database, within the stated bound ({@link SigningKeyService#FRESHNESS}).
 */
@ParameterizedClass
@EnumSource(Db.class)
class KeyRotationTest {
    /** FRESHNESS plus generous slack for a slow machine: the bound itself is not what this asserts. */
    private static final Duration ACROSS_NODES = SigningKeyService.FRESHNESS.plusSeconds(25);

    @Parameter
    Db db;

    @Test
    void anEcDefaultSignsEs256AndOldTokensVerifyUntilTheirKeyIsDeleted() throws Exception {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String base = server.baseUrl();
        var app = EnvironmentFixtures.worker(admin, env);
        String before = KeyFixtures.token(base, app);
        String rsaKey = SignedJWT.parse(before).getHeader().getKeyID();
        assertThat(SignedJWT.parse(before).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);

        String ecKey = KeyFixtures.create(admin, env, body("EC", 256, "SHA256withECDSA"));
        // Published before it signs anything, so relying parties can fetch it ahead of the switch.
        assertThat(KeyFixtures.jwks(base, env).getKeyByKeyId(ecKey)).isInstanceOf(ECKey.class);
        assertThat(SignedJWT.parse(KeyFixtures.token(base, app)).getHeader().getKeyID())
                .isEqualTo(rsaKey);
        KeyFixtures.makeDefault(admin, env, ecKey);
        admin.get(KEY, env, rsaKey).then().body("default", equalTo(false));

        String after = KeyFixtures.token(base, app);
        SignedJWT afterJwt = SignedJWT.parse(after);
        assertThat(afterJwt.getHeader().getKeyID()).isEqualTo(ecKey);
        assertThat(afterJwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(KeyFixtures.verifiedByJwks(base, env, after)).isPresent();
        assertThat(KeyFixtures.verifiedByJwks(base, env, before)).isPresent();
        assertThat(KeyFixtures.active(base, app, after)).isTrue();
        assertThat(KeyFixtures.active(base, app, before)).isTrue();
        RestAssured.given()
                .baseUri(base)
                .get("/" + env + "/as/.well-known/openid-configuration")
                .then()
                .statusCode(200)
                .body("id_token_signing_alg_values_supported", equalTo(List.of("ES256", "RS256")));

        admin.delete(KEY, env, rsaKey).then().statusCode(204);
        assertThat(KeyFixtures.jwks(base, env).getKeyByKeyId(rsaKey)).isNull();
        assertThat(KeyFixtures.verifiedByJwks(base, env, before)).isEmpty();
        assertThat(KeyFixtures.active(base, app, before)).isFalse();
        assertThat(KeyFixtures.active(base, app, after)).isTrue();
        RestAssured.given()
                .baseUri(base)
                .get("/" + env + "/as/.well-known/openid-configuration")
                .then()
                .body("id_token_signing_alg_values_supported", equalTo(List.of("ES256")));
    }

    @Test
    void aManagementTokenSignedByADeletedKeyNoLongerOpensTheManagementApi() throws Exception {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        // A worker administering its own environment: its token is the management API's bearer token.
        var worker = EnvironmentFixtures.worker(admin, env);
        EnvironmentFixtures.grantRole(server, worker, BuiltInRole.ENVIRONMENT_ADMIN, "ENVIRONMENT", env);
        Api old = Api.withClientCredentials(server, env, worker.id(), worker.secret());
        String oldKey = SignedJWT.parse(old.token()).getHeader().getKeyID();
        old.get(KeyFixtures.KEYS, env).then().statusCode(200);

        String newKey = KeyFixtures.create(old, env, body("EC", 384, "SHA384withECDSA"));
        KeyFixtures.makeDefault(old, env, newKey);
        Api fresh = Api.withClientCredentials(server, env, worker.id(), worker.secret());
        assertThat(SignedJWT.parse(fresh.token()).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES384);
        old.get(KeyFixtures.KEYS, env).then().statusCode(200);
        fresh.delete(KEY, env, oldKey).then().statusCode(204);
        old.get(KeyFixtures.KEYS, env).then().statusCode(401);
        fresh.get(KeyFixtures.KEYS, env).then().statusCode(200);
    }

    @Test
    void aUsersIdTokenAndUserinfoFollowTheRotation() throws Exception {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        SignOnFixtures.App app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        SignOnFixtures.grantOpenid(admin, env, app.id(), "profile");
        String username = "user-" + UUID.randomUUID();
        SignOnFixtures.user(admin, env, username, PASSWORD, false);
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);

        Response rsaTokens = tokens(client, app, username);
        String rsaKey = SignedJWT.parse(rsaTokens.path("id_token")).getHeader().getKeyID();
        String ecKey = KeyFixtures.create(admin, env, body("EC", 256, "SHA256withECDSA"));
        KeyFixtures.makeDefault(admin, env, ecKey);

        Response ecTokens = tokens(client, app, username);
        SignedJWT idToken = SignedJWT.parse(ecTokens.path("id_token"));
        assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(idToken.getHeader().getKeyID()).isEqualTo(ecKey);
        assertThat(KeyFixtures.verifiedByJwks(server.baseUrl(), env, idToken.serialize()))
                .isPresent();
        assertThat(idToken.getJWTClaimsSet().getStringClaim("at_hash"))
                .isEqualTo(AccessTokenHash.compute(
                                new BearerAccessToken(ecTokens.path("access_token")), JWSAlgorithm.ES256)
                        .getValue());
        userinfo(server, ecTokens.path("access_token")).then().statusCode(200);
        userinfo(server, rsaTokens.path("access_token")).then().statusCode(200);

        admin.delete(KEY, env, rsaKey).then().statusCode(204);
        userinfo(server, rsaTokens.path("access_token")).then().statusCode(401);
        userinfo(server, ecTokens.path("access_token")).then().statusCode(200);
    }

    @Test
    void aSecondNodeSignsWithTheNewDefaultAndRefusesADeletedKeyWithinTheBound() throws Exception {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        var app = EnvironmentFixtures.worker(admin, env);
        try (Latchkey second = server.sibling()) {
            String other = "http://localhost:" + second.port();
            // The second node has read the environment's keys (and caches the default).
            String before = KeyFixtures.token(other, app);
            String rsaKey = SignedJWT.parse(before).getHeader().getKeyID();
            assertThat(KeyFixtures.active(other, app, before)).isTrue();

            String ecKey = KeyFixtures.create(admin, env, body("EC", 256, "SHA256withECDSA"));
            KeyFixtures.makeDefault(admin, env, ecKey);
            // A token of the new key, from the first node, verifies on the second at once (before its list is
            // read again on schedule).
            String fromFirst = KeyFixtures.token(server.baseUrl(), app);
            assertThat(kid(fromFirst)).isEqualTo(ecKey);
            assertThat(KeyFixtures.active(other, app, fromFirst)).isTrue();
            Await.until(
                    "the second node signs with the new default key",
                    ACROSS_NODES,
                    () -> kid(KeyFixtures.token(other, app)).equals(ecKey));
            assertThat(KeyFixtures.active(other, app, before)).isTrue();

            admin.delete(KEY, env, rsaKey).then().statusCode(204);
            Await.until(
                    "the second node refuses a token of the deleted key",
                    ACROSS_NODES,
                    () -> !KeyFixtures.active(other, app, before));
            assertThat(KeyFixtures.active(other, app, KeyFixtures.token(other, app)))
                    .isTrue();
        }
    }

    private static String kid(String jwt) {
        try {
            return SignedJWT.parse(jwt).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static Response userinfo(TestServer server, String accessToken) {
        return RestAssured.given()
                .baseUri(server.baseUrl())
                .header("Authorization", "Bearer " + accessToken)
                .get("/{env}/as/userinfo", envOf(accessToken));
    }

    private static String envOf(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet().getStringClaim("env");
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static Response tokens(BrowserlessClient client, SignOnFixtures.App app, String username) {
        Response authorize = client.authorize(Map.of(
                        "response_type", "code",
                        "client_id", app.id(),
                        "redirect_uri", REDIRECT_URI,
                        "scope", "openid profile",
                        "state", "st",
                        "nonce", "n-1"))
                .then()
                .statusCode(302)
                .extract()
                .response();
        // The second time the browser's session answers at once.
        String code = BrowserlessClient.redirectParams(authorize).get("code");
        if (code == null) {
            String flow = BrowserlessClient.flowIdOf(authorize);
            client.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
            code = BrowserlessClient.redirectParams(
                            client.resume(flow).then().statusCode(302).extract().response())
                    .get("code");
        }
        return client.token(
                        Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                        app.id(),
                        app.secret())
                .then()
                .statusCode(200)
                .extract()
                .response();
    }
}
