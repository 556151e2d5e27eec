package io.latchkey.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.latchkey.storage.Database;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code GET /users?filter=...}: SCIM operators over the standard attributes, as SQL, and hostile filters. */
@ParameterizedClass
@EnumSource(Db.class) // both databases: SCIM filters and their paging are translated to SQL (case folding, LIKE, NUL,
// huge values)
class UserFilterApiTest {
    static final String USERS = "/v1/environments/{env}/users";

    @Parameter
    Db db;

    Api admin() {
        return TestServer.shared(db).admin();
    }

    ValidatableResponse filter(Api admin, String env, String filter) {
        return admin.request().queryParam("filter", filter).get(USERS, env).then();
    }

    List<String> usernames(Api admin, String env, String filter) {
        return filter(admin, env, filter).statusCode(200).extract().path("_embedded.users.username");
    }

    String user(Api admin, String env, Map<String, Object> body) {
        return admin.post(USERS, body, env).then().statusCode(201).extract().path("id");
    }

    @Test
    void standardAttributesFilterWithEveryOperator() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String staff = UserFixtures.population(admin, env, "Staff");
        Map<String, Object> ann = new LinkedHashMap<>();
        ann.put("username", "Ann.Lee");
        ann.put("email", "ann@Example.com");
        ann.put("name", Map.of("given", "Ann", "family", "Lee"));
        ann.put("externalId", "E-100");
        ann.put("mobilePhone", "+1 555 0101");
        ann.put("address", Map.of("locality", "Paris", "countryCode", "FR"));
        String annId = user(admin, env, ann);
        Map<String, Object> bob = new LinkedHashMap<>();
        bob.put("username", "bob");
        bob.put("email", "bob@other.org");
        bob.put("name", Map.of("given", "Bob", "family", "Leeds"));
        bob.put("population", Map.of("id", staff));
        user(admin, env, bob);
        String carol = user(admin, env, Map.of("username", "carol"));
        admin.put(USERS + "/{id}/enabled", Map.of("enabled", false), env, carol)
                .then()
                .statusCode(200);

        assertThat(usernames(admin, env, "username eq \"ANN.LEE\"")).containsExactly("Ann.Lee");
        assertThat(usernames(admin, env, "email sw \"ANN@\"")).containsExactly("Ann.Lee");
        assertThat(usernames(admin, env, "email ew \"example.com\"")).containsExactly("Ann.Lee");
        assertThat(usernames(admin, env, "email co \"@other\"")).containsExactly("bob");
        assertThat(usernames(admin, env, "email pr")).containsExactlyInAnyOrder("Ann.Lee", "bob");
        assertThat(usernames(admin, env, "not (email pr)")).containsExactly("carol");
        assertThat(usernames(admin, env, "name.family sw \"lee\"")).containsExactlyInAnyOrder("Ann.Lee", "bob");
        assertThat(usernames(admin, env, "name.family eq \"lee\" and name.given sw \"A\""))
                .containsExactly("Ann.Lee");
        assertThat(usernames(admin, env, "name.given eq \"bob\" or username eq \"carol\""))
                .containsExactlyInAnyOrder("bob", "carol");
        assertThat(usernames(
                        admin,
                        env,
                        "(name.given eq \"bob\" or name.given eq \"ann\") and not (population.id eq \"" + staff
                                + "\")"))
                .containsExactly("Ann.Lee");
        assertThat(usernames(admin, env, "population.id eq \"" + staff + "\"")).containsExactly("bob");
        assertThat(usernames(admin, env, "enabled eq false")).containsExactly("carol");
        assertThat(usernames(admin, env, "id eq \"" + annId + "\"")).containsExactly("Ann.Lee");
        assertThat(usernames(admin, env, "externalId eq \"e-100\"")).containsExactly("Ann.Lee");
        assertThat(usernames(admin, env, "mobilePhone sw \"+1 555\"")).containsExactly("Ann.Lee");
        assertThat(usernames(admin, env, "address.countryCode eq \"fr\" and address.locality eq \"PARIS\""))
                .containsExactly("Ann.Lee");
        assertThat(usernames(admin, env, "username ne \"bob\"")).containsExactlyInAnyOrder("Ann.Lee", "carol");
        assertThat(usernames(admin, env, "USERNAME Eq \"bob\"")).containsExactly("bob");
        filter(admin, env, "name.family sw \"lee\"").body("count", equalTo(2)).body("size", equalTo(2));
    }

    @Test
    void filteredListsPageWithTheFilterInTheNextLink() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        for (int i = 0; i < 4; i++) UserFixtures.user(admin, env, "team" + i);
        UserFixtures.user(admin, env, "other");
        String next = admin.request()
                .queryParam("filter", "username sw \"team\"")
                .queryParam("limit", 3)
                .get(USERS, env)
                .then()
                .statusCode(200)
                .body("count", equalTo(4))
                .body("size", equalTo(3))
                .body("_links.next.href", containsString("filter="))
                .extract()
                .path("_links.next.href");
        admin.request()
                .urlEncodingEnabled(false)
                .get(next.substring(next.indexOf("/v1/")))
                .then()
                .statusCode(200)
                .body("_embedded.users.username", contains("team3"))
                .body("count", equalTo(4));
    }

    @Test
    void anUnknownAttributeIsInvalidFilterNamingTheSupportedAttributesAndOperators() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        filter(admin, env, "password eq \"x\"")
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("INVALID_FILTER"))
                .body("details[0].target", equalTo("filter"))
                .body(
                        "details[0].innerError.supportedAttributes",
                        hasItems(
                                "username",
                                "email",
                                "name.given",
                                "name.family",
                                "population.id",
                                "externalId",
                                "accountId",
                                "enabled",
                                "id"))
                .body("details[0].innerError.supportedOperators", hasItems("eq", "sw", "ew", "co", "pr"));
    }

    @Test
    void anOperatorAnAttributeDoesNotSupportIsInvalidFilter() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        filter(admin, env, "population.id sw \"a\"")
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_FILTER"))
                .body("details[0].innerError.supportedOperators", containsInAnyOrder("eq", "ne"));
        filter(admin, env, "username gt \"a\"").statusCode(400).body("details[0].code", equalTo("INVALID_FILTER"));
        filter(admin, env, "enabled eq \"yes\"").statusCode(400).body("details[0].code", equalTo("INVALID_FILTER"));
    }

    @Test
    void malformedFiltersAreInvalidFilter() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        for (String bad : List.of(
                "username eq",
                "username eq \"unterminated",
                "(username eq \"a\"",
                "username eq \"a\")",
                "username eq 'a'",
                "username eq \"a\" and",
                "username like \"a\"",
                "memberOfGroups[id eq \"x\"", // memberOfGroups[id eq "x"] itself is a filter now (groups)
                "emails[value eq \"x\"]",
                "username eq \"bad \\q escape\"",
                " ",
                "not username eq \"a\"",
                "username eq \"a\" username eq \"b\"")) {
            filter(admin, env, bad)
                    .statusCode(400)
                    .body("code", equalTo("INVALID_DATA"))
                    .body("details[0].code", equalTo("INVALID_FILTER"))
                    .body("details[0].target", equalTo("filter"));
        }
    }

    @Test
    void hostileValuesAreMatchedLiterallyNeverAsSql() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        for (String name : List.of("o'brien", "a_b", "axb", "a%b", "azzb", "back\\slash", "semi;colon", "zoë", "李雷")) {
            UserFixtures.user(admin, env, name);
        }
        assertThat(usernames(admin, env, "username eq \"O'Brien\"")).containsExactly("o'brien");
        assertThat(usernames(admin, env, "username eq \"x' or '1'='1\"")).isEmpty();
        assertThat(usernames(admin, env, "username eq \"'; drop table users; --\""))
                .isEmpty();
        assertThat(usernames(admin, env, "username sw \"a_\"")).containsExactly("a_b");
        assertThat(usernames(admin, env, "username sw \"a%\"")).containsExactly("a%b");
        assertThat(usernames(admin, env, "username co \"%\"")).containsExactly("a%b");
        assertThat(usernames(admin, env, "username co \"_\"")).containsExactly("a_b");
        assertThat(usernames(admin, env, "username ew \"_b\"")).containsExactly("a_b");
        assertThat(usernames(admin, env, "username eq \"back\\\\slash\"")).containsExactly("back\\slash");
        assertThat(usernames(admin, env, "username sw \"back\\\\\"")).containsExactly("back\\slash");
        assertThat(usernames(admin, env, "username eq \"semi;colon\"")).containsExactly("semi;colon");
        assertThat(usernames(admin, env, "username eq \"ZOË\"")).containsExactly("zoë");
        assertThat(usernames(admin, env, "username eq \"zo\\u00eb\"")).containsExactly("zoë");
        assertThat(usernames(admin, env, "username eq \"李雷\"")).containsExactly("李雷");
        assertThat(usernames(admin, env, "username sw \"\"")).hasSize(9);
        // the table is still there, with everyone in it
        assertThat(UserFixtures.userCount(admin, env)).isEqualTo(9);
    }

    @Test
    void deepNestingAndHugeFiltersAreRefusedCleanly() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        UserFixtures.user(admin, env, "a");
        String deep = "(".repeat(40) + "username eq \"a\"" + ")".repeat(40);
        filter(admin, env, deep).statusCode(400).body("details[0].code", equalTo("INVALID_FILTER"));
        String deepNot = "not (".repeat(40) + "username eq \"a\"" + ")".repeat(40);
        filter(admin, env, deepNot).statusCode(400).body("details[0].code", equalTo("INVALID_FILTER"));
        String huge = "username eq \"" + "x".repeat(5000) + "\"";
        filter(admin, env, huge).statusCode(400).body("details[0].code", equalTo("INVALID_FILTER"));
        // nesting within the limit still works
        String nested = "(".repeat(20) + "username eq \"a\"" + ")".repeat(20);
        assertThat(usernames(admin, env, nested)).containsExactly("a");
    }

    @Test
    void aLongOrChainWithinTheLimitRunsAsOneQuery() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        UserFixtures.user(admin, env, "u150");
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < 180; i++) terms.add("username eq \"u" + i + "\"");
        String chain = String.join(" or ", terms);
        assertThat(chain.length()).isLessThan(4096);
        long start = System.nanoTime();
        assertThat(usernames(admin, env, chain)).containsExactly("u150");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void anotherEnvironmentsUsersNeverMatch() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String other = Fixtures.environment(admin);
        String foreign = UserFixtures.user(admin, other, "foreigner");
        assertThat(usernames(admin, env, "username eq \"foreigner\"")).isEmpty();
        assertThat(usernames(admin, env, "id eq \"" + foreign + "\"")).isEmpty();
        assertThat(usernames(admin, env, "username pr or not (username pr)")).isEmpty();
    }

    /**
     * {@code eq} and {@code sw} on the indexed attributes are served by an index: PostgreSQL (with statistics
     * over a few thousand rows) uses the pattern-ops index for a prefix; H2 turns the prefix into an index range.
     */
    @Test
    void prefixAndEqualityFiltersUseAnIndex() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        Database database = TestServer.shared(db).latchkey().database();
        String population = UserFixtures.defaultPopulation(admin, env);
        database.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("""
                    insert into users (id, environment_id, population_id, username, username_lower, email_lower, given_lower,
                    family_lower, enabled, mfa_enabled, email_verified, lifecycle_status, doc, created_at, updated_at)
                    values (:id, :env, :pop, :u, :u, :e, :g, :f, true, false, false, 'ACCOUNT_OK', :doc, 0, 0)""");
            for (int i = 0; i < 3000; i++) {
                batch.bind("id", UUID.randomUUID().toString())
                        .bind("env", env)
                        .bind("pop", population)
                        .bind("u", "user" + i)
                        .bind("e", "user" + i + "@example.com")
                        .bind("g", "given" + i)
                        .bind("f", "family" + i)
                        .bind("doc", "{\"username\":\"user" + i + "\"}")
                        .add();
            }
            batch.execute();
        });
        if (database.isPostgres()) database.useTransaction(h -> h.execute("analyze users"));
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("username sw \"user12\"", database.isPostgres() ? "users_username_prefix" : "users_username_unique");
        cases.put("email sw \"user12\"", "users_email");
        cases.put("name.family sw \"family12\"", "users_family");
        cases.put("email eq \"user12@example.com\"", "users_email");
        cases.put("name.given eq \"given7\"", "users_given");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            var where = UserFilter.FILTER.translate(c.getKey());
            String plan = database.withHandle(h -> String.join(
                    "\n",
                    h.createQuery("explain select u.id from users u where u.environment_id = :env and " + where.sql())
                            .bind("env", env)
                            .bindMap(where.params())
                            .mapTo(String.class)
                            .list()));
            assertThat(plan).as(c.getKey()).containsIgnoringCase(c.getValue());
            if (c.getKey().contains(" sw ")) {
                // the prefix is an index range, not a filter over the environment's rows
                assertThat(plan).as(c.getKey()).containsAnyOf("~>=~", ">= 'user12'", ">= 'family12'");
            }
        }
        assertThat(usernames(admin, env, "username sw \"user299\""))
                .containsExactlyInAnyOrder(
                        "user299",
                        "user2990",
                        "user2991",
                        "user2992",
                        "user2993",
                        "user2994",
                        "user2995",
                        "user2996",
                        "user2997",
                        "user2998",
                        "user2999");
    }

    @Test
    void supportedAttributesListTheStandardOnes() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        filter(admin, env, "unknown pr")
                .statusCode(400)
                .body("details[0].innerError.supportedAttributes", hasItem("address.postalCode"));
    }
}
