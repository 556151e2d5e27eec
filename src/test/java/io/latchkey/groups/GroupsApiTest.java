package io.latchkey.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.latchkey.access.BuiltInRole;
import io.latchkey.mfa.MfaFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.latchkey.users.UserFixtures;
import io.restassured.response.ValidatableResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code /groups}: CRUD, PingOne's name rules, filters and paging, access. */
@ParameterizedClass
@EnumSource(Db.class) // both databases: name clashes under a lock, filters and paging translated to SQL, cascades
class GroupsApiTest {
    static final String GROUPS = "/v1/environments/{env}/groups";
    static final String ONE = GROUPS + "/{id}";
    static final String MISSING = "00000000-0000-4000-8000-000000000000";

    @Parameter
    Db db;

    Api admin() {
        return TestServer.shared(db).admin();
    }

    static String group(Api admin, String env, Map<String, Object> body) {
        return admin.post(GROUPS, body, env).then().statusCode(201).extract().path("id");
    }

    static String group(Api admin, String env, String name) {
        return group(admin, env, Map.of("name", name));
    }

    static List<String> names(Api admin, String env) {
        return admin.get(GROUPS, env).then().statusCode(200).extract().path("_embedded.groups.name");
    }

    static void invalid(ValidatableResponse r, String detailCode, String target) {
        r.statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("id", notNullValue())
                .body("details.code", hasItem(detailCode))
                .body("details.target", hasItem(target));
    }

    @Test
    void aCreatedGroupHasPingOnesFieldsAndReadsBack() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String staff = UserFixtures.population(admin, env, "Staff");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Managers");
        body.put("description", "People who manage");
        body.put("population", Map.of("id", staff));
        body.put("externalId", "cn=Managers,ou=groups");
        body.put("userFilter", "title eq \"Manager\"");
        body.put("customData", Map.of("groupOwner", "Tom Jones", "securityGroup", true));
        body.put("directMemberCounts", Map.of("users", 42)); // read-only: ignored
        String id = admin.post(GROUPS, body, env)
                .then()
                .statusCode(201)
                .body("id", notNullValue())
                .body("environment.id", equalTo(env))
                .body("name", equalTo("Managers"))
                .body("displayName", equalTo("Managers"))
                .body("description", equalTo("People who manage"))
                .body("population.id", equalTo(staff))
                .body("externalId", equalTo("cn=Managers,ou=groups"))
                .body("userFilter", equalTo("title eq \"Manager\""))
                .body("customData.groupOwner", equalTo("Tom Jones"))
                .body("customData.securityGroup", equalTo(true))
                .body("directMemberCounts.users", equalTo(0))
                .body("totalMemberCounts", nullValue())
                .body("_links.self.href", containsString("/v1/environments/" + env + "/groups/"))
                .body("_links.population.href", containsString("/populations/" + staff))
                .extract()
                .path("id");
        admin.get(ONE, env, id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Managers"))
                .body("customData.securityGroup", equalTo(true))
                .body("totalMemberCounts", nullValue());
        admin.request()
                .queryParam("include", "totalMemberCounts")
                .get(ONE, env, id)
                .then()
                .statusCode(200)
                .body("totalMemberCounts.users", equalTo(0));
        invalid(
                admin.request()
                        .queryParam("include", "everything")
                        .get(ONE, env, id)
                        .then(),
                "INVALID_VALUE",
                "include");
    }

    @Test
    void everyBadFieldIsReportedAtOnceAndNothingIsCreated() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("description", "no name");
        body.put("customData", List.of("not", "an", "object"));
        body.put("userFilter", "title eq");
        body.put("population", Map.of("id", MISSING));
        ValidatableResponse r = admin.post(GROUPS, body, env).then();
        invalid(r, "REQUIRED_VALUE", "name");
        r.body("details.target", hasItem("customData"))
                .body("details.target", hasItem("userFilter"))
                .body("details.target", hasItem("population.id"));
        invalid(admin.post(GROUPS, Map.of("name", " "), env).then(), "EMPTY_VALUE", "name");
        invalid(admin.post(GROUPS, Map.of("name", "x".repeat(257)), env).then(), "SIZE_LIMIT_EXCEEDED", "name");
        invalid(admin.post(GROUPS, Map.of("name", 7), env).then(), "INVALID_VALUE", "name");
        invalid(
                admin.post(GROUPS, Map.of("name", "Big", "customData", Map.of("k", "x".repeat(17_000))), env)
                        .then(),
                "SIZE_LIMIT_EXCEEDED",
                "customData");
        assertThat(names(admin, env)).isEmpty();
        admin.post(GROUPS, Map.of("name", "G"), MISSING).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void namesFollowPingOnesRulesAcrossEnvironmentAndPopulationGroups() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String p1 = UserFixtures.population(admin, env, "P1");
        String p2 = UserFixtures.population(admin, env, "P2");
        group(admin, env, "Admins");
        // An environment group's name is unique in the environment, in any case.
        invalid(admin.post(GROUPS, Map.of("name", "ADMINS"), env).then(), "UNIQUENESS_VIOLATION", "name");
        // A population group cannot share a name with an environment group.
        invalid(
                admin.post(GROUPS, Map.of("name", "admins", "population", Map.of("id", p1)), env)
                        .then(),
                "UNIQUENESS_VIOLATION",
                "name");
        // A name may repeat across populations ...
        group(admin, env, Map.of("name", "Editors", "population", Map.of("id", p1)));
        group(admin, env, Map.of("name", "Editors", "population", Map.of("id", p2)));
        // ... but not within one, and an environment group cannot take it.
        invalid(
                admin.post(GROUPS, Map.of("name", "editors", "population", Map.of("id", p1)), env)
                        .then(),
                "UNIQUENESS_VIOLATION",
                "name");
        invalid(admin.post(GROUPS, Map.of("name", "Editors"), env).then(), "UNIQUENESS_VIOLATION", "name");
        assertThat(names(admin, env)).containsExactlyInAnyOrder("Admins", "Editors", "Editors");
        // The same group of another environment does not clash.
        String other = Fixtures.environment(admin);
        group(admin, other, "Admins");
    }

    @Test
    void putReplacesTheAttributesButNeverThePopulation() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String p1 = UserFixtures.population(admin, env, "P1");
        String p2 = UserFixtures.population(admin, env, "P2");
        group(admin, env, "Taken");
        String id = group(admin, env, Map.of("name", "Ops", "description", "d", "population", Map.of("id", p1)));
        admin.put(ONE, Map.of("name", "Operations", "customData", Map.of("k", 1)), env, id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Operations"))
                .body("description", nullValue())
                .body("customData.k", equalTo(1))
                .body("population.id", equalTo(p1));
        invalid(
                admin.put(ONE, Map.of("name", "Operations", "population", Map.of("id", p2)), env, id)
                        .then(),
                "INVALID_VALUE",
                "population.id");
        invalid(admin.put(ONE, Map.of("name", "taken"), env, id).then(), "UNIQUENESS_VIOLATION", "name");
        admin.get(ONE, env, id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Operations"))
                .body("population.id", equalTo(p1));
        // Its own name, in another case, is not a clash.
        admin.put(ONE, Map.of("name", "OPERATIONS"), env, id).then().statusCode(200);
        admin.put(ONE, Map.of("name", "x"), env, MISSING).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void deleteAnswers204ThenTheGroupIsGone() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = group(admin, env, "Temp");
        admin.delete(ONE, env, id).then().statusCode(204);
        admin.get(ONE, env, id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.delete(ONE, env, id).then().statusCode(404);
        // The name is free again.
        group(admin, env, "Temp");
    }

    @Test
    void filtersOnIdNamePopulationAndExternalIdWithPaging() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String p1 = UserFixtures.population(admin, env, "P1");
        String training = group(admin, env, Map.of("name", "Training", "externalId", "ext-1"));
        group(admin, env, Map.of("name", "Trainers", "population", Map.of("id", p1)));
        group(admin, env, "Sales");
        assertThat(filtered(admin, env, "name eq \"training\"")).containsExactly("Training");
        assertThat(filtered(admin, env, "name sw \"TRAIN\"")).containsExactlyInAnyOrder("Training", "Trainers");
        assertThat(filtered(admin, env, "population.id eq \"" + p1 + "\"")).containsExactly("Trainers");
        assertThat(filtered(admin, env, "externalId eq \"ext-1\"")).containsExactly("Training");
        assertThat(filtered(admin, env, "id eq \"" + training + "\" or name eq \"Sales\""))
                .containsExactlyInAnyOrder("Training", "Sales");
        invalid(
                admin.request()
                        .queryParam("filter", "description eq \"x\"")
                        .get(GROUPS, env)
                        .then(),
                "INVALID_FILTER",
                "filter");
        invalid(
                admin.request()
                        .queryParam("filter", "name co \"x\"")
                        .get(GROUPS, env)
                        .then(),
                "INVALID_FILTER",
                "filter");

        ValidatableResponse first =
                admin.request().queryParam("limit", 2).get(GROUPS, env).then().statusCode(200);
        first.body("count", equalTo(3)).body("size", equalTo(2));
        String next = first.extract().path("_links.next.href");
        assertThat(next).contains("cursor=");
        String cursor = next.substring(next.indexOf("cursor=") + 7);
        admin.request()
                .queryParam("limit", 2)
                .queryParam("cursor", cursor)
                .get(GROUPS, env)
                .then()
                .statusCode(200)
                .body("size", equalTo(1))
                .body("_links.next", nullValue());
        invalid(admin.request().queryParam("limit", 0).get(GROUPS, env).then(), "INVALID_VALUE", "limit");
        // Lists never carry totalMemberCounts.
        admin.get(GROUPS, env).then().body("_embedded.groups[0].totalMemberCounts", nullValue());
    }

    static List<String> filtered(Api admin, String env, String filter) {
        return admin.request()
                .queryParam("filter", filter)
                .get(GROUPS, env)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.groups.name");
    }

    @Test
    void readingNeedsAnIdentityRoleAndWritingTheAdminOne() {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String id = group(admin, env, "G");
        Api none = MfaFixtures.withRole(server, env, null);
        Api reader = MfaFixtures.withRole(server, env, BuiltInRole.IDENTITY_DATA_READ_ONLY);
        Api writer = MfaFixtures.withRole(server, env, BuiltInRole.IDENTITY_DATA_ADMIN);
        MfaFixtures.insufficientPermissions(none.get(GROUPS, env));
        MfaFixtures.insufficientPermissions(none.get(ONE, env, id));
        reader.get(ONE, env, id).then().statusCode(200);
        MfaFixtures.insufficientPermissions(reader.post(GROUPS, Map.of("name", "R"), env));
        MfaFixtures.insufficientPermissions(reader.put(ONE, Map.of("name", "R"), env, id));
        MfaFixtures.insufficientPermissions(reader.delete(ONE, env, id));
        MfaFixtures.invalidToken(server.anonymous().get(GROUPS, env));
        assertThat(names(admin, env)).containsExactly("G");
        writer.post(GROUPS, Map.of("name", "W"), env).then().statusCode(201);
        writer.delete(ONE, env, id).then().statusCode(204);
    }
}
