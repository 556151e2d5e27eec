package io.latchkey.access;

import static io.latchkey.applications.AppFixtures.body;
import static io.latchkey.applications.AppFixtures.create;
import static io.latchkey.applications.AppFixtures.with;
import static io.latchkey.applications.AppFixtures.workerClient;
import static io.latchkey.applications.Rejections.forbidden;
import static io.latchkey.applications.Rejections.invalid;
import static io.latchkey.applications.Rejections.notFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.latchkey.applications.AppFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoleAssignmentsApiTest {
    private static final String ASSIGNMENTS = "/v1/environments/{env}/applications/{app}/roleAssignments";
    private static final String ASSIGNMENT = ASSIGNMENTS + "/{id}";
    private static final String IDENTITY_DATA_ADMIN = BuiltInRole.IDENTITY_DATA_ADMIN.id();
    private static final String ENVIRONMENT_ADMIN = BuiltInRole.ENVIRONMENT_ADMIN.id();
    private static final String CLIENT_APPLICATION_DEVELOPER = BuiltInRole.CLIENT_APPLICATION_DEVELOPER.id();
    private static final String ORGANIZATION_ADMIN = BuiltInRole.ORGANIZATION_ADMIN.id();

    TestServer server;
    Api admin;
    String env;
    String worker;

    @BeforeEach
    void setUp() {
        server = TestServer.shared();
        admin = server.admin();
        env = Fixtures.environment(admin);
        worker = create(admin, env, "WORKER");
    }

    private static Map<String, Object> assignment(String role, String scopeType, String scopeId) {
        return Map.of("role", Map.of("id", role), "scope", Map.of("id", scopeId, "type", scopeType));
    }

    private String list(String app) {
        return admin.get(ASSIGNMENTS, env, app).then().statusCode(200).extract().asString();
    }

    private void rejectsCreate(Object body, String detailCode, String target) {
        String before = list(worker);
        invalid(admin.post(ASSIGNMENTS, body, env, worker), detailCode, target);
        assertThat(list(worker)).isEqualTo(before);
    }

    private String organizationId() {
        return admin.get("/v1/environments/{env}", env)
                .then()
                .statusCode(200)
                .extract()
                .path("organization.id");
    }

    @Test
    void assignmentIsCreatedListedReadAndDeleted() {
        String id = admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, worker)
                .then()
                .statusCode(201)
                .body("id", notNullValue())
                .body("environment.id", equalTo(env))
                .body("role.id", equalTo(IDENTITY_DATA_ADMIN))
                .body("scope.id", equalTo(env))
                .body("scope.type", equalTo("ENVIRONMENT"))
                .body("readOnly", equalTo(false))
                .body("_links.self.href", containsString("/applications/" + worker + "/roleAssignments/"))
                .extract()
                .path("id");
        admin.get(ASSIGNMENTS, env, worker)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.roleAssignments[0].id", equalTo(id));
        admin.get(ASSIGNMENT, env, worker, id).then().statusCode(200).body("role.id", equalTo(IDENTITY_DATA_ADMIN));
        admin.delete(ASSIGNMENT, env, worker, id).then().statusCode(204);
        notFound(admin.get(ASSIGNMENT, env, worker, id));
        notFound(admin.delete(ASSIGNMENT, env, worker, id));
    }

    @Test
    void organizationScopeTakesTheOrganizationId() {
        admin.post(ASSIGNMENTS, assignment(ENVIRONMENT_ADMIN, "ORGANIZATION", organizationId()), env, worker)
                .then()
                .statusCode(201);
        rejectsCreate(
                assignment(ORGANIZATION_ADMIN, "ORGANIZATION", UUID.randomUUID().toString()),
                "INVALID_VALUE",
                "scope.id");
    }

    @Test
    void wrongScopeTypeForTheRoleIsIncompatible() {
        String population = AppFixtures.db(server)
                .withHandle(h -> h.createQuery("select id from populations where environment_id = :env")
                        .bind("env", env)
                        .mapTo(String.class)
                        .first());
        String before = list(worker);
        invalid(
                        admin.post(ASSIGNMENTS, assignment(ENVIRONMENT_ADMIN, "POPULATION", population), env, worker),
                        "INVALID_VALUE",
                        "scope")
                .then()
                .body("details[0].message", containsString("Incompatible role and scope combination"));
        invalid(
                admin.post(
                        ASSIGNMENTS,
                        assignment(CLIENT_APPLICATION_DEVELOPER, "ORGANIZATION", organizationId()),
                        env,
                        worker),
                "INVALID_VALUE",
                "scope");
        invalid(
                admin.post(ASSIGNMENTS, assignment(ORGANIZATION_ADMIN, "ENVIRONMENT", env), env, worker),
                "INVALID_VALUE",
                "scope");
        assertThat(list(worker)).isEqualTo(before);
        admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "POPULATION", population), env, worker)
                .then()
                .statusCode(201);
    }

    @Test
    void scopeMustExist() {
        rejectsCreate(
                assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", UUID.randomUUID().toString()),
                "INVALID_VALUE",
                "scope.id");
        rejectsCreate(
                assignment(IDENTITY_DATA_ADMIN, "POPULATION", UUID.randomUUID().toString()),
                "INVALID_VALUE",
                "scope.id");
        rejectsCreate(
                assignment(
                        BuiltInRole.APPLICATION_OWNER.id(),
                        "APPLICATION",
                        UUID.randomUUID().toString()),
                "INVALID_VALUE",
                "scope.id");
    }

    @Test
    void roleMustExistAndBodyMustBeComplete() {
        rejectsCreate(assignment(UUID.randomUUID().toString(), "ENVIRONMENT", env), "INVALID_VALUE", "role.id");
        rejectsCreate(Map.of("scope", Map.of("id", env, "type", "ENVIRONMENT")), "REQUIRED_VALUE", "role");
        rejectsCreate(Map.of("role", Map.of("id", IDENTITY_DATA_ADMIN)), "REQUIRED_VALUE", "scope");
        rejectsCreate(
                Map.of("role", Map.of("id", IDENTITY_DATA_ADMIN), "scope", Map.of("id", env)),
                "REQUIRED_VALUE",
                "scope.type");
        rejectsCreate(assignment(IDENTITY_DATA_ADMIN, "GROUP", env), "INVALID_VALUE", "scope.type");
    }

    @Test
    void sameRoleOverTheSameScopeIsHeldOnce() {
        admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, worker)
                .then()
                .statusCode(201);
        rejectsCreate(assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), "UNIQUENESS_VIOLATION", "role.id");
    }

    @Test
    void onlyWorkersHoldRoles() {
        String web = create(admin, env, "WEB_APP");
        String before = list(web);
        invalid(
                        admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, web),
                        "CONSTRAINT_VIOLATION",
                        "application")
                .then()
                .body("details[0].message", containsString("WORKER"));
        assertThat(list(web)).isEqualTo(before);
        admin.get(ASSIGNMENTS, env, web).then().statusCode(200).body("count", equalTo(0));
    }

    @Test
    void newWorkerInheritsTheCallersRolesUnlessAskedNotTo() {
        String inheriting = create(admin, env, with(body("WORKER"), "assignActorRoles", null));
        admin.get(ASSIGNMENTS, env, inheriting)
                .then()
                .statusCode(200)
                .body("count", equalTo(2))
                .body("_embedded.roleAssignments.role.id", containsInAnyOrder(ENVIRONMENT_ADMIN, IDENTITY_DATA_ADMIN))
                .body("_embedded.roleAssignments.scope.type", hasItem("ORGANIZATION"));
        admin.get(ASSIGNMENTS, env, worker).then().statusCode(200).body("count", equalTo(0));
        String web = create(admin, env, with(body("WEB_APP"), "assignActorRoles", true));
        admin.get(ASSIGNMENTS, env, web).then().statusCode(200).body("count", equalTo(0));
    }

    @Test
    void workerWithIdentityDataAdminOnOneEnvironmentHasExactlyThoseRights() {
        String other = Fixtures.environment(admin);
        String id = admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, worker)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api w = workerClient(server, admin, env, worker);
        // Identity Data Admin: the environment (and its identities, when the users API is there) ...
        w.get("/v1/environments/{env}", env).then().statusCode(200);
        // ... but not its applications, nor any other environment.
        forbidden(w.get("/v1/environments/{env}/applications", env));
        forbidden(w.post("/v1/environments/{env}/applications", body("WEB_APP"), env));
        forbidden(w.get("/v1/environments/{env}", other));
        // Removing the assignment takes effect on the very next call, with the same token.
        admin.delete(ASSIGNMENT, env, worker, id).then().statusCode(204);
        forbidden(w.get("/v1/environments/{env}", env));
    }

    @Test
    void callersCannotGrantMoreThanTheyHold() {
        // A developer worker: Client Application Developer over this environment only.
        String developer = create(admin, env, "WORKER");
        admin.post(ASSIGNMENTS, assignment(CLIENT_APPLICATION_DEVELOPER, "ENVIRONMENT", env), env, developer)
                .then()
                .statusCode(201);
        String identityAdmin = create(admin, env, "WORKER");
        String idaAssignment = admin.post(
                        ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, identityAdmin)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api dev = workerClient(server, admin, env, developer);

        // It may create workers and give them what it holds ...
        String created = dev.post("/v1/environments/{env}/applications", body("WORKER"), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        dev.post(ASSIGNMENTS, assignment(CLIENT_APPLICATION_DEVELOPER, "ENVIRONMENT", env), env, created)
                .then()
                .statusCode(201);
        // ... a worker it creates without assignActorRoles inherits only that ...
        String inheriting = dev.post(
                        "/v1/environments/{env}/applications", with(body("WORKER"), "assignActorRoles", null), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        dev.get(ASSIGNMENTS, env, inheriting)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.roleAssignments[0].role.id", equalTo(CLIENT_APPLICATION_DEVELOPER));
        // ... but it cannot hand out, or take away, a role it does not hold.
        String before = list(created);
        forbidden(dev.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, created));
        forbidden(dev.post(
                ASSIGNMENTS,
                assignment(CLIENT_APPLICATION_DEVELOPER, "ENVIRONMENT", Fixtures.environment(admin)),
                env,
                created));
        assertThat(list(created)).isEqualTo(before);
        dev.get(ASSIGNMENT, env, identityAdmin, idaAssignment)
                .then()
                .statusCode(200)
                .body("readOnly", equalTo(true));
        forbidden(dev.delete(ASSIGNMENT, env, identityAdmin, idaAssignment));
        admin.get(ASSIGNMENT, env, identityAdmin, idaAssignment).then().statusCode(200);
        // Nor read or rotate the secret of a worker holding more than it does.
        String secret = AppFixtures.secret(admin, env, identityAdmin);
        forbidden(dev.get("/v1/environments/{env}/applications/{app}/secret", env, identityAdmin));
        forbidden(dev.post("/v1/environments/{env}/applications/{app}/secret", Map.of(), env, identityAdmin));
        forbidden(dev.delete("/v1/environments/{env}/applications/{app}/secret", env, identityAdmin));
        assertThat(AppFixtures.secret(admin, env, identityAdmin)).isEqualTo(secret);
        dev.get("/v1/environments/{env}/applications/{app}/secret", env, created)
                .then()
                .statusCode(200);
    }

    @Test
    void deletingAWorkerRemovesItsRoleAssignments() {
        admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, worker)
                .then()
                .statusCode(201);
        String owned = create(admin, env, "WEB_APP");
        String owner = create(admin, env, "WORKER");
        admin.post(ASSIGNMENTS, assignment(BuiltInRole.APPLICATION_OWNER.id(), "APPLICATION", owned), env, owner)
                .then()
                .statusCode(201);
        admin.delete("/v1/environments/{env}/applications/{app}", env, worker)
                .then()
                .statusCode(204);
        assertThat(AppFixtures.count(server, "select count(*) from role_assignments where subject_id = ?", worker))
                .isZero();
        // An assignment scoped to a deleted application goes with it too.
        admin.delete("/v1/environments/{env}/applications/{app}", env, owned)
                .then()
                .statusCode(204);
        admin.get(ASSIGNMENTS, env, owner).then().statusCode(200).body("count", equalTo(0));
    }

    @Test
    void rolesAreListedAndReadable() {
        admin.get("/v1/roles")
                .then()
                .statusCode(200)
                .body("_embedded.roles.name", hasItem("Identity Data Admin"))
                .body(
                        "_embedded.roles.find { it.name == 'Environment Admin' }.applicableTo",
                        containsInAnyOrder("ORGANIZATION", "ENVIRONMENT"))
                .body(
                        "_embedded.roles.find { it.name == 'Identity Data Admin' }.permissions.id",
                        hasItem("latchkey:write:identities"));
        admin.get("/v1/roles/{id}", IDENTITY_DATA_ADMIN)
                .then()
                .statusCode(200)
                .body("id", equalTo(IDENTITY_DATA_ADMIN))
                .body("name", equalTo("Identity Data Admin"))
                .body("description", notNullValue())
                .body("_links.self.href", containsString("/v1/roles/" + IDENTITY_DATA_ADMIN));
        notFound(admin.get("/v1/roles/{id}", UUID.randomUUID().toString()));
        // Any administrator may read them; a caller without a role may not.
        admin.post(ASSIGNMENTS, assignment(CLIENT_APPLICATION_DEVELOPER, "ENVIRONMENT", env), env, worker)
                .then()
                .statusCode(201);
        workerClient(server, admin, env, worker).get("/v1/roles").then().statusCode(200);
        String roleless = create(admin, env, "WORKER");
        forbidden(workerClient(server, admin, env, roleless).get("/v1/roles"));
        server.anonymous().get("/v1/roles").then().statusCode(401);
    }

    @Test
    void assignmentsOfAnUnknownApplicationAre404() {
        String unknown = UUID.randomUUID().toString();
        notFound(admin.get(ASSIGNMENTS, env, unknown));
        notFound(admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, unknown));
        notFound(admin.get(ASSIGNMENT, env, worker, unknown));
    }
}
