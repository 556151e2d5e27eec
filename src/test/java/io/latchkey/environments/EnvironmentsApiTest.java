package io.latchkey.environments;

import static io.latchkey.environments.EnvironmentFixtures.environmentBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Db.class) // both databases: concurrent creates reach the unique constraint; case-insensitive names,
// filter and paging are SQL
class EnvironmentsApiTest {
    private static final String ISO_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.shared(db);
    }

    private Api admin() {
        return server().admin();
    }

    /** How many environments are named exactly {@code name} (read back through the API). */
    private int named(String name) {
        return admin()
                .request()
                .queryParam("filter", "name sw \"" + name + "\"")
                .get("/v1/environments")
                .then()
                .statusCode(200)
                .extract()
                .<List<String>>path("_embedded.environments.name")
                .stream()
                .filter(n -> n.equalsIgnoreCase(name))
                .toList()
                .size();
    }

    // ---- create and read

    @Test
    void createReturns201WithTheEnvironmentAsPingOneRendersIt() {
        Map<String, Object> body = environmentBody("create-");
        body.put("description", "for tests");
        body.put("type", "PRODUCTION");
        body.put("region", "EU");
        String base = server().baseUrl();
        String id = admin().post("/v1/environments", body)
                .then()
                .statusCode(201)
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("name", equalTo(body.get("name")))
                .body("description", equalTo("for tests"))
                .body("region", equalTo("EU"))
                .body("type", equalTo("PRODUCTION"))
                .body("status", equalTo("ACTIVE"))
                .body("license.id", notNullValue())
                .body("organization.id", notNullValue())
                .body("billOfMaterials.products.type", hasItem("PING_ONE_BASE"))
                .body("createdAt", matchesPattern(ISO_MILLIS))
                .body("updatedAt", matchesPattern(ISO_MILLIS))
                .extract()
                .path("id");
        admin().get("/v1/environments/{id}", id)
                .then()
                .statusCode(200)
                .body("_links.self.href", equalTo(base + "/v1/environments/" + id))
                .body("_links.populations.href", equalTo(base + "/v1/environments/" + id + "/populations"))
                .body("name", equalTo(body.get("name")))
                .body("description", equalTo("for tests"));
    }

    @Test
    void aGivenLicenseAndBillOfMaterialsAreKept() {
        Map<String, Object> body = environmentBody("license-");
        String license = UUID.randomUUID().toString();
        body.put("license", Map.of("id", license));
        body.put(
                "billOfMaterials",
                Map.of("products", List.of(Map.of("type", "PING_ONE_MFA"), Map.of("type", "PING_ONE_BASE"))));
        String id = admin().post("/v1/environments", body)
                .then()
                .statusCode(201)
                .body("license.id", equalTo(license))
                .extract()
                .path("id");
        admin().get("/v1/environments/{id}", id)
                .then()
                .statusCode(200)
                .body("license.id", equalTo(license))
                .body("billOfMaterials.products.type", containsInAnyOrder("PING_ONE_MFA", "PING_ONE_BASE"));
    }

    @Test
    void unknownEnvironmentIs404NotFound() {
        admin().get("/v1/environments/{id}", UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"))
                .body("id", notNullValue());
    }

    @Test
    void duplicateNameIgnoringCaseIsUniquenessViolationOnName() {
        Map<String, Object> body = environmentBody("Dup-");
        admin().post("/v1/environments", body).then().statusCode(201);
        String name = (String) body.get("name");
        Map<String, Object> again = environmentBody("x");
        again.put("name", name.toUpperCase());
        admin().post("/v1/environments", again)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("name"));
        assertThat(named(name)).isEqualTo(1);
    }

    @Test
    void concurrentCreatesWithOneNameMakeOneEnvironmentAndUniquenessViolations() throws Exception {
        String name = "race-" + UUID.randomUUID();
        List<Thread> threads = new ArrayList<>();
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> codes = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 6; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                var r = admin().post("/v1/environments", Map.of("name", name, "region", "NA", "type", "SANDBOX"));
                statuses.add(r.statusCode());
                if (r.statusCode() == 400) codes.add(r.path("details[0].code"));
            }));
        }
        for (Thread t : threads) t.join();
        assertThat(statuses).containsOnly(201, 400);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(codes).containsOnly("UNIQUENESS_VIOLATION");
        assertThat(named(name)).isEqualTo(1);
    }

    // ---- list, filter, paging

    @Test
    void listFiltersByNamePrefixIgnoringCase() {
        String prefix = "Sw-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String a = admin().post("/v1/environments", Map.of("name", prefix + "a", "region", "NA", "type", "SANDBOX"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String b = admin().post("/v1/environments", Map.of("name", prefix + "b", "region", "NA", "type", "SANDBOX"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Fixtures.environment(admin());
        admin().request()
                .queryParam("filter", "name sw \"" + prefix.toLowerCase() + "\"")
                .get("/v1/environments")
                .then()
                .statusCode(200)
                .body("_embedded.environments.id", containsInAnyOrder(a, b))
                .body("count", equalTo(2))
                .body("size", equalTo(2))
                .body("_links.self.href", startsWith(server().baseUrl() + "/v1/environments"));
    }

    @Test
    void listFiltersById() {
        String id = Fixtures.environment(admin());
        Fixtures.environment(admin());
        admin().request()
                .queryParam("filter", "id eq \"" + id + "\"")
                .get("/v1/environments")
                .then()
                .statusCode(200)
                .body("_embedded.environments.id", containsInAnyOrder(id))
                .body("count", equalTo(1));
    }

    @Test
    void listPagesWithLimitAndTheCursorOfTheNextLink() {
        String prefix = "page-" + UUID.randomUUID() + "-";
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(admin().post("/v1/environments", Map.of("name", prefix + i, "region", "NA", "type", "SANDBOX"))
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id"));
        }
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        JsonPath page = admin().request()
                .queryParam("filter", "name sw \"" + prefix + "\"")
                .queryParam("limit", 2)
                .get("/v1/environments")
                .then()
                .statusCode(200)
                .body("count", equalTo(5))
                .extract()
                .jsonPath();
        while (true) {
            seen.addAll(page.getList("_embedded.environments.id"));
            sizes.add(page.getInt("size"));
            String next = page.getString("_links.next.href");
            if (next == null) break;
            assertThat(next)
                    .startsWith(server().baseUrl() + "/v1/environments?")
                    .contains("cursor=")
                    .contains("limit=2");
            page = admin().request()
                    .urlEncodingEnabled(false)
                    .get(next)
                    .then()
                    .statusCode(200)
                    .body("count", equalTo(5))
                    .extract()
                    .jsonPath();
        }
        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactlyElementsOf(created); // ids are time-ordered: creation order, no repeats
    }

    @Test
    void unsupportedFilterAttributeIsInvalidFilter() {
        admin().request()
                .queryParam("filter", "description eq \"x\"")
                .get("/v1/environments")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("INVALID_FILTER"))
                .body("details[0].target", equalTo("filter"))
                .body("details[0].innerError.supportedAttributes", hasItem("name"));
    }

    @Test
    void malformedFilterIsInvalidFilter() {
        admin().request()
                .queryParam("filter", "name sw")
                .get("/v1/environments")
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_FILTER"));
        admin().request()
                .queryParam("filter", "name xx \"a\"")
                .get("/v1/environments")
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_FILTER"));
    }

    @Test
    void aLimitOutOfRangeOrACursorNotIssuedByTheApiIs400() {
        for (String limit : List.of("0", "5001", "ten")) {
            admin().request()
                    .queryParam("limit", limit)
                    .get("/v1/environments")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_DATA"))
                    .body("details[0].target", equalTo("limit"));
        }
        admin().request()
                .queryParam("cursor", "not-a-cursor")
                .get("/v1/environments")
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("cursor"));
    }

    // ---- update

    @Test
    void putReplacesNameDescriptionAndTypeAndClearsWhatIsOmitted() {
        Map<String, Object> body = environmentBody("put-");
        body.put("description", "before");
        String id = admin().post("/v1/environments", body)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String createdAt = admin().get("/v1/environments/{id}", id).path("createdAt");
        String renamed = "renamed-" + UUID.randomUUID();
        admin().put("/v1/environments/{id}", Map.of("name", renamed, "region", "NA", "type", "PRODUCTION"), id)
                .then()
                .statusCode(200)
                .body("name", equalTo(renamed))
                .body("type", equalTo("PRODUCTION"))
                .body("$", not(hasKey("description")));
        admin().get("/v1/environments/{id}", id)
                .then()
                .statusCode(200)
                .body("name", equalTo(renamed))
                .body("type", equalTo("PRODUCTION"))
                .body("description", nullValue())
                .body("license.id", notNullValue())
                .body("createdAt", equalTo(createdAt));
    }

    @Test
    void regionCannotChange() {
        Map<String, Object> body = environmentBody("region-");
        String id = admin().post("/v1/environments", body)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Map<String, Object> put = new HashMap<>(body);
        put.put("region", "EU");
        put.put("description", "changed");
        admin().put("/v1/environments/{id}", put, id)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("region"));
        admin().get("/v1/environments/{id}", id)
                .then()
                .body("region", equalTo("NA"))
                .body("description", nullValue());
    }

    @Test
    void putToTheNameOfAnotherEnvironmentIgnoringCaseIsUniquenessViolation() {
        Map<String, Object> first = environmentBody("Taken-");
        admin().post("/v1/environments", first).then().statusCode(201);
        Map<String, Object> second = environmentBody("other-");
        String id = admin().post("/v1/environments", second)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Map<String, Object> put = new HashMap<>(second);
        put.put("name", ((String) first.get("name")).toLowerCase());
        admin().put("/v1/environments/{id}", put, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("name"));
        admin().get("/v1/environments/{id}", id).then().body("name", equalTo(second.get("name")));
    }

    @Test
    void anEnvironmentMayBeRenamedToItsOwnNameInAnotherCase() {
        Map<String, Object> body = environmentBody("case-");
        String id = admin().post("/v1/environments", body)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Map<String, Object> put = new HashMap<>(body);
        put.put("name", ((String) body.get("name")).toUpperCase());
        admin().put("/v1/environments/{id}", put, id).then().statusCode(200).body("name", equalTo(put.get("name")));
    }

    @Test
    void putOfAnUnknownEnvironmentIs404() {
        admin().put("/v1/environments/{id}", environmentBody("ghost-"), UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }

    // ---- delete

    @Test
    void anApplicationCannotDeleteItsOwnEnvironment() {
        String own = server().adminEnvironmentId;
        admin().delete("/v1/environments/{id}", own)
                .then()
                .statusCode(400)
                .body("code", equalTo("REQUEST_FAILED"))
                .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"));
        admin().get("/v1/environments/{id}", own).then().statusCode(200);
    }

    @Test
    void deleteIs204ThenTheEnvironmentIsGone() {
        String id = Fixtures.environment(admin());
        admin().delete("/v1/environments/{id}", id).then().statusCode(204);
        admin().get("/v1/environments/{id}", id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin().delete("/v1/environments/{id}", id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        server().anonymous().request().get("/" + id + "/as/jwks").then().statusCode(404);
    }

    @Test
    void deleteRemovesEverythingInTheEnvironmentAndNothingElse() {
        String doomed = Fixtures.environment(admin());
        String kept = Fixtures.environment(admin());
        EnvironmentFixtures.worker(admin(), doomed);
        EnvironmentFixtures.worker(admin(), kept);
        // The signing key comes with the first use.
        server().anonymous().request().get("/" + doomed + "/as/jwks").then().statusCode(200);
        for (String table : EnvironmentFixtures.ENVIRONMENT_TABLES) {
            if (!table.startsWith("application_grants")
                    && !table.startsWith("resource_attributes")
                    && !table.equals("sign_on_policy_assignments")
                    && !table.equals("role_assignments")) {
                assertThat(EnvironmentFixtures.rows(server(), table, doomed))
                        .as(table + " before")
                        .isPositive();
            }
        }
        admin().delete("/v1/environments/{id}", doomed).then().statusCode(204);
        for (String table : EnvironmentFixtures.ENVIRONMENT_TABLES) {
            assertThat(EnvironmentFixtures.rows(server(), table, doomed))
                    .as(table + " after")
                    .isZero();
        }
        assertThat(EnvironmentFixtures.rows(server(), "applications", kept)).isEqualTo(1);
        assertThat(EnvironmentFixtures.rows(server(), "resources", kept)).isEqualTo(2);
        admin().get("/v1/environments/{id}", kept).then().statusCode(200);
    }

    @Test
    void tokensIssuedInADeletedEnvironmentStopWorking() {
        String env = Fixtures.environment(admin());
        EnvironmentFixtures.Client worker = EnvironmentFixtures.worker(admin(), env);
        EnvironmentFixtures.grantRole(
                server(), worker, io.latchkey.access.BuiltInRole.ENVIRONMENT_ADMIN, "ENVIRONMENT", env);
        Api api = Api.withClientCredentials(server(), env, worker.id(), worker.secret());
        api.get("/v1/environments/{id}", env).then().statusCode(200);
        admin().delete("/v1/environments/{id}", env).then().statusCode(204);
        api.get("/v1/environments/{id}", env)
                .then()
                .statusCode(401)
                .body("code", equalTo("ACCESS_FAILED"))
                .body("details[0].code", equalTo("INVALID_TOKEN"));
        api.get("/v1/environments").then().statusCode(401);
        server().anonymous()
                .request()
                .auth()
                .preemptive()
                .basic(worker.id(), worker.secret())
                .formParam("grant_type", "client_credentials")
                .post("/" + env + "/as/token")
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_client"));
    }
}
