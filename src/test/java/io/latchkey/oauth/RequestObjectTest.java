package io.latchkey.oauth;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Request objects (OIDC Core 6.1) at {@code /as/authorize}: signed with the client's keys or secret, unsigned only
 * when the application allows it, values inside winning over the query's, and every way one can be wrong refused
 * with {@code invalid_request_object} — never ignored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestObjectTest {
    Api admin;
    String env;
    String issuer;
    RSAKey rsa;
    ECKey ec;
    String appId;
    String secret;
    String username;

    @BeforeAll
    void setUp() throws Exception {
        TestServer server = TestServer.shared(Db.H2);
        admin = server.admin();
        env = Fixtures.environment(admin);
        issuer = server.baseUrl() + "/" + env + "/as";
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        Map<String, Object> created = app(Map.of(
                "jwks",
                "{\"keys\":[" + rsa.toPublicJWK().toJSONString() + ","
                        + ec.toPublicJWK().toJSONString() + "]}"));
        appId = created.get("id").toString();
        secret = admin.get("/v1/environments/{env}/applications/{id}/secret", env, appId)
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        SignOnFixtures.grantOpenid(admin, env, appId, "profile");
        username = "user-" + UUID.randomUUID();
        SignOnFixtures.user(admin, env, username, PASSWORD, false);
    }

    @Test
    void anRs256ObjectsValuesWinOverTheQuerysAndReachTheTokens() throws Exception {
        String request = signed(
                new SignedJWT(header(JWSAlgorithm.RS256, "rsa-1"), inside(appId).build()), new RSASSASigner(rsa));
        BrowserlessClient browser = browser();
        Response resumed = signOn(browser, query("request", request));
        Map<String, String> p = BrowserlessClient.redirectParams(resumed);
        assertThat(p).containsEntry("state", "inner-state");
        String idToken = browser.token(
                        Map.of("grant_type", "authorization_code", "code", p.get("code"), "redirect_uri", REDIRECT_URI),
                        appId,
                        secret)
                .then()
                .statusCode(200)
                .extract()
                .path("id_token");
        assertThat(SignedJWT.parse(idToken).getJWTClaimsSet().getStringClaim("nonce"))
                .isEqualTo("inner-nonce");
    }

    @Test
    void es256AndHs256WithTheSecretAreAccepted() throws Exception {
        String es = signed(
                new SignedJWT(header(JWSAlgorithm.ES256, "ec-1"), inside(appId).build()), new ECDSASigner(ec));
        assertThat(startsSignOn(query("request", es))).isTrue();
        String hs = signed(
                new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), inside(appId).build()), new MACSigner(secret));
        assertThat(startsSignOn(query("request", hs))).isTrue();
    }

    @Test
    void aRedirectUriOnlyInsideTheObjectIsUsed() throws Exception {
        String request = signed(
                new SignedJWT(
                        header(JWSAlgorithm.RS256, "rsa-1"),
                        inside(appId).claim("redirect_uri", REDIRECT_URI).build()),
                new RSASSASigner(rsa));
        Map<String, String> q = query("request", request);
        q.remove("redirect_uri");
        assertThat(startsSignOn(q)).isTrue();
    }

    @Test
    void everyWayAnObjectCanBeWrongIsInvalidRequestObjectWithTheQuerysState() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        Map<String, String> wrong = new LinkedHashMap<>();
        wrong.put(
                "another key",
                signed(
                        new SignedJWT(
                                header(JWSAlgorithm.RS256, "rsa-1"),
                                inside(appId).build()),
                        new RSASSASigner(stranger)));
        wrong.put(
                "another secret",
                signed(
                        new SignedJWT(
                                new JWSHeader(JWSAlgorithm.HS256), inside(appId).build()),
                        new MACSigner("x".repeat(32) + secret)));
        wrong.put("unsigned", new PlainJWT(inside(appId).build()).serialize());
        wrong.put(
                "iss",
                signed(
                        new SignedJWT(
                                header(JWSAlgorithm.RS256, "rsa-1"),
                                inside(appId).issuer("someone").build()),
                        new RSASSASigner(rsa)));
        wrong.put(
                "aud",
                signed(
                        new SignedJWT(
                                header(JWSAlgorithm.RS256, "rsa-1"),
                                inside(appId).audience("https://elsewhere").build()),
                        new RSASSASigner(rsa)));
        wrong.put(
                "exp",
                signed(
                        new SignedJWT(
                                header(JWSAlgorithm.RS256, "rsa-1"),
                                inside(appId)
                                        .expirationTime(new Date(System.currentTimeMillis() - 600_000))
                                        .build()),
                        new RSASSASigner(rsa)));
        wrong.put(
                "client_id",
                signed(
                        new SignedJWT(
                                header(JWSAlgorithm.RS256, "rsa-1"),
                                inside(appId)
                                        .claim("client_id", UUID.randomUUID().toString())
                                        .build()),
                        new RSASSASigner(rsa)));
        wrong.put("not a JWT", "not-a-jwt");
        wrong.put("a JWT of no JSON", "eyJhbGciOiJub25lIn0.bm90IGpzb24.");
        wrong.put("claims not an object", "eyJhbGciOiJIUzI1NiJ9.WzFd.c2ln");
        wrong.put("a header of no JSON", "bm90.eyJzdGF0ZSI6MX0.c2ln");
        for (Map.Entry<String, String> w : wrong.entrySet()) {
            Response r = browser()
                    .authorize(query("request", w.getValue()))
                    .then()
                    .statusCode(302)
                    .extract()
                    .response();
            assertThat(r.getHeader("Location")).as(w.getKey()).startsWith(REDIRECT_URI);
            assertThat(BrowserlessClient.redirectParams(r))
                    .as(w.getKey())
                    .containsEntry("error", "invalid_request_object")
                    .containsEntry("state", "outer-state");
        }
    }

    @Test
    void keysThatCannotBeFetchedMakeTheObjectInvalidNotTheClient() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String id = app(Map.of("jwksUrl", "http://127.0.0.1:" + closed + "/jwks"))
                .get("id")
                .toString();
        Map<String, String> q = query(
                "request",
                signed(
                        new SignedJWT(
                                header(JWSAlgorithm.RS256, "rsa-1"), inside(id).build()),
                        new RSASSASigner(rsa)));
        q.put("client_id", id);
        Response r = browser().authorize(q).then().statusCode(302).extract().response();
        assertThat(BrowserlessClient.redirectParams(r))
                .containsEntry("error", "invalid_request_object")
                .containsEntry("state", "outer-state");
    }

    @Test
    void unsignedObjectsOnlyForApplicationsThatSupportThem() throws Exception {
        Map<String, Object> lenient = app(Map.of("supportUnsignedRequestObject", true));
        String id = lenient.get("id").toString();
        String unsigned = new PlainJWT(inside(id).build()).serialize();
        Map<String, String> q = query("request", unsigned);
        q.put("client_id", id);
        assertThat(startsSignOn(q)).isTrue();
    }

    @Test
    void anApplicationRequiringSignedObjectsRefusesRequestsWithoutOne() throws Exception {
        Map<String, Object> strict = app(Map.of(
                "requireSignedRequestObject",
                true,
                "jwks",
                "{\"keys\":[" + rsa.toPublicJWK().toJSONString() + "]}"));
        String id = strict.get("id").toString();
        Map<String, String> plain = query();
        plain.put("client_id", id);
        Response r = browser().authorize(plain).then().statusCode(302).extract().response();
        assertThat(BrowserlessClient.redirectParams(r)).containsEntry("error", "invalid_request");
        Map<String, String> signed = query(
                "request",
                signed(
                        new SignedJWT(
                                header(JWSAlgorithm.RS256, "rsa-1"), inside(id).build()),
                        new RSASSASigner(rsa)));
        signed.put("client_id", id);
        assertThat(startsSignOn(signed)).isTrue();
        admin.post(
                        "/v1/environments/{env}/applications",
                        body(Map.of("requireSignedRequestObject", true, "supportUnsignedRequestObject", true)),
                        env)
                .then()
                .statusCode(400);
    }

    // ---- helpers

    private BrowserlessClient browser() {
        return new BrowserlessClient(admin.server().baseUrl(), env);
    }

    private static JWSHeader header(JWSAlgorithm alg, String kid) {
        return new JWSHeader.Builder(alg).keyID(kid).build();
    }

    private JWTClaimsSet.Builder inside(String clientId) {
        return new JWTClaimsSet.Builder()
                .issuer(clientId)
                .audience(issuer)
                .claim("client_id", clientId)
                .claim("response_type", "code")
                .claim("scope", "openid")
                .claim("state", "inner-state")
                .claim("nonce", "inner-nonce")
                .expirationTime(new Date(System.currentTimeMillis() + 300_000));
    }

    private static String signed(SignedJWT jwt, com.nimbusds.jose.JWSSigner signer) throws Exception {
        jwt.sign(signer);
        return jwt.serialize();
    }

    private Map<String, String> query(String... extra) {
        Map<String, String> p = new HashMap<>(Map.of(
                "response_type",
                "code",
                "client_id",
                appId,
                "redirect_uri",
                REDIRECT_URI,
                "scope",
                "openid",
                "state",
                "outer-state",
                "nonce",
                "outer-nonce"));
        for (int i = 0; i < extra.length; i += 2) p.put(extra[i], extra[i + 1]);
        return p;
    }

    private boolean startsSignOn(Map<String, String> params) {
        Response r =
                browser().authorize(params).then().statusCode(302).extract().response();
        String location = r.getHeader("Location");
        assertThat(location).as(location).doesNotStartWith(REDIRECT_URI);
        return BrowserlessClient.redirectParams(r).containsKey("flowId");
    }

    private Response signOn(BrowserlessClient browser, Map<String, String> params) {
        Response authorize =
                browser.authorize(params).then().statusCode(302).extract().response();
        String flow = BrowserlessClient.flowIdOf(authorize);
        browser.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
        return browser.resume(flow).then().statusCode(302).extract().response();
    }

    private Map<String, Object> body(Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "ro-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", "WEB_APP");
        body.put("grantTypes", List.of("AUTHORIZATION_CODE"));
        body.put("responseTypes", List.of("CODE"));
        body.put("tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC");
        body.put("redirectUris", List.of(REDIRECT_URI));
        body.putAll(extra);
        return body;
    }

    private Map<String, Object> app(Map<String, Object> extra) {
        return admin.post("/v1/environments/{env}/applications", body(extra), env)
                .then()
                .statusCode(201)
                .extract()
                .path("$");
    }
}
