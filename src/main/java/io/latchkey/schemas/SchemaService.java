package io.latchkey.schemas;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Json;
import io.latchkey.http.Shape;
import io.latchkey.http.Validation;
import io.latchkey.schemas.SchemaAttribute.SchemaType;
import io.latchkey.schemas.SchemaAttribute.Type;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import io.latchkey.storage.UniqueViolations;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The user schema of an environment ({@code User}, the only one) and its attributes: core and standard ones listed
 * read-only, custom ones created, changed and deleted under PingOne's rules (see docs/identity-data.md).
 */
public final class SchemaService {
    static final String SCHEMA_NAME = "User";
    /** PingOne's limits: at most 100 custom STRING and 100 custom JSON attributes per environment. */
    static final int MAX_PER_TYPE = 100;

    static final String NAME = "^[A-Za-z][A-Za-z0-9-]*$";
    /** Letters, marks, digits, forward slash, dot, apostrophe, underscore, space, hyphen. */
    static final String DISPLAY_NAME = "^[\\p{L}\\p{M}\\p{N}/.'_ -]*$";
    /** Letters, marks, digits, punctuation, spaces. */
    static final String DESCRIPTION = "^[\\p{L}\\p{M}\\p{N}\\p{P}\\p{Zs}]*$";

    private static final Shape BODY = Shape.of()
            .string("name", f -> f.required().length(1, 256).pattern(NAME))
            .bool("enabled", f -> f.required())
            .string("type", f -> f.oneOf(Type.class))
            .string("schemaType", f -> f.oneOf(SchemaType.class))
            .bool("unique", Shape.optional())
            .bool("required", Shape.optional())
            .bool("multiValued", Shape.optional())
            .string("displayName", f -> f.maxLength(256).pattern(DISPLAY_NAME).check(SchemaService::notBlank))
            .string("description", f -> f.maxLength(1024).pattern(DESCRIPTION).check(SchemaService::notBlank))
            .objectArray(
                    "enumeratedValues",
                    Shape.of()
                            .string("value", f -> f.required().length(1, UserAttributeValues.MAX_STRING_BYTES))
                            .bool("archived", Shape.optional())
                            .string("description", f -> f.maxLength(1024)),
                    f -> f.items(0, 100))
            .object(
                    "regexValidation",
                    Shape.of()
                            .string("pattern", f -> f.required().length(1, 1024))
                            .string("requirements", f -> f.required().length(1, 1024))
                            .stringArray("valuesPatternShouldMatch", f -> f.items(0, 100))
                            .stringArray("valuesPatternShouldNotMatch", f -> f.items(0, 100)),
                    Shape.optional())
            .any("subAttributes");

    private static final TypeReference<List<SchemaAttribute.EnumeratedValue>> ENUMERATION = new TypeReference<>() {};

    private final Database db;
    private final SchemaAttributeStore attributes = new SchemaAttributeStore();
    private final UserAttributeValueStore values = new UserAttributeValueStore();

    public SchemaService(Database db) {
        this.db = db;
    }

    /** The schema with every attribute, core and standard first. */
    public record Schema(String id, String environmentId, List<SchemaAttribute> attributes) {
        public boolean allowsContainsOperator() {
            return UserAttributeValues.allowsContains((int) attributes.stream()
                    .filter(a -> a.schemaType() == SchemaType.CUSTOM && a.enabled() && a.type() == Type.STRING)
                    .count());
        }
    }

    // ---------------------------------------------------------------- reading

    public List<Schema> list(String env) {
        return db.withHandle(h -> {
            Database.requireEnvironment(h, env);
            return List.of(schema(h, env));
        });
    }

    public Schema get(String env, String schemaId) {
        return db.withHandle(h -> schema(h, env, schemaId));
    }

    public SchemaAttribute attribute(String env, String schemaId, String attributeId) {
        return db.withHandle(h -> find(h, env, schemaId, attributeId));
    }

    private Schema schema(Handle h, String env) {
        List<SchemaAttribute> all = new ArrayList<>(StandardAttributes.of(env));
        all.addAll(attributes.list(h, env));
        return new Schema(StandardAttributes.schemaId(env), env, all);
    }

    private Schema schema(Handle h, String env, String schemaId) {
        Database.requireEnvironment(h, env);
        if (!StandardAttributes.schemaId(env).equals(schemaId)) throw ApiException.notFound("Schema", schemaId);
        return schema(h, env);
    }

    private SchemaAttribute find(Handle h, String env, String schemaId, String attributeId) {
        return schema(h, env, schemaId).attributes().stream()
                .filter(a -> a.id().equals(attributeId))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("Attribute", attributeId));
    }

    // ---------------------------------------------------------------- writing

    public SchemaAttribute create(String env, String schemaId, JsonNode body) {
        return db.inTransaction(h -> {
            Schema schema = schema(h, env, schemaId);
            Validation v = new Validation();
            ObjectNode d = BODY.read(body, v);
            String name = d.path("name").asText(null);
            if (name != null && StandardAttributes.reserved(name)) {
                v.add(ErrorDetail.invalid(
                        "name", "'" + name + "' is the name of a core or standard user attribute, and reserved."));
            } else if (name != null && attributes.nameTaken(h, env, name)) {
                v.add(nameTaken(name));
            }
            Type type = typeOf(d);
            if (type == Type.BOOLEAN || type == Type.COMPLEX) {
                v.add(ErrorDetail.invalid(
                        "type",
                        "Only STRING and JSON attributes can be created; " + type + " ones are core or standard."));
            }
            if (d.has("schemaType") && !d.get("schemaType").asText().equals("CUSTOM")) {
                v.add(ErrorDetail.invalid("schemaType", "Created attributes are CUSTOM."));
            }
            long sameType = schema.attributes().stream()
                    .filter(a -> a.schemaType() == SchemaType.CUSTOM && a.type() == type)
                    .count();
            if (sameType >= MAX_PER_TYPE && (type == Type.STRING || type == Type.JSON)) {
                v.add(new ErrorDetail(
                        "SIZE_LIMIT_EXCEEDED",
                        "type",
                        "An environment may have at most " + MAX_PER_TYPE + " custom " + type + " attributes.",
                        Map.of("rangeMaximumValue", MAX_PER_TYPE)));
            }
            checkDefinition(type, d, v);
            v.throwIfAny();
            long now = System.currentTimeMillis();
            SchemaAttribute a = definition(Ids.newId(), env, name, type, d, now, now);
            UniqueViolations.translate(() -> attributes.insert(h, a), () -> ApiException.invalidData(nameTaken(name)));
            return a;
        });
    }

    /** PUT: every writable field as given (omitted ones take their defaults). */
    public SchemaAttribute replace(String env, String schemaId, String attributeId, JsonNode body) {
        return db.inTransaction(h -> change(h, env, schemaId, attributeId, body));
    }

    /** PATCH: the given fields over the current ones ({@code null} removes an optional one). */
    public SchemaAttribute patch(String env, String schemaId, String attributeId, JsonNode body) {
        return db.inTransaction(h -> {
            SchemaAttribute current = find(h, env, schemaId, attributeId);
            if (body == null || !body.isObject()) {
                throw ApiException.invalidData(ErrorDetail.invalid("body", "The request body must be a JSON object."));
            }
            ObjectNode merged = writable(current);
            body.properties().forEach(e -> {
                if (e.getValue().isNull()) merged.remove(e.getKey());
                else merged.set(e.getKey(), e.getValue().deepCopy());
            });
            return change(h, env, schemaId, attributeId, merged);
        });
    }

    private SchemaAttribute change(Handle h, String env, String schemaId, String attributeId, JsonNode body) {
        SchemaAttribute current = find(h, env, schemaId, attributeId);
        if (current.schemaType() != SchemaType.CUSTOM) {
            throw ApiException.invalidData(ErrorDetail.invalid(
                    "schemaType",
                    current.schemaType() == SchemaType.CORE
                            ? "Core attributes cannot be changed."
                            : "Latchkey keeps standard attributes as they are (enabled, not unique): they cannot be"
                                    + " changed."));
        }
        current =
                attributes.lock(h, env, attributeId).orElseThrow(() -> ApiException.notFound("Attribute", attributeId));
        Validation v = new Validation();
        ObjectNode d = BODY.read(body, v);
        if (d.has("name") && !d.get("name").asText().equals(current.name())) {
            v.add(ErrorDetail.invalid("name", "An attribute's name cannot change."));
        }
        if (d.has("type") && !d.get("type").asText().equals(current.type().name())) {
            v.add(ErrorDetail.invalid("type", "An attribute's type cannot change."));
        }
        if (d.has("schemaType") && !d.get("schemaType").asText().equals("CUSTOM")) {
            v.add(ErrorDetail.invalid("schemaType", "An attribute's schemaType cannot change."));
        }
        if (current.multiValued()
                && d.has("multiValued")
                && !d.get("multiValued").asBoolean()) {
            v.add(ErrorDetail.invalid("multiValued", "A multi-valued attribute cannot become single-valued."));
        }
        checkDefinition(current.type(), d, v);
        v.throwIfAny();
        SchemaAttribute next = definition(
                current.id(), env, current.name(), current.type(), d, current.createdAt(), System.currentTimeMillis());
        if (current.multiValued() && !next.multiValued()) throw new IllegalStateException();
        if (next.unique() && !current.unique()) {
            values.sharedValue(h, env, next.id()).ifPresent(shared -> {
                throw ApiException.invalidData(ErrorDetail.unique(
                        "unique", "Users already share the value '" + shared + "' of '" + next.name() + "'."));
            });
        }
        if (!next.enumeratedValues().isEmpty()) {
            List<String> listed = next.enumeratedValues().stream()
                    .map(SchemaAttribute.EnumeratedValue::value)
                    .toList();
            values.valueOutside(h, env, next.id(), listed).ifPresent(held -> {
                throw ApiException.invalidData(ErrorDetail.invalid(
                        "enumeratedValues",
                        "Users have the value '" + held + "', which the enumeration must keep (archive it rather"
                                + " than remove it)."));
            });
        }
        attributes.update(h, next);
        return next;
    }

    public void delete(String env, String schemaId, String attributeId) {
        db.useTransaction(h -> {
            SchemaAttribute a = find(h, env, schemaId, attributeId);
            if (a.schemaType() != SchemaType.CUSTOM) {
                throw ApiException.invalidData(ErrorDetail.invalid(
                        "schemaType", a.schemaType() + " attributes cannot be deleted; only CUSTOM ones can."));
            }
            // Its values go with it (foreign key, on delete cascade).
            attributes.delete(h, env, attributeId);
        });
    }

    // ---------------------------------------------------------------- rules

    /** The rules that depend on the type and on several fields together. */
    private static void checkDefinition(Type type, ObjectNode d, Validation v) {
        boolean isString = type == Type.STRING;
        if (d.path("unique").asBoolean(false) && !isString) {
            v.add(ErrorDetail.invalid("unique", "Only STRING attributes can be unique."));
        }
        boolean enumerated =
                d.has("enumeratedValues") && !d.get("enumeratedValues").isEmpty();
        if (enumerated && !isString) {
            v.add(ErrorDetail.invalid("enumeratedValues", "Only STRING attributes can have enumerated values."));
        }
        if (d.has("regexValidation") && !isString) {
            v.add(ErrorDetail.invalid("regexValidation", "Only STRING attributes can have a regexValidation."));
        }
        if (enumerated && d.has("regexValidation")) {
            v.add(ErrorDetail.invalid(
                    "regexValidation", "An attribute has either enumeratedValues or a regexValidation, not both."));
        }
        if (d.has("subAttributes")) {
            v.add(ErrorDetail.invalid("subAttributes", "Only COMPLEX attributes have sub-attributes."));
        }
        if (enumerated) {
            Set<String> seen = new HashSet<>();
            int i = 0;
            for (JsonNode e : d.get("enumeratedValues")) {
                String value = e.path("value").asText("");
                if (!value.isEmpty() && !seen.add(value.toLowerCase(Locale.ROOT))) {
                    v.add(ErrorDetail.invalid(
                            "enumeratedValues[" + i + "].value",
                            "'" + value + "' repeats an enumerated value (values differing only by case are not"
                                    + " allowed)."));
                }
                if (value.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8).length
                        > UserAttributeValues.MAX_STRING_BYTES) {
                    v.add(ErrorDetail.invalid(
                            "enumeratedValues[" + i + "].value",
                            "An enumerated value may be at most " + UserAttributeValues.MAX_STRING_BYTES
                                    + " bytes long in UTF-8."));
                }
                i++;
            }
        }
        JsonNode regex = d.get("regexValidation");
        if (regex != null && regex.has("pattern")) {
            String[] problem = new String[1];
            BoundedRegex compiled = BoundedRegex.compile(regex.get("pattern").asText(), problem);
            if (compiled == null) {
                v.add(ErrorDetail.invalid(
                        "regexValidation.pattern",
                        "'regexValidation.pattern' is not a regular expression: " + problem[0]));
            } else {
                examples(compiled, regex, "valuesPatternShouldMatch", BoundedRegex.Outcome.MATCHES, v);
                examples(compiled, regex, "valuesPatternShouldNotMatch", BoundedRegex.Outcome.DOES_NOT_MATCH, v);
            }
        }
    }

    private static void examples(
            BoundedRegex regex, JsonNode validation, String field, BoundedRegex.Outcome expected, Validation v) {
        int i = 0;
        for (JsonNode example : validation.path(field)) {
            if (regex.match(example.asText()) != expected) {
                v.add(ErrorDetail.invalid(
                        "regexValidation." + field + "[" + i + "]",
                        "'" + example.asText() + "' " + (expected == BoundedRegex.Outcome.MATCHES ? "does not" : "does")
                                + " match the pattern."));
            }
            i++;
        }
    }

    private static SchemaAttribute definition(
            String id, String env, String name, Type type, ObjectNode d, long createdAt, long updatedAt) {
        List<SchemaAttribute.EnumeratedValue> enumeration = d.has("enumeratedValues")
                ? Json.MAPPER.convertValue(d.get("enumeratedValues"), ENUMERATION)
                : List.of();
        SchemaAttribute.RegexValidation regex = d.has("regexValidation")
                ? Json.MAPPER.convertValue(d.get("regexValidation"), SchemaAttribute.RegexValidation.class)
                : null;
        return new SchemaAttribute(
                id,
                env,
                name,
                type,
                SchemaType.CUSTOM,
                d.path("enabled").asBoolean(true),
                d.path("unique").asBoolean(false),
                d.path("required").asBoolean(false),
                d.path("multiValued").asBoolean(false),
                d.path("displayName").asText(null),
                d.path("description").asText(null),
                enumeration,
                regex,
                List.of(),
                createdAt,
                updatedAt);
    }

    /** The writable fields of an attribute, as a PUT body would give them (the base of a PATCH). */
    private static ObjectNode writable(SchemaAttribute a) {
        ObjectNode n = Json.object();
        n.put("name", a.name());
        n.put("type", a.type().name());
        n.put("enabled", a.enabled());
        n.put("unique", a.unique());
        n.put("required", a.required());
        n.put("multiValued", a.multiValued());
        if (a.displayName() != null) n.put("displayName", a.displayName());
        if (a.description() != null) n.put("description", a.description());
        if (!a.enumeratedValues().isEmpty()) n.set("enumeratedValues", Json.MAPPER.valueToTree(a.enumeratedValues()));
        if (a.regexValidation() != null) n.set("regexValidation", Json.MAPPER.valueToTree(a.regexValidation()));
        return n;
    }

    /** The given type, STRING by default (an unknown one is already reported by the shape). */
    private static Type typeOf(ObjectNode d) {
        String given = d.path("type").asText("STRING");
        for (Type t : Type.values()) if (t.name().equals(given)) return t;
        return Type.STRING;
    }

    /** displayName and description: optional, but not empty when given. */
    private static void notBlank(String value, Validation v) {
        if (value.isBlank()) v.add(new ErrorDetail("EMPTY_VALUE", null, "The value must not be empty."));
    }

    private static ErrorDetail nameTaken(String name) {
        return ErrorDetail.unique("name", "An attribute named '" + name + "' already exists in the schema.");
    }
}
