package io.latchkey.applicationpermissions;

import static io.latchkey.applicationpermissions.PermissionFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.applications.Application;
import io.latchkey.http.Json;
import io.latchkey.oauth.RequestedClaims;
import io.latchkey.oauth.ScopeResolver;
import io.latchkey.oauth.TokenGrant;
import io.latchkey.resourcegrants.GrantedScope;
import io.latchkey.storage.Ids;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.latchkey.users.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PermissionClaims} over the real server's database, with application resources, permissions, roles and
 * assignments made through the management API. (Tokens themselves: {@link PermissionClaimsInTokensTest}.)
 */
class PermissionClaimsTest {
    TestServer server;
    Api admin;
    String env;
    String resource;
    String invoices;
    String read;
    String write;
    String clerk;
    User alice;
    PermissionClaims claims;

    @BeforeEach
    void setUp() {
        server = TestServer.shared();
        admin = server.admin();
        env = Fixtures.environment(admin);
        resource = customResource(server, env, "invoices-api-" + Ids.newId().substring(24), true);
        invoices = applicationResource(admin, env, resource, "invoices");
        read = permission(admin, env, invoices, "read");
        write = permission(admin, env, invoices, "write");
        clerk = role(admin, env, "Clerk");
        grant(admin, env, clerk, read);
        alice = user(env, "alice", Json.object());
        claims = new PermissionClaims(db(server), () -> "org");
    }

    @Test
    void aUserWithARoleHoldingOneOfTwoPermissionsGetsExactlyThatKey() {
        assign(admin, env, alice.id(), clerk);
        assertThat(accessClaims(env, alice, scopes(resource)))
                .containsEntry("p1.permissions", List.of("invoices:read"));
    }

    @Test
    void aUserWithoutRolesGetsAnEmptyList() {
        assertThat(accessClaims(env, alice, scopes(resource))).containsEntry("p1.permissions", List.of());
    }

    @Test
    void noPermissionsClaimWhenTheResourceDoesNotEnableIt() {
        assign(admin, env, alice.id(), clerk);
        setClaimEnabled(server, env, resource, false);
        assertThat(accessClaims(env, alice, scopes(resource))).doesNotContainKey("p1.permissions");
    }

    @Test
    void aTokenWithoutACustomResourceGetsNothing() {
        assign(admin, env, alice.id(), clerk);
        ScopeResolver.Resolved openidOnly =
                new ScopeResolver.Resolved(List.of("openid"), List.of(), List.of("openid"), true);
        assertThat(accessClaims(env, alice, openidOnly)).isEmpty();
    }

    @Test
    void keysAreDeduplicatedAndSortedAcrossRoles() {
        String pay = permission(admin, env, invoices, "pay");
        String accounts = applicationResource(admin, env, resource, "accounts");
        String open = permission(admin, env, accounts, "open");
        String boss = role(admin, env, "Boss");
        grant(admin, env, boss, read);
        grant(admin, env, boss, pay);
        grant(admin, env, boss, open);
        assign(admin, env, alice.id(), clerk);
        assign(admin, env, alice.id(), boss);
        assertThat(accessClaims(env, alice, scopes(resource)))
                .containsEntry("p1.permissions", List.of("accounts:open", "invoices:pay", "invoices:read"));
    }

    @Test
    void onlyPermissionsUnderTheTokensResourceAreListed() {
        String reports =
                customResource(server, env, "reports-api-" + Ids.newId().substring(24), true);
        grant(admin, env, clerk, permission(admin, env, applicationResource(admin, env, reports, "reports"), "view"));
        assign(admin, env, alice.id(), clerk);
        assertThat(accessClaims(env, alice, scopes(resource)))
                .containsEntry("p1.permissions", List.of("invoices:read"));
        assertThat(accessClaims(env, alice, scopes(reports))).containsEntry("p1.permissions", List.of("reports:view"));
    }

    @Test
    void withSeveralCustomResourcesTheKeysOfTheClaimEnabledOnesAreMerged() {
        String reports =
                customResource(server, env, "reports-api-" + Ids.newId().substring(24), true);
        String silent = customResource(server, env, "silent-api-" + Ids.newId().substring(24), false);
        grant(admin, env, clerk, permission(admin, env, applicationResource(admin, env, reports, "reports"), "view"));
        grant(admin, env, clerk, permission(admin, env, applicationResource(admin, env, silent, "secrets"), "see"));
        assign(admin, env, alice.id(), clerk);
        assertThat(accessClaims(env, alice, scopes(resource, reports, silent)))
                .containsEntry("p1.permissions", List.of("invoices:read", "reports:view"));
    }

    @Test
    void otherUsersRolesDoNotCount() {
        User bob = user(env, "bob", Json.object());
        assign(admin, env, bob.id(), clerk);
        assertThat(accessClaims(env, alice, scopes(resource))).containsEntry("p1.permissions", List.of());
        assertThat(accessClaims(env, bob, scopes(resource))).containsEntry("p1.permissions", List.of("invoices:read"));
    }

    @Test
    void changesShowInTheNextComputation() {
        assign(admin, env, alice.id(), clerk);
        assertThat(accessClaims(env, alice, scopes(resource)).get("p1.permissions"))
                .isEqualTo(List.of("invoices:read"));

        grant(admin, env, clerk, write);
        assertThat(accessClaims(env, alice, scopes(resource)).get("p1.permissions"))
                .isEqualTo(List.of("invoices:read", "invoices:write"));

        admin.put(
                        "/v1/environments/{env}/resources/{res}/applicationResources/{id}",
                        Map.of("name", "bills"),
                        env,
                        resource,
                        invoices)
                .then()
                .statusCode(200);
        assertThat(accessClaims(env, alice, scopes(resource)).get("p1.permissions"))
                .isEqualTo(List.of("bills:read", "bills:write"));

        admin.put(
                        "/v1/environments/{env}/applicationResources/{ar}/permissions/{id}",
                        Map.of("action", "view"),
                        env,
                        invoices,
                        read)
                .then()
                .statusCode(200);
        admin.delete("/v1/environments/{env}/applicationRoles/{role}/permissions/{id}", env, clerk, write)
                .then()
                .statusCode(204);
        assertThat(accessClaims(env, alice, scopes(resource)).get("p1.permissions"))
                .isEqualTo(List.of("bills:view"));

        admin.delete("/v1/environments/{env}/users/{user}/applicationRoles/{role}", env, alice.id(), clerk)
                .then()
                .statusCode(204);
        assertThat(accessClaims(env, alice, scopes(resource)).get("p1.permissions"))
                .isEqualTo(List.of());

        assign(admin, env, alice.id(), clerk);
        admin.delete("/v1/environments/{env}/applicationRoles/{id}", env, clerk)
                .then()
                .statusCode(204);
        assertThat(accessClaims(env, alice, scopes(resource)).get("p1.permissions"))
                .isEqualTo(List.of());
    }

    @Test
    void resourceAttributesBecomeClaimsFilledFromTheUser() {
        ObjectNode json = Json.object()
                .put("email", "alice@example.com")
                .put("department", "Finance")
                .put("employeeNumber", 4711)
                .put("manager", true)
                .put("nickname", "")
                .put("updatedAt", "2026-01-02T03:04:05.678Z");
        json.putObject("name").put("given", "Alice").put("family", "Liddell");
        json.putArray("groups").add("a").add("b");
        User u = user(env, "alice2", json);
        attribute(server, env, resource, "email", "CUSTOM", "${user.email}", null, null);
        attribute(server, env, resource, "family", "CUSTOM", "${user.name.family}", null, null);
        attribute(server, env, resource, "dept", "CUSTOM", "${user.department}", null, null);
        attribute(server, env, resource, "number", "CUSTOM", "${user.employeeNumber}", null, null);
        attribute(server, env, resource, "manager", "CUSTOM", "${user.manager}", null, null);
        attribute(server, env, resource, "groups", "CUSTOM", "${user.groups}", null, null);
        attribute(server, env, resource, "tenant", "CUSTOM", "acme", null, null);
        attribute(server, env, resource, "uid", "CUSTOM", "${user.id}", null, null);
        attribute(
                server, env, resource, "changed", "CUSTOM", "${#datetime.toUnixTimestamp(user.updatedAt)}", null, null);
        attribute(server, env, resource, "nick", "CUSTOM", "${user.nickname}", null, null);
        attribute(server, env, resource, "phone", "CUSTOM", "${user.mobilePhone}", null, null);
        Map<String, Object> c = accessClaims(env, u, scopes(resource));
        assertThat(c)
                .containsEntry("email", "alice@example.com")
                .containsEntry("family", "Liddell")
                .containsEntry("dept", "Finance")
                .containsEntry("number", 4711L)
                .containsEntry("manager", true)
                .containsEntry("groups", List.of("a", "b"))
                .containsEntry("tenant", "acme")
                .containsEntry("uid", u.id())
                .containsEntry("changed", 1767323045L)
                .doesNotContainKeys("nick", "phone");
    }

    @Test
    void reservedNamesAreNeverProducedFromAttributes() {
        attribute(server, env, resource, "sub", "CORE", "${user.email}", null, null);
        attribute(server, env, resource, "aud", "CUSTOM", "someone else", null, null);
        attribute(server, env, resource, "p1.permissions", "CUSTOM", "forged", null, null);
        attribute(server, env, resource, "p1.region", "CUSTOM", "EU", null, null);
        User u = user(env, "carol", Json.object().put("email", "carol@example.com"));
        Map<String, Object> c = accessClaims(env, u, scopes(resource));
        assertThat(c).doesNotContainKeys("sub", "aud", "p1.region").containsEntry("p1.permissions", List.of());
    }

    @Test
    void onClashingAttributeNamesTheFirstResourceWins() {
        String reports =
                customResource(server, env, "reports-api-" + Ids.newId().substring(24), false);
        attribute(server, env, resource, "tenant", "CUSTOM", "first", null, null);
        attribute(server, env, reports, "tenant", "CUSTOM", "second", null, null);
        attribute(server, env, reports, "region", "CUSTOM", "EU", null, null);
        assertThat(accessClaims(env, alice, scopes(resource, reports)))
                .containsEntry("tenant", "first")
                .containsEntry("region", "EU");
        assertThat(accessClaims(env, alice, scopes(reports, resource))).containsEntry("tenant", "second");
    }

    @Test
    void attributeChangesShowInTheNextComputation() {
        attribute(server, env, resource, "tenant", "CUSTOM", "acme", null, null);
        assertThat(accessClaims(env, alice, scopes(resource))).containsEntry("tenant", "acme");
        db(server)
                .useTransaction(h -> h.createUpdate(
                                "update resource_attributes set doc = :doc where resource_id = :r and name = 'tenant'")
                        .bind("doc", "{\"value\":\"globex\"}")
                        .bind("r", resource)
                        .execute());
        assertThat(accessClaims(env, alice, scopes(resource))).containsEntry("tenant", "globex");
    }

    @Test
    void theOpenidResourcesCustomAttributesGoToTheIdTokenAndUserinfoPerTheirFlags() {
        String openid = builtInResource(server, env, "OPENID_CONNECT");
        attribute(server, env, openid, "both", "CUSTOM", "${user.department}", null, null);
        attribute(server, env, openid, "idOnly", "CUSTOM", "id", true, false);
        attribute(server, env, openid, "infoOnly", "CUSTOM", "info", false, true);
        attribute(server, env, openid, "given_name", "PREDEFINED", "${user.name.given}", true, true);
        attribute(server, env, openid, "sid", "CUSTOM", "forged", true, true);
        attribute(server, env, openid, "empty", "CUSTOM", "${user.missing}", true, true);
        attribute(server, env, resource, "apiOnly", "CUSTOM", "api", null, null);
        ObjectNode json = Json.object().put("department", "Finance");
        json.putObject("name").put("given", "Dana");
        User dana = user(env, "dana", json);
        assertThat(idTokenClaims(env, dana)).containsOnly(Map.entry("both", "Finance"), Map.entry("idOnly", "id"));
        assertThat(userinfoClaims(env, dana)).containsOnly(Map.entry("both", "Finance"), Map.entry("infoOnly", "info"));
        assertThat(idTokenClaims(Fixtures.environment(admin), dana)).isEmpty();
    }

    @Test
    void anotherEnvironmentsRolesAndAttributesDoNotCount() {
        assign(admin, env, alice.id(), clerk);
        attribute(server, env, resource, "tenant", "CUSTOM", "acme", null, null);
        String other = Fixtures.environment(admin);
        assertThat(accessClaims(other, alice, scopes(resource))).isEmpty();
    }

    // ---- helpers

    private User user(String env, String username, ObjectNode json) {
        return PermissionFixtures.user(admin, env, username, json);
    }

    private Map<String, Object> accessClaims(String env, User user, ScopeResolver.Resolved scopes) {
        Map<String, Object> out = new LinkedHashMap<>();
        claims.accessToken(tokenGrant(env, user, scopes), out);
        return out;
    }

    private Map<String, Object> idTokenClaims(String env, User user) {
        Map<String, Object> out = new LinkedHashMap<>();
        claims.idToken(tokenGrant(env, user, scopes()), out);
        return out;
    }

    private Map<String, Object> userinfoClaims(String env, User user) {
        Map<String, Object> out = new LinkedHashMap<>();
        claims.userinfo(env, user, Set.of("openid"), Set.of(), out);
        return out;
    }

    /** A grant of a user's tokens in {@code env}, as the token generator hands it to its claim contributors. */
    private static TokenGrant tokenGrant(String env, User user, ScopeResolver.Resolved scopes) {
        Application app =
                new Application(Ids.newId(), env, "app", "OPENID_CONNECT", "WEB_APP", true, Json.object(), null, 0, 0);
        return new TokenGrant(
                app,
                user,
                new TokenGrant.SignOn(null, 0, null, List.of("pwd")),
                scopes,
                Ids.newId(),
                null,
                null,
                RequestedClaims.NONE);
    }

    /** A token's resolved scopes: one scope of each custom resource, in this order. */
    private ScopeResolver.Resolved scopes(String... resourceIds) {
        List<GrantedScope> granted = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String r : resourceIds) {
            granted.add(new GrantedScope(r, "res", "CUSTOM", "https://" + r, 3600, Ids.newId(), "scope-" + r));
            names.add("scope-" + r);
        }
        return new ScopeResolver.Resolved(
                names, granted, granted.stream().map(GrantedScope::audience).toList(), false);
    }
}
