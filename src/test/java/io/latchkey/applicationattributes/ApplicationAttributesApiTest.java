package io.latchkey.applicationattributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.latchkey.oauth.SignOnFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code /applications/{appId}/attributes}: the CORE {@code sub} and the SCOPE mappings every application lists, CUSTOM
 * mappings created, replaced and deleted, and every bad body refused with PingOne's error and nothing changed. On both
 * databases: the mappings are rows (replaced defaults under their derived ids).
 */
@ParameterizedClass
@EnumSource(Db.class)
class ApplicationAttributesApiTest {
    static final String ATTRIBUTES = "/v1/environments/{env}/applications/{app}/attributes";
    static final String ATTRIBUTE = ATTRIBUTES + "/{id}";
    /** PingOne's reserved names for application mappings (MGMT ApplicationAttributeMapping.name), and ours. */
    static final List<String> RESERVED = List.of(
            "acr",
            "amr",
            "at_hash",
            "aud",
            "auth_time",
            "azp",
            "client_id",
            "exp",
            "iat",
            "iss",
            "jti",
            "nbf",
            "nonce",
            "org",
            "scope",
            "sid",
            "sub",
            "env",
            "c_hash",
            "p1.region");

    static final List<String> SCOPE_CLAIMS = List.of(
            "name",
            "given_name",
            "family_name",
            "middle_name",
            "nickname",
            "preferred_username",
            "picture",
            "zoneinfo",
            "locale",
            "updated_at",
            "email",
            "email_verified",
            "address.street_address",
            "address.locality",
            "address.region",
            "address.postal_code",
            "address.country",
            "phone_number");

    @Parameter
    Db db;

    TestServer server;
    Api admin;
    String env;
    String app;

    @BeforeEach
    void setUp() {
        server = TestServer.shared(db);
        admin = server.admin();
        env = Fixtures.environment(admin);
        app = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC").id();
    }

    @Test
    void aNewApplicationListsTheCoreSubThenTheScopeMappingsOfTheStandardClaims() {
        Map<String, String> scopes = openidScopes();
        JsonPath list = admin.get(ATTRIBUTES, env, app)
                .then()
                .statusCode(200)
                .body("count", equalTo(1 + SCOPE_CLAIMS.size()))
                .body("_embedded.attributes[0].name", equalTo("sub"))
                .body("_embedded.attributes[0].value", equalTo("${user.id}"))
                .body("_embedded.attributes[0].mappingType", equalTo("CORE"))
                .body("_embedded.attributes[0].required", equalTo(true))
                .body("_embedded.attributes[0].idToken", equalTo(true))
                .body("_embedded.attributes[0].userInfo", equalTo(true))
                .body("_embedded.attributes[0]", not(hasKey("oidcScopes")))
                .body("_embedded.attributes.id", everyItem(matchesPattern("[0-9a-f-]{36}")))
                .body("_embedded.attributes.application.id", everyItem(equalTo(app)))
                .body("_links.self.href", startsWith(server.baseUrl()))
                .extract()
                .jsonPath();
        List<Map<String, Object>> all = list.getList("_embedded.attributes");
        assertThat(all.stream().map(m -> m.get("id")).distinct()).hasSize(all.size());
        List<Map<String, Object>> scoped = all.subList(1, all.size());
        assertThat(scoped.stream().map(m -> m.get("name"))).containsExactlyElementsOf(SCOPE_CLAIMS);
        for (Map<String, Object> m : scoped) {
            assertThat(m).containsEntry("mappingType", "SCOPE").containsEntry("required", false);
            // With an access token beside it, an ID token carries no scope claims: userinfo does.
            assertThat(m).containsEntry("idToken", false).containsEntry("userInfo", true);
        }
        assertThat(byName(all, "given_name")).containsEntry("value", "${user.name.given}");
        assertThat(byName(all, "email")).containsEntry("oidcScopes", List.of(scopes.get("email")));
        assertThat(byName(all, "preferred_username")).containsEntry("oidcScopes", List.of(scopes.get("profile")));
        assertThat(byName(all, "address.locality")).containsEntry("oidcScopes", List.of(scopes.get("address")));
        assertThat(byName(all, "phone_number")).containsEntry("oidcScopes", List.of(scopes.get("phone")));

        // Every listed mapping reads the same on its own, and its self link names it.
        Map<String, Object> email = byName(all, "email");
        assertThat(admin.get(ATTRIBUTE, env, app, email.get("id"))
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getMap(""))
                .isEqualTo(email);
        assertThat(((Map<?, ?>) ((Map<?, ?>) email.get("_links")).get("self"))
                        .get("href")
                        .toString())
                .endsWith("/applications/" + app + "/attributes/" + email.get("id"));

        // Another application has the same mappings under other ids.
        String other = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC").id();
        List<String> otherIds =
                admin.get(ATTRIBUTES, env, other).then().extract().path("_embedded.attributes.id");
        assertThat(otherIds).doesNotContainAnyElementsOf(list.getList("_embedded.attributes.id"));
    }

    @Test
    void aCustomMappingIsCreatedReadReplacedAndDeleted() {
        String phone = openidScopes().get("phone");
        SignOnFixtures.grantOpenid(admin, env, app, "profile", "phone");
        JsonPath created = admin.post(
                        ATTRIBUTES,
                        Map.of("name", "fullName", "value", "${user.name.given + \" \" + user.name.family}"),
                        env,
                        app)
                .then()
                .statusCode(201)
                .body("mappingType", equalTo("CUSTOM"))
                .body("required", equalTo(false))
                .body("idToken", equalTo(true))
                .body("userInfo", equalTo(true))
                .body("application.id", equalTo(app))
                .body("$", not(hasKey("oidcScopes")))
                .extract()
                .jsonPath();
        assertThat(created.getMap(""))
                .containsOnlyKeys(
                        "_links",
                        "id",
                        "application",
                        "name",
                        "value",
                        "required",
                        "mappingType",
                        "idToken",
                        "userInfo",
                        "createdAt",
                        "updatedAt");
        String id = created.getString("id");
        assertThat(admin.get(ATTRIBUTE, env, app, id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getMap(""))
                .isEqualTo(created.getMap(""));
        admin.get(ATTRIBUTES, env, app)
                .then()
                .body("count", equalTo(2 + SCOPE_CLAIMS.size()))
                .body("_embedded.attributes[-1].name", equalTo("fullName"));

        admin.put(
                        ATTRIBUTE,
                        Map.of(
                                "name",
                                "displayName",
                                "value",
                                "${user.nickname}",
                                "required",
                                true,
                                "idToken",
                                false,
                                "oidcScopes",
                                List.of(phone)),
                        env,
                        app,
                        id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo("displayName"))
                .body("value", equalTo("${user.nickname}"))
                .body("required", equalTo(true))
                .body("idToken", equalTo(false))
                .body("userInfo", equalTo(true))
                .body("oidcScopes", contains(phone))
                .body("createdAt", equalTo(created.getString("createdAt")));
        admin.get(ATTRIBUTE, env, app, id).then().body("name", equalTo("displayName"));

        admin.delete(ATTRIBUTE, env, app, id).then().statusCode(204);
        admin.get(ATTRIBUTE, env, app, id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.delete(ATTRIBUTE, env, app, id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.get(ATTRIBUTES, env, app).then().body("count", equalTo(1 + SCOPE_CLAIMS.size()));
    }

    @Test
    void badBodiesAreRefusedWithEachProblemAndChangeNothing() {
        String email = openidScopes().get("email");
        String phone = openidScopes().get("phone");
        SignOnFixtures.grantOpenid(admin, env, app, "email");
        admin.post(ATTRIBUTES, Map.of("name", "dept", "value", "Research"), env, app)
                .then()
                .statusCode(201);
        String before = list();

        for (String name : RESERVED) {
            refused(Map.of("name", name, "value", "x"), "INVALID_VALUE", "name")
                    .body("details[0].message", startsWith("'" + name + "' is a reserved claim name"));
        }
        refused(Map.of("value", "x"), "REQUIRED_VALUE", "name");
        refused(Map.of("name", "", "value", "x"), "EMPTY_VALUE", "name");
        refused(Map.of("name", "has space", "value", "x"), "INVALID_VALUE", "name");
        refused(Map.of("name", "a".repeat(257), "value", "x"), "SIZE_LIMIT_EXCEEDED", "name");
        refused(Map.of("name", "dept", "value", "x"), "UNIQUENESS_VIOLATION", "name");
        refused(Map.of("name", "email", "value", "x"), "UNIQUENESS_VIOLATION", "name");
        refused(Map.of("name", "address.locality", "value", "x"), "UNIQUENESS_VIOLATION", "name");
        refused(Map.of("name", "address", "value", "x"), "UNIQUENESS_VIOLATION", "name");
        refused(Map.of("name", "a"), "REQUIRED_VALUE", "value");
        refused(Map.of("name", "a", "value", " "), "EMPTY_VALUE", "value");
        refused(Map.of("name", "a", "value", 5), "INVALID_VALUE", "value");
        for (String bad : List.of("${user.}", "${user.email", "Hi ${user.email}", "${T(java.lang.Runtime)}")) {
            refused(Map.of("name", "a", "value", bad), "INVALID_VALUE", "value");
        }
        refused(Map.of("name", "a", "value", "${context.requestData.grantType}"), "INVALID_VALUE", "value")
                .body("details[0].message", startsWith("An application's mappings go to ID tokens and userinfo"));
        refused(Map.of("name", "a", "value", "x", "required", "yes"), "INVALID_VALUE", "required");
        refused(Map.of("name", "a", "value", "x", "idToken", false, "userInfo", false), "INVALID_VALUE", "idToken");
        refused(Map.of("name", "a", "value", "x", "oidcScopes", List.of()), "INVALID_VALUE", "oidcScopes");
        refused(Map.of("name", "a", "value", "x", "oidcScopes", "email"), "INVALID_VALUE", "oidcScopes");
        refused(
                Map.of(
                        "name",
                        "a",
                        "value",
                        "x",
                        "oidcScopes",
                        List.of(UUID.randomUUID().toString())),
                "INVALID_VALUE",
                "oidcScopes[0]");
        refused(
                        Map.of("name", "a", "value", "x", "oidcScopes", List.of(email, phone)),
                        "INVALID_VALUE",
                        "oidcScopes[1]")
                .body("details[0].message", startsWith("The scope 'phone' is not granted"));
        refused(
                Map.of("name", "a", "value", "x", "oidcScopes", List.of(email, email)),
                "INVALID_VALUE",
                "oidcScopes[1]");

        // One answer lists every problem.
        Map<String, Object> many = new HashMap<>();
        many.put("name", "nonce");
        many.put("value", "");
        many.put("idToken", false);
        many.put("userInfo", false);
        admin.post(ATTRIBUTES, many, env, app)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details", hasSize(3))
                .body("details.target", contains("name", "value", "idToken"));
        admin.request()
                .contentType("application/json")
                .body("[1]")
                .post(ATTRIBUTES, env, app)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"));
        admin.request()
                .contentType("text/plain")
                .body("{}")
                .post(ATTRIBUTES, env, app)
                .then()
                .statusCode(415);

        assertThat(list()).isEqualTo(before);
    }

    @Test
    void theCoreSubTakesANewValueButStaysRequiredInBothPlacesAndCannotGo() {
        String sub = idOf("sub");
        String before = list();
        put(sub, body("sub", "${user.username}", "required", false))
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("required"));
        put(sub, body("subject", "${user.username}")).statusCode(400).body("details[0].target", equalTo("name"));
        put(sub, body("sub", "${user.username}", "idToken", false))
                .statusCode(400)
                .body("details[0].target", equalTo("idToken"));
        put(sub, body("sub", "${user.username}", "userInfo", false))
                .statusCode(400)
                .body("details[0].target", equalTo("userInfo"));
        put(
                        sub,
                        body(
                                "sub",
                                "${user.username}",
                                "oidcScopes",
                                List.of(openidScopes().get("profile"))))
                .statusCode(400)
                .body("details[0].target", equalTo("oidcScopes"));
        put(sub, body("sub", "")).statusCode(400).body("details[0].code", equalTo("EMPTY_VALUE"));
        admin.delete(ATTRIBUTE, env, app, sub)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"));
        assertThat(list()).isEqualTo(before);

        put(sub, body("sub", "${user.username}"))
                .statusCode(200)
                .body("id", equalTo(sub))
                .body("mappingType", equalTo("CORE"))
                .body("value", equalTo("${user.username}"))
                .body("required", equalTo(true));
        // A second replacement updates the row the first one stored.
        put(sub, body("sub", "${user.externalId}", "required", true)).statusCode(200);
        admin.get(ATTRIBUTES, env, app)
                .then()
                .body("count", equalTo(1 + SCOPE_CLAIMS.size()))
                .body("_embedded.attributes[0].id", equalTo(sub))
                .body("_embedded.attributes[0].value", equalTo("${user.externalId}"));
    }

    @Test
    void aScopeMappingTakesANewValueAndPlacementButKeepsItsScopeAndCannotGo() {
        Map<String, String> scopes = openidScopes();
        String email = idOf("email");
        String before = list();
        put(email, body("email", "x", "oidcScopes", List.of(scopes.get("profile"))))
                .statusCode(400)
                .body("details[0].target", equalTo("oidcScopes"));
        put(email, body("mail", "x")).statusCode(400).body("details[0].target", equalTo("name"));
        put(email, body("email", "", "required", true)).statusCode(400).body("details[0].target", equalTo("required"));
        admin.delete(ATTRIBUTE, env, app, email)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("CONSTRAINT_VIOLATION"));
        assertThat(list()).isEqualTo(before);

        put(email, body("email", "${user.username}", "oidcScopes", List.of(scopes.get("email"))))
                .statusCode(200)
                .body("id", equalTo(email))
                .body("mappingType", equalTo("SCOPE"))
                .body("idToken", equalTo(true))
                .body("userInfo", equalTo(true))
                .body("oidcScopes", contains(scopes.get("email")));
        // An empty value turns the claim off.
        put(email, body("email", "", "idToken", false)).statusCode(200).body("value", equalTo(""));
        admin.get(ATTRIBUTE, env, app, email).then().body("value", equalTo("")).body("idToken", equalTo(false));
    }

    @Test
    void mappingsBelongToTheirApplicationAndGoWithIt() {
        String missing = UUID.randomUUID().toString();
        admin.get(ATTRIBUTES, env, missing).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.post(ATTRIBUTES, Map.of("name", "a", "value", "x"), env, missing)
                .then()
                .statusCode(404);
        String custom = admin.post(ATTRIBUTES, Map.of("name", "tier", "value", "gold"), env, app)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        put(idOf("sub"), body("sub", "${user.username}")).statusCode(200);
        String other = SignOnFixtures.webApp(admin, env, "CLIENT_SECRET_BASIC").id();
        admin.get(ATTRIBUTE, env, other, custom).then().statusCode(404);
        admin.put(ATTRIBUTE, Map.of("name", "tier", "value", "x"), env, other, custom)
                .then()
                .statusCode(404);
        admin.delete(ATTRIBUTE, env, other, custom).then().statusCode(404);
        admin.get(ATTRIBUTE, env, app, missing).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        String otherEnv = Fixtures.environment(admin);
        admin.get(ATTRIBUTE, otherEnv, app, custom).then().statusCode(404);

        admin.delete("/v1/environments/{env}/applications/{app}", env, app)
                .then()
                .statusCode(204);
        admin.get(ATTRIBUTES, env, app).then().statusCode(404);
        int rows = server.latchkey()
                .database()
                .withHandle(h -> h.createQuery(
                                "select count(*) from application_attribute_mappings where application_id = :app")
                        .bind("app", app)
                        .mapTo(Integer.class)
                        .one());
        assertThat(rows).isZero();
    }

    // ---- helpers

    private io.restassured.response.ValidatableResponse refused(Map<String, ?> body, String code, String target) {
        return admin.post(ATTRIBUTES, body, env, app)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo(code))
                .body("details[0].target", equalTo(target));
    }

    private io.restassured.response.ValidatableResponse put(String id, Map<String, Object> body) {
        return admin.put(ATTRIBUTE, body, env, app, id).then();
    }

    private static Map<String, Object> body(String name, String value, Object... more) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("name", name);
        b.put("value", value);
        for (int i = 0; i < more.length; i += 2) b.put((String) more[i], more[i + 1]);
        return b;
    }

    private String list() {
        return admin.get(ATTRIBUTES, env, app).then().statusCode(200).extract().asString();
    }

    private String idOf(String name) {
        List<Map<String, Object>> all =
                admin.get(ATTRIBUTES, env, app).then().extract().path("_embedded.attributes");
        return byName(all, name).get("id").toString();
    }

    private static Map<String, Object> byName(List<Map<String, Object>> all, String name) {
        return all.stream().filter(m -> name.equals(m.get("name"))).findFirst().orElseThrow();
    }

    /** The openid resource's scopes: name to id. */
    private Map<String, String> openidScopes() {
        List<Map<String, Object>> resources = admin.get("/v1/environments/{env}/resources", env)
                .then()
                .extract()
                .path("_embedded.resources");
        String openid = resources.stream()
                .filter(r -> "OPENID_CONNECT".equals(r.get("type")))
                .findFirst()
                .orElseThrow()
                .get("id")
                .toString();
        List<Map<String, Object>> scopes = admin.get("/v1/environments/{env}/resources/{r}/scopes", env, openid)
                .then()
                .extract()
                .path("_embedded.scopes");
        Map<String, String> byName = new HashMap<>();
        for (Map<String, Object> s : scopes)
            byName.put(s.get("name").toString(), s.get("id").toString());
        assertThat(new HashSet<>(byName.keySet())).contains("profile", "email", "address", "phone");
        return byName;
    }
}
