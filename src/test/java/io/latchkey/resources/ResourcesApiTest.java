package io.latchkey.resources;

import static io.latchkey.resources.ResourceFixtures.RESOURCE;
import static io.latchkey.resources.ResourceFixtures.RESOURCES;
import static io.latchkey.resources.ResourceFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Await;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResourcesApiTest {
    static final String ISO = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    Api admin() {
        return TestServer.shared().admin();
    }

    @Test
    void referenceCaseMatchesFieldForField() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        var body = Map.of(
                "name",
                "CustomResource_1712950378",
                "description",
                "This is my custom resource",
                "audience",
                "https://api.custom-resource-1712950378.com",
                "accessTokenValiditySeconds",
                7200,
                "applicationPermissionsSettings",
                Map.of("claimEnabled", true));
        var created = admin.post(RESOURCES, body, env)
                .then()
                .statusCode(201)
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("environment.id", equalTo(env))
                .body("name", equalTo("CustomResource_1712950378"))
                .body("type", equalTo("CUSTOM"))
                .body("audience", equalTo("https://api.custom-resource-1712950378.com"))
                .body("description", equalTo("This is my custom resource"))
                .body("createdAt", matchesPattern(ISO))
                .body("updatedAt", matchesPattern(ISO))
                .body("accessTokenValiditySeconds", equalTo(7200))
                .body("introspectEndpointAuthMethod", equalTo("CLIENT_SECRET_BASIC"))
                .body("applicationPermissionsSettings.claimEnabled", equalTo(true))
                .body("_links", aMapWithSize(6))
                .body("_links.environment.href", endsWith("/v1/environments/" + env))
                .extract()
                .jsonPath();
        String id = created.getString("id");
        String self = created.getString("_links.self.href");
        assertThat(self)
                .endsWith("/v1/environments/" + env + "/resources/" + id)
                .startsWith("http");
        assertThat(created.getString("_links.scopes.href")).isEqualTo(self + "/scopes");
        assertThat(created.getString("_links.attributes.href")).isEqualTo(self + "/attributes");
        assertThat(created.getString("_links.secret.href")).isEqualTo(self + "/secret");
        assertThat(created.getString("_links.applicationResources.href")).isEqualTo(self + "/applicationResources");
        assertThat(created.getMap(""))
                .containsOnlyKeys(
                        "_links",
                        "id",
                        "environment",
                        "name",
                        "type",
                        "audience",
                        "description",
                        "createdAt",
                        "updatedAt",
                        "accessTokenValiditySeconds",
                        "introspectEndpointAuthMethod",
                        "applicationPermissionsSettings");

        String read = snapshot(admin, RESOURCE, env, id);
        assertThat(JsonPath.from(read).getMap("")).isEqualTo(created.getMap(""));
    }

    @Test
    void omittedSettingsTakePingOneDefaults() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        admin.post(RESOURCES, Map.of("name", "defaults"), env)
                .then()
                .statusCode(201)
                .body("type", equalTo("CUSTOM"))
                .body("audience", equalTo("defaults"))
                .body("accessTokenValiditySeconds", equalTo(3600))
                .body("introspectEndpointAuthMethod", equalTo("CLIENT_SECRET_BASIC"))
                .body("applicationPermissionsSettings.claimEnabled", equalTo(false))
                .body("$", not(hasKey("description")));
    }

    @Test
    void explicitCustomTypeAndEveryIntrospectMethodAreAccepted() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        for (String method : List.of("NONE", "CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST")) {
            admin.post(
                            RESOURCES,
                            Map.of("name", "r-" + method, "type", "CUSTOM", "introspectEndpointAuthMethod", method),
                            env)
                    .then()
                    .statusCode(201)
                    .body("introspectEndpointAuthMethod", equalTo(method));
        }
    }

    @Test
    void duplicateResourceNameIsUniquenessViolationOnName() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        admin.post(RESOURCES, Map.of("name", "dup"), env).then().statusCode(201);
        String before = snapshot(admin, RESOURCES, env);
        admin.post(RESOURCES, Map.of("name", "dup", "audience", "https://other.example"), env)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("id", notNullValue())
                .body("message", notNullValue())
                .body("details", hasSize(1))
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("name"));
        assertThat(snapshot(admin, RESOURCES, env)).isEqualTo(before);
    }

    @Test
    void nameOfABuiltInResourceIsTaken() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String before = snapshot(admin, RESOURCES, env);
        admin.post(RESOURCES, Map.of("name", "openid", "audience", "https://x.example"), env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("name"));
        assertThat(snapshot(admin, RESOURCES, env)).isEqualTo(before);
    }

    @Test
    void missingOrEmptyNameIsRefused() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String before = snapshot(admin, RESOURCES, env);
        admin.post(RESOURCES, Map.of("description", "no name"), env)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("name"));
        admin.post(RESOURCES, Map.of("name", "  "), env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("EMPTY_VALUE"))
                .body("details[0].target", equalTo("name"));
        assertThat(snapshot(admin, RESOURCES, env)).isEqualTo(before);
    }

    @Test
    void accessTokenValidityOutsideRangeIsOutOfRange() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String before = snapshot(admin, RESOURCES, env);
        for (int bad : new int[] {299, 2592001, 0, -1}) {
            admin.post(RESOURCES, Map.of("name", "v" + bad, "accessTokenValiditySeconds", bad), env)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_DATA"))
                    .body("details[0].code", equalTo("OUT_OF_RANGE"))
                    .body("details[0].target", equalTo("accessTokenValiditySeconds"))
                    .body("details[0].innerError.rangeMinimumValue", equalTo(300))
                    .body("details[0].innerError.rangeMaximumValue", equalTo(2592000));
        }
        admin.post(RESOURCES, Map.of("name", "text", "accessTokenValiditySeconds", "7200"), env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("accessTokenValiditySeconds"));
        assertThat(snapshot(admin, RESOURCES, env)).isEqualTo(before);
        admin.post(RESOURCES, Map.of("name", "min", "accessTokenValiditySeconds", 300), env)
                .then()
                .statusCode(201);
        admin.post(RESOURCES, Map.of("name", "max", "accessTokenValiditySeconds", 2592000), env)
                .then()
                .statusCode(201);
    }

    @Test
    void audienceWithAFragmentIsInvalid() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String before = snapshot(admin, RESOURCES, env);
        admin.post(RESOURCES, Map.of("name", "frag", "audience", "https://api.example.com/#part"), env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("audience"))
                .body("details[0].message", containsString("fragment"));
        admin.post(RESOURCES, Map.of("name", "empty", "audience", ""), env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("EMPTY_VALUE"))
                .body("details[0].target", equalTo("audience"));
        assertThat(snapshot(admin, RESOURCES, env)).isEqualTo(before);
    }

    @Test
    void audienceNamingPingOneOrPingIdentityIsInvalid() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String before = snapshot(admin, RESOURCES, env);
        for (String audience :
                List.of("https://api.pingone.com", "https://API.PingIdentity.example", "urn:pingone:x")) {
            admin.post(RESOURCES, Map.of("name", "aud-" + audience.length(), "audience", audience), env)
                    .then()
                    .statusCode(400)
                    .body("details[0].code", equalTo("INVALID_VALUE"))
                    .body("details[0].target", equalTo("audience"));
        }
        // The audience defaults to the name, so a name with "pingone" needs an audience of its own.
        admin.post(RESOURCES, Map.of("name", "My PingOne sync"), env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("audience"))
                .body("details[0].message", containsString("defaults to the name"));
        assertThat(snapshot(admin, RESOURCES, env)).isEqualTo(before);
        admin.post(RESOURCES, Map.of("name", "My PingOne sync", "audience", "https://sync.example"), env)
                .then()
                .statusCode(201);
    }

    @Test
    void onlyCustomResourcesCanBeCreated() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String before = snapshot(admin, RESOURCES, env);
        for (String type : List.of("OPENID_CONNECT", "PINGONE_API")) {
            admin.post(RESOURCES, Map.of("name", "t-" + type, "type", type), env)
                    .then()
                    .statusCode(400)
                    .body("details[0].code", equalTo("INVALID_VALUE"))
                    .body("details[0].target", equalTo("type"));
        }
        admin.post(RESOURCES, Map.of("name", "t-bad", "type", "SAML"), env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("type"))
                .body("details[0].innerError.allowedValues", hasItems("CUSTOM"));
        assertThat(snapshot(admin, RESOURCES, env)).isEqualTo(before);
    }

    @Test
    void introspectEndpointAuthMethodOutsideTheEnumIsInvalid() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String before = snapshot(admin, RESOURCES, env);
        admin.post(RESOURCES, Map.of("name", "m", "introspectEndpointAuthMethod", "PRIVATE_KEY_JWT"), env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("introspectEndpointAuthMethod"))
                .body(
                        "details[0].innerError.allowedValues",
                        equalTo(List.of("NONE", "CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST")));
        admin.post(RESOURCES, Map.of("name", "c", "applicationPermissionsSettings", Map.of("claimEnabled", "yes")), env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("applicationPermissionsSettings.claimEnabled"));
        assertThat(snapshot(admin, RESOURCES, env)).isEqualTo(before);
    }

    @Test
    void importingAClientIdAndSecretIsRefused() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String before = snapshot(admin, RESOURCES, env);
        admin.post(RESOURCES, Map.of("name", "imp", "clientId", "abcdefgh12", "clientSecret", "secretsecret"), env)
                .then()
                .statusCode(400)
                .body("details.target", equalTo(List.of("clientId", "clientSecret")))
                .body("details.code", everyItem(equalTo("INVALID_VALUE")));
        assertThat(snapshot(admin, RESOURCES, env)).isEqualTo(before);
    }

    @Test
    void everyProblemOfABodyIsReportedAtOnce() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String before = snapshot(admin, RESOURCES, env);
        admin.post(RESOURCES, Map.of("accessTokenValiditySeconds", 1, "audience", "a#b", "type", "PINGONE_API"), env)
                .then()
                .statusCode(400)
                .body("details.target", hasItems("name", "accessTokenValiditySeconds", "audience", "type"));
        assertThat(snapshot(admin, RESOURCES, env)).isEqualTo(before);
    }

    @Test
    void putReplacesTheSettingsAndKeepsNameAndCreation() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        var created = admin.post(
                        RESOURCES,
                        Map.of(
                                "name",
                                "put-me",
                                "description",
                                "old",
                                "audience",
                                "https://old.example",
                                "accessTokenValiditySeconds",
                                600,
                                "introspectEndpointAuthMethod",
                                "NONE",
                                "applicationPermissionsSettings",
                                Map.of("claimEnabled", true)),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String id = created.getString("id");
        // updatedAt has millisecond precision: the PUT must come in a later millisecond to show that it changed.
        long written = java.time.Instant.parse(created.getString("updatedAt")).toEpochMilli();
        Await.until(
                "the clock passes the creation's millisecond",
                Duration.ofSeconds(5),
                () -> System.currentTimeMillis() > written);
        admin.put(
                        RESOURCE,
                        Map.of("name", "put-me", "audience", "https://new.example", "accessTokenValiditySeconds", 900),
                        env,
                        id)
                .then()
                .statusCode(200)
                .body("name", equalTo("put-me"))
                .body("audience", equalTo("https://new.example"))
                .body("accessTokenValiditySeconds", equalTo(900))
                .body("$", not(hasKey("description")))
                .body("introspectEndpointAuthMethod", equalTo("CLIENT_SECRET_BASIC"))
                .body("applicationPermissionsSettings.claimEnabled", equalTo(false))
                .body("createdAt", equalTo(created.getString("createdAt")))
                .body("updatedAt", not(equalTo(created.getString("updatedAt"))));
        admin.get(RESOURCE, env, id)
                .then()
                .statusCode(200)
                .body("audience", equalTo("https://new.example"))
                .body("accessTokenValiditySeconds", equalTo(900));
        // Without an audience, PUT falls back to the name, like POST.
        admin.put(RESOURCE, Map.of("name", "put-me"), env, id)
                .then()
                .statusCode(200)
                .body("audience", equalTo("put-me"));
    }

    @Test
    void theNameOfAResourceCannotChange() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = ResourceFixtures.custom(admin, env, "fixed");
        String before = snapshot(admin, RESOURCE, env, id);
        admin.put(RESOURCE, Map.of("name", "renamed"), env, id)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("name"));
        admin.put(RESOURCE, Map.of("description", "no name"), env, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("name"));
        admin.put(RESOURCE, Map.of("name", "fixed", "type", "OPENID_CONNECT"), env, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("type"));
        admin.put(RESOURCE, Map.of("name", "fixed", "accessTokenValiditySeconds", 100), env, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("OUT_OF_RANGE"))
                .body("details[0].target", equalTo("accessTokenValiditySeconds"));
        assertThat(snapshot(admin, RESOURCE, env, id)).isEqualTo(before);
    }

    @Test
    void builtInResourcesExistInEveryEnvironmentAndCannotBeDeleted() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String openid = ResourceFixtures.byName(admin, env, "openid");
        String api = ResourceFixtures.byName(admin, env, "PingOne API");
        admin.get(RESOURCE, env, openid)
                .then()
                .statusCode(200)
                .body("type", equalTo("OPENID_CONNECT"))
                .body("_links", not(hasKey("secret")))
                .body("$", not(hasKey("introspectEndpointAuthMethod")));
        admin.get(RESOURCE, env, api)
                .then()
                .statusCode(200)
                .body("type", equalTo("PINGONE_API"))
                .body("audience", equalTo("https://api.pingone.com"));
        for (String id : List.of(openid, api)) {
            String before = snapshot(admin, RESOURCE, env, id);
            admin.delete(RESOURCE, env, id)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_DATA"))
                    .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"))
                    .body("details[0].target", nullValue());
            assertThat(snapshot(admin, RESOURCE, env, id)).isEqualTo(before);
        }
    }

    @Test
    void aBuiltInResourceMayChangeDescriptionAndValidityOnly() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String openid = ResourceFixtures.byName(admin, env, "openid");
        admin.put(
                        RESOURCE,
                        Map.of("name", "openid", "description", "OIDC", "accessTokenValiditySeconds", 1800),
                        env,
                        openid)
                .then()
                .statusCode(200)
                .body("description", equalTo("OIDC"))
                .body("accessTokenValiditySeconds", equalTo(1800))
                .body("audience", equalTo("openid"))
                .body("type", equalTo("OPENID_CONNECT"));
        String before = snapshot(admin, RESOURCE, env, openid);
        admin.put(RESOURCE, Map.of("name", "oidc"), env, openid)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("name"));
        admin.put(RESOURCE, Map.of("name", "openid", "audience", "https://elsewhere.example"), env, openid)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("audience"));
        admin.put(RESOURCE, Map.of("name", "openid", "introspectEndpointAuthMethod", "NONE"), env, openid)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("introspectEndpointAuthMethod"));
        admin.put(
                        RESOURCE,
                        Map.of("name", "openid", "applicationPermissionsSettings", Map.of("claimEnabled", true)),
                        env,
                        openid)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("applicationPermissionsSettings"));
        assertThat(snapshot(admin, RESOURCE, env, openid)).isEqualTo(before);

        // The PingOne API resource keeps its audience, which a custom resource could not have.
        String api = ResourceFixtures.byName(admin, env, "PingOne API");
        admin.put(
                        RESOURCE,
                        Map.of(
                                "name",
                                "PingOne API",
                                "audience",
                                "https://api.pingone.com",
                                "accessTokenValiditySeconds",
                                7200),
                        env,
                        api)
                .then()
                .statusCode(200)
                .body("accessTokenValiditySeconds", equalTo(7200));
    }

    @Test
    void deletedResourceIsGone() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = ResourceFixtures.custom(admin, env, "bye");
        admin.delete(RESOURCE, env, id).then().statusCode(204).body(equalTo(""));
        admin.get(RESOURCE, env, id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.delete(RESOURCE, env, id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        // The name is free again.
        ResourceFixtures.custom(admin, env, "bye");
    }

    @Test
    void unknownResourceIsNotFound() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String nobody = UUID.randomUUID().toString();
        admin.get(RESOURCE, env, nobody).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.put(RESOURCE, Map.of("name", "x"), env, nobody)
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        admin.delete(RESOURCE, env, nobody).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.get(RESOURCE, env, "not-a-uuid").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void unknownEnvironmentIsNotFound() {
        Api admin = admin();
        String nowhere = UUID.randomUUID().toString();
        admin.post(RESOURCES, Map.of("name", "lost"), nowhere)
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        admin.get(RESOURCES, nowhere).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void listEmbedsResourcesWithCountsAndFilters() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        ResourceFixtures.custom(admin, env, "alpha-1");
        ResourceFixtures.custom(admin, env, "alpha-2");
        ResourceFixtures.custom(admin, env, "beta");
        admin.get(RESOURCES, env)
                .then()
                .statusCode(200)
                .body("_links.self.href", endsWith("/v1/environments/" + env + "/resources"))
                .body("count", equalTo(5))
                .body("size", equalTo(5))
                .body("_embedded.resources.name", hasItems("openid", "PingOne API", "alpha-1", "alpha-2", "beta"));
        admin.request()
                .queryParam("filter", "name sw \"alpha\"")
                .get(RESOURCES, env)
                .then()
                .statusCode(200)
                .body("count", equalTo(2))
                .body("_embedded.resources.name", equalTo(List.of("alpha-1", "alpha-2")));
        admin.request()
                .queryParam("filter", "type eq \"CUSTOM\" and not (name eq \"beta\")")
                .get(RESOURCES, env)
                .then()
                .statusCode(200)
                .body("count", equalTo(2));
        admin.request()
                .queryParam("filter", "description co \"x\"")
                .get(RESOURCES, env)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("INVALID_FILTER"))
                .body("details[0].target", equalTo("filter"))
                .body("details[0].innerError.supportedAttributes", hasItem("name"));
        admin.request()
                .queryParam("filter", "name eq \"x\" or 1=1; drop table resources")
                .get(RESOURCES, env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_FILTER"));
        admin.get(RESOURCES, env).then().statusCode(200).body("count", equalTo(5));
    }

    @Test
    void listPagesWithLimitAndCursor() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        ResourceFixtures.custom(admin, env, "p1");
        var first = admin.request()
                .queryParam("limit", 2)
                .get(RESOURCES, env)
                .then()
                .statusCode(200)
                .body("size", equalTo(2))
                .body("count", equalTo(3))
                .extract()
                .jsonPath();
        String next = first.getString("_links.next.href");
        assertThat(next).contains("cursor=").contains("limit=2");
        var second = admin.request()
                .get(next)
                .then()
                .statusCode(200)
                .body("size", equalTo(1))
                .extract()
                .jsonPath();
        List<String> all = new java.util.ArrayList<>(first.getList("_embedded.resources.id"));
        all.addAll(second.getList("_embedded.resources.id"));
        assertThat(all).doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String before = snapshot(admin, RESOURCES, env);
        admin.request()
                .contentType("text/plain")
                .body("name=x")
                .post(RESOURCES, env)
                .then()
                .statusCode(415)
                .body("code", equalTo("INVALID_REQUEST"));
        admin.request()
                .contentType("application/json")
                .body("{\"name\": ")
                .post(RESOURCES, env)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].target", equalTo("body"));
        admin.request()
                .contentType("application/json")
                .body("[1,2]")
                .post(RESOURCES, env)
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("body"));
        assertThat(snapshot(admin, RESOURCES, env)).isEqualTo(before);
    }

    @Test
    void unknownAndReadOnlyFieldsAreIgnored() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        Map<String, Object> body = new HashMap<>();
        body.put("name", "roundtrip");
        body.put("id", "11111111-1111-4111-8111-111111111111");
        body.put("createdAt", "2020-01-01T00:00:00.000Z");
        body.put("environment", Map.of("id", "x"));
        body.put("somethingElse", 1);
        String id = admin.post(RESOURCES, body, env)
                .then()
                .statusCode(201)
                .body("id", not(equalTo("11111111-1111-4111-8111-111111111111")))
                .body("environment.id", equalTo(env))
                .body("$", not(hasKey("somethingElse")))
                .extract()
                .path("id");
        // A GET body PUT back unchanged is accepted.
        String read = snapshot(admin, RESOURCE, env, id);
        admin.request()
                .contentType("application/json")
                .body(read)
                .put(RESOURCE, env, id)
                .then()
                .statusCode(200)
                .body("name", equalTo("roundtrip"));
    }
}
