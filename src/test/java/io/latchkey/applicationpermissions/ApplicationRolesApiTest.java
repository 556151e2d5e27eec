package io.latchkey.applicationpermissions;

import static io.latchkey.applicationpermissions.PermissionFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import io.latchkey.storage.Ids;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplicationRolesApiTest {
    private static final String ROLES = "/v1/environments/{env}/applicationRoles";
    private static final String ROLE = ROLES + "/{id}";
    private static final String ROLE_PERMISSIONS = ROLE + "/permissions";
    private static final String ROLE_PERMISSION = ROLE_PERMISSIONS + "/{permission}";
    private static final String ASSIGNMENTS = ROLE + "/assignments";

    TestServer server;
    Api admin;
    String env;
    String resource;
    String invoices;

    @BeforeEach
    void setUp() {
        server = TestServer.shared();
        admin = server.admin();
        env = Fixtures.environment(admin);
        resource = customResource(server, env);
        invoices = applicationResource(admin, env, resource, "invoices");
    }

    // ---- roles

    @Test
    void createReadListAndDeleteARole() {
        String id = admin.post(ROLES, Map.of("name", "Invoice Processor", "description", "Pays invoices"), env)
                .then()
                .statusCode(201)
                .body("name", equalTo("Invoice Processor"))
                .body("description", equalTo("Pays invoices"))
                .body("$", not(hasKey("createdAt")))
                .extract()
                .path("id");
        admin.get(ROLE, env, id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("_links.self.href", endsWith("/v1/environments/" + env + "/applicationRoles/" + id))
                .body("_links.permissions.href", endsWith("/applicationRoles/" + id + "/permissions"))
                .body("_links.assignments.href", endsWith("/applicationRoles/" + id + "/assignments"));
        admin.get(ROLES, env).then().statusCode(200).body("count", equalTo(1)).body("_embedded.roles.id", contains(id));
        admin.delete(ROLE, env, id).then().statusCode(204);
        admin.get(ROLE, env, id).then().statusCode(404);
        admin.delete(ROLE, env, id).then().statusCode(404);
    }

    @Test
    void missingNameIsRequiredValueOnNameAndCreatesNothing() {
        admin.post(ROLES, Map.of("description", "x"), env)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details", hasSize(1))
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("name"));
        assertNoRoles();
    }

    @Test
    void aNameOutsideTheAllowedCharactersIsInvalidValueOnName() {
        admin.post(ROLES, Map.of("name", "admin<script>"), env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("name"));
        assertNoRoles();
    }

    @Test
    void aDescriptionThatIsNotAStringIsInvalidValueOnDescription() {
        admin.post(ROLES, Map.of("name", "Clerk", "description", Map.of("a", 1)), env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("description"));
        assertNoRoles();
    }

    @Test
    void aDuplicateNameIsUniquenessViolationOnName() {
        role(admin, env, "Clerk");
        admin.post(ROLES, Map.of("name", "Clerk"), env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("name"));
        admin.get(ROLES, env).then().body("count", equalTo(1));
    }

    @Test
    void theSameNameInAnotherEnvironmentIsAllowed() {
        role(admin, env, "Clerk");
        admin.post(ROLES, Map.of("name", "Clerk"), Fixtures.environment(admin))
                .then()
                .statusCode(201);
    }

    @Test
    void putReplacesNameAndClearsTheDescription() {
        String id = admin.post(ROLES, Map.of("name", "Clerk", "description", "old"), env)
                .then()
                .extract()
                .path("id");
        admin.put(ROLE, Map.of("name", "Senior Clerk"), env, id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Senior Clerk"))
                .body("$", not(hasKey("description")));
        admin.get(ROLE, env, id).then().body("name", equalTo("Senior Clerk"));
    }

    @Test
    void putToATakenNameIsUniquenessViolationAndChangesNothing() {
        role(admin, env, "Clerk");
        String id = role(admin, env, "Supervisor");
        admin.put(ROLE, Map.of("name", "Clerk"), env, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("name"));
        admin.get(ROLE, env, id).then().body("name", equalTo("Supervisor"));
    }

    @Test
    void anotherEnvironmentsRolesAreNotFound() {
        String id = role(admin, env, "Clerk");
        String other = Fixtures.environment(admin);
        admin.get(ROLE, other, id).then().statusCode(404);
        admin.put(ROLE, Map.of("name", "x"), other, id).then().statusCode(404);
        admin.delete(ROLE, other, id).then().statusCode(404);
        admin.get(ROLES, other).then().body("count", equalTo(0));
        admin.get(ROLE_PERMISSIONS, other, id).then().statusCode(404);
        admin.get(ASSIGNMENTS, other, id).then().statusCode(404);
        admin.get(ROLE, env, id).then().statusCode(200).body("name", equalTo("Clerk"));
    }

    // ---- role permissions

    @Test
    void addingAPermissionReturnsItAsARoleEntry() {
        String role = role(admin, env, "Clerk");
        String read = admin.post(
                        "/v1/environments/{env}/applicationResources/{ar}/permissions",
                        Map.of("action", "read", "description", "Read them"),
                        env,
                        invoices)
                .then()
                .extract()
                .path("id");
        admin.post(ROLE_PERMISSIONS, Map.of("id", read), env, role)
                .then()
                .statusCode(201)
                .body("id", equalTo(read))
                .body("key", equalTo("invoices:read"))
                .body("action", equalTo("read"))
                .body("description", equalTo("Read them"))
                .body("resource.id", equalTo(invoices))
                .body("resource.name", equalTo("invoices"))
                .body("_links.self.href", endsWith("/applicationRoles/" + role + "/permissions/" + read));
        admin.get(ROLE_PERMISSIONS, env, role)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.permissions.key", contains("invoices:read"));
    }

    @Test
    void addingWithoutAnIdIsRequiredValueOnId() {
        String role = role(admin, env, "Clerk");
        admin.post(ROLE_PERMISSIONS, Map.of(), env, role)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("id"));
        assertRoleHoldsNothing(role);
    }

    @Test
    void addingAnUnknownPermissionIsInvalidValueOnId() {
        String role = role(admin, env, "Clerk");
        admin.post(ROLE_PERMISSIONS, Map.of("id", Ids.newId()), env, role)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("id"));
        assertRoleHoldsNothing(role);
    }

    @Test
    void addingAPermissionOfAnotherEnvironmentIsInvalidValueOnId() {
        String role = role(admin, env, "Clerk");
        String other = Fixtures.environment(admin);
        String foreign =
                permission(admin, other, applicationResource(admin, other, customResource(server, other), "x"), "read");
        admin.post(ROLE_PERMISSIONS, Map.of("id", foreign), env, role)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("id"));
        assertRoleHoldsNothing(role);
    }

    @Test
    void addingAPermissionTwiceIsUniquenessViolationOnId() {
        String role = role(admin, env, "Clerk");
        String read = permission(admin, env, invoices, "read");
        grant(admin, env, role, read);
        admin.post(ROLE_PERMISSIONS, Map.of("id", read), env, role)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("id"));
        admin.get(ROLE_PERMISSIONS, env, role).then().body("count", equalTo(1));
    }

    @Test
    void addingToAnUnknownRoleIsNotFound() {
        String read = permission(admin, env, invoices, "read");
        admin.post(ROLE_PERMISSIONS, Map.of("id", read), env, Ids.newId())
                .then()
                .statusCode(404);
        assertThat(rows(server, "application_role_permissions", env)).isZero();
    }

    @Test
    void roleEntriesCannotBeReplaced() {
        String role = role(admin, env, "Clerk");
        String read = permission(admin, env, invoices, "read");
        grant(admin, env, role, read);
        admin.put(ROLE_PERMISSION, Map.of("id", read), env, role, read).then().statusCode(anyOf(is(404), is(405)));
    }

    @Test
    void removingAPermissionFromARoleKeepsThePermission() {
        String role = role(admin, env, "Clerk");
        String read = permission(admin, env, invoices, "read");
        grant(admin, env, role, read);
        admin.delete(ROLE_PERMISSION, env, role, read).then().statusCode(204);
        assertRoleHoldsNothing(role);
        admin.get("/v1/environments/{env}/applicationResources/{ar}/permissions/{id}", env, invoices, read)
                .then()
                .statusCode(200);
        admin.delete(ROLE_PERMISSION, env, role, read).then().statusCode(404);
    }

    @Test
    void roleEntriesShowTheCurrentApplicationResourceName() {
        String role = role(admin, env, "Clerk");
        grant(admin, env, role, permission(admin, env, invoices, "read"));
        admin.put(
                        "/v1/environments/{env}/resources/{res}/applicationResources/{id}",
                        Map.of("name", "bills"),
                        env,
                        resource,
                        invoices)
                .then()
                .statusCode(200);
        admin.get(ROLE_PERMISSIONS, env, role)
                .then()
                .body("_embedded.permissions[0].key", equalTo("bills:read"))
                .body("_embedded.permissions[0].resource.name", equalTo("bills"));
    }

    // ---- cascades

    @Test
    void deletingAPermissionRemovesItFromEveryRole() {
        String clerk = role(admin, env, "Clerk");
        String boss = role(admin, env, "Boss");
        String read = permission(admin, env, invoices, "read");
        String pay = permission(admin, env, invoices, "pay");
        grant(admin, env, clerk, read);
        grant(admin, env, boss, read);
        grant(admin, env, boss, pay);
        admin.delete("/v1/environments/{env}/applicationResources/{ar}/permissions/{id}", env, invoices, read)
                .then()
                .statusCode(204);
        assertRoleHoldsNothing(clerk);
        admin.get(ROLE_PERMISSIONS, env, boss).then().body("_embedded.permissions.id", contains(pay));
    }

    @Test
    void deletingAnApplicationResourceRemovesItsPermissionsFromEveryRole() {
        String clerk = role(admin, env, "Clerk");
        grant(admin, env, clerk, permission(admin, env, invoices, "read"));
        String accounts = applicationResource(admin, env, resource, "accounts");
        String open = permission(admin, env, accounts, "open");
        grant(admin, env, clerk, open);
        admin.delete("/v1/environments/{env}/resources/{res}/applicationResources/{id}", env, resource, invoices)
                .then()
                .statusCode(204);
        admin.get(ROLE_PERMISSIONS, env, clerk).then().body("_embedded.permissions.id", contains(open));
    }

    @Test
    void deletingTheResourceRemovesItsApplicationResourcesPermissionsAndRoleEntries() {
        String clerk = role(admin, env, "Clerk");
        grant(admin, env, clerk, permission(admin, env, invoices, "read"));
        deleteResource(server, env, resource);
        assertRoleHoldsNothing(clerk);
        assertThat(rows(server, "application_resources", env)).isZero();
        assertThat(rows(server, "application_permissions", env)).isZero();
        admin.get(ROLE, env, clerk).then().statusCode(200);
    }

    @Test
    void deletingARoleRemovesItsEntriesAndEveryAssignment() {
        String clerk = role(admin, env, "Clerk");
        String read = permission(admin, env, invoices, "read");
        grant(admin, env, clerk, read);
        String alice = userId(admin, env);
        String bob = userId(admin, env);
        assign(admin, env, alice, clerk);
        assign(admin, env, bob, clerk);
        admin.delete(ROLE, env, clerk).then().statusCode(204);
        admin.get("/v1/environments/{env}/users/{user}/applicationRoles", env, alice)
                .then()
                .body("count", equalTo(0));
        admin.get("/v1/environments/{env}/users/{user}/applicationRoles", env, bob)
                .then()
                .body("count", equalTo(0));
        assertThat(rows(server, "application_role_permissions", env)).isZero();
        assertThat(rows(server, "user_application_roles", env)).isZero();
        admin.get("/v1/environments/{env}/applicationResources/{ar}/permissions/{id}", env, invoices, read)
                .then()
                .statusCode(200);
    }

    @Test
    void deletingTheEnvironmentRemovesEverything() {
        String clerk = role(admin, env, "Clerk");
        grant(admin, env, clerk, permission(admin, env, invoices, "read"));
        assign(admin, env, userId(admin, env), clerk);
        admin.delete("/v1/environments/{env}", env).then().statusCode(204);
        for (String table : new String[] {
            "application_resources",
            "application_permissions",
            "application_roles",
            "application_role_permissions",
            "user_application_roles"
        }) {
            assertThat(rows(server, table, env)).as(table).isZero();
        }
    }

    // ---- who holds a role

    @Test
    void theAssignmentsViewListsTheUsersHoldingTheRole() {
        String clerk = role(admin, env, "Clerk");
        String boss = role(admin, env, "Boss");
        String alice = userId(admin, env);
        String bob = userId(admin, env);
        assign(admin, env, alice, clerk);
        assign(admin, env, bob, clerk);
        assign(admin, env, bob, boss);
        admin.get(ASSIGNMENTS, env, clerk)
                .then()
                .statusCode(200)
                .body("count", equalTo(2))
                .body("_embedded.assignments.subject.id", contains(alice, bob))
                .body("_embedded.assignments.subject.type", everyItem(equalTo("USER")))
                .body("_embedded.assignments.role.id", everyItem(equalTo(clerk)))
                .body("_embedded.assignments.id", everyItem(notNullValue()));
        admin.get(ASSIGNMENTS, env, boss).then().body("_embedded.assignments.subject.id", contains(bob));
        admin.get(ASSIGNMENTS, env, Ids.newId()).then().statusCode(404);
    }

    private void assertRoleHoldsNothing(String role) {
        admin.get(ROLE_PERMISSIONS, env, role)
                .then()
                .statusCode(200)
                .body("count", equalTo(0))
                .body("_embedded.permissions", hasSize(0));
    }

    private void assertNoRoles() {
        admin.get(ROLES, env).then().statusCode(200).body("count", equalTo(0));
        assertThat(rows(server, "application_roles", env)).isZero();
    }
}
