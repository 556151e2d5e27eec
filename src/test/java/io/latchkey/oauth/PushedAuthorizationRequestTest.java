package io.latchkey.oauth;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Await;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pushed authorization requests (RFC 9126) over HTTP: {@code POST /as/par} authenticates the client as the token
 * endpoint does and checks the request as {@code /as/authorize} does, answering errors as JSON; the {@code request_uri}
 * it returns stands for the pushed parameters at {@code /as/authorize}, once, within the application's
 * {@code parTimeout}, for the application that pushed it only; {@code parRequirement: REQUIRED} refuses requests that
 * were not pushed. On both databases: the pushed request is stored, and spending it is a conditional update.
 */
@ParameterizedClass
@EnumSource(Db.class)
class PushedAuthorizationRequestTest {
    private static final String PREFIX = "urn:ietf:params:oauth:request_uri:";

    @Parameter
    Db db;

    TestServer server;
    Api admin;
    String env;
    SignOnFixtures.App app;
    String username;

    @BeforeEach
    void setUp() {
        server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        SignOnFixtures.grantOpenid(admin, env, app.id(), "profile");
        username = "user-" + UUID.randomUUID();
        SignOnFixtures.user(admin, env, username, PASSWORD, false);
    }

    @Test
    void aPushedRequestSignsOnAndItsCodeBuysTokens() throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        Response pushed = push(
                        app,
                        params(
                                "state",
                                "pushed-state",
                                "nonce",
                                "pushed-nonce",
                                "code_challenge",
                                CodeChallenge.compute(CodeChallengeMethod.S256, verifier)
                                        .getValue(),
                                "code_challenge_method",
                                "S256"))
                .then()
                .statusCode(201)
                .header("Cache-Control", containsString("no-store"))
                .body("request_uri", startsWith(PREFIX))
                .body("expires_in", equalTo(60))
                .extract()
                .response();
        String requestUri = pushed.path("request_uri");

        BrowserlessClient browser = browser();
        // Only the pushed parameters count: a state in the query is not the request's.
        Response authorize = browser.authorize(
                        Map.of("client_id", app.id(), "request_uri", requestUri, "state", "query-state"))
                .then()
                .statusCode(302)
                .extract()
                .response();
        String flow = BrowserlessClient.flowIdOf(authorize);
        browser.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
        Map<String, String> answer = BrowserlessClient.redirectParams(
                browser.resume(flow).then().statusCode(302).extract().response());
        assertThat(answer).containsEntry("state", "pushed-state").containsKey("code");

        String idToken = browser.token(
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                answer.get("code"),
                                "redirect_uri",
                                REDIRECT_URI,
                                "code_verifier",
                                verifier.getValue()),
                        app.id(),
                        app.secret())
                .then()
                .statusCode(200)
                .extract()
                .path("id_token");
        assertThat(SignedJWT.parse(idToken).getJWTClaimsSet().getStringClaim("nonce"))
                .isEqualTo("pushed-nonce");
    }

    @Test
    void aPublicClientPushesWithItsClientId() {
        SignOnFixtures.App spa = SignOnFixtures.singlePageApp(admin, env);
        SignOnFixtures.grantOpenid(admin, env, spa.id(), "profile");
        CodeVerifier verifier = new CodeVerifier();
        Map<String, String> form = params(
                "client_id",
                spa.id(),
                "code_challenge",
                CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue(),
                "code_challenge_method",
                "S256");
        String requestUri = browser()
                .request()
                .contentType("application/x-www-form-urlencoded")
                .formParams(form)
                .post("/" + env + "/as/par")
                .then()
                .statusCode(201)
                .extract()
                .path("request_uri");
        startsSignOn(browser(), spa.id(), requestUri);
        // Its PKCE enforcement is checked at the push, as at authorize.
        form.remove("code_challenge");
        browser()
                .request()
                .contentType("application/x-www-form-urlencoded")
                .formParams(form)
                .post("/" + env + "/as/par")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void aRequestUriWorksOnceAndItsReplayGoesBackToTheClient() {
        String requestUri = pushed(app, params());
        startsSignOn(browser(), app.id(), requestUri);
        Response replay = browser()
                .authorize(Map.of("client_id", app.id(), "request_uri", requestUri))
                .then()
                .statusCode(302)
                .header("Location", startsWith(REDIRECT_URI))
                .extract()
                .response();
        assertThat(BrowserlessClient.redirectParams(replay))
                .containsEntry("error", "invalid_request_uri")
                .containsEntry("state", "st");
    }

    @Test
    void anExpiredRequestUriIsInvalidRequestUri() {
        SignOnFixtures.App quick = webApp(Map.of("parTimeout", 1));
        Response pushed = push(quick, params())
                .then()
                .statusCode(201)
                .body("expires_in", equalTo(1))
                .extract()
                .response();
        long answeredAt = System.currentTimeMillis();
        String requestUri = pushed.path("request_uri");
        // The server set the expiry before it answered, so it has passed once a second has since the answer.
        Await.until(
                "the request_uri's second passed",
                Duration.ofSeconds(10),
                () -> System.currentTimeMillis() > answeredAt + 1000);
        Response r = browser()
                .authorize(Map.of("client_id", quick.id(), "request_uri", requestUri))
                .then()
                .statusCode(302)
                .header("Location", startsWith(REDIRECT_URI))
                .extract()
                .response();
        assertThat(BrowserlessClient.redirectParams(r))
                .containsEntry("error", "invalid_request_uri")
                .containsEntry("error_description", "The request_uri has expired.");
    }

    @Test
    void anotherClientsRequestUriIsRefusedAndStaysUsable() {
        SignOnFixtures.App other = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        String requestUri = pushed(app, params());
        browser()
                .authorize(Map.of("client_id", other.id(), "request_uri", requestUri))
                .then()
                .statusCode(400)
                .header("Location", nullValue())
                .body(containsString("invalid_request_uri"));
        startsSignOn(browser(), app.id(), requestUri);
    }

    @Test
    void anUnknownRequestUriOfOurFormIsInvalidRequestUriAndAnyOtherIsNotSupported() {
        browser()
                .authorize(Map.of("client_id", app.id(), "request_uri", PREFIX + "no-such-request"))
                .then()
                .statusCode(400)
                .body(containsString("invalid_request_uri"));
        Map<String, String> q = new HashMap<>(params("client_id", app.id()));
        q.put("request_uri", "https://client.example.com/request.jwt");
        Response r = browser().authorize(q).then().statusCode(302).extract().response();
        assertThat(BrowserlessClient.redirectParams(r)).containsEntry("error", "request_uri_not_supported");
    }

    @Test
    void aWrongClientSecretIsInvalidClient() {
        browser()
                .request()
                .contentType("application/x-www-form-urlencoded")
                .auth()
                .preemptive()
                .basic(app.id(), "wrong-" + app.secret())
                .formParams(params())
                .post("/" + env + "/as/par")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic"))
                .body("error", equalTo("invalid_client"));
        browser()
                .request()
                .contentType("application/x-www-form-urlencoded")
                .formParams(params())
                .post("/" + env + "/as/par")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void aBadParameterIsAJsonErrorNeverARedirect() {
        Map<String, Map.Entry<String, String>> bad = new LinkedHashMap<>();
        bad.put("redirect_uri", Map.entry("https://attacker.example.com/cb", "invalid_request"));
        bad.put("response_type", Map.entry("code token", "unauthorized_client"));
        bad.put("response_mode", Map.entry("carrier_pigeon", "invalid_request"));
        bad.put("prompt", Map.entry("sometimes", "invalid_request"));
        bad.put("scope", Map.entry("openid not-granted", "invalid_scope"));
        bad.put("client_id", Map.entry(UUID.randomUUID().toString(), "invalid_request"));
        for (Map.Entry<String, Map.Entry<String, String>> b : bad.entrySet()) {
            Map<String, String> form = params();
            form.put(b.getKey(), b.getValue().getKey());
            push(app, form)
                    .then()
                    .statusCode(400)
                    .contentType("application/json")
                    .header("Location", nullValue())
                    .body("error", equalTo(b.getValue().getValue()))
                    .body("error_description", org.hamcrest.Matchers.notNullValue());
        }
    }

    @Test
    void aRequestUriCannotBePushed() {
        Map<String, String> form = params();
        form.put("request_uri", pushed(app, params()));
        push(app, form)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", containsString("request_uri"));
    }

    @Test
    void anApplicationRequiringParRefusesAPlainRequestAndTakesAPushedOne() {
        SignOnFixtures.App strict = webApp(Map.of("parRequirement", "REQUIRED"));
        Map<String, String> plain = params("client_id", strict.id());
        Response refused =
                browser().authorize(plain).then().statusCode(302).extract().response();
        assertThat(refused.getHeader("Location")).startsWith(REDIRECT_URI);
        assertThat(BrowserlessClient.redirectParams(refused))
                .containsEntry("error", "invalid_request")
                .containsEntry("state", "st")
                .extractingByKey("error_description")
                .asString()
                .contains("requires pushed authorization requests");
        startsSignOn(browser(), strict.id(), pushed(strict, params()));
    }

    @Test
    void aSignedRequestObjectCanBePushed() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        SignOnFixtures.App signer = webApp(Map.of(
                "requireSignedRequestObject",
                true,
                "jwks",
                "{\"keys\":[" + key.toPublicJWK().toJSONString() + "]}"));
        SignedJWT object = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder()
                        .issuer(signer.id())
                        .audience(server.baseUrl() + "/" + env + "/as")
                        .expirationTime(new Date(System.currentTimeMillis() + 300_000))
                        .claim("client_id", signer.id())
                        .claim("response_type", "code")
                        .claim("redirect_uri", REDIRECT_URI)
                        .claim("scope", "openid profile")
                        .claim("state", "inner-state")
                        .claim("nonce", "inner-nonce")
                        .build());
        object.sign(new RSASSASigner(key));
        Map<String, String> form = new HashMap<>(Map.of("request", object.serialize()));
        String requestUri = push(signer, form).then().statusCode(201).extract().path("request_uri");

        BrowserlessClient browser = browser();
        String flow = startsSignOn(browser, signer.id(), requestUri);
        browser.signOn(flow, username, PASSWORD).then().statusCode(200);
        Map<String, String> answer = BrowserlessClient.redirectParams(
                browser.resume(flow).then().statusCode(302).extract().response());
        assertThat(answer).containsEntry("state", "inner-state");
        String idToken = browser.token(
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                answer.get("code"),
                                "redirect_uri",
                                REDIRECT_URI),
                        signer.id(),
                        signer.secret())
                .then()
                .statusCode(200)
                .extract()
                .path("id_token");
        assertThat(SignedJWT.parse(idToken).getJWTClaimsSet().getStringClaim("nonce"))
                .isEqualTo("inner-nonce");

        // The application's requirement holds at the push: plain parameters are refused there.
        push(signer, params()).then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    // ---- helpers

    private BrowserlessClient browser() {
        return new BrowserlessClient(server.baseUrl(), env);
    }

    /** An authorization request's parameters (without client_id: the push authenticates the client), and extras. */
    private static Map<String, String> params(String... extra) {
        Map<String, String> p = new HashMap<>(Map.of(
                "response_type", "code", "redirect_uri", REDIRECT_URI, "scope", "openid profile", "state", "st"));
        for (int i = 0; i < extra.length; i += 2) p.put(extra[i], extra[i + 1]);
        return p;
    }

    /** Pushes {@code form} authenticated as {@code client} with client_secret_basic. */
    private Response push(SignOnFixtures.App client, Map<String, String> form) {
        return browser()
                .request()
                .contentType("application/x-www-form-urlencoded")
                .auth()
                .preemptive()
                .basic(client.id(), client.secret())
                .formParams(form)
                .post("/" + env + "/as/par");
    }

    private String pushed(SignOnFixtures.App client, Map<String, String> form) {
        return push(client, form).then().statusCode(201).extract().path("request_uri");
    }

    /** Authorizes with the request_uri alone; returns the flow it started (the sign-on page's). */
    private static String startsSignOn(BrowserlessClient browser, String clientId, String requestUri) {
        Response r = browser.authorize(Map.of("client_id", clientId, "request_uri", requestUri))
                .then()
                .statusCode(302)
                .extract()
                .response();
        return BrowserlessClient.flowIdOf(r);
    }

    /** A WEB_APP like {@link SignOnFixtures#webApp} (client_secret_basic, openid profile granted) with {@code extra}. */
    private SignOnFixtures.App webApp(Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "par-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", "WEB_APP");
        body.put("grantTypes", List.of("AUTHORIZATION_CODE"));
        body.put("responseTypes", List.of("CODE"));
        body.put("tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC");
        body.put("redirectUris", List.of(REDIRECT_URI));
        body.putAll(extra);
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
        SignOnFixtures.grantOpenid(admin, env, id, "profile");
        return new SignOnFixtures.App(id, secret);
    }
}
