package io.latchkey.resources;

import static io.latchkey.resources.ResourceFixtures.RESOURCE;
import static io.latchkey.resources.ResourceFixtures.RESOURCES;
import static io.latchkey.resources.ResourceFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** No call in one environment reads or changes another environment's resources, scopes, attributes or secrets. */
@ParameterizedClass
@EnumSource(Db.class) // both databases: environment isolation is in every query's WHERE clause
class ResourcesIsolationTest {
    @Parameter
    Db db;

    @Test
    void anotherEnvironmentsResourcesAreNotFound() {
        Api admin = TestServer.shared(db).admin();
        String a = Fixtures.environment(admin);
        String b = Fixtures.environment(admin);
        String resource = ResourceFixtures.custom(admin, a, "private-api");
        String scope = ResourceFixtures.scope(admin, a, resource, "read");
        String attribute = ResourceFixtures.attribute(admin, a, resource, "tier", "gold");
        String openidA = ResourceFixtures.byName(admin, a, "openid");
        String openidB = ResourceFixtures.byName(admin, b, "openid");
        String claimA = ResourceFixtures.attribute(admin, a, openidA, "team", "blue");

        List<String> paths = List.of(RESOURCE, RESOURCE + "/scopes", RESOURCE + "/attributes", RESOURCE + "/secret");
        Map<String, String> before = new java.util.HashMap<>();
        for (String p : paths) before.put(p, snapshot(admin, p, a, resource));
        before.put("scope", snapshot(admin, RESOURCE + "/scopes/{s}", a, resource, scope));
        before.put("attribute", snapshot(admin, RESOURCE + "/attributes/{t}", a, resource, attribute));
        before.put("openid", snapshot(admin, RESOURCE + "/attributes", a, openidA));

        List<Supplier<Response>> calls = List.of(
                () -> admin.get(RESOURCE, b, resource),
                () -> admin.put(
                        RESOURCE, Map.of("name", "private-api", "audience", "https://stolen.example"), b, resource),
                () -> admin.delete(RESOURCE, b, resource),
                () -> admin.get(RESOURCE + "/secret", b, resource),
                () -> admin.request().post(RESOURCE + "/secret", b, resource),
                () -> admin.delete(RESOURCE + "/secret", b, resource),
                () -> admin.get(RESOURCE + "/scopes", b, resource),
                () -> admin.post(RESOURCE + "/scopes", Map.of("name", "write"), b, resource),
                () -> admin.get(RESOURCE + "/scopes/{s}", b, resource, scope),
                () -> admin.put(RESOURCE + "/scopes/{s}", Map.of("name", "x"), b, resource, scope),
                () -> admin.delete(RESOURCE + "/scopes/{s}", b, resource, scope),
                () -> admin.get(RESOURCE + "/attributes", b, resource),
                () -> admin.post(RESOURCE + "/attributes", Map.of("name", "x", "value", "y"), b, resource),
                () -> admin.get(RESOURCE + "/attributes/{t}", b, resource, attribute),
                () -> admin.put(
                        RESOURCE + "/attributes/{t}", Map.of("name", "x", "value", "y"), b, resource, attribute),
                () -> admin.delete(RESOURCE + "/attributes/{t}", b, resource, attribute),
                // A's ids under B's own resources.
                () -> admin.get(RESOURCE + "/scopes/{s}", b, openidB, scope),
                () -> admin.get(RESOURCE + "/attributes/{t}", b, openidB, claimA),
                () -> admin.delete(RESOURCE + "/attributes/{t}", b, openidB, claimA),
                () -> admin.get(RESOURCE, b, openidA));
        for (Supplier<Response> call : calls) {
            call.get().then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        }
        // B cannot map A's attribute onto its scopes, and B's lists never show A's objects.
        admin.post(RESOURCE + "/scopes", Map.of("name", "teams", "mappedClaims", List.of(claimA)), b, openidB)
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("mappedClaims[0]"));
        admin.get(RESOURCES, b)
                .then()
                .statusCode(200)
                .body("count", equalTo(2))
                .body("_embedded.resources.id", not(hasItem(resource)));
        admin.request()
                .queryParam("filter", "id eq \"" + resource + "\"")
                .get(RESOURCES, b)
                .then()
                .statusCode(200)
                .body("count", equalTo(0));
        // B can reuse A's names freely.
        ResourceFixtures.custom(admin, b, "private-api");

        for (String p : paths) assertThat(snapshot(admin, p, a, resource)).as(p).isEqualTo(before.get(p));
        assertThat(snapshot(admin, RESOURCE + "/scopes/{s}", a, resource, scope))
                .isEqualTo(before.get("scope"));
        assertThat(snapshot(admin, RESOURCE + "/attributes/{t}", a, resource, attribute))
                .isEqualTo(before.get("attribute"));
        assertThat(snapshot(admin, RESOURCE + "/attributes", a, openidA)).isEqualTo(before.get("openid"));
    }
}
