package io.latchkey.resources;

import static io.latchkey.resources.ResourceFixtures.RESOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.latchkey.resourcegrants.GrantLookup;
import io.latchkey.resourcegrants.GrantedScope;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What goes with a resource or a scope when it is deleted: nothing that refers to it stays behind. */
@ParameterizedClass
@EnumSource(Db.class) // both databases: cascades and foreign keys behave differently (H2 checks RESTRICT mid-cascade)
class ResourceIntegrityTest {
    @Parameter
    Db db;

    static String application(Api admin, String env) {
        return admin.post(
                        "/v1/environments/{env}/applications",
                        Map.of(
                                "name",
                                "Client",
                                "enabled",
                                true,
                                "protocol",
                                "OPENID_CONNECT",
                                "type",
                                "WORKER",
                                "grantTypes",
                                List.of("CLIENT_CREDENTIALS"),
                                "tokenEndpointAuthMethod",
                                "CLIENT_SECRET_BASIC"),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /**
     * Grants scopes of a resource to an application. Written to the tables directly: the
     * {@code /applications/{id}/grants} endpoint belongs to the applications work of issue 3.
     */
    static String grant(Database db, String env, String app, String resource, String... scopes) {
        String id = Ids.newId();
        long now = System.currentTimeMillis();
        db.useTransaction(h -> {
            h.createUpdate("""
                    insert into application_grants (id, environment_id, application_id, resource_id, created_at, updated_at)
                    values (:id, :env, :app, :resource, :now, :now)""")
                    .bind("id", id)
                    .bind("env", env)
                    .bind("app", app)
                    .bind("resource", resource)
                    .bind("now", now)
                    .execute();
            for (String scope : scopes) {
                h.createUpdate("insert into application_grant_scopes (grant_id, scope_id) values (:g, :s)")
                        .bind("g", id)
                        .bind("s", scope)
                        .execute();
            }
        });
        return id;
    }

    static long count(Database db, String sql, String id) {
        return db.withHandle(
                h -> h.createQuery(sql).bind("id", id).mapTo(Long.class).one());
    }

    @Test
    void deletingAResourceTakesItsScopesAttributesAndGrantsWithIt() {
        TestServer server = TestServer.shared(db);
        Database database = server.latchkey().database();
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String resource = ResourceFixtures.custom(admin, env, "api");
        String read = ResourceFixtures.scope(admin, env, resource, "read");
        String write = ResourceFixtures.scope(admin, env, resource, "write");
        ResourceFixtures.attribute(admin, env, resource, "tier", "gold");
        String app = application(admin, env);
        String grant = grant(database, env, app, resource, read, write);
        List<GrantedScope> granted = database.withHandle(h -> new GrantLookup().scopesOf(h, env, app));
        assertThat(granted).extracting(GrantedScope::scopeName).containsExactlyInAnyOrder("read", "write");

        admin.delete(RESOURCE, env, resource).then().statusCode(204);

        assertThat(count(database, "select count(*) from resource_scopes where resource_id = :id", resource))
                .isZero();
        assertThat(count(database, "select count(*) from resource_attributes where resource_id = :id", resource))
                .isZero();
        assertThat(count(database, "select count(*) from application_grants where resource_id = :id", resource))
                .isZero();
        assertThat(count(database, "select count(*) from application_grant_scopes where grant_id = :id", grant))
                .isZero();
        List<GrantedScope> after = database.withHandle(h -> new GrantLookup().scopesOf(h, env, app));
        assertThat(after).isEmpty();
        admin.get("/v1/environments/{env}/applications/{id}", env, app).then().statusCode(200);
    }

    @Test
    void deletingAScopeTakesItOutOfGrants() {
        TestServer server = TestServer.shared(db);
        Database database = server.latchkey().database();
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String resource = ResourceFixtures.custom(admin, env, "api");
        String read = ResourceFixtures.scope(admin, env, resource, "read");
        String write = ResourceFixtures.scope(admin, env, resource, "write");
        String app = application(admin, env);
        String grant = grant(database, env, app, resource, read, write);

        admin.delete(RESOURCE + "/scopes/{s}", env, resource, write).then().statusCode(204);

        List<GrantedScope> after = database.withHandle(h -> new GrantLookup().scopesOf(h, env, app));
        assertThat(after).extracting(GrantedScope::scopeName).containsExactly("read");
        assertThat(count(database, "select count(*) from application_grants where id = :id", grant))
                .isEqualTo(1);
    }

    @Test
    void deletingAnEnvironmentTakesResourcesPoliciesAndTheirLinksWithIt() {
        TestServer server = TestServer.shared(db);
        Database database = server.latchkey().database();
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String resource = ResourceFixtures.custom(admin, env, "api");
        String scope = ResourceFixtures.scope(admin, env, resource, "read");
        String openid = ResourceFixtures.byName(admin, env, "openid");
        String claim = ResourceFixtures.attribute(admin, env, openid, "team", "blue");
        admin.post(RESOURCE + "/scopes", Map.of("name", "teams", "mappedClaims", List.of(claim)), env, openid)
                .then()
                .statusCode(201);
        String app = application(admin, env);
        grant(database, env, app, resource, scope);
        String population =
                database.withHandle(h -> h.createQuery("select id from populations where environment_id = :env")
                        .bind("env", env)
                        .mapTo(String.class)
                        .one());
        String policy = admin.post("/v1/environments/{env}/signOnPolicies", Map.of("name", "P"), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin.post(
                        "/v1/environments/{env}/signOnPolicies/{p}/actions",
                        Map.of(
                                "priority",
                                1,
                                "type",
                                "LOGIN",
                                "registration",
                                Map.of("enabled", true, "population", Map.of("id", population))),
                        env,
                        policy)
                .then()
                .statusCode(201);
        database.withHandle(h -> h.createUpdate("""
                insert into sign_on_policy_assignments (id, environment_id, application_id, policy_id, priority, created_at, updated_at)
                values (:id, :env, :app, :policy, 1, 0, 0)""")
                .bind("id", Ids.newId())
                .bind("env", env)
                .bind("app", app)
                .bind("policy", policy)
                .execute());

        admin.delete("/v1/environments/{env}", env).then().statusCode(204);

        admin.get(RESOURCE, env, resource).then().statusCode(404);
        for (String table : List.of(
                "resources",
                "resource_scopes",
                "resource_attributes",
                "resource_scope_claims",
                "application_grants",
                "sign_on_policies",
                "sign_on_policy_actions",
                "sign_on_policy_assignments",
                "populations")) {
            assertThat(count(database, "select count(*) from " + table + " where environment_id = :id", env))
                    .as(table)
                    .isZero();
        }
    }

    @Test
    void anActionNeverNamesADeletedPopulation() {
        TestServer server = TestServer.shared(db);
        Database database = server.latchkey().database();
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String population = Ids.newId();
        database.withHandle(
                h -> h.createUpdate("""
                insert into populations (id, environment_id, name, name_lower, is_default, doc, created_at, updated_at)
                values (:id, :env, 'Customers', 'customers', false, '{}', 0, 0)""").bind("id", population).bind("env", env).execute());
        String policy = admin.post("/v1/environments/{env}/signOnPolicies", Map.of("name", "Signup"), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String action = admin.post(
                        "/v1/environments/{env}/signOnPolicies/{p}/actions",
                        Map.of(
                                "priority",
                                1,
                                "type",
                                "LOGIN",
                                "registration",
                                Map.of("enabled", true, "population", Map.of("id", population))),
                        env,
                        policy)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        List<String> users = database.withHandle(
                h -> new io.latchkey.policies.SignOnPolicyLookup(database).policiesRegisteringInto(h, env, population));
        assertThat(users).containsExactly("Signup");

        // The populations API (another part of issue 3) may refuse this; if a population goes anyway, registration
        // into it is switched off rather than left pointing at nothing.
        database.withHandle(h -> h.createUpdate("delete from populations where id = :id")
                .bind("id", population)
                .execute());
        admin.get("/v1/environments/{env}/signOnPolicies/{p}/actions/{a}", env, policy, action)
                .then()
                .statusCode(200)
                .body("registration.enabled", equalTo(false))
                .body("registration", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("population")));
    }
}
