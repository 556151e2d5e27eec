package io.latchkey.access;

import static io.latchkey.access.UserRoleAssignmentsApiTest.ASSIGNMENT;
import static io.latchkey.access.UserRoleAssignmentsApiTest.ASSIGNMENTS;
import static io.latchkey.access.UserRoleAssignmentsApiTest.assignment;
import static io.latchkey.applications.Rejections.forbidden;
import static io.latchkey.oauth.SignOnFixtures.PASSWORD;
import static io.latchkey.oauth.SignOnFixtures.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jwt.SignedJWT;
import io.latchkey.applications.AppFixtures;
import io.latchkey.oauth.BrowserlessClient;
import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
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
 * A person with an administrator role signs on to a WORKER application of the administrators environment with the
 * authorization code grant; the management API accepts the access token with exactly that person's roles, read at
 * every call (PingOne: a worker's user-based grants use the user's role assignments).
 */
@ParameterizedClass
@EnumSource(Db.class) // both databases: the roles are read from role_assignments at every call
class AdminUserTokenTest {
    static final String PINGONE_API = "https://api.pingone.com";

    @Parameter
    Db db;

    TestServer server;
    Api admin;
    String adminEnv;
    String managed;
    String username;
    String userId;

    @BeforeEach
    void setUp() {
        server = TestServer.shared(db);
        admin = server.admin();
        adminEnv = server.adminEnvironmentId;
        managed = Fixtures.environment(admin);
        username = "person-" + UUID.randomUUID();
        userId = SignOnFixtures.user(admin, adminEnv, username, PASSWORD, false);
    }

    /** A WORKER of the administrators environment that people sign on to (authorization code) besides its own grant. */
    private SignOnFixtures.App consoleWorker() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "console-" + UUID.randomUUID());
        body.put("enabled", true);
        body.put("protocol", "OPENID_CONNECT");
        body.put("type", "WORKER");
        body.put("grantTypes", List.of("AUTHORIZATION_CODE", "CLIENT_CREDENTIALS"));
        body.put("responseTypes", List.of("CODE"));
        body.put("tokenEndpointAuthMethod", "CLIENT_SECRET_BASIC");
        body.put("redirectUris", List.of(REDIRECT_URI));
        body.put("assignActorRoles", false);
        String id = AppFixtures.create(admin, adminEnv, body);
        return new SignOnFixtures.App(id, AppFixtures.secret(admin, adminEnv, id));
    }

    /** Signs the person on to {@code app} and returns the token response. */
    private Response signOn(SignOnFixtures.App app, String scope) {
        BrowserlessClient browser = new BrowserlessClient(server.baseUrl(), adminEnv);
        Response authorize = browser.authorize(Map.of(
                        "response_type", "code", "client_id", app.id(), "redirect_uri", REDIRECT_URI, "scope", scope))
                .then()
                .statusCode(302)
                .extract()
                .response();
        String flow = BrowserlessClient.flowIdOf(authorize);
        browser.signOn(flow, username, PASSWORD).then().statusCode(200).body("status", equalTo("COMPLETED"));
        String code = BrowserlessClient.redirectParams(
                        browser.resume(flow).then().statusCode(302).extract().response())
                .get("code");
        return browser.token(
                Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI),
                app.id(),
                app.secret());
    }

    private Api personSignedOnTo(SignOnFixtures.App app) {
        String token = signOn(app, "openid").then().statusCode(200).extract().path("access_token");
        return Api.withToken(server, token);
    }

    private String assign(String role, String scopeType, String scopeId) {
        return admin.post(ASSIGNMENTS, assignment(role, scopeType, scopeId), adminEnv, userId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void personsTokenCarriesExactlyThePersonsRoles() throws Exception {
        String other = Fixtures.environment(admin);
        assign(BuiltInRole.IDENTITY_DATA_ADMIN.id(), "ENVIRONMENT", managed);
        SignOnFixtures.App console = consoleWorker();
        String token =
                signOn(console, "openid").then().statusCode(200).extract().path("access_token");
        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getAudience()).contains(PINGONE_API);
        assertThat(claims.getSubject()).isEqualTo(userId);
        Api person = Api.withToken(server, token);

        person.get("/v1/environments/{env}/users", managed).then().statusCode(200);
        person.post("/v1/environments/{env}/users", Map.of("username", "made-" + UUID.randomUUID()), managed)
                .then()
                .statusCode(201);
        forbidden(person.get("/v1/environments/{env}/users", other));
        forbidden(person.get("/v1/environments/{env}/applications", managed));
        forbidden(person.post(
                "/v1/environments", Map.of("name", "nope-" + UUID.randomUUID(), "region", "NA", "type", "SANDBOX")));
        // The worker's own token still carries the worker's roles: none.
        forbidden(AppFixtures.workerClient(server, admin, adminEnv, console.id())
                .get("/v1/environments/{env}/users", managed));
    }

    @Test
    void aPersonHandsOutOnlyWhatTheyHold() {
        assign(BuiltInRole.IDENTITY_DATA_ADMIN.id(), "ENVIRONMENT", managed);
        Api person = personSignedOnTo(consoleWorker());
        String colleague = admin.post(
                        "/v1/environments/{env}/users", Map.of("username", "colleague-" + UUID.randomUUID()), managed)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        forbidden(person.post(
                ASSIGNMENTS,
                assignment(BuiltInRole.ENVIRONMENT_ADMIN.id(), "ENVIRONMENT", managed),
                managed,
                colleague));
        person.post(
                        ASSIGNMENTS,
                        assignment(BuiltInRole.IDENTITY_DATA_ADMIN.id(), "ENVIRONMENT", managed),
                        managed,
                        colleague)
                .then()
                .statusCode(201);
        // Their own assignments live in the administrators environment, where they hold nothing.
        forbidden(person.post(
                ASSIGNMENTS, assignment(BuiltInRole.ENVIRONMENT_ADMIN.id(), "ENVIRONMENT", managed), adminEnv, userId));
        forbidden(person.get("/v1/environments/{env}/users", adminEnv));
        admin.get(ASSIGNMENTS, adminEnv, userId).then().body("count", equalTo(1));
        admin.get(ASSIGNMENTS, managed, colleague).then().body("count", equalTo(1));
    }

    @Test
    void removingTheAssignmentTakesEffectAtTheNextCall() {
        String id = assign(BuiltInRole.IDENTITY_DATA_ADMIN.id(), "ENVIRONMENT", managed);
        Api person = personSignedOnTo(consoleWorker());
        person.get("/v1/environments/{env}/users", managed).then().statusCode(200);
        admin.delete(ASSIGNMENT, adminEnv, userId, id).then().statusCode(204);
        forbidden(person.get("/v1/environments/{env}/users", managed));
        // Given again, it counts again, with the same token.
        assign(BuiltInRole.IDENTITY_DATA_ADMIN.id(), "ENVIRONMENT", managed);
        person.get("/v1/environments/{env}/users", managed).then().statusCode(200);
    }

    private String group(String name) {
        return admin.post("/v1/environments/{env}/groups", Map.of("name", name + "-" + UUID.randomUUID()), adminEnv)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void aPersonHoldsTheRolesOfTheGroupsTheyAreInThroughNesting() {
        // No role of their own: the person is in "inner", nested in "outer", which holds Identity Data Admin.
        String inner = group("inner");
        String outer = group("outer");
        String membership = "/v1/environments/{env}/users/{u}/memberOfGroups";
        String nesting = "/v1/environments/{env}/groups/{g}/memberOfGroups";
        admin.post(nesting, Map.of("id", outer), adminEnv, inner).then().statusCode(201);
        admin.post(membership, Map.of("id", inner), adminEnv, userId).then().statusCode(201);
        admin.post(
                        GroupRoleAssignmentsApiTest.ASSIGNMENTS,
                        assignment(BuiltInRole.IDENTITY_DATA_ADMIN.id(), "ENVIRONMENT", managed),
                        adminEnv,
                        outer)
                .then()
                .statusCode(201);
        Api person = personSignedOnTo(consoleWorker());
        person.get("/v1/environments/{env}/users", managed).then().statusCode(200);
        forbidden(person.get("/v1/environments/{env}/users", Fixtures.environment(admin)));
        forbidden(person.get("/v1/environments/{env}/applications", managed));
        // What they inherit they may hand out, and no more.
        String colleague = admin.post(
                        "/v1/environments/{env}/users", Map.of("username", "colleague-" + UUID.randomUUID()), managed)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        person.post(
                        ASSIGNMENTS,
                        assignment(BuiltInRole.IDENTITY_DATA_ADMIN.id(), "ENVIRONMENT", managed),
                        managed,
                        colleague)
                .then()
                .statusCode(201);
        forbidden(person.post(
                ASSIGNMENTS,
                assignment(BuiltInRole.ENVIRONMENT_ADMIN.id(), "ENVIRONMENT", managed),
                managed,
                colleague));

        // Leaving the group takes the role away at the next call, with the same token; joining gives it back.
        admin.delete(membership + "/{g}", adminEnv, userId, inner).then().statusCode(204);
        forbidden(person.get("/v1/environments/{env}/users", managed));
        admin.post(membership, Map.of("id", inner), adminEnv, userId).then().statusCode(201);
        person.get("/v1/environments/{env}/users", managed).then().statusCode(200);
        // So does un-nesting the groups,
        admin.delete(nesting + "/{p}", adminEnv, inner, outer).then().statusCode(204);
        forbidden(person.get("/v1/environments/{env}/users", managed));
        admin.post(nesting, Map.of("id", outer), adminEnv, inner).then().statusCode(201);
        person.get("/v1/environments/{env}/users", managed).then().statusCode(200);
        // and deleting the group holding the role.
        admin.delete("/v1/environments/{env}/groups/{g}", adminEnv, outer)
                .then()
                .statusCode(204);
        forbidden(person.get("/v1/environments/{env}/users", managed));
    }

    @Test
    void aDisabledPersonsTokenIsRefused() {
        assign(BuiltInRole.IDENTITY_DATA_ADMIN.id(), "ENVIRONMENT", managed);
        Api person = personSignedOnTo(consoleWorker());
        admin.put("/v1/environments/{env}/users/{id}/enabled", Map.of("enabled", false), adminEnv, userId)
                .then()
                .statusCode(200);
        person.get("/v1/environments/{env}/users", managed)
                .then()
                .statusCode(401)
                .body("details[0].code", equalTo("INVALID_TOKEN"));
    }

    @Test
    void aSelfServiceTokenForThePingOneApiIsNoAdministratorsToken() throws Exception {
        assign(BuiltInRole.IDENTITY_DATA_ADMIN.id(), "ENVIRONMENT", managed);
        SignOnFixtures.App web = SignOnFixtures.webApp(admin, adminEnv, "CLIENT_SECRET_BASIC");
        String api = AppFixtures.resourceId(server, adminEnv, "PingOne API");
        String scope = "p1:read:user:" + UUID.randomUUID().toString().substring(0, 8);
        String scopeId = admin.post(
                        "/v1/environments/{env}/resources/{r}/scopes",
                        Map.of("name", scope, "schemaAttributes", List.of("name.given")),
                        adminEnv,
                        api)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        SignOnFixtures.grant(admin, adminEnv, web.id(), api, scopeId);
        String token =
                signOn(web, "openid " + scope).then().statusCode(200).extract().path("access_token");
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience()).contains(PINGONE_API);
        Api.withToken(server, token)
                .get("/v1/environments/{env}/users", managed)
                .then()
                .statusCode(401)
                .body("details[0].code", equalTo("INVALID_TOKEN"));
    }
}
