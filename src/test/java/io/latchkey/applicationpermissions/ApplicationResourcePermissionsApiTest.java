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

class ApplicationResourcePermissionsApiTest {
    private static final String LIST = "/v1/environments/{env}/applicationResources/{ar}/permissions";
    private static final String ONE = LIST + "/{id}";
    private static final String BY_RESOURCE = "/v1/environments/{env}/resources/{res}/applicationPermissions";

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

    @Test
    void createReturnsThePermissionWithItsKeyResourceAndResourceServer() {
        String id = admin.post(LIST, Map.of("action", "read", "description", "Read invoices"), env, invoices)
                .then()
                .statusCode(201)
                .body("action", equalTo("read"))
                .body("description", equalTo("Read invoices"))
                .body("key", equalTo("invoices:read"))
                .body("resource.id", equalTo(invoices))
                .body("resource.name", equalTo("invoices"))
                .body("resourceServer.id", equalTo(resource))
                .body("resourceServer.environment.id", equalTo(env))
                .body("$", not(hasKey("_links")))
                .body("$", not(hasKey("environment")))
                .extract()
                .path("id");
        admin.get(ONE, env, invoices, id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("key", equalTo("invoices:read"));
    }

    @Test
    void missingActionIsRequiredValueOnActionAndCreatesNothing() {
        admin.post(LIST, Map.of("description", "x"), env, invoices)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details", hasSize(1))
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("action"));
        assertNoPermissions();
    }

    @Test
    void anEmptyActionIsEmptyValueOnAction() {
        admin.post(LIST, Map.of("action", ""), env, invoices)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("EMPTY_VALUE"))
                .body("details[0].target", equalTo("action"));
        assertNoPermissions();
    }

    @Test
    void anActionWithAColonIsInvalidValueOnAction() {
        admin.post(LIST, Map.of("action", "read:all"), env, invoices)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("action"));
        assertNoPermissions();
    }

    @Test
    void aNonStringActionIsInvalidValueOnAction() {
        admin.post(LIST, Map.of("action", 7), env, invoices)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("action"));
        assertNoPermissions();
    }

    @Test
    void unicodeLettersSpacesAndPunctuationOfTheRuleAreAccepted() {
        admin.post(LIST, Map.of("action", "Überweisung prüfen/v1.2 o'k_x-y"), env, invoices)
                .then()
                .statusCode(201)
                .body("key", equalTo("invoices:Überweisung prüfen/v1.2 o'k_x-y"));
    }

    @Test
    void aDuplicateActionIsUniquenessViolationOnAction() {
        permission(admin, env, invoices, "read");
        admin.post(LIST, Map.of("action", "read"), env, invoices)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("action"));
        admin.get(LIST, env, invoices).then().body("count", equalTo(1));
    }

    @Test
    void theSameActionOnAnotherApplicationResourceIsAllowed() {
        permission(admin, env, invoices, "read");
        String accounts = applicationResource(admin, env, resource, "accounts");
        admin.post(LIST, Map.of("action", "read"), env, accounts)
                .then()
                .statusCode(201)
                .body("key", equalTo("accounts:read"));
    }

    @Test
    void anUnknownApplicationResourceIsNotFound() {
        String unknown = Ids.newId();
        admin.post(LIST, Map.of("action", "read"), env, unknown)
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        admin.get(LIST, env, unknown).then().statusCode(404);
    }

    @Test
    void putReplacesTheActionAndClearsAnOmittedDescription() {
        String id = admin.post(LIST, Map.of("action", "read", "description", "old"), env, invoices)
                .then()
                .extract()
                .path("id");
        admin.put(ONE, Map.of("action", "view"), env, invoices, id)
                .then()
                .statusCode(200)
                .body("action", equalTo("view"))
                .body("key", equalTo("invoices:view"))
                .body("$", not(hasKey("description")));
        admin.get(ONE, env, invoices, id).then().body("action", equalTo("view"));
    }

    @Test
    void putToATakenActionIsUniquenessViolationAndChangesNothing() {
        permission(admin, env, invoices, "read");
        String id = permission(admin, env, invoices, "write");
        admin.put(ONE, Map.of("action", "read"), env, invoices, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("action"));
        admin.get(ONE, env, invoices, id).then().body("action", equalTo("write"));
    }

    @Test
    void putWithABadActionIsInvalidAndChangesNothing() {
        String id = permission(admin, env, invoices, "read");
        admin.put(ONE, Map.of("action", "a:b", "description", "d"), env, invoices, id)
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("action"));
        admin.get(ONE, env, invoices, id).then().body("action", equalTo("read")).body("$", not(hasKey("description")));
    }

    @Test
    void renamingTheApplicationResourceChangesTheKeys() {
        String id = permission(admin, env, invoices, "read");
        admin.put(
                        "/v1/environments/{env}/resources/{res}/applicationResources/{id}",
                        Map.of("name", "bills"),
                        env,
                        resource,
                        invoices)
                .then()
                .statusCode(200);
        admin.get(ONE, env, invoices, id)
                .then()
                .body("key", equalTo("bills:read"))
                .body("resource.name", equalTo("bills"));
        admin.get(BY_RESOURCE, env, resource).then().body("_embedded.permissions[0].key", equalTo("bills:read"));
    }

    @Test
    void aPermissionIsOnlyFoundUnderItsOwnApplicationResource() {
        String id = permission(admin, env, invoices, "read");
        String accounts = applicationResource(admin, env, resource, "accounts");
        admin.get(ONE, env, accounts, id).then().statusCode(404);
        admin.put(ONE, Map.of("action", "x"), env, accounts, id).then().statusCode(404);
        admin.delete(ONE, env, accounts, id).then().statusCode(404);
        admin.get(ONE, env, invoices, id).then().statusCode(200);
    }

    @Test
    void deleteRemovesThePermission() {
        String id = permission(admin, env, invoices, "read");
        admin.delete(ONE, env, invoices, id).then().statusCode(204);
        admin.get(ONE, env, invoices, id).then().statusCode(404);
        admin.delete(ONE, env, invoices, id).then().statusCode(404);
    }

    @Test
    void theResourceListsThePermissionsOfAllItsApplicationResourcesAndNoOthers() {
        String read = permission(admin, env, invoices, "read");
        String write = permission(admin, env, invoices, "write");
        String open = permission(admin, env, applicationResource(admin, env, resource, "accounts"), "open");
        String elsewhere = customResource(server, env);
        permission(admin, env, applicationResource(admin, env, elsewhere, "reports"), "read");
        admin.get(BY_RESOURCE, env, resource)
                .then()
                .statusCode(200)
                .body("count", equalTo(3))
                .body("_embedded.permissions.id", contains(read, write, open))
                .body("_embedded.permissions.key", contains("invoices:read", "invoices:write", "accounts:open"));
        admin.get(BY_RESOURCE, env, builtInResource(server, env, "OPENID_CONNECT"))
                .then()
                .statusCode(200)
                .body("count", equalTo(0));
        admin.get(BY_RESOURCE, env, Ids.newId()).then().statusCode(404);
    }

    @Test
    void deletingTheApplicationResourceDeletesItsPermissions() {
        String id = permission(admin, env, invoices, "read");
        admin.delete("/v1/environments/{env}/resources/{res}/applicationResources/{id}", env, resource, invoices)
                .then()
                .statusCode(204);
        admin.get(ONE, env, invoices, id).then().statusCode(404);
        assertThat(rows(server, "application_permissions", env)).isZero();
    }

    @Test
    void anotherEnvironmentsPermissionsAreNotFound() {
        String id = permission(admin, env, invoices, "read");
        String other = Fixtures.environment(admin);
        admin.get(ONE, other, invoices, id).then().statusCode(404);
        admin.get(LIST, other, invoices).then().statusCode(404);
        admin.post(LIST, Map.of("action", "write"), other, invoices).then().statusCode(404);
        admin.put(ONE, Map.of("action", "write"), other, invoices, id).then().statusCode(404);
        admin.delete(ONE, other, invoices, id).then().statusCode(404);
        admin.get(BY_RESOURCE, other, resource).then().statusCode(404);
        admin.get(ONE, env, invoices, id).then().statusCode(200).body("action", equalTo("read"));
        admin.get(LIST, env, invoices).then().body("count", equalTo(1));
    }

    private void assertNoPermissions() {
        admin.get(LIST, env, invoices).then().statusCode(200).body("count", equalTo(0));
        assertThat(rows(server, "application_permissions", env)).isZero();
    }
}
