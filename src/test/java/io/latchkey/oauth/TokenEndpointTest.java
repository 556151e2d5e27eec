package io.latchkey.oauth;

import static io.latchkey.environments.EnvironmentFixtures.client;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.latchkey.environments.EnvironmentFixtures.Client;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What {@code POST /{envId}/as/token} does whatever the grant: client authentication (every method, and the ways it
 * fails), malformed requests, unsupported grant types. Each grant has its class: {@link AuthorizationCodeGrantTest},
 * {@link RefreshTokenGrantTest}, {@link ClientCredentialsGrantTest}.
 */
class TokenEndpointTest {
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

    private Response post(Client c, String secret, String grantType) {
        return anonymous()
                .formParam("grant_type", grantType)
                .formParam("client_id", c.id())
                .formParam("client_secret", secret)
                .post("/" + c.environmentId() + "/as/token");
    }

    private static void isInvalidClient(Response r) {
        r.then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"))
                .header("WWW-Authenticate", startsWith("Basic"))
                .header("Cache-Control", "no-store");
        assertThat(r.jsonPath().getMap("$")).doesNotContainKey("access_token");
    }

    @Test
    void clientSecretPostWorksForAnApplicationRegisteredForIt() {
        String env = Fixtures.environment(admin());
        Client worker = client(admin(), env, "WORKER", "CLIENT_SECRET_POST");
        post(worker, worker.secret(), "client_credentials")
                .then()
                .statusCode(200)
                .body("token_type", equalTo("Bearer"));
    }

    @Test
    void aClientIdInUpperCaseIsTheSameClient() {
        String env = Fixtures.environment(admin());
        Client worker = client(admin(), env, "WORKER", "CLIENT_SECRET_BASIC");
        Client shouted = new Client(env, worker.id().toUpperCase(java.util.Locale.ROOT), worker.secret());
        basic(shouted, worker.secret(), "client_credentials")
                .then()
                .statusCode(200)
                .body("token_type", equalTo("Bearer"));
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
        isInvalidClient(anonymous()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", basicApp.id())
                .post("/" + env + "/as/token"));
    }

    @Test
    void anUnknownOrMalformedClientIsInvalidClient() {
        String env = Fixtures.environment(admin());
        isInvalidClient(basic(new Client(env, UUID.randomUUID().toString(), "s"), "s", "client_credentials"));
        isInvalidClient(basic(new Client(env, "not-a-uuid", "s"), "s", "client_credentials"));
        isInvalidClient(basic(new Client(env, "a\u0000b", "s"), "s", "client_credentials"));
        // A NUL in a form body is malformed before any client is looked up.
        post(new Client(env, "a\u0000b", "s"), "s", "client_credentials")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
        isInvalidClient(anonymous()
                .header("Authorization", "Basic %%%")
                .formParam("grant_type", "client_credentials")
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
        admin().put(
                        "/v1/environments/{env}/applications/{id}",
                        Map.of(
                                "name",
                                "off",
                                "enabled",
                                false,
                                "protocol",
                                "OPENID_CONNECT",
                                "type",
                                "WORKER",
                                "tokenEndpointAuthMethod",
                                "CLIENT_SECRET_BASIC",
                                "grantTypes",
                                List.of("CLIENT_CREDENTIALS")),
                        env,
                        worker.id())
                .then()
                .statusCode(200);
        isInvalidClient(basic(worker, worker.secret(), "client_credentials"));
    }

    @Test
    void anUnsupportedGrantTypeIsUnsupportedGrantType() {
        Client admin = new Client(server().adminEnvironmentId, server().adminClientId, server().adminClientSecret);
        basic(admin, admin.secret(), "urn:example:no-such-grant")
                .then()
                .statusCode(400)
                .body("error", equalTo("unsupported_grant_type"))
                .header("Cache-Control", "no-store");
    }

    @Test
    void aMissingGrantTypeIsInvalidRequest() {
        Client admin = new Client(server().adminEnvironmentId, server().adminClientId, server().adminClientSecret);
        basic(admin, admin.secret(), null).then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void aBodyThatIsNotAFormIsInvalidRequest() {
        anonymous()
                .auth()
                .preemptive()
                .basic(server().adminClientId, server().adminClientSecret)
                .contentType("application/json")
                .body("{\"grant_type\":\"client_credentials\"}")
                .post("/" + server().adminEnvironmentId + "/as/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void getOnTheTokenEndpointIs405() {
        anonymous().get("/" + server().adminEnvironmentId + "/as/token").then().statusCode(405);
    }

    /** Client authentication when a code is exchanged (the codes of a signed-on user). */
    @Nested
    class ExchangingACode extends CodeFlowTestBase {
        @Test
        void wrongClientSecretIsInvalidClient() {
            String code = code(client, app.id());
            client.token(
                            Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                            app.id(),
                            "nope")
                    .then()
                    .statusCode(401)
                    .body("error", equalTo("invalid_client"));
            exchange(code).then().statusCode(200);
        }

        @Test
        void clientSecretPostIsRefusedForABasicClientAtTheTokenEndpoint() {
            String code = code(client, app.id());
            client.token(
                            Map.of(
                                    "grant_type",
                                    "authorization_code",
                                    "code",
                                    code,
                                    "redirect_uri",
                                    REDIRECT_URI,
                                    "client_id",
                                    app.id(),
                                    "client_secret",
                                    app.secret()),
                            null,
                            null)
                    .then()
                    .statusCode(401)
                    .body("error", equalTo("invalid_client"));
        }

        @Test
        void clientSecretJwtAuthenticates() throws Exception {
            SignOnFixtures.App jwtApp = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_JWT");
            String code = code(client, jwtApp.id(), "scope", "openid");
            ClientSecretJWT assertion = new ClientSecretJWT(
                    new ClientID(jwtApp.id()),
                    URI.create(server.baseUrl() + "/" + env + "/as/token"),
                    JWSAlgorithm.HS256,
                    new Secret(jwtApp.secret()));
            Map<String, String> form = new LinkedHashMap<>(Map.of(
                    "grant_type",
                    "authorization_code",
                    "code",
                    code,
                    "redirect_uri",
                    REDIRECT_URI,
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                    "client_assertion",
                    assertion.getClientAssertion().serialize()));
            client.token(form, null, null).then().statusCode(200);
            // The same assertion cannot be used twice.
            form.put("code", code(client, jwtApp.id(), "scope", "openid"));
            client.token(form, null, null).then().statusCode(401).body("error", equalTo("invalid_client"));
        }

        @Test
        void privateKeyJwtAuthenticatesWithTheRegisteredKey() throws Exception {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID("k1")
                    .keyUse(KeyUse.SIGNATURE)
                    .generate();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", "pkjwt-" + UUID.randomUUID());
            body.put("enabled", true);
            body.put("protocol", "OPENID_CONNECT");
            body.put("type", "WEB_APP");
            body.put("grantTypes", List.of("AUTHORIZATION_CODE"));
            body.put("responseTypes", List.of("CODE"));
            body.put("tokenEndpointAuthMethod", "PRIVATE_KEY_JWT");
            body.put("redirectUris", List.of(REDIRECT_URI));
            body.put("jwks", "{\"keys\":[" + key.toPublicJWK().toJSONString() + "]}");
            String id = admin.post("/v1/environments/{env}/applications", body, env)
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            String code = code(client, id, "scope", "openid");
            PrivateKeyJWT assertion = new PrivateKeyJWT(
                    new ClientID(id),
                    URI.create(server.baseUrl() + "/" + env + "/as/token"),
                    JWSAlgorithm.RS256,
                    key.toRSAPrivateKey(),
                    "k1",
                    null);
            client.token(
                            Map.of(
                                    "grant_type",
                                    "authorization_code",
                                    "code",
                                    code,
                                    "redirect_uri",
                                    REDIRECT_URI,
                                    "client_assertion_type",
                                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                                    "client_assertion",
                                    assertion.getClientAssertion().serialize()),
                            null,
                            null)
                    .then()
                    .statusCode(200);
            RSAKey other = new RSAKeyGenerator(2048).keyID("k1").generate();
            PrivateKeyJWT forged = new PrivateKeyJWT(
                    new ClientID(id),
                    URI.create(server.baseUrl() + "/" + env + "/as/token"),
                    JWSAlgorithm.RS256,
                    other.toRSAPrivateKey(),
                    "k1",
                    null);
            client.token(
                            Map.of(
                                    "grant_type",
                                    "authorization_code",
                                    "code",
                                    code(client, id, "scope", "openid"),
                                    "redirect_uri",
                                    REDIRECT_URI,
                                    "client_assertion_type",
                                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                                    "client_assertion",
                                    forged.getClientAssertion().serialize()),
                            null,
                            null)
                    .then()
                    .statusCode(401);
        }
    }
}
