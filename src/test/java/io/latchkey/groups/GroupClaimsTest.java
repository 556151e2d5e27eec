package io.latchkey.groups;

import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jwt.SignedJWT;
import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code ${user.memberOfGroupNames}} and {@code ${user.memberOfGroupIDs}} as attribute values: a JSON array claim with
 * every group of the user, nested ones included, in the access token, the ID token and userinfo after a real
 * sign-on. (One database: the claim is computed above it; the membership SQL runs on both in the API tests.)
 */
class GroupClaimsTest {
    private static final String ATTRIBUTES = "/v1/environments/{env}/resources/{r}/attributes";

    @Test
    void aUserInANestedGroupGetsEveryGroupAsAnArrayClaim() throws Exception {
        TestServer server = TestServer.shared(Db.H2);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        SignOnFixtures.App app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC");
        SignOnFixtures.grantOpenid(admin, env, app.id(), "profile");
        String resource = SignOnFixtures.customResource(
                admin, env, "Res" + UUID.randomUUID().toString().substring(0, 8), false);
        SignOnFixtures.grant(admin, env, app.id(), resource, SignOnFixtures.scope(admin, env, resource, "res:read"));
        String openid = openidResource(admin, env);
        admin.post(ATTRIBUTES, Map.of("name", "groups", "value", "${user.memberOfGroupNames}"), env, openid)
                .then()
                .statusCode(201);
        admin.post(ATTRIBUTES, Map.of("name", "groupIds", "value", "${user.memberOfGroupIDs}"), env, resource)
                .then()
                .statusCode(201);
        // An advanced expression reads them too.
        admin.post(ATTRIBUTES, Map.of("name", "firstGroup", "value", "${user.memberOfGroupNames[0]}"), env, resource)
                .then()
                .statusCode(201);

        String username = "user-" + UUID.randomUUID();
        String userId = SignOnFixtures.user(admin, env, username, PASSWORD, false);
        String team = GroupsApiTest.group(admin, env, "Team");
        String dept = GroupsApiTest.group(admin, env, "Dept");
        GroupMembershipsApiTest.join(admin, env, userId, team);
        GroupMembershipsApiTest.nest(admin, env, team, dept);

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
        var access = SignedJWT.parse(tokens.path("access_token")).getJWTClaimsSet();
        assertThat(access.getStringListClaim("groupIds")).containsExactly(dept, team);
        assertThat(access.getStringClaim("firstGroup")).isEqualTo("Dept");
        var id = SignedJWT.parse(tokens.path("id_token")).getJWTClaimsSet();
        assertThat(id.getStringListClaim("groups")).containsExactly("Dept", "Team");
        RestAssured.given()
                .baseUri(server.baseUrl())
                .header("Authorization", "Bearer " + tokens.path("access_token"))
                .get("/{env}/as/userinfo", env)
                .then()
                .statusCode(200)
                .body("groups", equalTo(List.of("Dept", "Team")));
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
