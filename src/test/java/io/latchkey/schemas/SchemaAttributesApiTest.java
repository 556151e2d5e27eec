package io.latchkey.schemas;

import static io.latchkey.schemas.SchemaFixtures.ATTRIBUTE;
import static io.latchkey.schemas.SchemaFixtures.ATTRIBUTES;
import static io.latchkey.schemas.SchemaFixtures.SCHEMAS;
import static io.latchkey.schemas.SchemaFixtures.USER;
import static io.latchkey.schemas.SchemaFixtures.USERS;
import static io.latchkey.schemas.SchemaFixtures.attribute;
import static io.latchkey.schemas.SchemaFixtures.body;
import static io.latchkey.schemas.SchemaFixtures.customNames;
import static io.latchkey.schemas.SchemaFixtures.schemaId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.latchkey.access.BuiltInRole;
import io.latchkey.environments.EnvironmentFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code /schemas} and {@code /schemas/{id}/attributes}: the listed attributes and every rule of custom ones. */
@ParameterizedClass
@EnumSource(Db.class)
class SchemaAttributesApiTest {
    @Parameter
    Db db;

    Api admin() {
        return TestServer.shared(db).admin();
    }

    @Test
    void theOneUserSchemaListsCoreAndStandardAttributesReadOnly() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        admin.get(SCHEMAS, env)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.schemas[0].name", equalTo("User"))
                .body("_embedded.schemas[0].allowsContainsOperator", equalTo(true));
        String schema = schemaId(admin, env);
        admin.get(SCHEMAS + "/{schema}", env, schema)
                .then()
                .statusCode(200)
                .body("id", equalTo(schema))
                .body("environment.id", equalTo(env))
                .body("attributes.find { it.name == 'username' }.schemaType", equalTo("CORE"))
                .body("attributes.find { it.name == 'username' }.unique", equalTo(true))
                .body("attributes.find { it.name == 'email' }.schemaType", equalTo("STANDARD"))
                .body("attributes.find { it.name == 'enabled' }.type", equalTo("BOOLEAN"))
                .body("attributes.find { it.name == 'address' }.type", equalTo("COMPLEX"))
                .body("attributes.find { it.name == 'address' }.subAttributes.name", hasItem("locality"));
        String username = admin.get(ATTRIBUTES, env, schema)
                .then()
                .statusCode(200)
                .body("_embedded.attributes.name", hasItems("id", "username", "email", "name", "externalId"))
                .extract()
                .path("_embedded.attributes.find { it.name == 'username' }.id");
        String email = admin.get(ATTRIBUTES, env, schema)
                .then()
                .extract()
                .path("_embedded.attributes.find { it.name == 'email' }.id");
        admin.get(ATTRIBUTE, env, schema, username).then().statusCode(200).body("name", equalTo("username"));

        admin.put(ATTRIBUTE, body("name", "username", "enabled", false, "type", "STRING"), env, schema, username)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].target", equalTo("schemaType"));
        admin.patch(ATTRIBUTE, body("unique", true), env, schema, email)
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("schemaType"));
        admin.delete(ATTRIBUTE, env, schema, email)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_VALUE"));
        admin.get(ATTRIBUTE, env, schema, email).then().statusCode(200).body("unique", equalTo(false));

        admin.get(SCHEMAS + "/{schema}", env, UUID.randomUUID().toString())
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        admin.get(ATTRIBUTE, env, schema, UUID.randomUUID().toString()).then().statusCode(404);
        admin.get(SCHEMAS, UUID.randomUUID().toString()).then().statusCode(404);
        // Another environment's schema is not this one's.
        String other = Fixtures.environment(admin);
        admin.get(SCHEMAS + "/{schema}", other, schema).then().statusCode(404);
    }

    @Test
    void customAttributesAreCreatedReadChangedAndDeleted() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String schema = schemaId(admin, env);
        String shirt = admin.post(
                        ATTRIBUTES,
                        body(
                                "name",
                                "shirtSize",
                                "displayName",
                                "T-shirt size",
                                "description",
                                "The size of the t-shirt.",
                                "enabled",
                                true,
                                "unique",
                                false,
                                "required",
                                false,
                                "enumeratedValues",
                                List.of(
                                        Map.of("value", "S"),
                                        Map.of("value", "M", "description", "Medium"),
                                        Map.of("value", "L", "archived", false))),
                        env,
                        schema)
                .then()
                .statusCode(201)
                .body("name", equalTo("shirtSize"))
                .body("type", equalTo("STRING"))
                .body("schemaType", equalTo("CUSTOM"))
                .body("schema.id", equalTo(schema))
                .body("multiValued", equalTo(false))
                .body("enumeratedValues.value", equalTo(List.of("S", "M", "L")))
                .body("enumeratedValues[1].archived", equalTo(false))
                .extract()
                .path("id");
        String prefs = attribute(admin, env, schema, "preferences", "type", "JSON", "multiValued", true);
        String badge = attribute(
                admin,
                env,
                schema,
                "badge-number",
                "regexValidation",
                Map.of(
                        "pattern",
                        "[A-Z]{2}[0-9]{4}",
                        "requirements",
                        "Two capitals and four digits.",
                        "valuesPatternShouldMatch",
                        List.of("AB1234"),
                        "valuesPatternShouldNotMatch",
                        List.of("ab1234")));
        admin.get(ATTRIBUTE, env, schema, badge)
                .then()
                .statusCode(200)
                .body("regexValidation.pattern", equalTo("[A-Z]{2}[0-9]{4}"))
                .body("regexValidation.valuesPatternShouldMatch", equalTo(List.of("AB1234")));
        admin.get(ATTRIBUTE, env, schema, prefs).then().statusCode(200).body("type", equalTo("JSON"));
        assertThat(customNames(admin, env, schema)).containsExactly("badge-number", "preferences", "shirtSize");

        // PATCH changes what it names; multiValued may go from false to true.
        admin.patch(ATTRIBUTE, body("displayName", "Shirt", "multiValued", true, "required", true), env, schema, shirt)
                .then()
                .statusCode(200)
                .body("displayName", equalTo("Shirt"))
                .body("description", equalTo("The size of the t-shirt."))
                .body("multiValued", equalTo(true))
                .body("required", equalTo(true))
                .body("enumeratedValues.value", equalTo(List.of("S", "M", "L")));
        // PUT replaces: what it leaves out is gone.
        admin.put(ATTRIBUTE, body("name", "shirtSize", "enabled", false, "multiValued", true), env, schema, shirt)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false))
                .body("displayName", nullValue())
                .body("required", equalTo(false))
                .body("enumeratedValues", nullValue());

        admin.delete(ATTRIBUTE, env, schema, shirt).then().statusCode(204);
        admin.get(ATTRIBUTE, env, schema, shirt).then().statusCode(404);
        admin.delete(ATTRIBUTE, env, schema, shirt).then().statusCode(404);
        assertThat(customNames(admin, env, schema)).containsExactly("badge-number", "preferences");
        // The name is free again.
        attribute(admin, env, schema, "shirtSize");
    }

    @Test
    void badDefinitionsAreRefusedNamingEachFieldAndCreateNothing() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String schema = schemaId(admin, env);
        attribute(admin, env, schema, "costCenter");

        refused(admin, env, schema, body("name", "flag", "enabled", true, "type", "BOOLEAN"), "type", "INVALID_VALUE");
        refused(admin, env, schema, body("name", "blob", "enabled", true, "type", "COMPLEX"), "type", "INVALID_VALUE");
        refused(admin, env, schema, body("name", "x", "enabled", true, "type", "DATE"), "type", "INVALID_VALUE");
        // Every core and standard name is reserved, whatever its case; so is a taken name.
        for (String reserved : List.of("email", "Username", "name", "population", "memberOfGroupIDs", "password"))
            refused(admin, env, schema, body("name", reserved, "enabled", true), "name", "INVALID_VALUE");
        refused(admin, env, schema, body("name", "COSTCENTER", "enabled", true), "name", "UNIQUENESS_VIOLATION");
        for (String bad : List.of("1st", "a_b", "has space", "-x", "é"))
            refused(admin, env, schema, body("name", bad, "enabled", true), "name", "INVALID_VALUE");
        refused(admin, env, schema, body("name", "x".repeat(257), "enabled", true), "name", "SIZE_LIMIT_EXCEEDED");
        refused(admin, env, schema, body("name", "noEnabled"), "enabled", "REQUIRED_VALUE");
        refused(admin, env, schema, body("enabled", true), "name", "REQUIRED_VALUE");
        refused(
                admin,
                env,
                schema,
                body("name", "j", "enabled", true, "type", "JSON", "unique", true),
                "unique",
                "INVALID_VALUE");
        refused(
                admin,
                env,
                schema,
                body("name", "j", "enabled", true, "type", "JSON", "enumeratedValues", List.of(Map.of("value", "a"))),
                "enumeratedValues",
                "INVALID_VALUE");
        refused(
                admin,
                env,
                schema,
                body(
                        "name",
                        "both",
                        "enabled",
                        true,
                        "enumeratedValues",
                        List.of(Map.of("value", "a")),
                        "regexValidation",
                        Map.of("pattern", "a", "requirements", "a")),
                "regexValidation",
                "INVALID_VALUE");
        refused(
                admin,
                env,
                schema,
                body(
                        "name",
                        "e",
                        "enabled",
                        true,
                        "enumeratedValues",
                        List.of(Map.of("value", "a"), Map.of("value", "A"))),
                "enumeratedValues[1].value",
                "INVALID_VALUE");
        refused(
                admin,
                env,
                schema,
                body("name", "e", "enabled", true, "enumeratedValues", List.of(Map.of("archived", true))),
                "enumeratedValues[0].value",
                "REQUIRED_VALUE");
        refused(
                admin,
                env,
                schema,
                body("name", "r", "enabled", true, "regexValidation", Map.of("pattern", "([a-z", "requirements", "x")),
                "regexValidation.pattern",
                "INVALID_VALUE");
        refused(
                admin,
                env,
                schema,
                body("name", "r", "enabled", true, "regexValidation", Map.of("pattern", "[a-z]+")),
                "regexValidation.requirements",
                "REQUIRED_VALUE");
        refused(
                admin,
                env,
                schema,
                body(
                        "name",
                        "r",
                        "enabled",
                        true,
                        "regexValidation",
                        Map.of(
                                "pattern", "[a-z]+",
                                "requirements", "lower case",
                                "valuesPatternShouldMatch", List.of("abc", "ABC"))),
                "regexValidation.valuesPatternShouldMatch[1]",
                "INVALID_VALUE");
        refused(
                admin,
                env,
                schema,
                body("name", "d", "enabled", true, "description", ""),
                "description",
                "EMPTY_VALUE");
        refused(
                admin,
                env,
                schema,
                body("name", "d", "enabled", true, "displayName", "a<b"),
                "displayName",
                "INVALID_VALUE");
        refused(
                admin,
                env,
                schema,
                body("name", "c", "enabled", true, "schemaType", "CORE"),
                "schemaType",
                "INVALID_VALUE");

        // One request with several problems reports them all.
        admin.post(ATTRIBUTES, body("name", "email", "type", "BOOLEAN"), env, schema)
                .then()
                .statusCode(400)
                .body("details.target", hasItems("name", "enabled", "type"));
        assertThat(customNames(admin, env, schema)).containsExactly("costCenter");
    }

    private static void refused(
            Api admin, String env, String schema, Map<String, Object> body, String target, String code) {
        admin.post(ATTRIBUTES, body, env, schema)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details.find { it.target == '" + target + "' }.code", equalTo(code));
    }

    @Test
    void nameTypeAndMultiValuedCannotGoBackAndChangesThatBreakUsersAreRefused() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String schema = schemaId(admin, env);
        String code = attribute(admin, env, schema, "code", "multiValued", true);
        String size = attribute(
                admin, env, schema, "size", "enumeratedValues", List.of(Map.of("value", "S"), Map.of("value", "M")));
        admin.post(USERS, body("username", "ann", "code", List.of("A1"), "size", "M"), env)
                .then()
                .statusCode(201);
        admin.post(USERS, body("username", "bob", "code", List.of("a1", "B2"), "size", "S"), env)
                .then()
                .statusCode(201);

        admin.patch(ATTRIBUTE, body("name", "code2"), env, schema, code)
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("name"));
        admin.patch(ATTRIBUTE, body("type", "JSON"), env, schema, code)
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("type"));
        admin.patch(ATTRIBUTE, body("multiValued", false), env, schema, code)
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("multiValued"));
        // Users share "a1" (uniqueness ignores case): the attribute cannot become unique.
        admin.patch(ATTRIBUTE, body("unique", true), env, schema, code)
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("UNIQUENESS_VIOLATION"))
                .body("details[0].target", equalTo("unique"));
        // A value users hold cannot leave the enumeration; archiving it is the way.
        admin.patch(ATTRIBUTE, body("enumeratedValues", List.of(Map.of("value", "S"))), env, schema, size)
                .then()
                .statusCode(400)
                .body("details[0].target", equalTo("enumeratedValues"));
        admin.get(ATTRIBUTE, env, schema, code)
                .then()
                .body("name", equalTo("code"))
                .body("multiValued", equalTo(true))
                .body("unique", equalTo(false));
        admin.get(ATTRIBUTE, env, schema, size).then().body("enumeratedValues.value", equalTo(List.of("S", "M")));
        admin.patch(
                        ATTRIBUTE,
                        body("enumeratedValues", List.of(Map.of("value", "S"), Map.of("value", "M", "archived", true))),
                        env,
                        schema,
                        size)
                .then()
                .statusCode(200)
                .body("enumeratedValues[1].archived", equalTo(true));

        // Once the shared value is gone, the attribute can become unique.
        String bob = admin.request()
                .queryParam("filter", "username eq \"bob\"")
                .get(USERS, env)
                .then()
                .extract()
                .path("_embedded.users[0].id");
        admin.patch(USER, body("code", List.of("B2")), env, bob).then().statusCode(200);
        admin.patch(ATTRIBUTE, body("unique", true), env, schema, code)
                .then()
                .statusCode(200)
                .body("unique", equalTo(true));
    }

    @Test
    void readersReadTheSchemaAndOnlyConfigurationWritersChangeIt() {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String schema = schemaId(admin, env);
        String existing = attribute(admin, env, schema, "existing");
        for (BuiltInRole reader : List.of(
                BuiltInRole.IDENTITY_DATA_READ_ONLY,
                BuiltInRole.IDENTITY_DATA_ADMIN,
                BuiltInRole.CONFIGURATION_READ_ONLY,
                BuiltInRole.CLIENT_APPLICATION_DEVELOPER)) {
            Api api = withRole(server, env, reader);
            api.get(SCHEMAS, env).then().statusCode(200);
            api.get(ATTRIBUTES, env, schema).then().statusCode(200);
            api.get(ATTRIBUTE, env, schema, existing).then().statusCode(200);
            forbidden(api.post(ATTRIBUTES, body("name", "nope", "enabled", true), env, schema));
            forbidden(api.patch(ATTRIBUTE, body("enabled", false), env, schema, existing));
            forbidden(api.delete(ATTRIBUTE, env, schema, existing));
        }
        Api writer = withRole(server, env, BuiltInRole.ENVIRONMENT_ADMIN);
        writer.patch(ATTRIBUTE, body("displayName", "Existing"), env, schema, existing)
                .then()
                .statusCode(200);
        server.anonymous().get(SCHEMAS, env).then().statusCode(401);
        assertThat(customNames(admin, env, schema)).containsExactly("existing");
        admin.get(ATTRIBUTE, env, schema, existing).then().body("enabled", equalTo(true));
    }

    private static Api withRole(TestServer server, String env, BuiltInRole role) {
        EnvironmentFixtures.Client app = EnvironmentFixtures.worker(server.admin(), env);
        EnvironmentFixtures.grantRole(server, app, role, "ENVIRONMENT", env);
        return Api.withClientCredentials(server, env, app.id(), app.secret());
    }

    private static void forbidden(io.restassured.response.Response r) {
        r.then()
                .statusCode(403)
                .body("code", equalTo("ACCESS_FAILED"))
                .body("details[0].code", equalTo("INSUFFICIENT_PERMISSIONS"));
    }
}
