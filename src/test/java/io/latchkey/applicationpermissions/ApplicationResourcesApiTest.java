package io.latchkey.applicationpermissions;

import static io.latchkey.applicationpermissions.PermissionFixtures.*;
import static org.hamcrest.Matchers.*;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplicationResourcesApiTest {
    private static final String LIST = "/v1/environments/{env}/resources/{res}/applicationResources";
    private static final String ONE = LIST + "/{id}";

    TestServer server;
    Api admin;
    String env;
    String resource;

    @BeforeEach
    void setUp() {
        server = TestServer.shared();
        admin = server.admin();
        env = Fixtures.environment(admin);
        resource = customResource(server, env);
    }

    @Test
    void createReturnsTheApplicationResourceWithItsParent() {
        String id = admin.post(LIST, Map.of("name", "invoices", "description", "Invoices"), env, resource)
                .then()
                .statusCode(201)
                .body("name", equalTo("invoices"))
                .body("description", equalTo("Invoices"))
                .body("parent.type", equalTo("PING_ONE_RESOURCE"))
                .body("parent.id", equalTo(resource))
                .body("$", not(hasKey("environment")))
                .body("$", not(hasKey("createdAt")))
                .body("$", not(hasKey("_links")))
                .extract()
                .path("id");
        admin.get(ONE, env, resource, id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo("invoices"))
                .body("parent.id", equalTo(resource));
    }

    @Test
    void missingNameIsRequiredValueOnNameAndCreatesNothing() {
        admin.post(LIST, Map.of("description", "no name"), env, resource)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details", hasSize(1))
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("name"));
        assertEmpty();
    }

    @Test
    void blankNameIsEmptyValueOnName() {
        admin.post(LIST, Map.of("name", "  "), env, resource)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("EMPTY_VALUE"))
                .body("details[0].target", equalTo("name"));
        assertEmpty();
    }

    @Test
    void nameWithAColonIsInvalidValueOnName() {
        admin.post(LIST, Map.of("name", "invoices:read"), env, resource)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("name"))
                .body("details[0].innerError.allowedPattern", notNullValue());
        assertEmpty();
    }

    @Test
    void nameLongerThan256IsSizeLimitExceededOnName() {
        admin.post(LIST, Map.of("name", "a".repeat(257)), env, resource)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("SIZE_LIMIT_EXCEEDED"))
                .body("details[0].target", equalTo("name"));
        assertEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        admin.post(LIST, Map.of("name", 12, "description", true), env, resource)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details.target", containsInAnyOrder("name", "description"))
                .body("details.code", everyItem(equalTo("INVALID_VALUE")));
        assertEmpty();
    }

    @Test
    void malformedJsonIsInvalidDataOnBody() {
        admin.request()
                .contentType(ContentType.JSON)
                .body("{\"name\": ")
                .post(LIST, env, resource)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].target", equalTo("body"));
        assertEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupportedMediaType() {
        admin.request()
                .contentType("text/plain")
                .body("name=x")
                .post(LIST, env, resource)
                .then()
                .statusCode(415)
                .body("code", equalTo("INVALID_REQUEST"));
        assertEmpty();
    }

    @Test
    void duplicateNameUnderTheSameResourceIsUniquenessViolationOnName() {
        applicationResource(admin, env, resource, "invoices");
        admin.post(LIST, Map.of("name", "invoices"), env, resource)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("name"));
        admin.get(LIST, env, resource).then().statusCode(200).body("count", equalTo(1));
    }

    @Test
    void theSameNameUnderAnotherResourceIsAllowed() {
        applicationResource(admin, env, resource, "invoices");
        String other = customResource(server, env);
        admin.post(LIST, Map.of("name", "invoices"), env, other).then().statusCode(201);
    }

    @Test
    void builtInResourcesCannotHoldApplicationResources() {
        for (String type : new String[] {"OPENID_CONNECT", "PINGONE_API"}) {
            String builtIn = builtInResource(server, env, type);
            admin.post(LIST, Map.of("name", "invoices"), env, builtIn)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_DATA"))
                    .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"))
                    .body("details[0].target", equalTo("resource"));
            admin.get(LIST, env, builtIn)
                    .then()
                    .statusCode(200)
                    .body("count", equalTo(0))
                    .body("_embedded.resources", hasSize(0));
        }
        org.assertj.core.api.Assertions.assertThat(rows(server, "application_resources", env))
                .isZero();
    }

    @Test
    void anUnknownResourceIsNotFound() {
        String unknown = io.latchkey.storage.Ids.newId();
        admin.post(LIST, Map.of("name", "invoices"), env, unknown)
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        admin.get(LIST, env, unknown).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void putReplacesNameAndClearsAnOmittedDescription() {
        String id = admin.post(LIST, Map.of("name", "invoices", "description", "old"), env, resource)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.put(ONE, Map.of("name", "bills"), env, resource, id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo("bills"))
                .body("$", not(hasKey("description")));
        admin.get(ONE, env, resource, id).then().body("name", equalTo("bills")).body("$", not(hasKey("description")));
    }

    @Test
    void putKeepingItsOwnNameIsAllowed() {
        String id = applicationResource(admin, env, resource, "invoices");
        admin.put(ONE, Map.of("name", "invoices", "description", "now described"), env, resource, id)
                .then()
                .statusCode(200)
                .body("description", equalTo("now described"));
    }

    @Test
    void putToANameTakenByASiblingIsUniquenessViolationAndChangesNothing() {
        applicationResource(admin, env, resource, "invoices");
        String id = applicationResource(admin, env, resource, "bills");
        admin.put(ONE, Map.of("name", "invoices"), env, resource, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("name"));
        admin.get(ONE, env, resource, id).then().body("name", equalTo("bills"));
    }

    @Test
    void putWithoutNameIsRequiredValueAndChangesNothing() {
        String id = applicationResource(admin, env, resource, "invoices");
        admin.put(ONE, Map.of("description", "x"), env, resource, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("name"));
        admin.get(ONE, env, resource, id)
                .then()
                .body("name", equalTo("invoices"))
                .body("$", not(hasKey("description")));
    }

    @Test
    void anApplicationResourceIsOnlyFoundUnderItsOwnResource() {
        String id = applicationResource(admin, env, resource, "invoices");
        String other = customResource(server, env);
        admin.get(ONE, env, other, id).then().statusCode(404);
        admin.put(ONE, Map.of("name", "x"), env, other, id).then().statusCode(404);
        admin.delete(ONE, env, other, id).then().statusCode(404);
        admin.get(ONE, env, resource, id).then().statusCode(200).body("name", equalTo("invoices"));
    }

    @Test
    void deleteRemovesItAndASecondDeleteIsNotFound() {
        String id = applicationResource(admin, env, resource, "invoices");
        admin.delete(ONE, env, resource, id).then().statusCode(204);
        admin.get(ONE, env, resource, id).then().statusCode(404);
        admin.delete(ONE, env, resource, id).then().statusCode(404);
    }

    @Test
    void theEnvironmentWideViewListsAndReadsApplicationResourcesOfEveryResource() {
        String a = applicationResource(admin, env, resource, "invoices");
        String b = applicationResource(admin, env, customResource(server, env), "accounts");
        admin.get("/v1/environments/{env}/applicationResources", env)
                .then()
                .statusCode(200)
                .body("count", equalTo(2))
                .body("size", equalTo(2))
                .body("_embedded.resources.id", contains(a, b))
                .body("_embedded.resources[0].parent.id", equalTo(resource));
        admin.get("/v1/environments/{env}/applicationResources/{id}", env, b)
                .then()
                .statusCode(200)
                .body("name", equalTo("accounts"));
        admin.get("/v1/environments/{env}/applicationResources/{id}", env, io.latchkey.storage.Ids.newId())
                .then()
                .statusCode(404);
    }

    @Test
    void theEnvironmentWideViewIsReadOnly() {
        String id = applicationResource(admin, env, resource, "invoices");
        admin.post("/v1/environments/{env}/applicationResources", Map.of("name", "x"), env)
                .then()
                .statusCode(anyOf(is(404), is(405)));
        admin.delete("/v1/environments/{env}/applicationResources/{id}", env, id)
                .then()
                .statusCode(anyOf(is(404), is(405)));
        admin.get(ONE, env, resource, id).then().statusCode(200);
    }

    @Test
    void listsArePagedWithACursor() {
        String a = applicationResource(admin, env, resource, "a");
        String b = applicationResource(admin, env, resource, "b");
        String c = applicationResource(admin, env, resource, "c");
        String next = admin.get(LIST + "?limit=2", env, resource)
                .then()
                .statusCode(200)
                .body("count", equalTo(3))
                .body("size", equalTo(2))
                .body("_embedded.resources.id", contains(a, b))
                .extract()
                .path("_links.next.href");
        String cursor = next.substring(next.indexOf("cursor=") + 7);
        admin.request()
                .queryParam("limit", 2)
                .queryParam("cursor", cursor)
                .get(LIST, env, resource)
                .then()
                .statusCode(200)
                .body("size", equalTo(1))
                .body("_embedded.resources.id", contains(c))
                .body("_links", not(hasKey("next")));
        admin.get(LIST + "?limit=0", env, resource).then().statusCode(400).body("details[0].target", equalTo("limit"));
    }

    @Test
    void anotherEnvironmentsApplicationResourcesAreNotFound() {
        String id = applicationResource(admin, env, resource, "invoices");
        String other = Fixtures.environment(admin);
        admin.get(ONE, other, resource, id).then().statusCode(404);
        admin.get(LIST, other, resource).then().statusCode(404);
        admin.post(LIST, Map.of("name", "x"), other, resource).then().statusCode(404);
        admin.put(ONE, Map.of("name", "x"), other, resource, id).then().statusCode(404);
        admin.delete(ONE, other, resource, id).then().statusCode(404);
        admin.get("/v1/environments/{env}/applicationResources/{id}", other, id)
                .then()
                .statusCode(404);
        admin.get("/v1/environments/{env}/applicationResources", other)
                .then()
                .statusCode(200)
                .body("count", equalTo(0));
        admin.get(ONE, env, resource, id).then().statusCode(200).body("name", equalTo("invoices"));
    }

    private void assertEmpty() {
        admin.get(LIST, env, resource).then().statusCode(200).body("count", equalTo(0));
        org.assertj.core.api.Assertions.assertThat(rows(server, "application_resources", env))
                .isZero();
    }
}
