package io.latchkey.workflow;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 13's end-to-end case: a user in a nested group with a custom attribute signs on; the application's attribute
 * mappings put the group names and the attribute into the ID token and userinfo, and the custom resource's attribute
 * puts the group names into the access token, which introspection shows. Everything set up through the management
 * API, on both databases.
 */
@ParameterizedClass
@EnumSource(Db.class)
class IdentityDataInTokensTest {
    @Parameter
    Db db;

    @Test
    void mappedClaimsOfANestedGroupMemberWithACustomAttribute() throws Exception {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);

        // A custom attribute of the environment's user schema.
        String schema = admin.get("/v1/environments/{env}/schemas", env)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.schemas[0].id");
        admin.post(
                        "/v1/environments/{env}/schemas/{s}/attributes",
                        Map.of("name", "shirtSize", "type", "STRING", "enabled", true, "unique", false),
                        env,
                        schema)
                .then()
                .statusCode(201);

        // The user, in "Team", which is nested in "Dept".
        String username = "ada-" + UUID.randomUUID();
        String user = SignOnFixtures.user(admin, env, username, PASSWORD, false);
        admin.request()
                .contentType("application/json")
                .body(Map.of("shirtSize", "M"))
                .patch("/v1/environments/{env}/users/{u}", env, user)
                .then()
                .statusCode(200)
                .body("shirtSize", equalTo("M"));
        String team = group(admin, env, "Team");
        String dept = group(admin, env, "Dept");
        admin.post("/v1/environments/{env}/users/{u}/memberOfGroups", Map.of("id", team), env, user)
                .then()
                .statusCode(201);
        admin.post("/v1/environments/{env}/groups/{g}/memberOfGroups", Map.of("id", dept), env, team)
                .then()
                .statusCode(201);

        // The application maps both into the ID token and userinfo; the custom resource maps the groups into its
        // access token.
        SignOnFixtures.App app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        SignOnFixtures.grantOpenid(admin, env, app.id(), "profile");
        String resource = SignOnFixtures.customResource(
                admin, env, "Res" + UUID.randomUUID().toString().substring(0, 8), false);
        SignOnFixtures.grant(admin, env, app.id(), resource, SignOnFixtures.scope(admin, env, resource, "res:read"));
        String mappings = "/v1/environments/{env}/applications/{app}/attributes";
        admin.post(
                        mappings,
                        Map.of("name", "groups", "value", "${user.memberOfGroupNames}", "required", false),
                        env,
                        app.id())
                .then()
                .statusCode(201);
        admin.post(mappings, Map.of("name", "shirt", "value", "${user.shirtSize}", "required", true), env, app.id())
                .then()
                .statusCode(201);
        admin.post(
                        "/v1/environments/{env}/resources/{r}/attributes",
                        Map.of("name", "groups", "value", "${user.memberOfGroupNames}"),
                        env,
                        resource)
                .then()
                .statusCode(201);

        BrowserlessClient client = new BrowserlessClient(server.baseUrl(), env);
        String flow = BrowserlessClient.flowIdOf(client.authorize(Map.of(
                "response_type",
                "code",
                "client_id",
                app.id(),
                "redirect_uri",
                REDIRECT_URI,
                "scope",
                "openid profile res:read",
                "state",
                "s")));
        client.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
        String code = BrowserlessClient.redirectParams(client.resume(flow)).get("code");
        Response tokens = client.token(
                        Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                        app.id(),
                        app.secret())
                .then()
                .statusCode(200)
                .extract()
                .response();

        JWTClaimsSet id = SignedJWT.parse(tokens.path("id_token")).getJWTClaimsSet();
        assertThat(id.getStringListClaim("groups")).containsExactlyInAnyOrder("Dept", "Team");
        assertThat(id.getStringClaim("shirt")).isEqualTo("M");
        // App mappings are the ID token's and userinfo's, never the access token's.
        JWTClaimsSet access = SignedJWT.parse(tokens.path("access_token")).getJWTClaimsSet();
        assertThat(access.getClaim("shirt")).isNull();

        RestAssured.given()
                .baseUri(server.baseUrl())
                .header("Authorization", "Bearer " + tokens.path("access_token"))
                .get("/{env}/as/userinfo", env)
                .then()
                .statusCode(200)
                .body("sub", equalTo(user))
                .body("shirt", equalTo("M"))
                .body("groups", org.hamcrest.Matchers.containsInAnyOrder("Dept", "Team"));

        client.request()
                .auth()
                .preemptive()
                .basic(app.id(), app.secret())
                .contentType("application/x-www-form-urlencoded")
                .formParam("token", tokens.path("access_token").toString())
                .post("/" + env + "/as/introspect")
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("groups", org.hamcrest.Matchers.containsInAnyOrder("Dept", "Team"))
                .body("aud", contains(access.getAudience().toArray()));
    }

    private static String group(Api admin, String env, String name) {
        return admin.post("/v1/environments/{env}/groups", Map.of("name", name), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
