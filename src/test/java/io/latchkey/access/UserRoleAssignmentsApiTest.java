package io.latchkey.access;

import static io.latchkey.applications.AppFixtures.create;
import static io.latchkey.applications.AppFixtures.workerClient;
import static io.latchkey.applications.Rejections.forbidden;
import static io.latchkey.applications.Rejections.invalid;
import static io.latchkey.applications.Rejections.notFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.latchkey.applications.AppFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Db.class) // both databases: uniqueness, the user's row lock and cascades on deleting a user are SQL
class UserRoleAssignmentsApiTest {
    static final String ASSIGNMENTS = "/v1/environments/{env}/users/{user}/roleAssignments";
    static final String ASSIGNMENT = ASSIGNMENTS + "/{id}";
    static final String IDENTITY_DATA_ADMIN = BuiltInRole.IDENTITY_DATA_ADMIN.id();
    static final String ENVIRONMENT_ADMIN = BuiltInRole.ENVIRONMENT_ADMIN.id();
    static final String ORGANIZATION_ADMIN = BuiltInRole.ORGANIZATION_ADMIN.id();
    static final String CLIENT_APPLICATION_DEVELOPER = BuiltInRole.CLIENT_APPLICATION_DEVELOPER.id();

    @Parameter
    Db db;

    TestServer server;
    Api admin;
    String env;
    String user;

    @BeforeEach
    void setUp() {
        server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        user = newUser(env);
    }

    String newUser(String environment) {
        return admin.post("/v1/environments/{env}/users", Map.of("username", "admin-" + UUID.randomUUID()), environment)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static Map<String, Object> assignment(String role, String scopeType, String scopeId) {
        return Map.of("role", Map.of("id", role), "scope", Map.of("id", scopeId, "type", scopeType));
    }

    private String list(String u) {
        return admin.get(ASSIGNMENTS, env, u).then().statusCode(200).extract().asString();
    }

    private void rejectsCreate(Object body, String detailCode, String target) {
        String before = list(user);
        invalid(admin.post(ASSIGNMENTS, body, env, user), detailCode, target);
        assertThat(list(user)).isEqualTo(before);
    }

    private String population() {
        return AppFixtures.db(server)
                .withHandle(h -> h.createQuery("select id from populations where environment_id = :env")
                        .bind("env", env)
                        .mapTo(String.class)
                        .first());
    }

    @Test
    void assignmentIsCreatedListedReadAndDeleted() {
        String id = admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, user)
                .then()
                .statusCode(201)
                .body("id", notNullValue())
                .body("environment.id", equalTo(env))
                .body("role.id", equalTo(IDENTITY_DATA_ADMIN))
                .body("scope.id", equalTo(env))
                .body("scope.type", equalTo("ENVIRONMENT"))
                .body("readOnly", equalTo(false))
                .body("_links.self.href", containsString("/users/" + user + "/roleAssignments/"))
                .body("_links.user.href", containsString("/users/" + user))
                .extract()
                .path("id");
        admin.get(ASSIGNMENTS, env, user)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.roleAssignments[0].id", equalTo(id));
        admin.get(ASSIGNMENT, env, user, id).then().statusCode(200).body("role.id", equalTo(IDENTITY_DATA_ADMIN));
        admin.delete(ASSIGNMENT, env, user, id).then().statusCode(204);
        notFound(admin.get(ASSIGNMENT, env, user, id));
        notFound(admin.delete(ASSIGNMENT, env, user, id));
        admin.get(ASSIGNMENTS, env, user).then().body("count", equalTo(0));
    }

    @Test
    void thereIsNoReplace() {
        String id = admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, user)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String before = list(user);
        int status = admin.put(ASSIGNMENT, assignment(ENVIRONMENT_ADMIN, "ENVIRONMENT", env), env, user, id)
                .statusCode();
        assertThat(status).isIn(404, 405);
        assertThat(list(user)).isEqualTo(before);
    }

    @Test
    void wrongScopeTypeForTheRoleIsIncompatible() {
        String before = list(user);
        invalid(
                        admin.post(ASSIGNMENTS, assignment(ENVIRONMENT_ADMIN, "POPULATION", population()), env, user),
                        "INVALID_VALUE",
                        "scope")
                .then()
                .body("details[0].message", containsString("Incompatible role and scope combination"));
        invalid(
                admin.post(ASSIGNMENTS, assignment(ORGANIZATION_ADMIN, "ENVIRONMENT", env), env, user),
                "INVALID_VALUE",
                "scope");
        assertThat(list(user)).isEqualTo(before);
        admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "POPULATION", population()), env, user)
                .then()
                .statusCode(201)
                .body("scope.type", equalTo("POPULATION"));
    }

    @Test
    void roleAndScopeMustExistAndTheBodyBeComplete() {
        rejectsCreate(assignment(UUID.randomUUID().toString(), "ENVIRONMENT", env), "INVALID_VALUE", "role.id");
        rejectsCreate(assignment("not-a-uuid", "ENVIRONMENT", env), "INVALID_VALUE", "role.id");
        rejectsCreate(
                assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", UUID.randomUUID().toString()),
                "INVALID_VALUE",
                "scope.id");
        rejectsCreate(Map.of("scope", Map.of("id", env, "type", "ENVIRONMENT")), "REQUIRED_VALUE", "role");
        rejectsCreate(Map.of("role", Map.of("id", IDENTITY_DATA_ADMIN)), "REQUIRED_VALUE", "scope");
        rejectsCreate(assignment(IDENTITY_DATA_ADMIN, "GROUP", env), "INVALID_VALUE", "scope.type");
    }

    @Test
    void sameRoleOverTheSameScopeIsHeldOnce() {
        admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, user)
                .then()
                .statusCode(201);
        rejectsCreate(assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), "UNIQUENESS_VIOLATION", "role.id");
    }

    @Test
    void callersCannotGrantOrRemoveMoreThanTheyHold() {
        // A worker holding Identity Data Admin over this environment only.
        String worker = create(admin, env, "WORKER");
        admin.post(
                        "/v1/environments/{env}/applications/{app}/roleAssignments",
                        assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env),
                        env,
                        worker)
                .then()
                .statusCode(201);
        Api ida = workerClient(server, admin, env, worker);
        String envAdmin = admin.post(ASSIGNMENTS, assignment(ENVIRONMENT_ADMIN, "ENVIRONMENT", env), env, user)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String before = list(user);
        forbidden(ida.post(ASSIGNMENTS, assignment(ENVIRONMENT_ADMIN, "ENVIRONMENT", env), env, user));
        forbidden(ida.post(ASSIGNMENTS, assignment(CLIENT_APPLICATION_DEVELOPER, "ENVIRONMENT", env), env, user));
        forbidden(ida.post(
                ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", Fixtures.environment(admin)), env, user));
        ida.get(ASSIGNMENT, env, user, envAdmin).then().statusCode(200).body("readOnly", equalTo(true));
        forbidden(ida.delete(ASSIGNMENT, env, user, envAdmin));
        assertThat(list(user)).isEqualTo(before);
        // What it holds it may hand out, over its environment or a population in it, and take back.
        String given = ida.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "POPULATION", population()), env, user)
                .then()
                .statusCode(201)
                .body("readOnly", equalTo(false))
                .extract()
                .path("id");
        ida.delete(ASSIGNMENT, env, user, given).then().statusCode(204);
    }

    @Test
    void anAssignmentIsReachedOnlyThroughItsUser() {
        String id = admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, user)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String other = newUser(env);
        String before = list(user);
        notFound(admin.get(ASSIGNMENT, env, other, id));
        notFound(admin.delete(ASSIGNMENT, env, other, id));
        admin.get(ASSIGNMENTS, env, other).then().statusCode(200).body("count", equalTo(0));
        // Nor through another environment, nor through the application path.
        String otherEnv = Fixtures.environment(admin);
        notFound(admin.get(ASSIGNMENT, otherEnv, user, id));
        notFound(admin.delete(ASSIGNMENT, otherEnv, user, id));
        notFound(admin.get("/v1/environments/{env}/applications/{app}/roleAssignments/{id}", env, user, id));
        assertThat(list(user)).isEqualTo(before);
    }

    @Test
    void unknownUsersAndMalformedIdsAre404() {
        String unknown = UUID.randomUUID().toString();
        notFound(admin.get(ASSIGNMENTS, env, unknown)).then().body("message", containsString("User"));
        notFound(admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, unknown));
        notFound(admin.get(ASSIGNMENTS, env, "not-a-uuid"));
        notFound(admin.get(ASSIGNMENT, env, user, unknown));
        notFound(admin.delete(ASSIGNMENT, env, user, unknown));
        notFound(admin.get(ASSIGNMENT, env, user, "not-a-uuid"));
        // A user of another environment is unknown here, and nothing was written for it.
        String stranger = newUser(Fixtures.environment(admin));
        notFound(admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, stranger));
        assertThat(AppFixtures.count(server, "select count(*) from role_assignments where subject_id = ?", stranger))
                .isZero();
    }

    @Test
    void deletingAUserRemovesItsRoleAssignments() {
        admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, user)
                .then()
                .statusCode(201);
        admin.delete("/v1/environments/{env}/users/{user}", env, user).then().statusCode(204);
        assertThat(AppFixtures.count(server, "select count(*) from role_assignments where subject_id = ?", user))
                .isZero();
    }

    @Test
    void userAssignmentsNeedIdentityPermissions() {
        String worker = create(admin, env, "WORKER");
        Api roleless = workerClient(server, admin, env, worker);
        String before = list(user);
        forbidden(roleless.get(ASSIGNMENTS, env, user));
        forbidden(roleless.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, user));
        server.anonymous().get(ASSIGNMENTS, env, user).then().statusCode(401);
        assertThat(list(user)).isEqualTo(before);
    }
}
