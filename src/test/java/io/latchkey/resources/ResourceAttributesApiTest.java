package io.latchkey.resources;

import static io.latchkey.resources.ResourceFixtures.RESOURCE;
import static io.latchkey.resources.ResourceFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceAttributesApiTest {
    static final String ATTRIBUTES = RESOURCE + "/attributes";
    static final String ATTRIBUTE = ATTRIBUTES + "/{attributeId}";
    /**
     * PingOne's reserved names for resource attributes (env, org, p1.*, ...) and for application attribute mappings
     * (at_hash, azp, nbf, nonce), and the hashes an id token may carry: written out here, not read from the code.
     */
    static final List<String> RESERVED = List.of(
            "acr",
            "amr",
            "aud",
            "auth_time",
            "client_id",
            "env",
            "exp",
            "iat",
            "iss",
            "jti",
            "org",
            "scope",
            "sid",
            "sub",
            "p1.permissions",
            "p1.region",
            "nbf",
            "nonce",
            "at_hash",
            "azp",
            "c_hash",
            "s_hash");

    Api admin() {
        return TestServer.shared().admin();
    }

    @Test
    void aNewCustomResourceStartsWithTheCoreSubAttribute() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String resource = ResourceFixtures.custom(admin, env, "api");
        admin.get(ATTRIBUTES, env, resource)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.attributes[0].name", equalTo("sub"))
                .body("_embedded.attributes[0].value", equalTo("${user.id}"))
                .body("_embedded.attributes[0].type", equalTo("CORE"))
                .body("_embedded.attributes[0]", not(hasKey("idToken")));
    }

    @Test
    void aCustomAttributeHasPingOnesFields() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String resource = ResourceFixtures.custom(admin, env, "api");
        var created = admin.post(ATTRIBUTES, Map.of("name", "firstName", "value", "${user.name.given}"), env, resource)
                .then()
                .statusCode(201)
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("environment.id", equalTo(env))
                .body("resource.id", equalTo(resource))
                .body("name", equalTo("firstName"))
                .body("value", equalTo("${user.name.given}"))
                .body("type", equalTo("CUSTOM"))
                .body("_links", aMapWithSize(3))
                .body("$", not(hasKey("idToken")))
                .body("$", not(hasKey("userInfo")))
                .extract()
                .jsonPath();
        assertThat(created.getMap(""))
                .containsOnlyKeys("_links", "id", "environment", "resource", "name", "value", "type");
        String id = created.getString("id");
        assertThat(created.getString("_links.self.href")).endsWith("/resources/" + resource + "/attributes/" + id);
        assertThat(JsonPath.from(snapshot(admin, ATTRIBUTE, env, resource, id)).getMap(""))
                .isEqualTo(created.getMap(""));
        admin.post(ATTRIBUTES, Map.of("name", "tier", "value", "gold"), env, resource)
                .then()
                .statusCode(201)
                .body("value", equalTo("gold"));
    }

    @Test
    void theOpenIdResourceHasThePredefinedClaims() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String openid = ResourceFixtures.byName(admin, env, "openid");
        admin.get(ATTRIBUTES, env, openid)
                .then()
                .statusCode(200)
                .body("count", equalTo(24))
                .body("_embedded.attributes.type", everyItem(equalTo("PREDEFINED")))
                .body("_embedded.attributes.idToken", everyItem(equalTo(true)))
                .body("_embedded.attributes.userInfo", everyItem(equalTo(true)))
                .body("_embedded.attributes.find { it.name == 'given_name' }.value", equalTo("${user.name.given}"))
                .body("_embedded.attributes.find { it.name == 'email' }.value", equalTo("${user.email}"))
                .body("_embedded.attributes.name", not(hasItem("sub")));
        String created = admin.post(
                        ATTRIBUTES, Map.of("name", "groups", "value", "${user.memberOfGroupNames}"), env, openid)
                .then()
                .statusCode(201)
                .body("idToken", equalTo(true))
                .body("userInfo", equalTo(true))
                .extract()
                .path("id");
        admin.put(
                        ATTRIBUTE,
                        Map.of("name", "groups", "value", "${user.memberOfGroupNames}", "idToken", false),
                        env,
                        openid,
                        created)
                .then()
                .statusCode(200)
                .body("idToken", equalTo(false))
                .body("userInfo", equalTo(true));
    }

    @Test
    void reservedClaimNamesAreRefused() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String custom = ResourceFixtures.custom(admin, env, "api");
        String openid = ResourceFixtures.byName(admin, env, "openid");
        for (String resource : List.of(custom, openid)) {
            String before = snapshot(admin, ATTRIBUTES, env, resource);
            for (String name : RESERVED) {
                admin.post(ATTRIBUTES, Map.of("name", name, "value", "x"), env, resource)
                        .then()
                        .statusCode(400)
                        .body("code", equalTo("INVALID_DATA"))
                        .body("details[0].code", equalTo("INVALID_VALUE"))
                        .body("details[0].target", equalTo("name"))
                        .body("details[0].message", startsWith("'" + name + "' is a reserved claim name"));
            }
            admin.post(ATTRIBUTES, Map.of("name", "has space", "value", "x"), env, resource)
                    .then()
                    .statusCode(400)
                    .body("details[0].code", equalTo("INVALID_VALUE"))
                    .body("details[0].target", equalTo("name"));
            assertThat(snapshot(admin, ATTRIBUTES, env, resource)).isEqualTo(before);
        }
    }

    @Test
    void renamingToAReservedClaimNameIsRefused() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String custom = ResourceFixtures.custom(admin, env, "api");
        String openid = ResourceFixtures.byName(admin, env, "openid");
        for (String resource : List.of(custom, openid)) {
            String id = ResourceFixtures.attribute(admin, env, resource, "tier", "gold");
            String before = snapshot(admin, ATTRIBUTES, env, resource);
            for (String name : List.of("nonce", "at_hash", "azp", "nbf", "env", "p1.permissions")) {
                admin.put(ATTRIBUTE, Map.of("name", name, "value", "x"), env, resource, id)
                        .then()
                        .statusCode(400)
                        .body("code", equalTo("INVALID_DATA"))
                        .body("details[0].code", equalTo("INVALID_VALUE"))
                        .body("details[0].target", equalTo("name"))
                        .body("details[0].message", startsWith("'" + name + "' is a reserved claim name"));
            }
            assertThat(snapshot(admin, ATTRIBUTES, env, resource)).isEqualTo(before);
        }
    }

    @Test
    void aCustomAttributeStoredUnderANameReservedSinceMustBeRenamed() {
        // Before the management API refused it, an attribute could be named nonce; tokens never carried it.
        TestServer server = TestServer.shared();
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String resource = ResourceFixtures.custom(admin, env, "api");
        String id = ResourceFixtures.attribute(admin, env, resource, "soonReserved", "x");
        server.latchkey()
                .database()
                .useTransaction(h -> h.createUpdate("update resource_attributes set name = 'nonce' where id = :id")
                        .bind("id", id)
                        .execute());
        String before = snapshot(admin, ATTRIBUTE, env, resource, id);
        admin.put(ATTRIBUTE, Map.of("name", "nonce", "value", "y"), env, resource, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("name"));
        assertThat(snapshot(admin, ATTRIBUTE, env, resource, id)).isEqualTo(before);
        admin.put(ATTRIBUTE, Map.of("name", "requestNonce", "value", "y"), env, resource, id)
                .then()
                .statusCode(200)
                .body("name", equalTo("requestNonce"));
    }

    @Test
    void duplicateAttributeNameIsUniquenessViolationOnName() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String custom = ResourceFixtures.custom(admin, env, "api");
        String openid = ResourceFixtures.byName(admin, env, "openid");
        ResourceFixtures.attribute(admin, env, custom, "dept", "${user.title}");
        String before = snapshot(admin, ATTRIBUTES, env, custom);
        admin.post(ATTRIBUTES, Map.of("name", "dept", "value", "other"), env, custom)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("name"));
        assertThat(snapshot(admin, ATTRIBUTES, env, custom)).isEqualTo(before);
        String openidBefore = snapshot(admin, ATTRIBUTES, env, openid);
        admin.post(ATTRIBUTES, Map.of("name", "given_name", "value", "${user.nickname}"), env, openid)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("name"));
        assertThat(snapshot(admin, ATTRIBUTES, env, openid)).isEqualTo(openidBefore);
    }

    @Test
    void theValueIsALiteralOrAUserPlaceholder() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String resource = ResourceFixtures.custom(admin, env, "api");
        String before = snapshot(admin, ATTRIBUTES, env, resource);
        admin.post(ATTRIBUTES, Map.of("name", "a"), env, resource)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("value"));
        admin.post(ATTRIBUTES, Map.of("name", "a", "value", ""), env, resource)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("EMPTY_VALUE"))
                .body("details[0].target", equalTo("value"));
        for (String bad :
                List.of("${user.}", "${user.name given}", "${env.id}", "Hi ${user.name.given}", "${user.email")) {
            // (${user.name.given + user.name.family}, PingOne's own advanced-mapping example, is accepted now:
            // ResourceAttributeExpressionsApiTest.)
            admin.post(ATTRIBUTES, Map.of("name", "a", "value", bad), env, resource)
                    .then()
                    .statusCode(400)
                    .body("details[0].code", equalTo("INVALID_VALUE"))
                    .body("details[0].target", equalTo("value"));
        }
        admin.post(ATTRIBUTES, Map.of("name", "a", "value", 42), env, resource)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("value"));
        admin.post(ATTRIBUTES, Map.of("value", "x"), env, resource)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("name"));
        assertThat(snapshot(admin, ATTRIBUTES, env, resource)).isEqualTo(before);
        admin.post(
                        ATTRIBUTES,
                        Map.of("name", "updated", "value", "${#datetime.toUnixTimestamp(user.updatedAt)}"),
                        env,
                        resource)
                .then()
                .statusCode(201);
    }

    @Test
    void idTokenAndUserInfoCannotBothBeFalse() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String openid = ResourceFixtures.byName(admin, env, "openid");
        String before = snapshot(admin, ATTRIBUTES, env, openid);
        admin.post(
                        ATTRIBUTES,
                        Map.of("name", "nowhere", "value", "x", "idToken", false, "userInfo", false),
                        env,
                        openid)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("idToken"));
        admin.post(ATTRIBUTES, Map.of("name", "nowhere", "value", "x", "idToken", "no"), env, openid)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("idToken"));
        assertThat(snapshot(admin, ATTRIBUTES, env, openid)).isEqualTo(before);
        admin.post(ATTRIBUTES, Map.of("name", "infoOnly", "value", "x", "idToken", false), env, openid)
                .then()
                .statusCode(201)
                .body("idToken", equalTo(false))
                .body("userInfo", equalTo(true));
    }

    @Test
    void thePingOneApiResourceTakesNoAttributes() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String api = ResourceFixtures.byName(admin, env, "PingOne API");
        admin.post(ATTRIBUTES, Map.of("name", "x", "value", "y"), env, api)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"))
                .body("details[0].target", nullValue());
        admin.get(ATTRIBUTES, env, api).then().statusCode(200).body("count", equalTo(0));
    }

    @Test
    void coreAndPredefinedAttributesCanBeRemappedButNotRenamedOrDeleted() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String custom = ResourceFixtures.custom(admin, env, "api");
        String sub = admin.get(ATTRIBUTES, env, custom).then().extract().path("_embedded.attributes[0].id");
        String before = snapshot(admin, ATTRIBUTE, env, custom, sub);
        admin.delete(ATTRIBUTE, env, custom, sub)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"))
                .body("details[0].target", nullValue());
        admin.put(ATTRIBUTE, Map.of("name", "subject", "value", "${user.id}"), env, custom, sub)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("name"));
        admin.put(ATTRIBUTE, Map.of("name", "sub", "value", ""), env, custom, sub)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("EMPTY_VALUE"))
                .body("details[0].target", equalTo("value"));
        assertThat(snapshot(admin, ATTRIBUTE, env, custom, sub)).isEqualTo(before);
        admin.put(ATTRIBUTE, Map.of("name", "sub", "value", "${user.externalId}"), env, custom, sub)
                .then()
                .statusCode(200)
                .body("type", equalTo("CORE"))
                .body("value", equalTo("${user.externalId}"));

        String openid = ResourceFixtures.byName(admin, env, "openid");
        String givenName = admin.get(ATTRIBUTES, env, openid)
                .then()
                .extract()
                .path("_embedded.attributes.find { it.name == 'given_name' }.id");
        String predefinedBefore = snapshot(admin, ATTRIBUTE, env, openid, givenName);
        admin.delete(ATTRIBUTE, env, openid, givenName)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"));
        admin.put(ATTRIBUTE, Map.of("name", "first_name", "value", "${user.name.given}"), env, openid, givenName)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("name"));
        assertThat(snapshot(admin, ATTRIBUTE, env, openid, givenName)).isEqualTo(predefinedBefore);
        // An empty mapping switches a predefined claim off.
        admin.put(ATTRIBUTE, Map.of("name", "given_name", "value", ""), env, openid, givenName)
                .then()
                .statusCode(200)
                .body("value", equalTo(""))
                .body("type", equalTo("PREDEFINED"));
    }

    @Test
    void aCustomAttributeCanBeRenamedAndDeleted() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String resource = ResourceFixtures.custom(admin, env, "api");
        String id = ResourceFixtures.attribute(admin, env, resource, "firstName", "${user.name.given}");
        ResourceFixtures.attribute(admin, env, resource, "taken", "x");
        admin.put(ATTRIBUTE, Map.of("name", "nickname", "value", "${user.nickname}"), env, resource, id)
                .then()
                .statusCode(200)
                .body("name", equalTo("nickname"))
                .body("value", equalTo("${user.nickname}"));
        String before = snapshot(admin, ATTRIBUTE, env, resource, id);
        admin.put(ATTRIBUTE, Map.of("name", "aud", "value", "x"), env, resource, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("name"));
        admin.put(ATTRIBUTE, Map.of("name", "taken", "value", "x"), env, resource, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("name"));
        assertThat(snapshot(admin, ATTRIBUTE, env, resource, id)).isEqualTo(before);
        admin.delete(ATTRIBUTE, env, resource, id).then().statusCode(204);
        admin.get(ATTRIBUTE, env, resource, id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.delete(ATTRIBUTE, env, resource, id).then().statusCode(404);
    }

    @Test
    void theTokenIssuerReadsTheClaimsOfAResource() {
        TestServer server = TestServer.shared();
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String resource = ResourceFixtures.custom(admin, env, "api");
        ResourceFixtures.attribute(admin, env, resource, "email", "${user.email}");
        ResourceFixtures.attribute(admin, env, resource, "tier", "gold");
        String openid = ResourceFixtures.byName(admin, env, "openid");
        ResourceAttributeService attributes =
                new ResourceAttributeService(server.latchkey().database());

        List<Attribute> claims = server.latchkey().database().withHandle(h -> attributes.forResource(h, env, resource));
        assertThat(claims)
                .containsExactly(
                        new Attribute("sub", "${user.id}", true, true, false),
                        new Attribute("email", "${user.email}", true, true, false),
                        new Attribute("tier", "gold", true, true, false));
        assertThat(claims.get(0).parsedValue()).isEqualTo(new AttributeValue.UserPath("id"));
        assertThat(claims.get(2).parsedValue()).isEqualTo(new AttributeValue.Literal("gold"));

        List<Attribute> oidc = server.latchkey().database().withHandle(h -> attributes.forResource(h, env, openid));
        assertThat(oidc)
                .extracting(Attribute::name)
                .contains("given_name", "email", "updated_at")
                .doesNotContain("birthdate", "gender"); // unmapped (empty) predefined claims are left out
        assertThat(oidc.stream()
                        .filter(a -> a.name().equals("updated_at"))
                        .findFirst()
                        .orElseThrow()
                        .parsedValue())
                .isEqualTo(new AttributeValue.UnixTime("updatedAt"));
        // Another environment's id gives nothing.
        String other = Fixtures.environment(admin);
        List<Attribute> none = server.latchkey().database().withHandle(h -> attributes.forResource(h, other, resource));
        assertThat(none).isEmpty();
    }
}
