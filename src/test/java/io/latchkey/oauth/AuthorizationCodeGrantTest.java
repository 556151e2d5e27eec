package io.latchkey.oauth;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code grant_type=authorization_code} at {@code /as/token}, and the codes the authorize endpoint delivers for it. */
class AuthorizationCodeGrantTest extends CodeFlowTestBase {
    @Test
    void codeExchangeGivesAccessIdAndRefreshTokens() throws Exception {
        Response t = exchange(code(client, app.id()));
        t.then()
                .statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("openid profile email"))
                .body("refresh_token", notNullValue());
        SignedJWT access = SignedJWT.parse(t.path("access_token"));
        assertThat(access.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo(userId);
        assertThat(access.getJWTClaimsSet().getIssuer()).isEqualTo(server.baseUrl() + "/" + env + "/as");
        assertThat(access.getJWTClaimsSet().getClaims())
                .containsKeys("sid", "env", "org", "jti", "auth_time", "acr", "amr", "client_id");
        SignedJWT id = SignedJWT.parse(t.path("id_token"));
        assertThat(id.getJWTClaimsSet().getAudience()).containsExactly(app.id());
        assertThat(id.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n-0S6");
        assertThat(id.getJWTClaimsSet().getStringClaim("at_hash")).isNotBlank();
        // OIDC Core 5.4: an access token was issued, so the scopes' claims are userinfo's (ClaimsParameterTest).
        assertThat(id.getJWTClaimsSet().getClaims())
                .doesNotContainKeys("email", "given_name")
                .containsKeys("env", "org");
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
        client.token(
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                code,
                                "redirect_uri",
                                REDIRECT_URI + "/other"),
                        app.id(),
                        app.secret())
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void aCodeGivesTheScopesDecidedAtAuthorizeEvenIfTheGrantEndsBeforeTheExchange() throws Exception {
        String api = SignOnFixtures.customResource(
                admin, env, "Decided" + UUID.randomUUID().toString().substring(0, 8), false);
        SignOnFixtures.grant(admin, env, app.id(), api, SignOnFixtures.scope(admin, env, api, "read"));
        String code = code(client, app.id(), "scope", "openid read");
        List<Map<String, Object>> grants = admin.get("/v1/environments/{env}/applications/{app}/grants", env, app.id())
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.grants");
        grants.stream()
                .filter(g -> api.equals(((Map<?, ?>) g.get("resource")).get("id")))
                .forEach(g -> admin.delete(
                                "/v1/environments/{env}/applications/{app}/grants/{g}", env, app.id(), g.get("id"))
                        .then()
                        .statusCode(204));

        Response t = exchange(code);

        t.then().statusCode(200).body("scope", equalTo("openid read")).body("expires_in", equalTo(7200));
        assertThat(SignedJWT.parse(t.path("access_token")).getJWTClaimsSet().getAudience())
                .containsExactly(admin.get("/v1/environments/{env}/resources/{r}", env, api)
                        .path("audience")
                        .toString());
        // A refresh decides again, as the grant stands now.
        client.token(
                        Map.of("grant_type", "refresh_token", "refresh_token", t.path("refresh_token")),
                        app.id(),
                        app.secret())
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }

    @Test
    void publicClientWithPkceS256SignsOn() {
        SignOnFixtures.App spa = SignOnFixtures.singlePageApp(admin, env);
        CodeVerifier verifier = new CodeVerifier();
        String challenge =
                CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue();
        String code =
                code(client, spa.id(), "scope", "openid", "code_challenge", challenge, "code_challenge_method", "S256");
        client.token(
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                code,
                                "redirect_uri",
                                REDIRECT_URI,
                                "client_id",
                                spa.id(),
                                "code_verifier",
                                new CodeVerifier().getValue()),
                        null,
                        null)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
        String code2 =
                code(client, spa.id(), "scope", "openid", "code_challenge", challenge, "code_challenge_method", "S256");
        client.token(
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                code2,
                                "redirect_uri",
                                REDIRECT_URI,
                                "client_id",
                                spa.id()),
                        null,
                        null)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
        String code3 =
                code(client, spa.id(), "scope", "openid", "code_challenge", challenge, "code_challenge_method", "S256");
        client.token(
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                code3,
                                "redirect_uri",
                                REDIRECT_URI,
                                "client_id",
                                spa.id(),
                                "code_verifier",
                                verifier.getValue()),
                        null,
                        null)
                .then()
                .statusCode(200)
                .body("access_token", notNullValue())
                .body("refresh_token", nullValue());
    }

    @Test
    void aVerifierWithoutABoundChallengeIsRejected() {
        String code = code(client, app.id());
        client.token(
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                code,
                                "redirect_uri",
                                REDIRECT_URI,
                                "code_verifier",
                                new CodeVerifier().getValue()),
                        app.id(),
                        app.secret())
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void formPostDeliversTheCodeInAnAutoSubmittingForm() {
        Map<String, String> p = Map.of(
                "response_type",
                "code",
                "client_id",
                app.id(),
                "redirect_uri",
                REDIRECT_URI,
                "scope",
                "openid",
                "state",
                "fp",
                "response_mode",
                "form_post");
        String flow = BrowserlessClient.flowIdOf(client.authorize(p));
        client.signOn(flow, username, PASSWORD);
        client.resume(flow)
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("name=\"code\""))
                .body(containsString("value=\"fp\""))
                .body(containsString("action=\"" + REDIRECT_URI + "\""));
    }
}
