package io.latchkey.oauth;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Token, introspection, userinfo, revocation and sign-off after a browser-less sign-on. */
class TokenApiTest {
    TestServer server;
    Api admin;
    String env;
    SignOnFixtures.App app;
    String username;
    String userId;
    BrowserlessClient client;

    @BeforeEach
    void setUp() {
        server = TestServer.shared();
        admin = server.admin();
        env = Fixtures.environment(admin);
        app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        SignOnFixtures.grantOpenid(admin, env, app.id(), "profile", "email");
        username = "user-" + UUID.randomUUID();
        userId = SignOnFixtures.user(admin, env, username, PASSWORD, false);
        client = new BrowserlessClient(server.baseUrl(), env);
    }

    /** Signs on and returns the code delivered to the redirect URI. */
    private String code(BrowserlessClient c, String clientId, String... extra) {
        Map<String, String> p = new HashMap<>(Map.of("response_type", "code", "client_id", clientId,
                "redirect_uri", REDIRECT_URI, "scope", "openid profile email", "state", "st", "nonce", "n-0S6"));
        for (int i = 0; i < extra.length; i += 2) p.put(extra[i], extra[i + 1]);
        Response authorize = c.authorize(p).then().statusCode(302).extract().response();
        if (authorize.getHeader("Location").startsWith(REDIRECT_URI)) {
            // The browser is signed on already (SSO): the code comes at once.
            return BrowserlessClient.redirectParams(authorize).get("code");
        }
        String flow = BrowserlessClient.flowIdOf(authorize);
        c.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
        Response resume = c.resume(flow).then().statusCode(302).extract().response();
        return BrowserlessClient.redirectParams(resume).get("code");
    }

    private Response exchange(String code) {
        return client.token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI), app.id(), app.secret());
    }

    @Test
    void codeExchangeGivesAccessIdAndRefreshTokens() throws Exception {
        Response t = exchange(code(client, app.id()));
        t.then().statusCode(200).header("Cache-Control", containsString("no-store")).body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("openid profile email")).body("refresh_token", notNullValue());
        SignedJWT access = SignedJWT.parse(t.path("access_token"));
        assertThat(access.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo(userId);
        assertThat(access.getJWTClaimsSet().getIssuer()).isEqualTo(server.baseUrl() + "/" + env + "/as");
        assertThat(access.getJWTClaimsSet().getClaims()).containsKeys("sid", "env", "org", "jti", "auth_time", "acr", "amr", "client_id");
        SignedJWT id = SignedJWT.parse(t.path("id_token"));
        assertThat(id.getJWTClaimsSet().getAudience()).containsExactly(app.id());
        assertThat(id.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n-0S6");
        assertThat(id.getJWTClaimsSet().getStringClaim("at_hash")).isNotBlank();
        assertThat(id.getJWTClaimsSet().getStringClaim("email")).isEqualTo(username + "@example.com");
        assertThat(id.getJWTClaimsSet().getStringClaim("given_name")).isEqualTo("Ada");
    }

    @Test
    void aCodeWorksOnceAndItsReplayRevokesWhatItGave() {
        String code = code(client, app.id());
        String access = exchange(code).then().statusCode(200).extract().path("access_token");
        exchange(code).then().statusCode(400).body("error", equalTo("invalid_grant"));
        introspect(access).then().body("active", equalTo(false));
    }

    @Test
    void redirectUriMustMatchTheAuthorizeRequest() {
        String code = code(client, app.id());
        client.token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI + "/other"),
                app.id(), app.secret()).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void aCodeGivesTheScopesDecidedAtAuthorizeEvenIfTheGrantEndsBeforeTheExchange() throws Exception {
        String api = SignOnFixtures.customResource(admin, env, "Decided" + UUID.randomUUID().toString().substring(0, 8), false);
        SignOnFixtures.grant(admin, env, app.id(), api, SignOnFixtures.scope(admin, env, api, "read"));
        String code = code(client, app.id(), "scope", "openid read");
        List<Map<String, Object>> grants = admin.get("/v1/environments/{env}/applications/{app}/grants", env, app.id())
                .then().statusCode(200).extract().path("_embedded.grants");
        grants.stream().filter(g -> api.equals(((Map<?, ?>) g.get("resource")).get("id"))).forEach(g -> admin
                .delete("/v1/environments/{env}/applications/{app}/grants/{g}", env, app.id(), g.get("id")).then().statusCode(204));

        Response t = exchange(code);

        t.then().statusCode(200).body("scope", equalTo("openid read")).body("expires_in", equalTo(7200));
        assertThat(SignedJWT.parse(t.path("access_token")).getJWTClaimsSet().getAudience())
                .containsExactly(admin.get("/v1/environments/{env}/resources/{r}", env, api).path("audience").toString());
        // A refresh decides again, as the grant stands now.
        client.token(Map.of("grant_type", "refresh_token", "refresh_token", t.path("refresh_token")), app.id(), app.secret())
                .then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    void wrongClientSecretIsInvalidClient() {
        String code = code(client, app.id());
        client.token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI), app.id(), "nope")
                .then().statusCode(401).body("error", equalTo("invalid_client"));
        exchange(code).then().statusCode(200);
    }

    @Test
    void publicClientWithPkceS256SignsOn() {
        SignOnFixtures.App spa = SignOnFixtures.singlePageApp(admin, env);
        CodeVerifier verifier = new CodeVerifier();
        String challenge = CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue();
        String code = code(client, spa.id(), "scope", "openid", "code_challenge", challenge, "code_challenge_method", "S256");
        client.token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI,
                "client_id", spa.id(), "code_verifier", new CodeVerifier().getValue()), null, null)
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
        String code2 = code(client, spa.id(), "scope", "openid", "code_challenge", challenge, "code_challenge_method", "S256");
        client.token(Map.of("grant_type", "authorization_code", "code", code2, "redirect_uri", REDIRECT_URI,
                "client_id", spa.id()), null, null).then().statusCode(400).body("error", equalTo("invalid_grant"));
        String code3 = code(client, spa.id(), "scope", "openid", "code_challenge", challenge, "code_challenge_method", "S256");
        client.token(Map.of("grant_type", "authorization_code", "code", code3, "redirect_uri", REDIRECT_URI,
                "client_id", spa.id(), "code_verifier", verifier.getValue()), null, null)
                .then().statusCode(200).body("access_token", notNullValue()).body("refresh_token", nullValue());
    }

    @Test
    void aVerifierWithoutABoundChallengeIsRejected() {
        String code = code(client, app.id());
        client.token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI,
                "code_verifier", new CodeVerifier().getValue()), app.id(), app.secret())
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void refreshTokensRotateAndAReplayRevokesTheFamily() {
        Response first = exchange(code(client, app.id()));
        String refresh1 = first.path("refresh_token");
        Response second = client.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh1), app.id(), app.secret());
        second.then().statusCode(200).body("refresh_token", notNullValue());
        String refresh2 = second.path("refresh_token");
        assertThat(refresh2).isNotEqualTo(refresh1);
        client.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh1), app.id(), app.secret())
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
        client.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh2), app.id(), app.secret())
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
        introspect(second.path("access_token")).then().body("active", equalTo(false));
    }

    @Test
    void aRefusedRefreshLeavesTheRefreshTokenUsable() {
        Response first = exchange(code(client, app.id()));
        String refresh = first.path("refresh_token");
        client.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh, "scope", "openid address"),
                app.id(), app.secret()).then().statusCode(400).body("error", equalTo("invalid_scope"));
        client.token(Map.of("grant_type", "refresh_token", "refresh_token", refresh), app.id(), app.secret())
                .then().statusCode(200).body("refresh_token", notNullValue());
        introspect(first.path("access_token")).then().body("active", equalTo(true));
    }

    @Test
    void clientSecretPostIsRefusedForABasicClientAtTheTokenEndpoint() {
        String code = code(client, app.id());
        client.token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI,
                "client_id", app.id(), "client_secret", app.secret()), null, null)
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void clientSecretJwtAuthenticates() throws Exception {
        SignOnFixtures.App jwtApp = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_JWT");
        String code = code(client, jwtApp.id(), "scope", "openid");
        ClientSecretJWT assertion = new ClientSecretJWT(new ClientID(jwtApp.id()), URI.create(server.baseUrl() + "/" + env + "/as/token"),
                JWSAlgorithm.HS256, new Secret(jwtApp.secret()));
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion.getClientAssertion().serialize()));
        client.token(form, null, null).then().statusCode(200);
        // The same assertion cannot be used twice.
        form.put("code", code(client, jwtApp.id(), "scope", "openid"));
        client.token(form, null, null).then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void privateKeyJwtAuthenticatesWithTheRegisteredKey() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").keyUse(KeyUse.SIGNATURE).generate();
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
        String id = admin.post("/v1/environments/{env}/applications", body, env).then().statusCode(201).extract().path("id");
        String code = code(client, id, "scope", "openid");
        PrivateKeyJWT assertion = new PrivateKeyJWT(new ClientID(id), URI.create(server.baseUrl() + "/" + env + "/as/token"),
                JWSAlgorithm.RS256, key.toRSAPrivateKey(), "k1", null);
        client.token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion.getClientAssertion().serialize()), null, null).then().statusCode(200);
        RSAKey other = new RSAKeyGenerator(2048).keyID("k1").generate();
        PrivateKeyJWT forged = new PrivateKeyJWT(new ClientID(id), URI.create(server.baseUrl() + "/" + env + "/as/token"),
                JWSAlgorithm.RS256, other.toRSAPrivateKey(), "k1", null);
        client.token(Map.of("grant_type", "authorization_code", "code", code(client, id, "scope", "openid"), "redirect_uri", REDIRECT_URI,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", forged.getClientAssertion().serialize()), null, null).then().statusCode(401);
    }

    @Test
    void userinfoAnswersWithTheClaimsOfTheGrantedScopes() {
        String access = exchange(code(client, app.id())).path("access_token");
        client.request().header("Authorization", "Bearer " + access).get("/" + env + "/as/userinfo").then().statusCode(200)
                .body("sub", equalTo(userId)).body("email", equalTo(username + "@example.com"))
                .body("preferred_username", equalTo(username)).body("phone_number", nullValue());
        client.request().contentType("application/x-www-form-urlencoded").formParam("access_token", access)
                .post("/" + env + "/as/userinfo").then().statusCode(200).body("sub", equalTo(userId));
        client.request().header("Authorization", "Bearer nonsense").get("/" + env + "/as/userinfo").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"));
    }

    @Test
    void revokedAccessAndRefreshTokensStopWorking() {
        Response t = exchange(code(client, app.id()));
        String access = t.path("access_token");
        client.request().contentType("application/x-www-form-urlencoded").auth().preemptive().basic(app.id(), app.secret())
                .formParam("token", access).post("/" + env + "/as/revoke").then().statusCode(200);
        introspect(access).then().body("active", equalTo(false));
        client.request().contentType("application/x-www-form-urlencoded").auth().preemptive().basic(app.id(), app.secret())
                .formParam("token", t.path("refresh_token").toString()).post("/" + env + "/as/revoke").then().statusCode(200);
        client.token(Map.of("grant_type", "refresh_token", "refresh_token", t.path("refresh_token")), app.id(), app.secret())
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
        client.request().contentType("application/x-www-form-urlencoded").auth().preemptive().basic(app.id(), app.secret())
                .formParam("token", "unknown").post("/" + env + "/as/revoke").then().statusCode(200);
    }

    @Test
    void anotherApplicationSeesTheTokenAsInactive() {
        String access = exchange(code(client, app.id())).path("access_token");
        SignOnFixtures.App other = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        client.request().contentType("application/x-www-form-urlencoded").auth().preemptive().basic(other.id(), other.secret())
                .formParam("token", access).post("/" + env + "/as/introspect").then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void aResourceIntrospectsOnlyTokensForItsAudience() {
        String resource = SignOnFixtures.customResource(admin, env, "Res" + UUID.randomUUID().toString().substring(0, 8), false);
        String scope = SignOnFixtures.scope(admin, env, resource, "res:read");
        SignOnFixtures.grant(admin, env, app.id(), resource, scope);
        String resourceSecret = admin.get("/v1/environments/{env}/resources/{r}/secret", env, resource).then().statusCode(200)
                .extract().path("secret");
        String forResource = exchange(code(client, app.id(), "scope", "openid res:read")).path("access_token");
        String forUserinfo = exchange(code(client, app.id())).path("access_token");
        client.request().contentType("application/x-www-form-urlencoded").auth().preemptive().basic(resource, resourceSecret)
                .formParam("token", forResource).post("/" + env + "/as/introspect").then().statusCode(200)
                .body("active", equalTo(true)).body("aud", hasItem(containsString("example.com")));
        client.request().contentType("application/x-www-form-urlencoded").auth().preemptive().basic(resource, resourceSecret)
                .formParam("token", forUserinfo).post("/" + env + "/as/introspect").then().body("active", equalTo(false));
        client.request().contentType("application/x-www-form-urlencoded").auth().preemptive().basic(resource, "wrong")
                .formParam("token", forResource).post("/" + env + "/as/introspect").then().statusCode(401);
    }

    @Test
    void signoffEndsTheSessionAndReturnsToARegisteredUri() {
        Response t = exchange(code(client, app.id()));
        String idToken = t.path("id_token");
        client.request().queryParam("id_token_hint", idToken).queryParam("post_logout_redirect_uri", "https://evil.example.com")
                .get("/" + env + "/as/signoff").then().statusCode(400);
        client.request().queryParam("id_token_hint", idToken).queryParam("post_logout_redirect_uri", "https://client.example.com/signed-off")
                .queryParam("state", "bye").get("/" + env + "/as/signoff").then().statusCode(302)
                .header("Location", equalTo("https://client.example.com/signed-off?state=bye"));
        // The session is gone: prompt=none now needs a sign-on.
        Response none = client.authorize(Map.of("response_type", "code", "client_id", app.id(), "redirect_uri", REDIRECT_URI,
                "scope", "openid", "prompt", "none"));
        assertThat(BrowserlessClient.redirectParams(none)).containsEntry("error", "login_required");
    }

    @Test
    void formPostDeliversTheCodeInAnAutoSubmittingForm() {
        Map<String, String> p = Map.of("response_type", "code", "client_id", app.id(), "redirect_uri", REDIRECT_URI,
                "scope", "openid", "state", "fp", "response_mode", "form_post");
        String flow = BrowserlessClient.flowIdOf(client.authorize(p));
        client.signOn(flow, username, PASSWORD);
        client.resume(flow).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("name=\"code\"")).body(containsString("value=\"fp\""))
                .body(containsString("action=\"" + REDIRECT_URI + "\""));
    }

    private Response introspect(String token) {
        return client.request().contentType("application/x-www-form-urlencoded").auth().preemptive().basic(app.id(), app.secret())
                .formParam("token", token).post("/" + env + "/as/introspect");
    }
}
