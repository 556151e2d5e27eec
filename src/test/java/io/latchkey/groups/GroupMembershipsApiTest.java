package io.latchkey.groups;

import static io.latchkey.groups.GroupsApiTest.GROUPS;
import static io.latchkey.groups.GroupsApiTest.MISSING;
import static io.latchkey.groups.GroupsApiTest.group;
import static io.latchkey.groups.GroupsApiTest.invalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.latchkey.users.UserFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Users in groups ({@code /users/{id}/memberOfGroups}), groups in groups ({@code /groups/{id}/memberOfGroups}), what
 * users' reads show of them, and what deleting or moving takes with it.
 */
@ParameterizedClass
@EnumSource(Db.class) // both databases: the closure, the membership filter's SQL, cascades of deletes
class GroupMembershipsApiTest {
    static final String USERS = "/v1/environments/{env}/users";
    static final String MEMBER_OF = USERS + "/{user}/memberOfGroups";
    static final String NESTINGS = GROUPS + "/{group}/memberOfGroups";

    @Parameter
    Db db;

    Api admin() {
        return TestServer.shared(db).admin();
    }

    static void join(Api admin, String env, String user, String group) {
        admin.post(MEMBER_OF, Map.of("id", group), env, user).then().statusCode(201);
    }

    static void nest(Api admin, String env, String member, String into) {
        admin.post(NESTINGS, Map.of("id", into), env, member).then().statusCode(201);
    }

    static Map<String, String> typesOf(Api admin, String env, String user) {
        List<Map<String, Object>> items =
                admin.get(MEMBER_OF, env, user).then().statusCode(200).extract().path("_embedded.groupMemberships");
        Map<String, String> out = new java.util.TreeMap<>();
        items.forEach(i -> out.put((String) i.get("name"), (String) i.get("type")));
        return out;
    }

    static List<String> usersIn(Api admin, String env, String filter) {
        return admin.request()
                .queryParam("filter", filter)
                .get(USERS, env)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.users.username");
    }

    static int directCount(Api admin, String env, String group) {
        return admin.get(GROUPS + "/{id}", env, group)
                .then()
                .statusCode(200)
                .extract()
                .path("directMemberCounts.users");
    }

    @Test
    void aUserJoinsAGroupAndTheMembershipReadsBackAndIsRemoved() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String user = UserFixtures.user(admin, env, "ann");
        String g = group(admin, env, Map.of("name", "Staff", "description", "all of them"));
        admin.post(MEMBER_OF, Map.of("id", g), env, user)
                .then()
                .statusCode(201)
                .body("id", equalTo(g))
                .body("name", equalTo("Staff"))
                .body("type", equalTo("DIRECT"))
                .body("environment.id", equalTo(env))
                .body("_links.self.href", containsString("/users/" + user + "/memberOfGroups/" + g));
        admin.request()
                .queryParam("expand", "group")
                .get(MEMBER_OF, env, user)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.groupMemberships[0].id", equalTo(g))
                .body("_embedded.groupMemberships[0]._embedded.group.description", equalTo("all of them"));
        admin.get(MEMBER_OF + "/{g}", env, user, g)
                .then()
                .statusCode(200)
                .body("type", equalTo("DIRECT"))
                .body("_embedded", nullValue());
        assertThat(directCount(admin, env, g)).isEqualTo(1);

        // Again: a uniqueness violation, and still one membership.
        invalid(admin.post(MEMBER_OF, Map.of("id", g), env, user).then(), "UNIQUENESS_VIOLATION", "id");
        assertThat(directCount(admin, env, g)).isEqualTo(1);

        admin.delete(MEMBER_OF + "/{g}", env, user, g).then().statusCode(204);
        admin.get(MEMBER_OF + "/{g}", env, user, g).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.delete(MEMBER_OF + "/{g}", env, user, g).then().statusCode(404);
        assertThat(directCount(admin, env, g)).isZero();
    }

    @Test
    void badMembershipRequestsChangeNothing() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String p1 = UserFixtures.population(admin, env, "P1");
        String user = UserFixtures.user(admin, env, "bob"); // default population
        String popGroup = group(admin, env, Map.of("name", "P1 only", "population", Map.of("id", p1)));
        String g = group(admin, env, "Open");
        invalid(admin.post(MEMBER_OF, Map.of(), env, user).then(), "REQUIRED_VALUE", "id");
        invalid(admin.post(MEMBER_OF, Map.of("id", MISSING), env, user).then(), "INVALID_VALUE", "id");
        // A population group only takes users of its population.
        invalid(admin.post(MEMBER_OF, Map.of("id", popGroup), env, user).then(), "INVALID_VALUE", "id");
        admin.post(MEMBER_OF, Map.of("id", g), env, MISSING)
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        admin.get(MEMBER_OF, env, MISSING).then().statusCode(404);
        invalid(
                admin.request()
                        .queryParam("expand", "user")
                        .get(MEMBER_OF, env, user)
                        .then(),
                "INVALID_VALUE",
                "expand");
        // A group of another environment is unknown here.
        String other = Fixtures.environment(admin);
        String foreign = group(admin, other, "Foreign");
        invalid(admin.post(MEMBER_OF, Map.of("id", foreign), env, user).then(), "INVALID_VALUE", "id");
        assertThat(typesOf(admin, env, user)).isEmpty();
        assertThat(directCount(admin, env, popGroup)).isZero();
    }

    @Test
    void nestedGroupsMakeIndirectMembersAtAnyDepthAndCyclesAreRefused() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String ann = UserFixtures.user(admin, env, "ann");
        String bob = UserFixtures.user(admin, env, "bob");
        String team = group(admin, env, "Team");
        String dept = group(admin, env, "Dept");
        String company = group(admin, env, "Company");
        join(admin, env, ann, team);
        join(admin, env, bob, dept);
        admin.post(NESTINGS, Map.of("id", dept), env, team)
                .then()
                .statusCode(201)
                .body("id", equalTo(dept))
                .body("type", equalTo("DIRECT"));
        nest(admin, env, dept, company);

        assertThat(typesOf(admin, env, ann))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("Team", "DIRECT", "Dept", "INDIRECT", "Company", "INDIRECT"));
        assertThat(typesOf(admin, env, bob))
                .containsExactlyInAnyOrderEntriesOf(Map.of("Dept", "DIRECT", "Company", "INDIRECT"));
        admin.get(MEMBER_OF + "/{g}", env, ann, company).then().statusCode(200).body("type", equalTo("INDIRECT"));
        admin.request()
                .queryParam("filter", "type eq \"INDIRECT\"")
                .get(MEMBER_OF, env, ann)
                .then()
                .statusCode(200)
                .body("count", equalTo(2));

        // The nesting reads back; the list has the groups Team is directly in (PingOne clients read [0] as parent).
        admin.get(NESTINGS, env, team)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.groupMemberships[0].id", equalTo(dept));
        admin.get(NESTINGS + "/{p}", env, team, dept).then().statusCode(200).body("id", equalTo(dept));
        admin.get(NESTINGS + "/{p}", env, team, company).then().statusCode(404);

        // Cycles, self-nesting, twice the same nesting: refused, nothing changes.
        invalid(admin.post(NESTINGS, Map.of("id", team), env, company).then(), "INVALID_VALUE", "id");
        invalid(admin.post(NESTINGS, Map.of("id", team), env, team).then(), "INVALID_VALUE", "id");
        invalid(admin.post(NESTINGS, Map.of("id", dept), env, team).then(), "UNIQUENESS_VIOLATION", "id");
        invalid(admin.post(NESTINGS, Map.of("id", MISSING), env, team).then(), "INVALID_VALUE", "id");
        admin.post(NESTINGS, Map.of("id", dept), env, MISSING).then().statusCode(404);
        admin.get(NESTINGS, env, company).then().statusCode(200).body("count", equalTo(0));

        // Only DIRECT memberships can be removed this way.
        invalid(admin.delete(MEMBER_OF + "/{g}", env, ann, company).then(), "INVALID_VALUE", "id");
        assertThat(typesOf(admin, env, ann)).containsEntry("Company", "INDIRECT");

        // Counts: direct members only, and every member at any depth with include=totalMemberCounts.
        assertThat(directCount(admin, env, company)).isZero();
        admin.request()
                .queryParam("include", "totalMemberCounts")
                .get(GROUPS + "/{id}", env, company)
                .then()
                .body("totalMemberCounts.users", equalTo(2));

        // Users by group count indirect members, combined with and/or/parentheses.
        assertThat(usersIn(admin, env, "memberOfGroups[id eq \"" + company + "\"]"))
                .containsExactlyInAnyOrder("ann", "bob");
        assertThat(usersIn(admin, env, "memberOfGroups[id eq \"" + team + "\"]"))
                .containsExactly("ann");
        assertThat(usersIn(
                        admin,
                        env,
                        "(username sw \"b\") and (memberOfGroups[id eq \"" + team + "\"] or memberOfGroups[id eq \""
                                + dept + "\"])"))
                .containsExactly("bob");
        assertThat(usersIn(admin, env, "not (memberOfGroups[id eq \"" + team + "\"])"))
                .containsExactly("bob");

        // include= on one user: every group, nested ones too, by name; never in the list.
        admin.request()
                .queryParam("include", "memberOfGroupNames,memberOfGroupIDs")
                .get(USERS + "/{id}", env, ann)
                .then()
                .statusCode(200)
                .body("memberOfGroupNames", equalTo(List.of("Company", "Dept", "Team")))
                .body("memberOfGroupIDs", equalTo(List.of(company, dept, team)));
        admin.request()
                .queryParam("include", "memberOfGroupIDs")
                .get(USERS + "/{id}", env, bob)
                .then()
                .body("memberOfGroupIDs", equalTo(List.of(company, dept)))
                .body("memberOfGroupNames", nullValue());
        admin.get(USERS + "/{id}", env, ann).then().body("memberOfGroupNames", nullValue());
        admin.request()
                .queryParam("include", "memberOfGroupNames")
                .get(USERS, env)
                .then()
                .body("_embedded.users[0].memberOfGroupNames", nullValue());
        invalid(
                admin.request()
                        .queryParam("include", "groups")
                        .get(USERS + "/{id}", env, ann)
                        .then(),
                "INVALID_VALUE",
                "include");

        // Unnesting takes the indirect memberships away.
        admin.delete(NESTINGS + "/{p}", env, dept, company).then().statusCode(204);
        admin.delete(NESTINGS + "/{p}", env, dept, company).then().statusCode(404);
        assertThat(typesOf(admin, env, ann)).containsOnlyKeys("Team", "Dept");
        assertThat(usersIn(admin, env, "memberOfGroups[id eq \"" + company + "\"]"))
                .isEmpty();
    }

    @Test
    void membershipFiltersThatCannotBeTranslatedAreInvalidFilters() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        for (String bad : List.of(
                "memberOfGroups[name eq \"x\"]",
                "memberOfGroups[id sw \"x\"]",
                "memberOfGroups[id eq \"x\"",
                "emails[value eq \"x\"]")) {
            invalid(admin.request().queryParam("filter", bad).get(USERS, env).then(), "INVALID_FILTER", "filter");
        }
        assertThat(usersIn(admin, env, "memberOfGroups[id eq \"" + MISSING + "\"]"))
                .isEmpty();
    }

    @Test
    void populationGroupsHoldOnlyTheirPopulationAndMovingAUserTakesThemOut() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String p1 = UserFixtures.population(admin, env, "P1");
        String p2 = UserFixtures.population(admin, env, "P2");
        String user = admin.post(USERS, Map.of("username", "cat", "population", Map.of("id", p1)), env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String p1Group = group(admin, env, Map.of("name", "Local", "population", Map.of("id", p1)));
        String p2Group = group(admin, env, Map.of("name", "Local", "population", Map.of("id", p2)));
        String envGroup = group(admin, env, "Everyone");
        join(admin, env, user, p1Group);
        join(admin, env, user, envGroup);
        invalid(admin.post(MEMBER_OF, Map.of("id", p2Group), env, user).then(), "INVALID_VALUE", "id");

        // A population group holds only groups of its population; an environment group holds any.
        invalid(admin.post(NESTINGS, Map.of("id", p1Group), env, envGroup).then(), "INVALID_VALUE", "id");
        invalid(admin.post(NESTINGS, Map.of("id", p2Group), env, p1Group).then(), "INVALID_VALUE", "id");
        nest(admin, env, p1Group, envGroup);

        admin.put(USERS + "/{id}/population", Map.of("id", p2), env, user)
                .then()
                .statusCode(200);
        assertThat(typesOf(admin, env, user)).containsExactlyInAnyOrderEntriesOf(Map.of("Everyone", "DIRECT"));
        join(admin, env, user, p2Group);
        assertThat(typesOf(admin, env, user)).containsOnlyKeys("Everyone", "Local");
    }

    @Test
    void deletingAGroupOrAUserRemovesTheirMembershipsAndNestings() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String ann = UserFixtures.user(admin, env, "ann");
        String bob = UserFixtures.user(admin, env, "bob");
        String inner = group(admin, env, "Inner");
        String middle = group(admin, env, "Middle");
        String outer = group(admin, env, "Outer");
        join(admin, env, ann, inner);
        join(admin, env, bob, outer);
        nest(admin, env, inner, middle);
        nest(admin, env, middle, outer);
        assertThat(usersIn(admin, env, "memberOfGroups[id eq \"" + outer + "\"]"))
                .containsExactlyInAnyOrder("ann", "bob");

        // The middle group goes: ann is no longer (indirectly) in Outer.
        admin.delete(GROUPS + "/{id}", env, middle).then().statusCode(204);
        assertThat(typesOf(admin, env, ann)).containsOnlyKeys("Inner");
        assertThat(usersIn(admin, env, "memberOfGroups[id eq \"" + outer + "\"]"))
                .containsExactly("bob");
        admin.get(NESTINGS, env, inner).then().body("count", equalTo(0));

        admin.delete(GROUPS + "/{id}", env, inner).then().statusCode(204);
        assertThat(typesOf(admin, env, ann)).isEmpty();

        admin.delete(USERS + "/{id}", env, bob).then().statusCode(204);
        assertThat(directCount(admin, env, outer)).isZero();

        // Deleting a population takes its groups.
        String p = UserFixtures.population(admin, env, "Gone");
        String popGroup = group(admin, env, Map.of("name", "PG", "population", Map.of("id", p)));
        admin.delete("/v1/environments/{env}/populations/{id}", env, p).then().statusCode(204);
        admin.get(GROUPS + "/{id}", env, popGroup).then().statusCode(404);
    }
}
