package io.latchkey.applicationpermissions;

import static io.latchkey.applicationpermissions.PermissionFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.SignedJWT;
import io.latchkey.applications.Application;
import io.latchkey.applications.ApplicationStore;
import io.latchkey.crypto.SecretBox;
import io.latchkey.environments.Organization;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import io.latchkey.keys.SigningKeyService;
import io.latchkey.oauth.RefreshTokens;
import io.latchkey.oauth.RequestedClaims;
import io.latchkey.oauth.ScopeResolver;
import io.latchkey.oauth.TokenGenerator;
import io.latchkey.oauth.TokenGrant;
import io.latchkey.oauth.TokenLifetimes;
import io.latchkey.oauth.TokenRevocations;
import io.latchkey.oauth.TokenSigner;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.latchkey.users.User;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The claims in real tokens: {@link TokenGenerator} (as the authorization_code and refresh_token grants call it, built
 * over the server's own database and keys) issues the tokens, and the running server introspects them over HTTP.
 * The sign-on itself (authorize, flow, resume, token) is covered end to end by
 * {@code workflow.ShowPermissionsInTokenTest} once users, resources and the sign-on are merged.
 */
class PermissionClaimsInTokensTest {
    TestServer server;
    Api admin;
    String env;
    String resource;
    String audience;
    String appId;
    String secret;
    String clerk;
    String write;
    User alice;
    TokenGenerator tokens;

    @BeforeEach
    void setUp() {
        server = TestServer.shared();
        admin = server.admin();
        env = Fixtures.environment(admin);
        String name = "invoices-" + Ids.newId().substring(24);
        resource = customResource(server, env, name, true);
        audience = "https://" + name + ".example.com";
        attribute(server, env, resource, "sub", "CORE", "${user.id}", null, null);
        attribute(server, env, resource, "department", "CUSTOM", "${user.department}", null, null);
        attribute(server, env, builtInResource(server, env, "OPENID_CONNECT"), "tenant", "CUSTOM", "acme", true, false);
        String invoices = applicationResource(admin, env, resource, "invoices");
        String read = permission(admin, env, invoices, "read");
        write = permission(admin, env, invoices, "write");
        clerk = role(admin, env, "Clerk");
        grant(admin, env, clerk, read);

        Map<String, Object> app = Map.of(
                "name",
                "BizPro",
                "enabled",
                true,
                "protocol",
                "OPENID_CONNECT",
                "type",
                "WEB_APP",
                "tokenEndpointAuthMethod",
                "CLIENT_SECRET_POST",
                "grantTypes",
                List.of("AUTHORIZATION_CODE", "CLIENT_CREDENTIALS"),
                "responseTypes",
                List.of("CODE"),
                "redirectUris",
                List.of("https://bizpro.example.com/callback"));
        appId = admin.post("/v1/environments/{env}/applications", app, env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        secret = admin.get("/v1/environments/{env}/applications/{id}/secret", env, appId)
                .then()
                .extract()
                .path("secret");
        grantScope(appId, resource, "read:invoices");

        alice = user(
                admin, env, "alice", Json.object().put("department", "Finance").put("email", "alice@example.com"));
        tokens = tokens(server);
    }

    @Test
    void theAccessTokenCarriesTheUsersPermissionsAndIntrospectionShowsThem() throws Exception {
        assign(admin, env, alice.id(), clerk);
        ObjectNode tokens = issue();
        introspect(tokens.get("access_token").asText())
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("scope", equalTo("openid read:invoices"))
                .body("sub", equalTo(alice.id()))
                .body("client_id", equalTo(appId))
                .body("'p1.permissions'", contains("invoices:read"))
                .body("department", equalTo("Finance"));
        assertThat(SignedJWT.parse(tokens.get("access_token").asText())
                        .getJWTClaimsSet()
                        .getAudience())
                .containsExactly(audience);
        var idToken = SignedJWT.parse(tokens.get("id_token").asText()).getJWTClaimsSet();
        assertThat(idToken.getClaim("tenant")).isEqualTo("acme");
        assertThat(idToken.getClaim("p1.permissions")).isNull();
        assertThat(idToken.getSubject()).isEqualTo(alice.id());
    }

    @Test
    void aUserWithoutRolesGetsAnEmptyPermissionsArray() {
        introspect(issue().get("access_token").asText())
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("'p1.permissions'", empty());
    }

    @Test
    void changesShowInTheNextTokenAndNeverInOneAlreadyIssued() {
        assign(admin, env, alice.id(), clerk);
        String before = issue().get("access_token").asText();
        grant(admin, env, clerk, write);
        String after = issue().get("access_token").asText();
        introspect(before).then().body("'p1.permissions'", contains("invoices:read"));
        introspect(after).then().body("'p1.permissions'", contains("invoices:read", "invoices:write"));
    }

    @Test
    void clientCredentialsTokensCarryNoPermissions() {
        assign(admin, env, alice.id(), clerk);
        String token = server.anonymous()
                .request()
                .contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials")
                .formParam("scope", "read:invoices")
                .formParam("client_id", appId)
                .formParam("client_secret", secret)
                .post("/{env}/as/token", env)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        introspect(token)
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("$", not(hasKey("p1.permissions")))
                .body("$", not(hasKey("department")));
    }

    // ---- helpers

    private ObjectNode issue() {
        Database database = db(server);
        Application app = database.withHandle(h -> new ApplicationStore().find(h, env, appId))
                .orElseThrow();
        ScopeResolver.Resolved scopes =
                new ScopeResolver(database).resolve(env, appId, List.of("openid", "read:invoices"), false);
        TokenGrant.SignOn signOn = new TokenGrant.SignOn(null, System.currentTimeMillis(), null, List.of("pwd"));
        return tokens.respond(
                        new TokenGrant(app, alice, signOn, scopes, Ids.newId(), null, null, RequestedClaims.NONE),
                        TokenGenerator.Spend.NOTHING)
                .orElseThrow();
    }

    private io.restassured.response.Response introspect(String token) {
        return server.anonymous()
                .request()
                .contentType("application/x-www-form-urlencoded")
                .formParam("token", token)
                .formParam("client_id", appId)
                .formParam("client_secret", secret)
                .post("/{env}/as/introspect", env);
    }

    /** The token generator as {@code Latchkey.start} builds it, over the running server's database, keys and base URL. */
    private static TokenGenerator tokens(TestServer server) {
        Database database = db(server);
        SecretBox box =
                SecretBox.load(server.config().masterKey(), server.config().dataDir());
        String organization = database.withHandle(
                h -> h.createQuery("select setting_value from instance_settings where name = 'organization_id'")
                        .mapTo(String.class)
                        .one());
        Links links = new Links(server.baseUrl());
        return new TokenGenerator(
                database,
                new TokenSigner(new SigningKeyService(database, box)),
                links,
                Organization.withId(organization),
                new TokenLifetimes(database),
                new RefreshTokens(database),
                new TokenRevocations(
                        database, new io.latchkey.activities.ActivityLog(database, java.time.Duration.ofDays(14))),
                List.of(new PermissionClaims(database, () -> "org")));
    }

    /** A scope of the resource granted to the application (grants are written by SQL: their API is on another branch). */
    private void grantScope(String applicationId, String resourceId, String scope) {
        long now = System.currentTimeMillis();
        String scopeId = Ids.newId();
        String grantId = Ids.newId();
        db(server).useTransaction(h -> {
            h.createUpdate("""
                    insert into resource_scopes (id, environment_id, resource_id, name, doc, created_at, updated_at)
                    values (:id, :env, :resource, :name, '{}', :now, :now)""")
                    .bind("id", scopeId)
                    .bind("env", env)
                    .bind("resource", resourceId)
                    .bind("name", scope)
                    .bind("now", now)
                    .execute();
            h.createUpdate("""
                    insert into application_grants (id, environment_id, application_id, resource_id, created_at, updated_at)
                    values (:id, :env, :app, :resource, :now, :now)""")
                    .bind("id", grantId)
                    .bind("env", env)
                    .bind("app", applicationId)
                    .bind("resource", resourceId)
                    .bind("now", now)
                    .execute();
            h.createUpdate("insert into application_grant_scopes (grant_id, scope_id) values (:g, :s)")
                    .bind("g", grantId)
                    .bind("s", scopeId)
                    .execute();
        });
    }
}
