package io.latchkey.schemas;

import static io.latchkey.schemas.SchemaFixtures.ATTRIBUTE;
import static io.latchkey.schemas.SchemaFixtures.USER;
import static io.latchkey.schemas.SchemaFixtures.USERS;
import static io.latchkey.schemas.SchemaFixtures.attribute;
import static io.latchkey.schemas.SchemaFixtures.body;
import static io.latchkey.schemas.SchemaFixtures.schemaId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.latchkey.users.UserFixtures;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Custom attribute values on users: writes checked field by field, reads, disabled attributes, SCIM filters. */
@ParameterizedClass
@EnumSource(Db.class)
class CustomUserAttributesApiTest {
    @Parameter
    Db db;

    Api admin;
    String env;
    String schema;

    void setUp() {
        admin = TestServer.shared(db).admin();
        env = Fixtures.environment(admin);
        schema = schemaId(admin, env);
    }

    String create(Map<String, Object> body) {
        return admin.post(USERS, body, env).then().statusCode(201).extract().path("id");
    }

    ValidatableResponse refusedCreate(Map<String, Object> body) {
        return admin.post(USERS, body, env).then().statusCode(400).body("code", equalTo("INVALID_DATA"));
    }

    List<String> filter(String filter) {
        return admin.request()
                .queryParam("filter", filter)
                .get(USERS, env)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.users.username");
    }

    @Test
    void valuesAreTopLevelMembersOfTheUserAndFollowCreateReplaceAndPatch() {
        setUp();
        attribute(
                admin,
                env,
                schema,
                "shirtSize",
                "enumeratedValues",
                List.of(Map.of("value", "S"), Map.of("value", "M")));
        attribute(admin, env, schema, "nicknames", "multiValued", true);
        attribute(admin, env, schema, "preferences", "type", "JSON");
        attribute(admin, env, schema, "tags", "type", "JSON", "multiValued", true);

        String id = admin.post(
                        USERS,
                        body(
                                "username",
                                "ann",
                                "shirtSize",
                                "M",
                                "nicknames",
                                List.of("Annie", "A", "Annie"),
                                "preferences",
                                Map.of("theme", "dark", "size", 3),
                                "tags",
                                List.of(Map.of("k", 1), Map.of("k", 2)),
                                "notAnAttribute",
                                "ignored"),
                        env)
                .then()
                .statusCode(201)
                .body("shirtSize", equalTo("M"))
                .body("nicknames", equalTo(List.of("Annie", "A")))
                .body("preferences.theme", equalTo("dark"))
                .body("tags.k", equalTo(List.of(1, 2)))
                .body("notAnAttribute", nullValue())
                .extract()
                .path("id");
        admin.get(USER, env, id)
                .then()
                .statusCode(200)
                .body("shirtSize", equalTo("M"))
                .body("nicknames", equalTo(List.of("Annie", "A")))
                .body("preferences.size", equalTo(3));
        admin.request()
                .queryParam("filter", "username eq \"ann\"")
                .get(USERS, env)
                .then()
                .body("_embedded.users[0].shirtSize", equalTo("M"));

        // PATCH: what it names changes, null clears, the rest stays.
        admin.patch(USER, body("shirtSize", "S", "nicknames", null), env, id)
                .then()
                .statusCode(200)
                .body("shirtSize", equalTo("S"))
                .body("nicknames", nullValue())
                .body("preferences.theme", equalTo("dark"));
        // PUT: what it leaves out is cleared.
        admin.put(USER, body("username", "ann", "nicknames", List.of("Nan")), env, id)
                .then()
                .statusCode(200)
                .body("nicknames", equalTo(List.of("Nan")))
                .body("shirtSize", nullValue())
                .body("preferences", nullValue());
        admin.get(USER, env, id).then().body("shirtSize", nullValue()).body("nicknames", equalTo(List.of("Nan")));
        // Other writes keep the values.
        admin.put(USER + "/enabled", Map.of("enabled", false), env, id).then().statusCode(200);
        admin.get(USER, env, id).then().body("nicknames", equalTo(List.of("Nan")));
    }

    @Test
    void badValuesAreRefusedNamingEachAttributeAndChangeNothing() {
        setUp();
        attribute(
                admin,
                env,
                schema,
                "shirtSize",
                "enumeratedValues",
                List.of(Map.of("value", "S"), Map.of("value", "M")));
        attribute(
                admin,
                env,
                schema,
                "badge",
                "regexValidation",
                Map.of("pattern", "[A-Z]{2}[0-9]{4}", "requirements", "Two capitals and four digits."));
        attribute(admin, env, schema, "nicknames", "multiValued", true);
        attribute(admin, env, schema, "preferences", "type", "JSON");
        attribute(admin, env, schema, "evil", "regexValidation", Map.of("pattern", "(a+)+$", "requirements", "a's"));

        refusedCreate(body("username", "u1", "shirtSize", "XL"))
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("shirtSize"))
                .body("details[0].innerError.allowedValues", equalTo(List.of("S", "M")));
        refusedCreate(body("username", "u1", "badge", "ab1234"))
                .body("details[0].target", equalTo("badge"))
                .body("details[0].message", org.hamcrest.Matchers.containsString("Two capitals"));
        refusedCreate(body("username", "u1", "shirtSize", 3)).body("details[0].target", equalTo("shirtSize"));
        refusedCreate(body("username", "u1", "nicknames", "solo")).body("details[0].target", equalTo("nicknames"));
        refusedCreate(body("username", "u1", "nicknames", List.of("a", 2)))
                .body("details[0].target", equalTo("nicknames"));
        refusedCreate(body("username", "u1", "shirtSize", List.of("S")))
                .body("details[0].target", equalTo("shirtSize"));
        refusedCreate(body("username", "u1", "preferences", "dark")).body("details[0].target", equalTo("preferences"));
        refusedCreate(body("username", "u1", "badge", "AB\u00001234")).body("details[0].target", equalTo("badge"));
        refusedCreate(body(
                        "username",
                        "u1",
                        "nicknames",
                        java.util.Collections.nCopies(1001, "x").stream()
                                .map(x -> x + Math.random())
                                .toList()))
                .body("details[0].code", equalTo("SIZE_LIMIT_EXCEEDED"));
        refusedCreate(body("username", "u1", "badge", "A".repeat(2001)))
                .body("details[0].code", equalTo("SIZE_LIMIT_EXCEEDED"));
        // A catastrophic pattern gives up rather than holding a thread.
        refusedCreate(body("username", "u1", "evil", "a".repeat(40) + "!")).body("details[0].target", equalTo("evil"));
        // Every bad attribute of one request is named, with the standard attributes' problems.
        refusedCreate(body("username", "", "shirtSize", "XL", "badge", "nope", "preferences", 1))
                .body("details.target", hasItems("username", "shirtSize", "badge", "preferences"));
        assertThat(UserFixtures.userCount(admin, env)).isZero();

        String id = create(body("username", "ann", "shirtSize", "S", "badge", "AB1234"));
        admin.patch(USER, body("shirtSize", "XL", "badge", "x"), env, id)
                .then()
                .statusCode(400)
                .body("details.target", hasItems("shirtSize", "badge"));
        admin.put(USER, body("username", "ann", "shirtSize", "XL"), env, id)
                .then()
                .statusCode(400);
        admin.get(USER, env, id).then().body("shirtSize", equalTo("S")).body("badge", equalTo("AB1234"));
    }

    @Test
    void archivedValuesStayWithTheirUsersButCannotBeNewlySet() {
        setUp();
        String size = attribute(
                admin, env, schema, "size", "enumeratedValues", List.of(Map.of("value", "S"), Map.of("value", "M")));
        String ann = create(body("username", "ann", "size", "M"));
        admin.patch(
                        ATTRIBUTE,
                        body("enumeratedValues", List.of(Map.of("value", "S"), Map.of("value", "M", "archived", true))),
                        env,
                        schema,
                        size)
                .then()
                .statusCode(200);
        refusedCreate(body("username", "bob", "size", "M"))
                .body("details[0].target", equalTo("size"))
                .body("details[0].innerError.allowedValues", equalTo(List.of("S")));
        admin.put(USER, body("username", "ann", "size", "M", "title", "Dr"), env, ann)
                .then()
                .statusCode(200)
                .body("size", equalTo("M"));
        admin.get(USER, env, ann).then().body("size", equalTo("M"));
        String bob = create(body("username", "bob", "size", "S"));
        admin.patch(USER, body("size", "M"), env, bob).then().statusCode(400);
        admin.get(USER, env, bob).then().body("size", equalTo("S"));
    }

    @Test
    void uniqueValuesClashAcrossTheEnvironmentRegardlessOfCase() {
        setUp();
        attribute(admin, env, schema, "employeeId", "unique", true);
        attribute(admin, env, schema, "aliases", "unique", true, "multiValued", true);
        String ann = create(body("username", "ann", "employeeId", "E-1", "aliases", List.of("a", "b")));
        refusedCreate(body("username", "bob", "employeeId", "e-1"))
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("employeeId"));
        refusedCreate(body("username", "bob", "aliases", List.of("c", "B")))
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("aliases"));
        // A user keeps its own value through a replace.
        admin.put(USER, body("username", "ann", "employeeId", "E-1", "aliases", List.of("b")), env, ann)
                .then()
                .statusCode(200);
        String bob = create(body("username", "bob", "employeeId", "E-2", "aliases", List.of("a")));
        admin.patch(USER, body("employeeId", "E-1"), env, bob)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"));
        admin.get(USER, env, bob).then().body("employeeId", equalTo("E-2"));
        // Another environment has its own values.
        String other = Fixtures.environment(admin);
        attribute(admin, other, schemaId(admin, other), "employeeId", "unique", true);
        admin.post(USERS, body("username", "ann", "employeeId", "E-1"), other)
                .then()
                .statusCode(201);
    }

    @Test
    void requiredAttributesNeedAValueOnEveryWrite() {
        setUp();
        attribute(admin, env, schema, "department", "required", true);
        refusedCreate(body("username", "ann"))
                .body("details[0].code", equalTo("REQUIRED_VALUE"))
                .body("details[0].target", equalTo("department"));
        refusedCreate(body("username", "ann", "department", "")).body("details[0].target", equalTo("department"));
        String id = create(body("username", "ann", "department", "Sales"));
        admin.patch(USER, body("department", null), env, id)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("REQUIRED_VALUE"));
        admin.put(USER, body("username", "ann"), env, id).then().statusCode(400);
        admin.patch(USER, body("title", "Boss"), env, id).then().statusCode(200).body("department", equalTo("Sales"));
    }

    @Test
    void disabledAttributesAreIgnoredOnWritesAndHiddenOnReadsUntilEnabledAgain() {
        setUp();
        String color = attribute(admin, env, schema, "color", "enumeratedValues", List.of(Map.of("value", "red")));
        String id = create(body("username", "ann", "color", "red"));
        admin.patch(ATTRIBUTE, body("enabled", false), env, schema, color)
                .then()
                .statusCode(200);
        admin.get(USER, env, id).then().statusCode(200).body("color", nullValue());
        // Ignored, even a value the attribute would refuse; the stored one stays.
        admin.patch(USER, body("color", "blue"), env, id).then().statusCode(200).body("color", nullValue());
        admin.put(USER, body("username", "ann"), env, id).then().statusCode(200);
        admin.post(USERS, body("username", "bob", "color", "green"), env).then().statusCode(201);
        admin.request()
                .queryParam("filter", "color eq \"red\"")
                .get(USERS, env)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_FILTER"));
        admin.patch(ATTRIBUTE, body("enabled", true), env, schema, color).then().statusCode(200);
        admin.get(USER, env, id).then().body("color", equalTo("red"));
    }

    @Test
    void theCustomValuesOfAUserHoldAtMost16KB() {
        setUp();
        attribute(admin, env, schema, "notes", "type", "JSON");
        attribute(admin, env, schema, "code");
        refusedCreate(body("username", "ann", "code", "x".repeat(1000), "notes", Map.of("text", "y".repeat(16_000))))
                .body("details[0].code", equalTo("SIZE_LIMIT_EXCEEDED"));
        assertThat(UserFixtures.userCount(admin, env)).isZero();
        create(body("username", "ann", "code", "x".repeat(1000), "notes", Map.of("text", "y".repeat(14_000))));
    }

    @Test
    void scimFiltersOnCustomAttributesRunInSql() {
        setUp();
        attribute(admin, env, schema, "department");
        attribute(admin, env, schema, "skills", "multiValued", true);
        attribute(admin, env, schema, "profile", "type", "JSON");
        create(body("username", "ann", "department", "Sales", "skills", List.of("Java", "SQL")));
        create(body("username", "bob", "department", "sales-emea", "skills", List.of("Go")));
        create(body("username", "carol", "skills", List.of("javascript")));

        assertThat(filter("department eq \"SALES\"")).containsExactly("ann");
        assertThat(filter("department sw \"sales\"")).containsExactlyInAnyOrder("ann", "bob");
        assertThat(filter("skills eq \"sql\"")).containsExactly("ann");
        assertThat(filter("skills sw \"java\"")).containsExactlyInAnyOrder("ann", "carol");
        assertThat(filter("skills co \"o\"")).containsExactly("bob");
        assertThat(filter("department pr")).containsExactlyInAnyOrder("ann", "bob");
        assertThat(filter("not (department pr)")).containsExactly("carol");
        assertThat(filter("skills eq \"go\" or department eq \"sales\"")).containsExactlyInAnyOrder("ann", "bob");
        assertThat(filter("skills sw \"j\" and not (skills eq \"sql\")")).containsExactly("carol");
        assertThat(filter("department eq \"%\"")).isEmpty();
        // JSON attributes are not filterable, nor is ne on custom attributes.
        invalidFilter("profile eq \"x\"");
        invalidFilter("department ne \"x\"");
        invalidFilter("department gt \"x\"");

        // With more than five custom STRING attributes the contains operator is off (Schema.allowsContainsOperator).
        for (int i = 0; i < 4; i++) attribute(admin, env, schema, "extra" + i);
        admin.get(SchemaFixtures.SCHEMAS + "/{schema}", env, schema)
                .then()
                .body("allowsContainsOperator", equalTo(false));
        invalidFilter("skills co \"o\"")
                .body("details[0].innerError.supportedOperators", equalTo(List.of("eq", "pr", "sw")));
        assertThat(filter("skills sw \"go\"")).containsExactly("bob");
    }

    ValidatableResponse invalidFilter(String filter) {
        return admin.request()
                .queryParam("filter", filter)
                .get(USERS, env)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("INVALID_FILTER"))
                .body("details[0].target", equalTo("filter"));
    }

    @Test
    void deletingAnAttributeDeletesItsValuesAndFreesItsName() {
        setUp();
        String code = attribute(admin, env, schema, "code", "unique", true);
        String id = create(body("username", "ann", "code", "A"));
        admin.delete(ATTRIBUTE, env, schema, code).then().statusCode(204);
        admin.get(USER, env, id).then().body("code", nullValue());
        attribute(admin, env, schema, "code", "type", "JSON");
        admin.get(USER, env, id).then().body("code", nullValue());
        admin.patch(USER, body("code", Map.of("a", 1)), env, id)
                .then()
                .statusCode(200)
                .body("code.a", equalTo(1));
        // Deleting the user deletes its values (the unique value is free again).
        admin.delete(USER, env, id).then().statusCode(204);
    }
}
