package io.latchkey.resources;

import static io.latchkey.resources.ResourceFixtures.RESOURCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Read-modify-write, as Terraform and SDKs do it: the body of a GET, PUT back unchanged, is accepted and changes
 * nothing but {@code updatedAt}.
 */
@ParameterizedClass
@EnumSource(
        Db.class) // both databases: what the database gives back (JSON documents, timestamps) must be what was written
class RoundTripTest {
    @Parameter
    Db db;

    private static void putBack(Api admin, String path, Object... params) {
        String read = admin.get(path, params).then().statusCode(200).extract().asString();
        String written = admin.request()
                .contentType("application/json")
                .body(read)
                .put(path, params)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Map<String, Object> before = new HashMap<>(JsonPath.from(read).getMap(""));
        Map<String, Object> after = new HashMap<>(JsonPath.from(written).getMap(""));
        before.remove("updatedAt");
        after.remove("updatedAt");
        assertThat(after).as(path).isEqualTo(before);
    }

    @Test
    void everyGetBodyCanBePutBackUnchanged() {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String custom = admin.post(
                        "/v1/environments/{env}/resources",
                        Map.of(
                                "name",
                                "api",
                                "description",
                                "d",
                                "accessTokenValiditySeconds",
                                600,
                                "introspectEndpointAuthMethod",
                                "CLIENT_SECRET_POST",
                                "applicationPermissionsSettings",
                                Map.of("claimEnabled", true)),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String openid = ResourceFixtures.byName(admin, env, "openid");
        String api = ResourceFixtures.byName(admin, env, "PingOne API");
        for (String id : List.of(custom, openid, api)) putBack(admin, RESOURCE, env, id);

        String scope = ResourceFixtures.scope(admin, env, custom, "read");
        putBack(admin, RESOURCE + "/scopes/{s}", env, custom, scope);
        String claim = ResourceFixtures.attribute(admin, env, openid, "team", "blue");
        String email = admin.get(RESOURCE + "/scopes", env, openid)
                .then()
                .extract()
                .path("_embedded.scopes.find { it.name == 'email' }.id");
        admin.put(RESOURCE + "/scopes/{s}", Map.of("name", "email", "mappedClaims", List.of(claim)), env, openid, email)
                .then()
                .statusCode(200);
        putBack(admin, RESOURCE + "/scopes/{s}", env, openid, email);
        putBack(admin, RESOURCE + "/attributes/{a}", env, openid, claim);
        String sub = admin.get(RESOURCE + "/attributes", env, custom)
                .then()
                .extract()
                .path("_embedded.attributes[0].id");
        putBack(admin, RESOURCE + "/attributes/{a}", env, custom, sub);
        String apiScope = admin.post(
                        RESOURCE + "/scopes",
                        Map.of("name", "p1:read:user:x", "schemaAttributes", List.of("*")),
                        env,
                        api)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        putBack(admin, RESOURCE + "/scopes/{s}", env, api, apiScope);

        String policies = "/v1/environments/{env}/signOnPolicies";
        List<String> ids = admin.get(policies, env).then().extract().path("_embedded.signOnPolicies.id");
        String defaultPolicy = ids.get(0);
        putBack(admin, policies + "/{p}", env, defaultPolicy);
        String action = admin.get(policies + "/{p}/actions", env, defaultPolicy)
                .then()
                .extract()
                .path("_embedded.actions[0].id");
        putBack(admin, policies + "/{p}/actions/{a}", env, defaultPolicy, action);
        String other = admin.post(policies, Map.of("name", "Other"), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        putBack(admin, policies + "/{p}", env, other);
        String mfa = admin.post(
                        policies + "/{p}/actions",
                        Map.of(
                                "priority",
                                1,
                                "type",
                                "MULTI_FACTOR_AUTHENTICATION",
                                "applications",
                                List.of(Map.of(
                                        "id",
                                        "7b4d3f3e-1c2a-4b5c-9d8e-0f1a2b3c4d5e",
                                        "deviceAuthorization",
                                        Map.of("enabled", true))),
                                "condition",
                                Map.of("and", List.of(Map.of("value", "${user.*}", "equals", "x")))),
                        env,
                        other)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        putBack(admin, policies + "/{p}/actions/{a}", env, other, mfa);
    }
}
