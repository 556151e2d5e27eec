package io.latchkey.oauth;

import static io.latchkey.environments.EnvironmentFixtures.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

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
import org.junit.jupiter.api.Test;

/** {@code POST /{envId}/as/token} with {@code grant_type=client_credentials}. */
class ClientCredentialsGrantTest {
    private TestServer server() {
        return TestServer.shared();
    }

    private Api admin() {
        return server().admin();
    }

    private RequestSpecification anonymous() {
        return server().anonymous().request();
    }

    private Response basic(Client c, String secret, String grantType) {
        RequestSpecification r = anonymous().auth().preemptive().basic(c.id(), secret);
        if (grantType != null) r = r.formParam("grant_type", grantType);
        return r.post("/" + c.environmentId() + "/as/token");
    }

    @Test
    void clientSecretBasicGivesAnRs256TokenSignedWithTheEnvironmentsOwnKey() throws Exception {
        String env = Fixtures.environment(admin());
        Client worker = client(admin(), env, "WORKER", "CLIENT_SECRET_BASIC");
        Response r = basic(worker, worker.secret(), "client_credentials");
        r.then()
                .statusCode(200)
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
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
                .isEqualTo(3_600_000);
        // The other environments' keys do not verify it.
        String other = Fixtures.environment(admin());
        RSAKey otherKey =
                (RSAKey) JWKSet.parse(anonymous().get("/" + other + "/as/jwks").asString())
                        .getKeys()
                        .get(0);
        assertThat(jwt.verify(new RSASSAVerifier(otherKey))).isFalse();
    }

    @Test
    void anApplicationWithoutTheClientCredentialsGrantIsUnauthorizedClient() {
        String env = Fixtures.environment(admin());
        String id = admin().post(
                        "/v1/environments/{env}/applications",
                        Map.of(
                                "name",
                                "web",
                                "enabled",
                                true,
                                "protocol",
                                "OPENID_CONNECT",
                                "type",
                                "WEB_APP",
                                "grantTypes",
                                List.of("AUTHORIZATION_CODE"),
                                "responseTypes",
                                List.of("CODE"),
                                "redirectUris",
                                List.of("https://app.example.com/cb"),
                                "tokenEndpointAuthMethod",
                                "CLIENT_SECRET_BASIC"),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String secret = admin().get("/v1/environments/{env}/applications/{id}/secret", env, id)
                .path("secret");
        basic(new Client(env, id, secret), secret, "client_credentials")
                .then()
                .statusCode(400)
                .body("error", equalTo("unauthorized_client"));
    }
}
