package io.latchkey.oauth;

import static io.latchkey.environments.EnvironmentFixtures.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.environments.EnvironmentFixtures.Client;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code POST /{envId}/as/token} with {@code grant_type=client_credentials}. */
class TokenEndpointTest {
    private TestServer server() { return TestServer.shared(); }

    private Api admin() { return server().admin(); }

    private RequestSpecification anonymous() { return server().anonymous().request(); }

    private Response basic(Client c, String secret, String grantType) {
        RequestSpecification r = anonymous().auth().preemptive().basic(c.id(), secret);
        if (grantType != null) r = r.formParam("grant_type", grantType);
        return r.post("/" + c.environmentId() + "/as/token");
    }

    private Response post(Client c, String secret, String grantType) {
        return anonymous().formParam("grant_type", grantType).formParam("client_id", c.id()).formParam("client_secret", secret)
                .post("/" + c.environmentId() + "/as/token");
    }

    private static void isInvalidClient(Response r) {
        r.then().statusCode(401).body("error", equalTo("invalid_client")).header("WWW-Authenticate", startsWith("Basic"))
                .header("Cache-Control", "no-store");
        assertThat(r.jsonPath().getMap("$")).doesNotContainKey("access_token");
    }

    @Test
    void clientSecretBasicGivesAnRs256TokenSignedWithTheEnvironmentsOwnKey() throws Exception {
        String env = Fixtures.environment(admin());
        Client worker = client(admin(), env, "WORKER", "CLIENT_SECRET_BASIC");
        Response r = basic(worker, worker.secret(), "client_credentials");
        r.then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .body("access_token", notNullValue());
        SignedJWT jwt = SignedJWT.parse(r.path("access_token"));
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        JWKSet jwks = JWKSet.parse(anonymous().get("/" + env + "/as/jwks").asString());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("the token's kid is in the environment's JWKS").isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(server().baseUrl() + "/" + env + "/as");
        assertThat(claims.getAudience()).contains("https://api.pingone.com");
        assertThat(claims.getStringClaim("client_id")).isEqualTo(worker.id());
        assertThat(claims.getSubject()).isEqualTo(worker.id());
        assertThat(claims.getStringClaim("env")).isEqualTo(env);
        assertThat(claims.getStringClaim("org")).isNotBlank();
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(3_600_000);
        // The other environments' keys do not verify it.
        String other = Fixtures.environment(admin());
        RSAKey otherKey = (RSAKey) JWKSet.parse(anonymous().get("/" + other + "/as/jwks").asString()).getKeys().get(0);
        assertThat(jwt.verify(new RSASSAVerifier(otherKey))).isFalse();
    }

    @Test
    void clientSecretPostWorksForAnApplicationRegisteredForIt() {
        String env = Fixtures.environment(admin());
        Client worker = client(admin(), env, "WORKER", "CLIENT_SECRET_POST");
        post(worker, worker.secret(), "client_credentials").then().statusCode(200).body("token_type", equalTo("Bearer"));
    }

    @Test
    void aClientIdInUpperCaseIsTheSameClient() {
        String env = Fixtures.environment(admin());
        Client worker = client(admin(), env, "WORKER", "CLIENT_SECRET_BASIC");
        Client shouted = new Client(env, worker.id().toUpperCase(java.util.Locale.ROOT), worker.secret());
        basic(shouted, worker.secret(), "client_credentials").then().statusCode(200).body("token_type", equalTo("Bearer"));
        isInvalidClient(basic(shouted, worker.secret() + "x", "client_credentials"));
    }

    @Test
    void aWrongSecretIsInvalidClient() {
        String env = Fixtures.environment(admin());
        Client basicApp = client(admin(), env, "WORKER", "CLIENT_SECRET_BASIC");
        Client postApp = client(admin(), env, "WORKER", "CLIENT_SECRET_POST");
        isInvalidClient(basic(basicApp, basicApp.secret() + "x", "client_credentials"));
        isInvalidClient(basic(basicApp, "", "client_credentials"));
        isInvalidClient(post(postApp, postApp.secret().substring(1), "client_credentials"));
        isInvalidClient(basic(basicApp, postApp.secret(), "client_credentials"));
    }

    @Test
    void aMethodOtherThanTheRegisteredOneIsInvalidClient() {
        String env = Fixtures.environment(admin());
        Client basicApp = client(admin(), env, "WORKER", "CLIENT_SECRET_BASIC");
        Client postApp = client(admin(), env, "WORKER", "CLIENT_SECRET_POST");
        isInvalidClient(post(basicApp, basicApp.secret(), "client_credentials"));
        isInvalidClient(basic(postApp, postApp.secret(), "client_credentials"));
        // Without any client authentication at all.
        isInvalidClient(anonymous().formParam("grant_type", "client_credentials").formParam("client_id", basicApp.id())
                .post("/" + env + "/as/token"));
    }

    @Test
    void anUnknownOrMalformedClientIsInvalidClient() {
        String env = Fixtures.environment(admin());
        isInvalidClient(basic(new Client(env, UUID.randomUUID().toString(), "s"), "s", "client_credentials"));
        isInvalidClient(basic(new Client(env, "not-a-uuid", "s"), "s", "client_credentials"));
        isInvalidClient(basic(new Client(env, "a\u0000b", "s"), "s", "client_credentials"));
        // A NUL in a form body is malformed before any client is looked up.
        post(new Client(env, "a\u0000b", "s"), "s", "client_credentials").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        isInvalidClient(anonymous().header("Authorization", "Basic %%%").formParam("grant_type", "client_credentials")
                .post("/" + env + "/as/token"));
    }

    @Test
    void aClientOfAnotherEnvironmentIsInvalidClient() {
        String env = Fixtures.environment(admin());
        String other = Fixtures.environment(admin());
        Client worker = client(admin(), env, "WORKER", "CLIENT_SECRET_BASIC");
        isInvalidClient(basic(new Client(other, worker.id(), worker.secret()), worker.secret(), "client_credentials"));
    }

    @Test
    void aDisabledApplicationIsInvalidClient() {
        String env = Fixtures.environment(admin());
        Client worker = client(admin(), env, "WORKER", "CLIENT_SECRET_BASIC");
        admin().put("/v1/environments/{env}/applications/{id}", Map.of("name", "off", "enabled", false, "protocol", "OPENID_CONNECT",
                "type", "WORKER", "tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC", "grantTypes", List.of("CLIENT_CREDENTIALS")),
                env, worker.id()).then().statusCode(200);
        isInvalidClient(basic(worker, worker.secret(), "client_credentials"));
    }

    @Test
    void anUnsupportedGrantTypeIsUnsupportedGrantType() {
        Client admin = new Client(server().adminEnvironmentId, server().adminClientId, server().adminClientSecret);
        basic(admin, admin.secret(), "urn:example:no-such-grant").then().statusCode(400)
                .body("error", equalTo("unsupported_grant_type")).header("Cache-Control", "no-store");
    }

    @Test
    void aMissingGrantTypeIsInvalidRequest() {
        Client admin = new Client(server().adminEnvironmentId, server().adminClientId, server().adminClientSecret);
        basic(admin, admin.secret(), null).then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void aBodyThatIsNotAFormIsInvalidRequest() {
        anonymous().auth().preemptive().basic(server().adminClientId, server().adminClientSecret)
                .contentType("application/json").body("{\"grant_type\":\"client_credentials\"}")
                .post("/" + server().adminEnvironmentId + "/as/token").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void anApplicationWithoutTheClientCredentialsGrantIsUnauthorizedClient() {
        String env = Fixtures.environment(admin());
        String id = admin().post("/v1/environments/{env}/applications", Map.of("name", "web", "enabled", true,
                "protocol", "OPENID_CONNECT", "type", "WEB_APP", "grantTypes", List.of("AUTHORIZATION_CODE"),
                "responseTypes", List.of("CODE"), "redirectUris", List.of("https://app.example.com/cb"),
                "tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC"), env).then().statusCode(201).extract().path("id");
        String secret = admin().get("/v1/environments/{env}/applications/{id}/secret", env, id).path("secret");
        basic(new Client(env, id, secret), secret, "client_credentials").then().statusCode(400)
                .body("error", equalTo("unauthorized_client"));
    }

    @Test
    void getOnTheTokenEndpointIs405() {
        anonymous().get("/" + server().adminEnvironmentId + "/as/token").then().statusCode(405);
    }
}
