package io.latchkey.applicationpermissions;

import static io.latchkey.applicationpermissions.PermissionFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.latchkey.access.BuiltInRole;
import io.latchkey.storage.Ids;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserApplicationRolesApiTest {
    private static final String LIST = "/v1/environments/{env}/users/{user}/applicationRoles";
    private static final String ONE = LIST + "/{role}";

    TestServer server;
    Api admin;
    String env;
    String user;
    String clerk;

    @BeforeEach
    void setUp() {
        server = TestServer.shared();
        admin = server.admin();
        env = Fixtures.environment(admin);
        user = userId(admin, env);
        clerk = admin.post(
                        "/v1/environments/{env}/applicationRoles", Map.of("name", "Clerk", "description", "Files"), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void assigningARoleReturnsTheRole() {
        admin.post(LIST, Map.of("id", clerk), env, user)
                .then()
                .statusCode(201)
                .body("id", equalTo(clerk))
                .body("name", equalTo("Clerk"))
                .body("description", equalTo("Files"))
                .body("environment.id", equalTo(env))
                .body("$", not(hasKey("_links")));
        admin.get(LIST, env, user)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.roles.id", contains(clerk))
                .body("_embedded.roles[0].name", equalTo("Clerk"));
    }

    @Test
    void theListFollowsRenamesOfTheRole() {
        assign(admin, env, user, clerk);
        admin.put("/v1/environments/{env}/applicationRoles/{id}", Map.of("name", "Senior Clerk"), env, clerk)
                .then()
                .statusCode(200);
        admin.get(LIST, env, user)
                .then()
                .body("_embedded.roles[0].name", equalTo("Senior Clerk"))
                .body("_embedded.roles[0]", not(hasKey("description")));
    }

    @Test
    void aUserCanHoldSeveralRoles() {
        String boss = role(admin, env, "Boss");
        assign(admin, env, user, clerk);
        assign(admin, env, user, boss);
        admin.get(LIST, env, user).then().body("count", equalTo(2)).body("_embedded.roles.id", contains(clerk, boss));
    }

    @Test
    void assigningWithoutAnIdIsRequiredValueOnId() {
        admin.post(LIST, Map.of("name", "Clerk"), env, user)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("id"));
        assertHoldsNothing();
    }

    @Test
    void assigningANonStringIdIsInvalidValueOnId() {
        admin.post(LIST, Map.of("id", List.of(clerk)), env, user)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("id"));
        assertHoldsNothing();
    }

    @Test
    void assigningAnUnknownRoleIsInvalidValueOnId() {
        admin.post(LIST, Map.of("id", Ids.newId()), env, user)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("id"));
        assertHoldsNothing();
    }

    @Test
    void assigningARoleOfAnotherEnvironmentIsInvalidValueOnId() {
        String foreign = role(admin, Fixtures.environment(admin), "Clerk");
        admin.post(LIST, Map.of("id", foreign), env, user)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("id"));
        assertHoldsNothing();
    }

    @Test
    void assigningARoleTwiceIsUniquenessViolationOnId() {
        assign(admin, env, user, clerk);
        admin.post(LIST, Map.of("id", clerk), env, user)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("id"));
        admin.get(LIST, env, user).then().body("count", equalTo(1));
    }

    @Test
    void malformedJsonIsInvalidDataOnBody() {
        admin.request()
                .contentType("application/json")
                .body("[")
                .post(LIST, env, user)
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("body"));
        assertHoldsNothing();
    }

    @Test
    void removingARoleTakesItAwayAndASecondRemovalIsNotFound() {
        assign(admin, env, user, clerk);
        admin.delete(ONE, env, user, clerk).then().statusCode(204);
        assertHoldsNothing();
        admin.delete(ONE, env, user, clerk).then().statusCode(404);
        admin.get("/v1/environments/{env}/applicationRoles/{id}", env, clerk)
                .then()
                .statusCode(200);
    }

    @Test
    void anotherEnvironmentsAssignmentsAreNotFound() {
        assign(admin, env, user, clerk);
        String other = Fixtures.environment(admin);
        admin.delete(ONE, other, user, clerk).then().statusCode(404);
        if (usersApi(admin, other)) {
            admin.get(LIST, other, user).then().statusCode(404); // the user is not one of that environment's
        } else {
            admin.get(LIST, other, user).then().statusCode(200).body("count", equalTo(0));
        }
        admin.get(LIST, env, user).then().body("count", equalTo(1));
    }

    @Test
    void anUnknownUserIsNotFound() {
        assumeTrue(usersApi(admin, env), "needs the users feature (and UserLookup wired to it in Latchkey.start)");
        admin.post(LIST, Map.of("id", clerk), env, Ids.newId())
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        admin.get(LIST, env, Ids.newId()).then().statusCode(404);
        assertThat(rows(server, "user_application_roles", env)).isZero();
    }

    // ---- who may call what

    @Test
    void withoutATokenEveryEndpointIsUnauthorized() {
        Api anonymous = server.anonymous();
        anonymous.get(LIST, env, user).then().statusCode(401).body("code", equalTo("ACCESS_FAILED"));
        anonymous.get("/v1/environments/{env}/applicationRoles", env).then().statusCode(401);
        anonymous.get("/v1/environments/{env}/applicationResources", env).then().statusCode(401);
    }

    @Test
    void anApplicationDeveloperManagesRolesButNotUsersRoles() {
        Api developer = workerWith(BuiltInRole.CLIENT_APPLICATION_DEVELOPER);
        developer
                .post("/v1/environments/{env}/applicationRoles", Map.of("name", "Dev made"), env)
                .then()
                .statusCode(201);
        developer.get("/v1/environments/{env}/applicationResources", env).then().statusCode(200);
        developer.get(LIST, env, user).then().statusCode(403).body("code", equalTo("ACCESS_FAILED"));
        developer.post(LIST, Map.of("id", clerk), env, user).then().statusCode(403);
        assertHoldsNothing();
    }

    @Test
    void anIdentityDataAdminManagesUsersRolesButNotRoles() {
        Api identities = workerWith(BuiltInRole.IDENTITY_DATA_ADMIN);
        identities.post(LIST, Map.of("id", clerk), env, user).then().statusCode(201);
        identities.get(LIST, env, user).then().statusCode(200).body("count", equalTo(1));
        identities
                .post("/v1/environments/{env}/applicationRoles", Map.of("name", "Nope"), env)
                .then()
                .statusCode(403);
        identities
                .get("/v1/environments/{env}/applicationRoles/{id}/permissions", env, clerk)
                .then()
                .statusCode(403);
        admin.get("/v1/environments/{env}/applicationRoles", env).then().body("count", equalTo(1));
    }

    /**
     * A worker application of {@code env} holding exactly one built-in role over {@code env}. Role assignments are
     * written by SQL (their API is the applications feature's), after removing any the creation gave it: PingOne gives
     * a new worker its creator's roles unless {@code assignActorRoles} is false.
     */
    private Api workerWith(BuiltInRole role) {
        Map<String, Object> app = Map.of(
                "name",
                "worker",
                "enabled",
                true,
                "protocol",
                "OPENID_CONNECT",
                "type",
                "WORKER",
                "tokenEndpointAuthMethod",
                "CLIENT_SECRET_BASIC",
                "grantTypes",
                List.of("CLIENT_CREDENTIALS"),
                "assignActorRoles",
                false);
        String appId = admin.post("/v1/environments/{env}/applications", app, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String secret = admin.get("/v1/environments/{env}/applications/{id}/secret", env, appId)
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        db(server).useTransaction(h -> {
            h.createUpdate("delete from role_assignments where subject_id = :app")
                    .bind("app", appId)
                    .execute();
            new io.latchkey.access.RoleAssignmentStore()
                    .insert(
                            h,
                            new io.latchkey.access.RoleAssignmentStore.Row(
                                    Ids.newId(),
                                    env,
                                    "APPLICATION",
                                    appId,
                                    role.id(),
                                    "ENVIRONMENT",
                                    env,
                                    System.currentTimeMillis()));
        });
        return Api.withClientCredentials(server, env, appId, secret);
    }

    private void assertHoldsNothing() {
        admin.get(LIST, env, user)
                .then()
                .statusCode(200)
                .body("count", equalTo(0))
                .body("_embedded.roles", hasSize(0));
        assertThat(rows(server, "user_application_roles", env)).isZero();
    }
}
