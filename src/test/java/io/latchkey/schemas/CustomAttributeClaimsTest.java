package io.latchkey.schemas;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static io.latchkey.schemas.SchemaFixtures.USER;
import static io.latchkey.schemas.SchemaFixtures.attribute;
import static io.latchkey.schemas.SchemaFixtures.body;
import static io.latchkey.schemas.SchemaFixtures.schemaId;
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
 * {@code ${user.<custom attribute>}} in attribute mappings gives the user's value after a real sign-on: a string,
 * an array for a multi-valued attribute, an object for JSON; nothing for a disabled attribute. (One database: the
 * values come through the same reads the database matrix of the API tests covers.)
 */
class CustomAttributeClaimsTest {
    private static final String ATTRIBUTES = "/v1/environments/{env}/resources/{r}/attributes";

    @Test
    void customAttributesReachTheAccessTokenThroughUserExpressions() throws Exception {
        TestServer server = TestServer.shared(Db.H2);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String schema = schemaId(admin, env);
        attribute(admin, env, schema, "shirt-size");
        attribute(admin, env, schema, "skills", "multiValued", true);
        attribute(admin, env, schema, "profile", "type", "JSON");
        String hidden = attribute(admin, env, schema, "hidden");

        SignOnFixtures.App app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        SignOnFixtures.grantOpenid(admin, env, app.id(), "profile");
        String resource = SignOnFixtures.customResource(
                admin, env, "Res" + UUID.randomUUID().toString().substring(0, 8), false);
        SignOnFixtures.grant(admin, env, app.id(), resource, SignOnFixtures.scope(admin, env, resource, "res:read"));
        for (String[] mapping : new String[][] {
            {"shirt", "${user.shirt-size}"},
            {"skills", "${user.skills}"},
            {"profile", "${user.profile}"},
            {"hidden", "${user.hidden}"}
        }) {
            admin.post(ATTRIBUTES, Map.of("name", mapping[0], "value", mapping[1]), env, resource)
                    .then()
                    .statusCode(201);
        }

        String username = "user-" + UUID.randomUUID();
        String user = SignOnFixtures.user(admin, env, username, PASSWORD, false);
        admin.patch(
                        USER,
                        body(
                                "shirt-size",
                                "M",
                                "skills",
                                List.of("Java", "SQL"),
                                "profile",
                                Map.of("team", "blue"),
                                "hidden",
                                "secret"),
                        env,
                        user)
                .then()
                .statusCode(200);
        admin.patch(SchemaFixtures.ATTRIBUTE, body("enabled", false), env, schema, hidden)
                .then()
                .statusCode(200);

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
                .containsEntry("shirt", "M")
                .containsEntry("skills", List.of("Java", "SQL"))
                .containsEntry("profile", Map.of("team", "blue"))
                .doesNotContainKey("hidden");
    }

    private static String signOn(BrowserlessClient client, String clientId, String username) {
        Response authorize = client.authorize(Map.of(
                        "response_type", "code",
                        "client_id", clientId,
                        "redirect_uri", REDIRECT_URI,
                        "scope", "openid profile res:read",
                        "state", "st",
                        "nonce", "n-7"))
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
}
