package io.latchkey.oauth;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.CodeHash;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
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
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The implicit and hybrid flows (OIDC Core 3.2, 3.3): every response type PingOne accepts, as the application allows
 * it, with the tokens in the fragment by default (errors too), {@code at_hash}/{@code c_hash}, the nonce required
 * with an ID token, and a hybrid code whose replay revokes the token issued beside it. On both databases: the
 * tokens issued at the authorization endpoint are recorded in the code's grant family.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ImplicitAndHybridFlowTest {
    @Parameter
    Db db;

    Api admin;
    String env;
    String appId;
    String secret;
    String username;
    BrowserlessClient client;

    @BeforeEach
    void setUp() {
        TestServer server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        Map<String, Object> app =
                app(List.of("AUTHORIZATION_CODE", "IMPLICIT", "REFRESH_TOKEN"), List.of("CODE", "TOKEN", "ID_TOKEN"));
        appId = app.get("id").toString();
        secret = admin.get("/v1/environments/{env}/applications/{id}/secret", env, appId)
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        SignOnFixtures.grantOpenid(admin, env, appId, "profile", "email");
        username = "user-" + UUID.randomUUID();
        SignOnFixtures.user(admin, env, username, PASSWORD, false);
        client = new BrowserlessClient(server.baseUrl(), env);
    }

    @Test
    void idTokenTokenReturnsBothInTheFragmentBoundByAtHashAndNonce() throws Exception {
        Response r = signOn(params("id_token token"));
        assertThat(URI.create(r.getHeader("Location")).getRawQuery())
                .as("nothing in the query")
                .isNull();
        Map<String, String> p = BrowserlessClient.redirectParams(r);
        assertThat(p)
                .containsKeys("access_token", "id_token", "expires_in")
                .containsEntry("token_type", "Bearer")
                .containsEntry("state", "st")
                .containsEntry("scope", "openid profile")
                .doesNotContainKeys("code", "refresh_token");
        JWTClaimsSet id = claims(p.get("id_token"));
        assertThat(id.getStringClaim("nonce")).isEqualTo("n-1");
        assertThat(id.getStringClaim("at_hash"))
                .isEqualTo(AccessTokenHash.compute(new BearerAccessToken(p.get("access_token")), JWSAlgorithm.RS256)
                        .getValue());
        assertThat(id.getClaim("c_hash")).isNull();
        client.request()
                .auth()
                .oauth2(p.get("access_token"))
                .get("/" + env + "/as/userinfo")
                .then()
                .statusCode(200)
                .body("preferred_username", equalTo(username));
    }

    @Test
    void idTokenAloneCarriesTheUsersClaimsAndNoAccessTokenIsIssued() throws Exception {
        Map<String, String> p = BrowserlessClient.redirectParams(signOn(params("id_token")));
        assertThat(p).containsKey("id_token").doesNotContainKeys("access_token", "code");
        JWTClaimsSet id = claims(p.get("id_token"));
        assertThat(id.getClaim("at_hash")).isNull();
        assertThat(id.getStringClaim("preferred_username")).isEqualTo(username);
        assertThat(id.getAudience()).containsExactly(appId);
    }

    @Test
    void codeIdTokenBindsTheCodeWithCHashAndTheCodeExchanges() throws Exception {
        Map<String, String> p = BrowserlessClient.redirectParams(signOn(params("code id_token")));
        assertThat(p).containsKeys("code", "id_token").doesNotContainKey("access_token");
        assertThat(claims(p.get("id_token")).getStringClaim("c_hash"))
                .isEqualTo(CodeHash.compute(new AuthorizationCode(p.get("code")), JWSAlgorithm.RS256)
                        .getValue());
        exchange(p.get("code"))
                .then()
                .statusCode(200)
                .body("refresh_token", notNullValue())
                .body("id_token", notNullValue());
    }

    @Test
    void aReplayedHybridCodeRevokesTheTokenIssuedBesideIt() throws Exception {
        Map<String, String> p = BrowserlessClient.redirectParams(signOn(params("code id_token token")));
        assertThat(p).containsKeys("code", "access_token", "id_token");
        JWTClaimsSet id = claims(p.get("id_token"));
        assertThat(id.getStringClaim("c_hash")).isNotNull();
        assertThat(id.getStringClaim("at_hash")).isNotNull();
        exchange(p.get("code")).then().statusCode(200);
        introspect(p.get("access_token")).then().body("active", equalTo(true));
        exchange(p.get("code")).then().statusCode(400).body("error", equalTo("invalid_grant"));
        introspect(p.get("access_token")).then().body("active", equalTo(false));
    }

    @Test
    void aNonceIsRequiredWithAnIdTokenAndTheErrorGoesToTheFragment() {
        Map<String, String> q = params("id_token token");
        q.remove("nonce");
        Response r = client.authorize(q).then().statusCode(302).extract().response();
        assertThat(r.getHeader("Location")).startsWith(REDIRECT_URI + "#");
        assertThat(BrowserlessClient.redirectParams(r))
                .containsEntry("error", "invalid_request")
                .containsEntry("state", "st");
    }

    @Test
    void tokensAreNeverSentInTheQuery() {
        Map<String, String> q = params("token");
        q.put("response_mode", "query");
        Response r = client.authorize(q).then().statusCode(302).extract().response();
        assertThat(BrowserlessClient.redirectParams(r)).containsEntry("error", "invalid_request");
    }

    @Test
    void anApplicationWithoutImplicitGetsUnauthorizedClientInTheFragment() {
        Map<String, Object> codeOnly = app(List.of("AUTHORIZATION_CODE"), List.of("CODE"));
        Map<String, String> q = params("id_token token");
        q.put("client_id", codeOnly.get("id").toString());
        Response r = client.authorize(q).then().statusCode(302).extract().response();
        assertThat(r.getHeader("Location")).startsWith(REDIRECT_URI + "#");
        assertThat(BrowserlessClient.redirectParams(r)).containsEntry("error", "unauthorized_client");
    }

    @Test
    void aResponseTypeTheApplicationDoesNotListIsRefused() {
        Map<String, Object> idOnly = app(List.of("IMPLICIT"), List.of("ID_TOKEN"));
        Map<String, String> q = params("id_token token");
        q.put("client_id", idOnly.get("id").toString());
        Response r = client.authorize(q).then().statusCode(302).extract().response();
        assertThat(BrowserlessClient.redirectParams(r)).containsEntry("error", "unsupported_response_type");
        q.put("response_type", "none");
        r = client.authorize(q).then().statusCode(302).extract().response();
        assertThat(BrowserlessClient.redirectParams(r)).containsEntry("error", "unsupported_response_type");
    }

    @Test
    void formPostCarriesTheTokens() {
        Map<String, String> q = params("id_token token");
        q.put("response_mode", "form_post");
        Response authorize =
                client.authorize(q).then().statusCode(302).extract().response();
        String flow = BrowserlessClient.flowIdOf(authorize);
        client.signOn(flow, username, PASSWORD).then().statusCode(200);
        client.resume(flow)
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("name=\"access_token\""))
                .body(containsString("name=\"id_token\""))
                .body(containsString("action=\"" + REDIRECT_URI + "\""));
    }

    @Test
    void aLiveSessionAnswersAtOnceAndPiFlowCarriesTheTokens() {
        signOn(params("id_token token"));
        Response sso = client.authorize(params("id_token token"))
                .then()
                .statusCode(302)
                .extract()
                .response();
        assertThat(BrowserlessClient.redirectParams(sso)).containsKeys("access_token", "id_token");

        Map<String, String> q = params("id_token token");
        q.put("response_mode", "pi.flow");
        q.put("prompt", "login");
        Response started = client.authorize(q).then().statusCode(200).extract().response();
        client.signOn(started.path("id"), username, PASSWORD).then().statusCode(200);
        client.resume(started.path("id"))
                .then()
                .statusCode(200)
                .body("authorizeResponse.access_token", notNullValue())
                .body("authorizeResponse.id_token", notNullValue())
                .body("authorizeResponse.state", equalTo("st"));
    }

    // ---- helpers

    private Map<String, Object> app(List<String> grantTypes, List<String> responseTypes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "web-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", "WEB_APP");
        body.put("grantTypes", grantTypes);
        body.put("responseTypes", responseTypes);
        body.put("tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC");
        body.put("redirectUris", List.of(REDIRECT_URI));
        return admin.post("/v1/environments/{env}/applications", body, env)
                .then()
                .statusCode(201)
                .extract()
                .path("$");
    }

    private Map<String, String> params(String responseType) {
        return new HashMap<>(Map.of(
                "response_type",
                responseType,
                "client_id",
                appId,
                "redirect_uri",
                REDIRECT_URI,
                "scope",
                "openid profile",
                "state",
                "st",
                "nonce",
                "n-1"));
    }

    /** Signs on in a new flow and returns resume's redirect. */
    private Response signOn(Map<String, String> params) {
        Response authorize =
                client.authorize(params).then().statusCode(302).extract().response();
        String flow = BrowserlessClient.flowIdOf(authorize);
        client.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
        return client.resume(flow).then().statusCode(302).extract().response();
    }

    private Response exchange(String code) {
        return client.token(
                Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI), appId, secret);
    }

    private Response introspect(String token) {
        return client.request()
                .contentType("application/x-www-form-urlencoded")
                .formParam("token", token)
                .formParam("client_id", appId)
                .formParam("client_secret", secret)
                .post("/" + env + "/as/introspect");
    }

    private static JWTClaimsSet claims(String jwt) throws Exception {
        return SignedJWT.parse(jwt).getJWTClaimsSet();
    }
}
