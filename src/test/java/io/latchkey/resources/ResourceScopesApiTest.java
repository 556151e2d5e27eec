package io.latchkey.resources;

import static io.latchkey.resources.ResourceFixtures.RESOURCE;
import static io.latchkey.resources.ResourceFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResourceScopesApiTest {
    static final String SCOPES = RESOURCE + "/scopes";
    static final String SCOPE = SCOPES + "/{scopeId}";

    Api admin() {
        return TestServer.shared().admin();
    }

    @Test
    void aScopeOfACustomResourceHasPingOnesFields() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String resource = ResourceFixtures.custom(admin, env, "photos");
        var created = admin.post(SCOPES, Map.of("name", "upload:photos", "description", "Upload photos"), env, resource)
                .then()
                .statusCode(201)
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("environment.id", equalTo(env))
                .body("resource.id", equalTo(resource))
                .body("name", equalTo("upload:photos"))
                .body("description", equalTo("Upload photos"))
                .body("_links", aMapWithSize(3))
                .body("_links.resource.href", endsWith("/resources/" + resource))
                .body("$", not(hasKey("mappedClaims")))
                .extract()
                .jsonPath();
        String id = created.getString("id");
        assertThat(created.getString("_links.self.href")).endsWith("/resources/" + resource + "/scopes/" + id);
        assertThat(JsonPath.from(snapshot(admin, SCOPE, env, resource, id)).getMap(""))
                .isEqualTo(created.getMap(""));
        admin.get(SCOPES, env, resource)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.scopes[0].id", equalTo(id));
    }

    @Test
    void duplicateScopeNameIsUniquenessViolationOnName() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String resource = ResourceFixtures.custom(admin, env, "r1");
        String other = ResourceFixtures.custom(admin, env, "r2");
        ResourceFixtures.scope(admin, env, resource, "read");
        String before = snapshot(admin, SCOPES, env, resource);
        admin.post(SCOPES, Map.of("name", "read"), env, resource)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("name"));
        assertThat(snapshot(admin, SCOPES, env, resource)).isEqualTo(before);
        // Unique per resource, not per environment.
        ResourceFixtures.scope(admin, env, other, "read");
    }

    @Test
    void aScopeNameIsOneWordOfVisibleAscii() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String resource = ResourceFixtures.custom(admin, env, "words");
        String before = snapshot(admin, SCOPES, env, resource);
        for (String bad : List.of("read photos", "quote\"d", "back\\slash", "tab\there", "naïve")) {
            admin.post(SCOPES, Map.of("name", bad), env, resource)
                    .then()
                    .statusCode(400)
                    .body("details[0].code", equalTo("INVALID_VALUE"))
                    .body("details[0].target", equalTo("name"));
        }
        admin.post(SCOPES, Map.of("description", "nameless"), env, resource)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("name"));
        admin.post(SCOPES, Map.of("name", ""), env, resource)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("EMPTY_VALUE"))
                .body("details[0].target", equalTo("name"));
        assertThat(snapshot(admin, SCOPES, env, resource)).isEqualTo(before);
        ResourceFixtures.scope(admin, env, resource, "https://api.example.com/photos.read~x!");
    }

    @Test
    void aCustomResourceCannotDefineOpenIdOrPingOneScopeNames() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String resource = ResourceFixtures.custom(admin, env, "custom");
        String before = snapshot(admin, SCOPES, env, resource);
        for (String reserved :
                List.of("openid", "profile", "email", "address", "phone", "offline_access", "p1:read:user")) {
            admin.post(SCOPES, Map.of("name", reserved), env, resource)
                    .then()
                    .statusCode(400)
                    .body("details[0].code", equalTo("INVALID_VALUE"))
                    .body("details[0].target", equalTo("name"));
        }
        assertThat(snapshot(admin, SCOPES, env, resource)).isEqualTo(before);
        ResourceFixtures.scope(admin, env, resource, "Email"); // scope names are case-sensitive
    }

    @Test
    void predefinedOpenIdScopesCannotBeDeletedRenamedOrRedescribed() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String openid = ResourceFixtures.byName(admin, env, "openid");
        var scopes = admin.get(SCOPES, env, openid)
                .then()
                .statusCode(200)
                .body("count", equalTo(6))
                .extract()
                .jsonPath();
        assertThat(scopes.getList("_embedded.scopes.name"))
                .containsExactlyInAnyOrder("openid", "profile", "email", "address", "phone", "offline_access");
        String email = scopes.getString("_embedded.scopes.find { it.name == 'email' }.id");
        String description = scopes.getString("_embedded.scopes.find { it.name == 'email' }.description");
        String before = snapshot(admin, SCOPE, env, openid, email);
        admin.delete(SCOPE, env, openid, email)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"))
                .body("details[0].target", nullValue());
        admin.put(SCOPE, Map.of("name", "mail"), env, openid, email)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("name"));
        admin.put(SCOPE, Map.of("name", "email", "description", "changed"), env, openid, email)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("description"));
        assertThat(snapshot(admin, SCOPE, env, openid, email)).isEqualTo(before);
        // Mapping claims onto it is what may change; its description stays.
        String claim = ResourceFixtures.attribute(admin, env, openid, "employeeNumber", "${user.externalId}");
        admin.put(SCOPE, Map.of("name", "email", "mappedClaims", List.of(claim)), env, openid, email)
                .then()
                .statusCode(200)
                .body("mappedClaims", equalTo(List.of(claim)))
                .body("description", equalTo(description));
    }

    @Test
    void theOpenIdResourceTakesNewScopesWithMappedClaims() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String openid = ResourceFixtures.byName(admin, env, "openid");
        String a = ResourceFixtures.attribute(admin, env, openid, "tshirt", "${user.tshirtSize}");
        String b = ResourceFixtures.attribute(admin, env, openid, "team", "blue");
        String scope = admin.post(SCOPES, Map.of("name", "clothes", "mappedClaims", List.of(b, a)), env, openid)
                .then()
                .statusCode(201)
                .body("mappedClaims", equalTo(List.of(a, b).stream().sorted().toList()))
                .extract()
                .path("id");
        admin.get(SCOPE, env, openid, scope)
                .then()
                .statusCode(200)
                .body("mappedClaims", equalTo(List.of(a, b).stream().sorted().toList()));
        // Deleting an attribute drops it from the scopes that map it.
        admin.delete(RESOURCE + "/attributes/{a}", env, openid, a).then().statusCode(204);
        admin.get(SCOPE, env, openid, scope).then().statusCode(200).body("mappedClaims", equalTo(List.of(b)));
        admin.delete(SCOPE, env, openid, scope).then().statusCode(204);
        admin.get(SCOPE, env, openid, scope).then().statusCode(404);
    }

    @Test
    void mappedClaimsMustBeAttributesOfTheOpenIdResource() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String openid = ResourceFixtures.byName(admin, env, "openid");
        String custom = ResourceFixtures.custom(admin, env, "other");
        String foreign = ResourceFixtures.attribute(admin, env, custom, "foreign", "x");
        String before = snapshot(admin, SCOPES, env, openid);
        admin.post(
                        SCOPES,
                        Map.of(
                                "name",
                                "s1",
                                "mappedClaims",
                                List.of(UUID.randomUUID().toString())),
                        env,
                        openid)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("mappedClaims[0]"));
        admin.post(SCOPES, Map.of("name", "s2", "mappedClaims", List.of(foreign)), env, openid)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("mappedClaims[0]"));
        assertThat(snapshot(admin, SCOPES, env, openid)).isEqualTo(before);
        String customBefore = snapshot(admin, SCOPES, env, custom);
        admin.post(SCOPES, Map.of("name", "s3", "mappedClaims", List.of(foreign)), env, custom)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("mappedClaims"));
        admin.post(SCOPES, Map.of("name", "s4", "schemaAttributes", List.of("email")), env, custom)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("schemaAttributes"));
        assertThat(snapshot(admin, SCOPES, env, custom)).isEqualTo(customBefore);
    }

    @Test
    void pingOneApiScopesAreUserScopesWithSchemaAttributes() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String api = ResourceFixtures.byName(admin, env, "PingOne API");
        String before = snapshot(admin, SCOPES, env, api);
        admin.post(SCOPES, Map.of("name", "photos:read", "schemaAttributes", List.of("email")), env, api)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("name"));
        admin.post(SCOPES, Map.of("name", "p1:read:user:hr"), env, api)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("schemaAttributes"));
        admin.post(SCOPES, Map.of("name", "p1:read:user:hr", "schemaAttributes", List.of("*", "email")), env, api)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("schemaAttributes"));
        admin.post(SCOPES, Map.of("name", "p1:read:user:hr", "schemaAttributes", List.of("name given")), env, api)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("schemaAttributes"));
        assertThat(snapshot(admin, SCOPES, env, api)).isEqualTo(before);
        admin.post(
                        SCOPES,
                        Map.of("name", "p1:update:user:hr", "schemaAttributes", List.of("name.family", "email")),
                        env,
                        api)
                .then()
                .statusCode(201)
                .body("schemaAttributes", equalTo(List.of("name.family", "email")));
    }

    @Test
    void putReplacesACustomScope() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String resource = ResourceFixtures.custom(admin, env, "puts");
        String id = admin.post(SCOPES, Map.of("name", "old", "description", "d"), env, resource)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        ResourceFixtures.scope(admin, env, resource, "taken");
        admin.put(SCOPE, Map.of("name", "new"), env, resource, id)
                .then()
                .statusCode(200)
                .body("name", equalTo("new"))
                .body("$", not(hasKey("description")));
        String before = snapshot(admin, SCOPE, env, resource, id);
        admin.put(SCOPE, Map.of("name", "taken"), env, resource, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("name"));
        admin.put(SCOPE, Map.of("name", "openid"), env, resource, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("name"));
        admin.put(SCOPE, Map.of("description", "x"), env, resource, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("name"));
        assertThat(snapshot(admin, SCOPE, env, resource, id)).isEqualTo(before);
    }

    @Test
    void aScopeIsFoundOnlyUnderItsOwnResource() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String resource = ResourceFixtures.custom(admin, env, "mine");
        String other = ResourceFixtures.custom(admin, env, "yours");
        String scope = ResourceFixtures.scope(admin, env, resource, "s");
        admin.get(SCOPE, env, other, scope).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.put(SCOPE, Map.of("name", "t"), env, other, scope).then().statusCode(404);
        admin.delete(SCOPE, env, other, scope).then().statusCode(404);
        admin.get(SCOPE, env, resource, scope).then().statusCode(200).body("name", equalTo("s"));
        String nowhere = UUID.randomUUID().toString();
        admin.get(SCOPES, env, nowhere).then().statusCode(404);
        admin.post(SCOPES, Map.of("name", "s"), env, nowhere).then().statusCode(404);
        admin.get(SCOPE, env, resource, nowhere).then().statusCode(404);
    }

    @Test
    void deletedScopeIsGone() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String resource = ResourceFixtures.custom(admin, env, "del");
        String scope = ResourceFixtures.scope(admin, env, resource, "gone");
        admin.delete(SCOPE, env, resource, scope).then().statusCode(204);
        admin.get(SCOPE, env, resource, scope).then().statusCode(404);
        admin.get(SCOPES, env, resource)
                .then()
                .statusCode(200)
                .body("count", equalTo(0))
                .body("_embedded.scopes.name", not(hasItem("gone")));
    }
}
