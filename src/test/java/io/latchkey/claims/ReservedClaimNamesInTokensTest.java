package io.latchkey.claims;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The management API and the tokens agree on which attribute names are reserved: what the API refuses never had a
 * chance to reach a token, and what it accepts is in the token after a real sign-on. (One database: the rule is
 * not the database's.)
 */
class ReservedClaimNamesInTokensTest {
    private static final String ATTRIBUTES = "/v1/environments/{env}/resources/{r}/attributes";

    @Test
    void anAcceptedAttributeNameReachesTheTokensAndAReservedOneIsRefusedUpFront() throws Exception {
        TestServer server = TestServer.shared(Db.H2);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        SignOnFixtures.App app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        SignOnFixtures.grantOpenid(admin, env, app.id(), "profile");
        String resource = SignOnFixtures.customResource(
                admin, env, "Res" + UUID.randomUUID().toString().substring(0, 8), false);
        SignOnFixtures.grant(admin, env, app.id(), resource, SignOnFixtures.scope(admin, env, resource, "res:read"));
        String openid = openidResource(admin, env);

        // nonce used to be accepted here and then silently left out of every token.
        admin.post(ATTRIBUTES, Map.of("name", "nonce", "value", "forged"), env, resource)
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("name"));
        admin.post(ATTRIBUTES, Map.of("name", "azp", "value", "forged"), env, openid)
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("name"));
        admin.post(ATTRIBUTES, Map.of("name", "tier", "value", "gold"), env, resource)
                .then()
                .statusCode(201);
        // Claim names are case-sensitive: Nonce is not nonce, so it is accepted and delivered.
        admin.post(ATTRIBUTES, Map.of("name", "Nonce", "value", "${user.name.given}"), env, resource)
                .then()
                .statusCode(201);
        admin.post(ATTRIBUTES, Map.of("name", "tenant", "value", "acme"), env, openid)
                .then()
                .statusCode(201);

        String username = "user-" + UUID.randomUUID();
        SignOnFixtures.user(admin, env, username, PASSWORD, false);
        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        Response tokens = client.token(
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                signOn(client, app.id(), username),
                                "redirect_uri",
                                REDIRECT_URI),
                        app.id(),
                        app.secret())
                .then()
                .statusCode(200)
                .extract()
                .response();

        JWTClaimsSet access = SignedJWT.parse(tokens.path("access_token")).getJWTClaimsSet();
        assertThat(access.getClaims())
                .containsEntry("tier", "gold")
                .containsEntry("Nonce", "Ada")
                .doesNotContainKey("nonce");
        JWTClaimsSet id = SignedJWT.parse(tokens.path("id_token")).getJWTClaimsSet();
        assertThat(id.getClaims())
                .containsEntry("tenant", "acme")
                .containsEntry("nonce", "n-7")
                .doesNotContainKey("azp");
    }

    private static String signOn(BrowserlessClient client, String clientId, String username) {
        Response authorize = client.authorize(Map.of(
                        "response_type",
                        "code",
                        "client_id",
                        clientId,
                        "redirect_uri",
                        REDIRECT_URI,
                        "scope",
                        "openid profile res:read",
                        "state",
                        "st",
                        "nonce",
                        "n-7"))
                .then()
                .statusCode(302)
                .extract()
                .response();
        String flow = BrowserlessClient.flowIdOf(authorize);
        client.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
        return BrowserlessClient.redirectParams(
                        client.resume(flow).then().statusCode(302).extract().response())
                .get("code");
    }

    private static String openidResource(Api admin, String env) {
        List<String> ids = admin.request()
                .queryParam("filter", "name eq \"openid\"")
                .get("/v1/environments/{env}/resources", env)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.resources.id");
        return ids.get(0);
    }
}
