package io.latchkey.resourcegrants;

import static io.latchkey.applications.AppFixtures.create;
import static io.latchkey.applications.AppFixtures.customResource;
import static io.latchkey.applications.AppFixtures.resourceId;
import static io.latchkey.applications.AppFixtures.scopeId;
import static io.latchkey.applications.Rejections.invalid;
import static io.latchkey.applications.Rejections.notFound;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.nimbusds.jwt.SignedJWT;
import io.latchkey.applications.AppFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GrantsApiTest {
    private static final String GRANTS = "/v1/environments/{env}/applications/{app}/grants";
    private static final String GRANT = GRANTS + "/{grant}";

    TestServer server;
    Api admin;
    String env;
    String app;
    String openid;
    String openidScope;
    String profileScope;

    @BeforeEach
    void setUp() {
        server = TestServer.shared();
        admin = server.admin();
        env = Fixtures.environment(admin);
        app = create(admin, env, "WEB_APP");
        openid = resourceId(server, env, "openid");
        openidScope = scopeId(server, env, openid, "openid");
        profileScope = scopeId(server, env, openid, "profile");
    }

    private static Map<String, Object> grant(String resource, String... scopes) {
        return Map.of(
                "resource",
                Map.of("id", resource),
                "scopes",
                java.util.Arrays.stream(scopes).map(s -> Map.of("id", s)).toList());
    }

    private String list() {
        return admin.get(GRANTS, env, app).then().statusCode(200).extract().asString();
    }

    private void rejectsCreate(Object body, String detailCode, String target) {
        String before = list();
        invalid(admin.post(GRANTS, body, env, app), detailCode, target);
        assertThat(list()).isEqualTo(before);
    }

    @Test
    void grantIsCreatedReadReplacedAndDeleted() {
        String id = admin.post(GRANTS, grant(openid, openidScope, profileScope), env, app)
                .then()
                .statusCode(201)
                .body("id", notNullValue())
                .body("application.id", equalTo(app))
                .body("resource.id", equalTo(openid))
                .body("scopes.id", org.hamcrest.Matchers.containsInAnyOrder(openidScope, profileScope))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .body("_links.self.href", containsString("/applications/" + app + "/grants/"))
                .extract()
                .path("id");
        admin.get(GRANT, env, app, id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("scopes", hasSize(2));
        admin.get(GRANTS, env, app)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.grants[0].id", equalTo(id));

        admin.put(GRANT, grant(openid, profileScope), env, app, id)
                .then()
                .statusCode(200)
                .body("scopes.id", equalTo(List.of(profileScope)));
        admin.get(GRANT, env, app, id).then().statusCode(200).body("scopes.id", equalTo(List.of(profileScope)));

        admin.delete(GRANT, env, app, id).then().statusCode(204);
        notFound(admin.get(GRANT, env, app, id));
        notFound(admin.delete(GRANT, env, app, id));
        admin.get(GRANTS, env, app).then().statusCode(200).body("count", equalTo(0));
    }

    @Test
    void grantedScopesReachTheTokenEndpoint() {
        String worker = create(admin, env, "WORKER");
        List<String> custom = customResource(
                server, env, "https://api.example.com/" + UUID.randomUUID(), "invoices:read", "invoices:write");
        admin.post("/v1/environments/{env}/applications/{app}/grants", grant(custom.get(0), custom.get(1)), env, worker)
                .then()
                .statusCode(201);
        String secret = AppFixtures.secret(admin, env, worker);
        String token = given().baseUri(server.baseUrl())
                .auth()
                .preemptive()
                .basic(worker, secret)
                .formParam("grant_type", "client_credentials")
                .formParam("scope", "invoices:read")
                .post("/" + env + "/as/token")
                .then()
                .statusCode(200)
                .body("scope", equalTo("invoices:read"))
                .extract()
                .path("access_token");
        String audience = AppFixtures.db(server)
                .withHandle(h -> h.createQuery("select audience from resources where id = :id")
                        .bind("id", custom.get(0))
                        .mapTo(String.class)
                        .one());
        assertThat(audience(token)).contains(audience);
        // A scope of the resource that was not granted is refused.
        given().baseUri(server.baseUrl())
                .auth()
                .preemptive()
                .basic(worker, secret)
                .formParam("grant_type", "client_credentials")
                .formParam("scope", "invoices:write")
                .post("/" + env + "/as/token")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_scope"));
    }

    @Test
    void clientCredentialsScopesFollowTheRulesOfUserTokensButRefuseOpenIdConnectScopes() {
        String worker = create(admin, env, "WORKER");
        List<String> first = customResource(server, env, "https://api.example.com/" + UUID.randomUUID(), "orders:read");
        List<String> second = customResource(server, env, "https://api.example.com/" + UUID.randomUUID(), "stock:read");
        admin.post("/v1/environments/{env}/applications/{app}/grants", grant(first.get(0), first.get(1)), env, worker)
                .then()
                .statusCode(201);
        admin.post("/v1/environments/{env}/applications/{app}/grants", grant(second.get(0), second.get(1)), env, worker)
                .then()
                .statusCode(201);
        String secret = AppFixtures.secret(admin, env, worker);
        java.util.function.Function<String, io.restassured.response.Response> token =
                scope -> given().baseUri(server.baseUrl())
                        .auth()
                        .preemptive()
                        .basic(worker, secret)
                        .formParam("grant_type", "client_credentials")
                        .formParam("scope", scope)
                        .post("/" + env + "/as/token");

        String jwt = token.apply("orders:read orders:read")
                .then()
                .statusCode(200)
                .body("scope", equalTo("orders:read"))
                .extract()
                .path("access_token");
        assertThat(audience(jwt)).hasSize(2).contains(io.latchkey.resources.BuiltInResources.PINGONE_API_AUDIENCE);
        token.apply("orders:read stock:read").then().statusCode(400).body("error", equalTo("invalid_scope"));
        token.apply("openid").then().statusCode(400).body("error", equalTo("invalid_scope"));
        token.apply("orders:read openid").then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    private static List<String> audience(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet().getAudience();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void resourceAndScopesAreRequired() {
        rejectsCreate(Map.of("scopes", List.of(Map.of("id", openidScope))), "REQUIRED_VALUE", "resource");
        rejectsCreate(Map.of("resource", Map.of("id", openid)), "REQUIRED_VALUE", "scopes");
        rejectsCreate(
                Map.of("resource", Map.of(), "scopes", List.of(Map.of("id", openidScope))),
                "REQUIRED_VALUE",
                "resource.id");
        rejectsCreate(grant(openid), "EMPTY_VALUE", "scopes");
        rejectsCreate(
                Map.of("resource", Map.of("id", openid), "scopes", List.of(Map.of())),
                "REQUIRED_VALUE",
                "scopes[0].id");
    }

    @Test
    void unknownResourceIsInvalid() {
        rejectsCreate(grant(UUID.randomUUID().toString(), openidScope), "INVALID_VALUE", "resource.id");
    }

    @Test
    void everyScopeMustBelongToTheResource() {
        List<String> custom = customResource(server, env, "https://api.example.com/" + UUID.randomUUID(), "read");
        rejectsCreate(grant(openid, openidScope, custom.get(1)), "INVALID_VALUE", "scopes[1].id");
        rejectsCreate(grant(openid, UUID.randomUUID().toString()), "INVALID_VALUE", "scopes[0].id");
        rejectsCreate(grant(custom.get(0), custom.get(1), profileScope), "INVALID_VALUE", "scopes[1].id");
    }

    @Test
    void repeatedScopeIsInvalid() {
        rejectsCreate(grant(openid, profileScope, profileScope), "INVALID_VALUE", "scopes[1]");
    }

    @Test
    void secondGrantForTheSameResourceIsAUniquenessViolation() {
        admin.post(GRANTS, grant(openid, openidScope), env, app).then().statusCode(201);
        rejectsCreate(grant(openid, profileScope), "UNIQUENESS_VIOLATION", "resource.id");
    }

    @Test
    void putOntoAResourceAlreadyGrantedIsAUniquenessViolation() {
        List<String> custom = customResource(server, env, "https://api.example.com/" + UUID.randomUUID(), "read");
        admin.post(GRANTS, grant(openid, openidScope), env, app).then().statusCode(201);
        String other = admin.post(GRANTS, grant(custom.get(0), custom.get(1)), env, app)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String before = list();
        invalid(admin.put(GRANT, grant(openid, profileScope), env, app, other), "UNIQUENESS_VIOLATION", "resource.id");
        invalid(admin.put(GRANT, grant(custom.get(0), profileScope), env, app, other), "INVALID_VALUE", "scopes[0].id");
        assertThat(list()).isEqualTo(before);
    }

    @Test
    void resourceOfAnotherEnvironmentIsInvalid() {
        String otherEnv = Fixtures.environment(admin);
        String otherOpenid = resourceId(server, otherEnv, "openid");
        rejectsCreate(
                grant(otherOpenid, scopeId(server, otherEnv, otherOpenid, "profile")), "INVALID_VALUE", "resource.id");
        rejectsCreate(
                grant(openid, scopeId(server, otherEnv, otherOpenid, "profile")), "INVALID_VALUE", "scopes[0].id");
    }

    @Test
    void grantsOfAnUnknownApplicationAre404() {
        String unknown = UUID.randomUUID().toString();
        notFound(admin.get(GRANTS, env, unknown));
        notFound(admin.post(GRANTS, grant(openid, openidScope), env, unknown));
        notFound(admin.get(GRANT, env, app, UUID.randomUUID().toString()));
        notFound(admin.put(
                GRANT, grant(openid, openidScope), env, app, UUID.randomUUID().toString()));
    }

    @Test
    void deletingAScopeRemovesItFromGrantsAndDeletingTheResourceRemovesTheGrant() {
        List<String> custom = customResource(server, env, "https://api.example.com/" + UUID.randomUUID(), "a", "b");
        String id = admin.post(GRANTS, grant(custom.get(0), custom.get(1), custom.get(2)), env, app)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // Through SQL until the resources API is merged: its DELETEs rely on these same cascades.
        AppFixtures.db(server)
                .useTransaction(h -> h.createUpdate("delete from resource_scopes where id = :id")
                        .bind("id", custom.get(1))
                        .execute());
        admin.get(GRANT, env, app, id).then().statusCode(200).body("scopes.id", equalTo(List.of(custom.get(2))));
        AppFixtures.db(server)
                .useTransaction(h -> h.createUpdate("delete from resources where id = :id")
                        .bind("id", custom.get(0))
                        .execute());
        notFound(admin.get(GRANT, env, app, id));
        assertThat(AppFixtures.count(server, "select count(*) from application_grant_scopes where grant_id = ?", id))
                .isZero();
    }
}
