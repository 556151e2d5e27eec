package io.latchkey.access;

import static io.latchkey.access.UserRoleAssignmentsApiTest.CLIENT_APPLICATION_DEVELOPER;
import static io.latchkey.access.UserRoleAssignmentsApiTest.ENVIRONMENT_ADMIN;
import static io.latchkey.access.UserRoleAssignmentsApiTest.IDENTITY_DATA_ADMIN;
import static io.latchkey.access.UserRoleAssignmentsApiTest.ORGANIZATION_ADMIN;
import static io.latchkey.access.UserRoleAssignmentsApiTest.assignment;
import static io.latchkey.applications.AppFixtures.create;
import static io.latchkey.applications.AppFixtures.workerClient;
import static io.latchkey.applications.Rejections.forbidden;
import static io.latchkey.applications.Rejections.invalid;
import static io.latchkey.applications.Rejections.notFound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

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

/** Administrator roles of groups, and how members (directly or through nesting) see them on their own list. */
@ParameterizedClass
@EnumSource(Db.class) // both databases: the group's row lock, the membership/closure join and cascades are SQL
class GroupRoleAssignmentsApiTest {
    static final String ASSIGNMENTS = "/v1/environments/{env}/groups/{group}/roleAssignments";
    static final String ASSIGNMENT = ASSIGNMENTS + "/{id}";
    static final String USER_ASSIGNMENTS = UserRoleAssignmentsApiTest.ASSIGNMENTS;
    static final String USER_ASSIGNMENT = UserRoleAssignmentsApiTest.ASSIGNMENT;

    @Parameter
    Db db;

    TestServer server;
    Api admin;
    String env;
    String group;

    @BeforeEach
    void setUp() {
        server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        group = newGroup(env, Map.of());
    }

    String newGroup(String environment, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(extra);
        body.put("name", "admins-" + UUID.randomUUID());
        return admin.post("/v1/environments/{env}/groups", body, environment)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    String newUser() {
        return admin.post("/v1/environments/{env}/users", Map.of("username", "member-" + UUID.randomUUID()), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    void join(String user, String g) {
        admin.post("/v1/environments/{env}/users/{u}/memberOfGroups", Map.of("id", g), env, user)
                .then()
                .statusCode(201);
    }

    void nest(String g, String parent) {
        admin.post("/v1/environments/{env}/groups/{g}/memberOfGroups", Map.of("id", parent), env, g)
                .then()
                .statusCode(201);
    }

    String assign(String g, String role, String scopeType, String scopeId) {
        return admin.post(ASSIGNMENTS, assignment(role, scopeType, scopeId), env, g)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private String list(String g) {
        return admin.get(ASSIGNMENTS, env, g).then().statusCode(200).extract().asString();
    }

    private String listOfUser(String u) {
        return admin.get(USER_ASSIGNMENTS, env, u)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private void rejectsCreate(Object body, String detailCode, String target) {
        String before = list(group);
        invalid(admin.post(ASSIGNMENTS, body, env, group), detailCode, target);
        assertThat(list(group)).isEqualTo(before);
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
        String id = admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, group)
                .then()
                .statusCode(201)
                .body("id", notNullValue())
                .body("environment.id", equalTo(env))
                .body("role.id", equalTo(IDENTITY_DATA_ADMIN))
                .body("scope.id", equalTo(env))
                .body("scope.type", equalTo("ENVIRONMENT"))
                .body("readOnly", equalTo(false))
                .body("_links.self.href", containsString("/groups/" + group + "/roleAssignments/"))
                .body("_links.group.href", containsString("/groups/" + group))
                .extract()
                .path("id");
        admin.get(ASSIGNMENTS, env, group)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.roleAssignments[0].id", equalTo(id));
        admin.get(ASSIGNMENT, env, group, id).then().statusCode(200).body("role.id", equalTo(IDENTITY_DATA_ADMIN));
        admin.delete(ASSIGNMENT, env, group, id).then().statusCode(204);
        notFound(admin.get(ASSIGNMENT, env, group, id));
        notFound(admin.delete(ASSIGNMENT, env, group, id));
        admin.get(ASSIGNMENTS, env, group).then().body("count", equalTo(0));
    }

    @Test
    void thereIsNoReplace() {
        String id = assign(group, IDENTITY_DATA_ADMIN, "ENVIRONMENT", env);
        String before = list(group);
        int status = admin.put(ASSIGNMENT, assignment(ENVIRONMENT_ADMIN, "ENVIRONMENT", env), env, group, id)
                .statusCode();
        assertThat(status).isIn(404, 405);
        assertThat(list(group)).isEqualTo(before);
    }

    @Test
    void wrongScopeTypeForTheRoleIsIncompatible() {
        String before = list(group);
        invalid(
                        admin.post(ASSIGNMENTS, assignment(ENVIRONMENT_ADMIN, "POPULATION", population()), env, group),
                        "INVALID_VALUE",
                        "scope")
                .then()
                .body("details[0].message", containsString("Incompatible role and scope combination"));
        invalid(
                admin.post(ASSIGNMENTS, assignment(ORGANIZATION_ADMIN, "ENVIRONMENT", env), env, group),
                "INVALID_VALUE",
                "scope");
        assertThat(list(group)).isEqualTo(before);
        admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "POPULATION", population()), env, group)
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
        assign(group, IDENTITY_DATA_ADMIN, "ENVIRONMENT", env);
        rejectsCreate(assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), "UNIQUENESS_VIOLATION", "role.id");
        // Another group, or a member directly, may hold the same role over the same scope.
        assign(newGroup(env, Map.of()), IDENTITY_DATA_ADMIN, "ENVIRONMENT", env);
    }

    @Test
    void callersCannotGrantOrRemoveMoreThanTheyHold() {
        String worker = create(admin, env, "WORKER");
        admin.post(
                        "/v1/environments/{env}/applications/{app}/roleAssignments",
                        assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env),
                        env,
                        worker)
                .then()
                .statusCode(201);
        Api ida = workerClient(server, admin, env, worker);
        String envAdmin = assign(group, ENVIRONMENT_ADMIN, "ENVIRONMENT", env);
        String before = list(group);
        forbidden(ida.post(ASSIGNMENTS, assignment(ENVIRONMENT_ADMIN, "ENVIRONMENT", env), env, group));
        forbidden(ida.post(ASSIGNMENTS, assignment(CLIENT_APPLICATION_DEVELOPER, "ENVIRONMENT", env), env, group));
        forbidden(ida.post(
                ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", Fixtures.environment(admin)), env, group));
        ida.get(ASSIGNMENT, env, group, envAdmin).then().statusCode(200).body("readOnly", equalTo(true));
        forbidden(ida.delete(ASSIGNMENT, env, group, envAdmin));
        assertThat(list(group)).isEqualTo(before);
        String given = ida.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "POPULATION", population()), env, group)
                .then()
                .statusCode(201)
                .body("readOnly", equalTo(false))
                .extract()
                .path("id");
        ida.delete(ASSIGNMENT, env, group, given).then().statusCode(204);
    }

    @Test
    void anAssignmentIsReachedOnlyThroughItsGroup() {
        String id = assign(group, IDENTITY_DATA_ADMIN, "ENVIRONMENT", env);
        String other = newGroup(env, Map.of());
        String before = list(group);
        notFound(admin.get(ASSIGNMENT, env, other, id));
        notFound(admin.delete(ASSIGNMENT, env, other, id));
        admin.get(ASSIGNMENTS, env, other).then().statusCode(200).body("count", equalTo(0));
        String otherEnv = Fixtures.environment(admin);
        notFound(admin.get(ASSIGNMENT, otherEnv, group, id));
        notFound(admin.delete(ASSIGNMENT, otherEnv, group, id));
        // Nor through a user outside the group, nor through the application path.
        String outsider = newUser();
        notFound(admin.get(USER_ASSIGNMENT, env, outsider, id));
        notFound(admin.delete(USER_ASSIGNMENT, env, outsider, id));
        notFound(admin.get("/v1/environments/{env}/applications/{app}/roleAssignments/{id}", env, group, id));
        assertThat(list(group)).isEqualTo(before);
    }

    @Test
    void unknownGroupsAndMalformedIdsAre404() {
        String unknown = UUID.randomUUID().toString();
        notFound(admin.get(ASSIGNMENTS, env, unknown)).then().body("message", containsString("Group"));
        notFound(admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, unknown));
        notFound(admin.get(ASSIGNMENTS, env, "not-a-uuid"));
        notFound(admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, "not-a-uuid"));
        notFound(admin.get(ASSIGNMENT, env, group, unknown));
        notFound(admin.delete(ASSIGNMENT, env, group, unknown));
        notFound(admin.get(ASSIGNMENT, env, group, "not-a-uuid"));
        notFound(admin.delete(ASSIGNMENT, env, group, "not-a-uuid"));
        // A group of another environment is unknown here, and nothing was written for it.
        String stranger = newGroup(Fixtures.environment(admin), Map.of());
        notFound(admin.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, stranger));
        assertThat(AppFixtures.count(server, "select count(*) from role_assignments where subject_id = ?", stranger))
                .isZero();
    }

    @Test
    void deletingAGroupRemovesItsRoleAssignments() {
        assign(group, IDENTITY_DATA_ADMIN, "ENVIRONMENT", env);
        admin.delete("/v1/environments/{env}/groups/{g}", env, group).then().statusCode(204);
        assertThat(AppFixtures.count(server, "select count(*) from role_assignments where subject_id = ?", group))
                .isZero();
        notFound(admin.get(ASSIGNMENTS, env, group));
    }

    @Test
    void deletingAPopulationRemovesTheRolesOfItsGroups() {
        String population = admin.post(
                        "/v1/environments/{env}/populations", Map.of("name", "p-" + UUID.randomUUID()), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String populationGroup = newGroup(env, Map.of("population", Map.of("id", population)));
        assign(populationGroup, IDENTITY_DATA_ADMIN, "ENVIRONMENT", env);
        admin.delete("/v1/environments/{env}/populations/{p}", env, population)
                .then()
                .statusCode(204);
        assertThat(AppFixtures.count(
                        server, "select count(*) from role_assignments where subject_id = ?", populationGroup))
                .isZero();
    }

    @Test
    void membersSeeInheritedAssignmentsReadOnlyWithTheirGroup() {
        String parent = newGroup(env, Map.of());
        nest(group, parent);
        String user = newUser();
        join(user, group);
        String own = admin.post(
                        USER_ASSIGNMENTS, assignment(CLIENT_APPLICATION_DEVELOPER, "ENVIRONMENT", env), env, user)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String direct = assign(group, IDENTITY_DATA_ADMIN, "POPULATION", population());
        String nested = assign(parent, IDENTITY_DATA_ADMIN, "ENVIRONMENT", env);
        admin.get(USER_ASSIGNMENTS, env, user).then().statusCode(200).body("count", equalTo(3));
        admin.get(USER_ASSIGNMENT, env, user, own)
                .then()
                .body("group", nullValue())
                .body("readOnly", equalTo(false));
        admin.get(USER_ASSIGNMENT, env, user, direct)
                .then()
                .statusCode(200)
                .body("group.id", equalTo(group))
                .body("readOnly", equalTo(true))
                .body("_links.self.href", containsString("/users/" + user + "/roleAssignments/" + direct));
        admin.get(USER_ASSIGNMENT, env, user, nested)
                .then()
                .statusCode(200)
                .body("group.id", equalTo(parent))
                .body("readOnly", equalTo(true))
                .body("scope.id", equalTo(env));
        // An inherited one cannot be removed through the user; nothing changes.
        String before = listOfUser(user);
        String groupBefore = list(parent);
        invalid(admin.delete(USER_ASSIGNMENT, env, user, nested), "CONSTRAINT_VIOLATION", "group.id");
        invalid(admin.delete(USER_ASSIGNMENT, env, user, direct), "CONSTRAINT_VIOLATION", "group.id");
        assertThat(listOfUser(user)).isEqualTo(before);
        assertThat(list(parent)).isEqualTo(groupBefore);
        // Un-nesting, leaving and deleting take them off the user's list.
        admin.delete("/v1/environments/{env}/groups/{g}/memberOfGroups/{p}", env, group, parent)
                .then()
                .statusCode(204);
        admin.get(USER_ASSIGNMENTS, env, user).then().body("count", equalTo(2));
        notFound(admin.get(USER_ASSIGNMENT, env, user, nested));
        admin.delete("/v1/environments/{env}/users/{u}/memberOfGroups/{g}", env, user, group)
                .then()
                .statusCode(204);
        admin.get(USER_ASSIGNMENTS, env, user)
                .then()
                .body("count", equalTo(1))
                .body("_embedded.roleAssignments[0].id", equalTo(own));
        join(user, group);
        admin.get(USER_ASSIGNMENTS, env, user).then().body("count", equalTo(2));
        admin.delete("/v1/environments/{env}/groups/{g}", env, group).then().statusCode(204);
        admin.get(USER_ASSIGNMENTS, env, user).then().body("count", equalTo(1));
        // The user's own assignment is still theirs to remove.
        admin.delete(USER_ASSIGNMENT, env, user, own).then().statusCode(204);
    }

    @Test
    void groupAssignmentsNeedIdentityPermissions() {
        String worker = create(admin, env, "WORKER");
        Api roleless = workerClient(server, admin, env, worker);
        String id = assign(group, IDENTITY_DATA_ADMIN, "ENVIRONMENT", env);
        String before = list(group);
        forbidden(roleless.get(ASSIGNMENTS, env, group));
        forbidden(roleless.get(ASSIGNMENT, env, group, id));
        forbidden(roleless.post(ASSIGNMENTS, assignment(IDENTITY_DATA_ADMIN, "ENVIRONMENT", env), env, group));
        forbidden(roleless.delete(ASSIGNMENT, env, group, id));
        server.anonymous().get(ASSIGNMENTS, env, group).then().statusCode(401);
        server.anonymous().delete(ASSIGNMENT, env, group, id).then().statusCode(401);
        assertThat(list(group)).isEqualTo(before);
    }
}
