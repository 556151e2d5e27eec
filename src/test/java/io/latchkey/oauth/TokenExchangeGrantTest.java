package io.latchkey.oauth;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.testkit.Fixtures;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code grant_type=urn:ietf:params:oauth:grant-type:token-exchange} at {@code /as/token}: a user's token, got by the
 * web app of {@link CodeFlowTestBase}, exchanged by another application for an access token of a custom resource.
 */
class TokenExchangeGrantTest extends CodeFlowTestBase {
    private static final String GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String ACCESS = "urn:ietf:params:oauth:token-type:access_token";
    private static final String ID = "urn:ietf:params:oauth:token-type:id_token";

    SignOnFixtures.App exchanger;
    String audience;
    String subjectAccess;
    String subjectId;

    @BeforeEach
    void exchangerAndSubjectTokens() {
        // REFRESH_TOKEN too: an exchange still gives no refresh token.
        exchanger = app(List.of("AUTHORIZATION_CODE", "REFRESH_TOKEN", "CLIENT_CREDENTIALS", "TOKEN_EXCHANGE"));
        String name = "Buzzer" + UUID.randomUUID().toString().substring(0, 8);
        String buzzer = SignOnFixtures.customResource(admin, env, name, false);
        audience = "https://api." + name.toLowerCase() + ".example.com";
        SignOnFixtures.grant(
                admin,
                env,
                exchanger.id(),
                buzzer,
                SignOnFixtures.scope(admin, env, buzzer, "buzz:read"),
                SignOnFixtures.scope(admin, env, buzzer, "buzz:write"));
        SignOnFixtures.grantOpenid(admin, env, exchanger.id(), "profile");
        Response tokens = exchange(code(client, app.id()))
                .then()
                .statusCode(200)
                .extract()
                .response();
        subjectAccess = tokens.path("access_token");
        subjectId = tokens.path("id_token");
    }

    private SignOnFixtures.App app(List<String> grantTypes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "tx-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", "WEB_APP");
        body.put("grantTypes", grantTypes);
        body.put("tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC");
        if (grantTypes.contains("AUTHORIZATION_CODE")) {
            body.put("responseTypes", List.of("CODE"));
            body.put("redirectUris", List.of(REDIRECT_URI));
        }
        String id = admin.post("/v1/environments/{env}/applications", body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String secret = admin.get("/v1/environments/{env}/applications/{id}/secret", env, id)
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        return new SignOnFixtures.App(id, secret);
    }

    private Response tokenExchange(String... params) {
        return tokenExchange(exchanger, params);
    }

    private Response tokenExchange(SignOnFixtures.App as, String... params) {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", GRANT));
        for (int i = 0; i < params.length; i += 2) {
            if (params[i + 1] != null) form.put(params[i], params[i + 1]);
        }
        return client.token(form, as.id(), as.secret());
    }

    private void refused(Response r, String error) {
        r.then().statusCode(400).body("error", equalTo(error));
    }

    @Test
    void aUsersAccessTokenIsExchangedForAnAccessTokenOfACustomResource() throws Exception {
        Response r = tokenExchange(
                        "subject_token",
                        subjectAccess,
                        "subject_token_type",
                        ACCESS,
                        "requested_token_type",
                        ACCESS,
                        "scope",
                        "buzz:read")
                .then()
                .statusCode(200)
                .body("issued_token_type", equalTo(ACCESS))
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("buzz:read"))
                .body("refresh_token", nullValue())
                .body("id_token", nullValue())
                .extract()
                .response();
        JWTClaimsSet issued = SignedJWT.parse(r.<String>path("access_token")).getJWTClaimsSet();
        JWTClaimsSet subject = SignedJWT.parse(subjectAccess).getJWTClaimsSet();
        assertThat(issued.getSubject()).isEqualTo(userId);
        assertThat(issued.getAudience()).containsExactly(audience);
        assertThat(issued.getStringClaim("client_id")).isEqualTo(exchanger.id());
        for (String claim : List.of("sid", "auth_time", "acr", "amr"))
            assertThat(issued.getClaim(claim)).as(claim).isEqualTo(subject.getClaim(claim));
        assertThat(issued.getClaims()).doesNotContainKey("act");

        client.request()
                .contentType("application/x-www-form-urlencoded")
                .auth()
                .preemptive()
                .basic(exchanger.id(), exchanger.secret())
                .formParam("token", r.<String>path("access_token"))
                .post("/" + env + "/as/introspect")
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("sub", equalTo(userId))
                .body("client_id", equalTo(exchanger.id()))
                .body("aud", hasItem(audience));
    }

    @Test
    void anIdTokenIsASubjectTokenToo() throws Exception {
        Response r = tokenExchange("subject_token", subjectId, "subject_token_type", ID, "scope", "buzz:write")
                .then()
                .statusCode(200)
                .body("issued_token_type", equalTo(ACCESS))
                .extract()
                .response();
        assertThat(SignedJWT.parse(r.<String>path("access_token"))
                        .getJWTClaimsSet()
                        .getSubject())
                .isEqualTo(userId);
    }

    @Test
    void anActorTokenAloneMakesNoActClaim() throws Exception {
        // As PingOne: act comes from the custom resource's attribute mappings only (TokenExchangeMappingsTest).
        String own = client.token(
                        Map.of("grant_type", "client_credentials", "scope", "buzz:read"),
                        exchanger.id(),
                        exchanger.secret())
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        Response r = tokenExchange(
                        "subject_token", subjectAccess,
                        "subject_token_type", ACCESS,
                        "actor_token", own,
                        "actor_token_type", ACCESS,
                        "scope", "buzz:read")
                .then()
                .statusCode(200)
                .extract()
                .response();
        JWTClaimsSet issued = SignedJWT.parse(r.<String>path("access_token")).getJWTClaimsSet();
        assertThat(issued.getSubject()).isEqualTo(userId);
        assertThat(issued.getClaims()).doesNotContainKey("act");
    }

    @Test
    void aRevokedSubjectTokenIsInvalidGrant() {
        client.request()
                .contentType("application/x-www-form-urlencoded")
                .auth()
                .preemptive()
                .basic(app.id(), app.secret())
                .formParam("token", subjectAccess)
                .post("/" + env + "/as/revoke")
                .then()
                .statusCode(200);
        refused(
                tokenExchange("subject_token", subjectAccess, "subject_token_type", ACCESS, "scope", "buzz:read"),
                "invalid_grant");
    }

    @Test
    void aForgedOrMalformedSubjectTokenIsInvalidGrant() throws Exception {
        SignedJWT genuine = SignedJWT.parse(subjectAccess);
        RSAKey impostor =
                new RSAKeyGenerator(2048).keyID(genuine.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(impostor.getKeyID())
                        .build(),
                genuine.getJWTClaimsSet());
        forged.sign(new RSASSASigner(impostor));
        refused(
                tokenExchange("subject_token", forged.serialize(), "subject_token_type", ACCESS, "scope", "buzz:read"),
                "invalid_grant");
        refused(
                tokenExchange("subject_token", "not-a-jwt", "subject_token_type", ACCESS, "scope", "buzz:read"),
                "invalid_grant");
    }

    @Test
    void aTokenOfTheWrongTypeIsInvalidGrant() {
        refused(
                tokenExchange("subject_token", subjectId, "subject_token_type", ACCESS, "scope", "buzz:read"),
                "invalid_grant");
        refused(
                tokenExchange("subject_token", subjectAccess, "subject_token_type", ID, "scope", "buzz:read"),
                "invalid_grant");
    }

    @Test
    void aTokenOfAnotherEnvironmentIsInvalidGrant() {
        String other = Fixtures.environment(admin);
        SignOnFixtures.App otherApp = SignOnFixtures.webApp(admin, other, "CLIENT_SECRET_BASIC");
        SignOnFixtures.user(admin, other, username, PASSWORD, false);
        BrowserlessClient otherClient = new BrowserlessClient(server.baseUrl(), other);
        String foreign = otherClient
                .token(
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                code(otherClient, otherApp.id(), "scope", "openid"),
                                "redirect_uri",
                                REDIRECT_URI),
                        otherApp.id(),
                        otherApp.secret())
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        refused(
                tokenExchange("subject_token", foreign, "subject_token_type", ACCESS, "scope", "buzz:read"),
                "invalid_grant");
    }

    @Test
    void anApplicationWithoutTheGrantTypeIsUnauthorizedClient() {
        refused(
                tokenExchange(app, "subject_token", subjectAccess, "subject_token_type", ACCESS, "scope", "buzz:read"),
                "unauthorized_client");
    }

    @Test
    void missingOrUnsupportedTokenTypesAreInvalidRequest() {
        refused(tokenExchange("subject_token_type", ACCESS, "scope", "buzz:read"), "invalid_request");
        refused(tokenExchange("subject_token", subjectAccess, "scope", "buzz:read"), "invalid_request");
        for (String type : List.of(
                "urn:ietf:params:oauth:token-type:jwt",
                "urn:ietf:params:oauth:token-type:refresh_token",
                "urn:ietf:params:oauth:token-type:saml2")) {
            refused(
                    tokenExchange("subject_token", subjectAccess, "subject_token_type", type, "scope", "buzz:read"),
                    "invalid_request");
            refused(
                    tokenExchange(
                            "subject_token", subjectAccess,
                            "subject_token_type", ACCESS,
                            "requested_token_type", type,
                            "scope", "buzz:read"),
                    "invalid_request");
        }
        refused(
                tokenExchange(
                        "subject_token", subjectAccess,
                        "subject_token_type", ACCESS,
                        "actor_token", subjectId,
                        "scope", "buzz:read"),
                "invalid_request");
    }

    @Test
    void scopesMustBeGrantedToTheExchangerAndBelongToACustomResource() {
        for (String scope : List.of("buzz:delete", "openid", "profile", "")) {
            refused(
                    tokenExchange("subject_token", subjectAccess, "subject_token_type", ACCESS, "scope", scope),
                    "invalid_scope");
        }
    }

    @Test
    void anAudienceOrResourceMustBeTheCustomResources() {
        tokenExchange(
                        "subject_token", subjectAccess,
                        "subject_token_type", ACCESS,
                        "scope", "buzz:read",
                        "audience", audience,
                        "resource", audience)
                .then()
                .statusCode(200);
        for (String parameter : List.of("audience", "resource")) {
            refused(
                    tokenExchange(
                            "subject_token",
                            subjectAccess,
                            "subject_token_type",
                            ACCESS,
                            "scope",
                            "buzz:read",
                            parameter,
                            "https://elsewhere.example.com"),
                    "invalid_target");
        }
    }
}
