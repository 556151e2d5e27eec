package io.latchkey.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.latchkey.testkit.Api;
import java.util.List;
import java.util.Map;

/** Resources, scopes and attributes for tests, created over the API. */
final class ResourceFixtures {
    private ResourceFixtures() {}

    static final String RESOURCES = "/v1/environments/{env}/resources";
    static final String RESOURCE = RESOURCES + "/{id}";

    /** A custom resource with only a name; returns its id. */
    static String custom(Api admin, String env, String name) {
        return admin.post(RESOURCES, Map.of("name", name), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** The id of the resource named {@code name} (e.g. "openid", "PingOne API"). */
    static String byName(Api admin, String env, String name) {
        List<String> ids = admin.request()
                .queryParam("filter", "name eq \"" + name + "\"")
                .get(RESOURCES, env)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.resources.id");
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    static String scope(Api admin, String env, String resourceId, String name) {
        return admin.post(RESOURCE + "/scopes", Map.of("name", name), env, resourceId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static String attribute(Api admin, String env, String resourceId, String name, String value) {
        return admin.post(RESOURCE + "/attributes", Map.of("name", name, "value", value), env, resourceId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** The body of a GET, to compare before and after a refused change. */
    static String snapshot(Api admin, String path, Object... params) {
        return admin.get(path, params).then().statusCode(200).extract().asString();
    }
}
