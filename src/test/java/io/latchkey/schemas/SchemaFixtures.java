package io.latchkey.schemas;

import io.latchkey.testkit.Api;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The user schema of a test environment and custom attributes on it. */
final class SchemaFixtures {
    static final String SCHEMAS = "/v1/environments/{env}/schemas";
    static final String ATTRIBUTES = SCHEMAS + "/{schema}/attributes";
    static final String ATTRIBUTE = ATTRIBUTES + "/{attribute}";
    static final String USERS = "/v1/environments/{env}/users";
    static final String USER = USERS + "/{user}";

    private SchemaFixtures() {}

    static String schemaId(Api admin, String env) {
        List<String> ids =
                admin.get(SCHEMAS, env).then().statusCode(200).extract().path("_embedded.schemas.id");
        return ids.getFirst();
    }

    /** A STRING attribute, enabled, with these extra fields. */
    static String attribute(Api admin, String env, String schema, String name, Object... fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("enabled", true);
        for (int i = 0; i < fields.length; i += 2) body.put((String) fields[i], fields[i + 1]);
        return admin.post(ATTRIBUTES, body, env, schema)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** The names of the environment's custom attributes. */
    static List<String> customNames(Api admin, String env, String schema) {
        return admin.get(ATTRIBUTES, env, schema)
                .then()
                .statusCode(200)
                .extract()
                .path("_embedded.attributes.findAll { it.schemaType == 'CUSTOM' }.name");
    }

    static Map<String, Object> body(Object... fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) body.put((String) fields[i], fields[i + 1]);
        return body;
    }
}
