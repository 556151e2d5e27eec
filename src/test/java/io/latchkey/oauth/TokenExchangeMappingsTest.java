package io.latchkey.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
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
 * Token exchange shaped by the custom resource's attribute mappings, as PingOne's delegation and machine-to-machine
 * use cases set them up: Yankee Coffee (the web app of {@link CodeFlowTestBase}) gets a user's token for Goodies,
 * whose {@code may_act} names the Goodies Token Exchange application; that application exchanges it, with its own
 * client_credentials token as actor, for a token of DoB, whose {@code sub} and {@code act} are expressions over
 * {@code context.requestData}.
 */
@ParameterizedClass
@EnumSource(Db.class)
class TokenExchangeMappingsTest extends CodeFlowTestBase {
    private static final String GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String ACCESS = "urn:ietf:params:oauth:token-type:access_token";
    /** PingOne's delegation use case's act expression, word for word, in the API's ${...} form. */
    private static final String ACT = "${(#root.context.requestData.grantType == \"client_credentials\")?\"noActor\":"
            + "((#root.context.requestData.subjectToken.may_act.sub == #root.context.requestData.actorToken.client_id)"
            + "?#root.context.requestData.subjectToken.may_act:null)}";

    @Parameter
    Db db;

    SignOnFixtures.App exchanger;
    String goodies;
    String dob;
    String subjectToken;

    @Override
    TestServer server() {
        return TestServer.shared(db);
    }

    @BeforeEach
    void delegationSetUp() {
        exchanger = app(List.of("CLIENT_CREDENTIALS", "TOKEN_EXCHANGE"));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        goodies = SignOnFixtures.customResource(admin, env, "Goodies" + suffix, false);
        attribute(goodies, "may_act", "${{\"sub\": \"" + exchanger.id() + "\"}}", false);
        SignOnFixtures.grant(admin, env, app.id(), goodies, SignOnFixtures.scope(admin, env, goodies, "g.crud"));
        dob = SignOnFixtures.customResource(admin, env, "DoB" + suffix, false);
        remapSub(dob, "${#root.context.requestData.subjectToken.sub}");
        attribute(dob, "act", ACT, true);
        SignOnFixtures.grant(admin, env, exchanger.id(), dob, SignOnFixtures.scope(admin, env, dob, "d.read"));
        subjectToken = exchange(code(client, app.id(), "scope", "openid g.crud"))
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    @Test
    void theDelegationUseCaseGivesTheActClaimFromTheMappings() throws Exception {
        assertThat(claims(subjectToken).getJSONObjectClaim("may_act")).isEqualTo(Map.of("sub", exchanger.id()));
        String actor = ownToken(exchanger, "d.read");
        // The application's own token of DoB: the same expression says no delegation is involved.
        assertThat(claims(actor).getClaim("act")).isEqualTo("noActor");

        JWTClaimsSet issued = claims(tokenExchange(
                        exchanger,
                        "subject_token",
                        subjectToken,
                        "subject_token_type",
                        ACCESS,
                        "actor_token",
                        actor,
                        "actor_token_type",
                        ACCESS,
                        "requested_token_type",
                        ACCESS,
                        "scope",
                        "d.read")
                .then()
                .statusCode(200)
                .body("issued_token_type", equalTo(ACCESS))
                .extract()
                .path("access_token"));
        assertThat(issued.getSubject()).isEqualTo(userId);
        assertThat(issued.getStringClaim("client_id")).isEqualTo(exchanger.id());
        assertThat(issued.getJSONObjectClaim("act")).isEqualTo(Map.of("sub", exchanger.id()));
    }

    @Test
    void aRequiredMappingWithoutValueRefusesTheExchange() {
        // No actor token: the act expression reads actorToken.client_id of nothing and yields null.
        refusedAsRequired(tokenExchange(
                exchanger, "subject_token", subjectToken, "subject_token_type", ACCESS, "scope", "d.read"));
        // An actor the subject token's may_act does not name: null as well.
        SignOnFixtures.App stranger = app(List.of("CLIENT_CREDENTIALS", "TOKEN_EXCHANGE"));
        SignOnFixtures.grant(admin, env, stranger.id(), dob, scopeId(dob, "d.read"));
        refusedAsRequired(tokenExchange(
                exchanger,
                "subject_token",
                subjectToken,
                "subject_token_type",
                ACCESS,
                "actor_token",
                ownToken(stranger, "d.read"),
                "actor_token_type",
                ACCESS,
                "scope",
                "d.read"));
    }

    @Test
    void anOptionalMappingWithoutValueLeavesTheClaimOut() throws Exception {
        String vet = SignOnFixtures.customResource(
                admin, env, "Vet" + UUID.randomUUID().toString().substring(0, 8), false);
        attribute(vet, "actor_client", "${#root.context.requestData.actorToken.client_id}", false);
        attribute(vet, "subject_scope", "${context.requestData.subjectToken.scope}", false);
        attribute(vet, "asked", "${context.requestData.scope}", false);
        SignOnFixtures.grant(admin, env, exchanger.id(), vet, SignOnFixtures.scope(admin, env, vet, "v.read"));

        JWTClaimsSet alone = claims(
                tokenExchange(exchanger, "subject_token", subjectToken, "subject_token_type", ACCESS, "scope", "v.read")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("access_token"));
        assertThat(alone.getClaims()).doesNotContainKeys("actor_client", "act");
        assertThat(alone.getClaim("subject_scope")).isEqualTo("openid g.crud");
        assertThat(alone.getClaim("asked")).isEqualTo("v.read");

        JWTClaimsSet withActor = claims(tokenExchange(
                        exchanger,
                        "subject_token",
                        subjectToken,
                        "subject_token_type",
                        ACCESS,
                        "actor_token",
                        ownToken(exchanger, "v.read"),
                        "actor_token_type",
                        ACCESS,
                        "scope",
                        "v.read")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token"));
        assertThat(withActor.getClaim("actor_client")).isEqualTo(exchanger.id());
    }

    @Test
    void expressionsSeeTheGrantTypeOfEveryTokenRequest() throws Exception {
        attribute(goodies, "grant", "${#root.context.requestData.grantType}", false);
        attribute(goodies, "client", "${context.appConfig.clientId}", false);
        SignOnFixtures.grant(admin, env, exchanger.id(), goodies, scopeId(goodies, "g.crud"));
        JWTClaimsSet code = claims(exchange(code(client, app.id(), "scope", "openid g.crud"))
                .then()
                .statusCode(200)
                .extract()
                .path("access_token"));
        assertThat(code.getClaim("grant")).isEqualTo("authorization_code");
        assertThat(code.getClaim("client")).isEqualTo(app.id());
        assertThat(claims(ownToken(exchanger, "g.crud")).getClaim("grant")).isEqualTo("client_credentials");
        JWTClaimsSet exchanged = claims(
                tokenExchange(exchanger, "subject_token", subjectToken, "subject_token_type", ACCESS, "scope", "g.crud")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("access_token"));
        assertThat(exchanged.getClaim("grant")).isEqualTo(GRANT);
        assertThat(exchanged.getClaim("client")).isEqualTo(exchanger.id());
    }

    @Test
    void anApplicationsOwnTokenIsExchangedForATokenWithoutUser() throws Exception {
        // Machine to machine: Zillion Deals' own token, exchanged by the e-Flyers application for a token of Zing.
        SignOnFixtures.App deals = app(List.of("CLIENT_CREDENTIALS"));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String flyers = SignOnFixtures.customResource(admin, env, "Flyers" + suffix, false);
        SignOnFixtures.grant(admin, env, deals.id(), flyers, SignOnFixtures.scope(admin, env, flyers, "f.read"));
        String zing = SignOnFixtures.customResource(admin, env, "Zing" + suffix, false);
        attribute(zing, "upstream", "${#root.context.requestData.subjectToken.client_id}", false);
        attribute(zing, "email", "${user.email}", false);
        SignOnFixtures.grant(admin, env, exchanger.id(), zing, SignOnFixtures.scope(admin, env, zing, "z.read"));
        String subject = ownToken(deals, "f.read");

        JWTClaimsSet issued = claims(
                tokenExchange(exchanger, "subject_token", subject, "subject_token_type", ACCESS, "scope", "z.read")
                        .then()
                        .statusCode(200)
                        .body("refresh_token", equalTo(null))
                        .extract()
                        .path("access_token"));
        assertThat(issued.getSubject()).as("no user, no sub").isNull();
        assertThat(issued.getStringClaim("client_id")).isEqualTo(exchanger.id());
        assertThat(issued.getClaim("upstream")).isEqualTo(deals.id());
        assertThat(issued.getClaims()).doesNotContainKeys("email", "sid", "auth_time");

        // The CORE sub mapped to an expression names the subject.
        remapSub(zing, "${#root.context.requestData.subjectToken.client_id}");
        assertThat(claims(tokenExchange(
                                        exchanger,
                                        "subject_token",
                                        subject,
                                        "subject_token_type",
                                        ACCESS,
                                        "scope",
                                        "z.read")
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("access_token"))
                        .getSubject())
                .isEqualTo(deals.id());
    }

    // ---- helpers

    private void refusedAsRequired(Response r) {
        r.then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("error_description", containsString("act is configured as required"));
    }

    private JWTClaimsSet claims(String jwt) throws Exception {
        return SignedJWT.parse(jwt).getJWTClaimsSet();
    }

    private String ownToken(SignOnFixtures.App as, String scope) {
        return client.token(Map.of("grant_type", "client_credentials", "scope", scope), as.id(), as.secret())
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    private Response tokenExchange(SignOnFixtures.App as, String... params) {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", GRANT));
        for (int i = 0; i < params.length; i += 2) form.put(params[i], params[i + 1]);
        return client.token(form, as.id(), as.secret());
    }

    private void attribute(String resource, String name, String value, boolean required) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", name, "value", value));
        if (required) body.put("required", true);
        admin.post("/v1/environments/{env}/resources/{id}/attributes", body, env, resource)
                .then()
                .statusCode(201);
    }

    private void remapSub(String resource, String value) {
        String sub = admin.get("/v1/environments/{env}/resources/{id}/attributes", env, resource)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.attributes.find { it.name == 'sub' }.id");
        admin.put(
                        "/v1/environments/{env}/resources/{id}/attributes/{attr}",
                        Map.of("name", "sub", "value", value),
                        env,
                        resource,
                        sub)
                .then()
                .statusCode(200);
    }

    private String scopeId(String resource, String name) {
        return admin.get("/v1/environments/{env}/resources/{id}/scopes", env, resource)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.scopes.find { it.name == '" + name + "' }.id");
    }

    private SignOnFixtures.App app(List<String> grantTypes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "tx-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", "SERVICE");
        body.put("grantTypes", grantTypes);
        body.put("tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC");
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
}
