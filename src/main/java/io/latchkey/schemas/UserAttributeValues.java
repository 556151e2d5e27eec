package io.latchkey.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.FilterSql;
import io.latchkey.http.Json;
import io.latchkey.http.Validation;
import io.latchkey.storage.Ids;
import io.latchkey.users.CustomAttributes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Custom attribute values on users: checked on every user write (type, enumeration, pattern, uniqueness, required,
 * number of values, the 16 KB total), stored one row per value, shown on reads and offered to SCIM filters.
 * Disabled attributes are ignored on writes (their stored values stay) and left out of reads and filters.
 */
public final class UserAttributeValues implements CustomAttributes {
    /** Values of all custom attributes of a user together: PingOne's 16 KB, counted in characters as PingOne does. */
    static final int MAX_TOTAL_CHARS = 16 * 1024;

    static final int MAX_VALUES = 1000;
    /** A STRING value is indexed for filters; a PostgreSQL b-tree entry holds at most 2,704 bytes. */
    static final int MAX_STRING_BYTES = 2000;
    /** Custom attributes offer {@code co} only while the schema has at most this many (PingOne's limit). */
    static final int MAX_CONTAINS_ATTRIBUTES = 5;

    private final SchemaAttributeStore attributes = new SchemaAttributeStore();
    private final UserAttributeValueStore values = new UserAttributeValueStore();

    @Override
    public Map<String, ObjectNode> valuesOf(Handle h, String env, Collection<String> userIds) {
        List<UserAttributeValueStore.Row> rows = values.enabledValuesOf(h, env, userIds);
        if (rows.isEmpty()) return Map.of();
        Map<String, SchemaAttribute> byId =
                attributes.list(h, env).stream().collect(Collectors.toMap(SchemaAttribute::id, Function.identity()));
        Map<String, ObjectNode> out = new HashMap<>();
        for (UserAttributeValueStore.Row row : rows) {
            SchemaAttribute a = byId.get(row.attributeId());
            if (a == null) continue;
            ObjectNode user = out.computeIfAbsent(row.userId(), id -> Json.object());
            JsonNode value = a.type() == SchemaAttribute.Type.JSON
                    ? Json.parse(row.value())
                    : Json.MAPPER.getNodeFactory().textNode(row.value());
            if (a.multiValued()) {
                (user.get(a.name()) instanceof ArrayNode array ? array : user.putArray(a.name())).add(value);
            } else {
                user.set(a.name(), value);
            }
        }
        return out;
    }

    @Override
    public ObjectNode read(Handle h, String env, String userId, JsonNode body, Validation v) {
        ObjectNode out = Json.object();
        if (body == null || !body.isObject()) return out;
        int total = 0;
        for (SchemaAttribute a : attributes.list(h, env)) {
            if (!a.enabled()) continue;
            JsonNode node = body.get(a.name());
            int before = v.details().size();
            JsonNode value = switch (a.type()) {
                case STRING -> strings(h, env, userId, a, node, v);
                case JSON -> json(a, node, v);
                default -> null;
            };
            if (v.details().size() > before) continue;
            if (value == null) {
                if (a.required()) v.add(ErrorDetail.required(a.name()));
                continue;
            }
            total += size(value);
            if (total > MAX_TOTAL_CHARS) {
                v.add(new ErrorDetail(
                        "SIZE_LIMIT_EXCEEDED",
                        a.name(),
                        "The values of a user's custom attributes may hold at most " + MAX_TOTAL_CHARS
                                + " characters in all; with '" + a.name() + "' they hold " + total + ".",
                        Map.of("rangeMaximumValue", MAX_TOTAL_CHARS)));
                continue;
            }
            out.set(a.name(), value);
        }
        return out;
    }

    /** A STRING attribute's value(s): a string, or an array of strings when multi-valued; null when none. */
    private JsonNode strings(Handle h, String env, String userId, SchemaAttribute a, JsonNode node, Validation v) {
        if (node == null || node.isNull()) return null;
        String name = a.name();
        List<String> given = new ArrayList<>();
        if (a.multiValued()) {
            if (!node.isArray()) {
                v.add(ErrorDetail.invalid(name, "'" + name + "' is multi-valued: its value is an array of strings."));
                return null;
            }
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    v.add(ErrorDetail.invalid(name, "'" + name + "' holds strings only."));
                    return null;
                }
                given.add(item.asText());
            }
        } else {
            if (!node.isTextual()) {
                v.add(ErrorDetail.invalid(name, "'" + name + "' is a single string."));
                return null;
            }
            given.add(node.asText());
        }
        // An empty string is no value (a form's empty field); repeated values are kept once.
        List<String> list = new ArrayList<>(
                new LinkedHashSet<>(given.stream().filter(s -> !s.isEmpty()).toList()));
        if (list.size() > MAX_VALUES) {
            v.add(new ErrorDetail(
                    "SIZE_LIMIT_EXCEEDED",
                    name,
                    "'" + name + "' may hold at most " + MAX_VALUES + " values.",
                    Map.of("rangeMaximumValue", MAX_VALUES)));
            return null;
        }
        BoundedRegex regex = a.regexValidation() == null
                ? null
                : BoundedRegex.compile(a.regexValidation().pattern(), new String[1]);
        List<String> current = null;
        for (String s : list) {
            if (s.indexOf('\0') >= 0) {
                v.add(ErrorDetail.invalid(name, "'" + name + "' must not contain the character U+0000."));
                return null;
            }
            int bytes = s.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_STRING_BYTES) {
                v.add(new ErrorDetail(
                        "SIZE_LIMIT_EXCEEDED",
                        name,
                        "A value of '" + name + "' is " + bytes + " bytes long in UTF-8; at most " + MAX_STRING_BYTES
                                + " are allowed.",
                        Map.of("rangeMaximumValue", MAX_STRING_BYTES)));
                continue;
            }
            if (!a.allowsNew(s)) {
                if (a.enumerates(s) && userId != null) {
                    if (current == null) current = values.valuesOf(h, env, userId, a.id());
                    if (current.contains(s)) continue; // an archived value the user already has stays
                }
                List<String> allowed = a.enumeratedValues().stream()
                        .filter(e -> !e.archived())
                        .map(SchemaAttribute.EnumeratedValue::value)
                        .toList();
                v.add(new ErrorDetail(
                        "INVALID_VALUE",
                        name,
                        a.enumerates(s)
                                ? "'" + s + "' is an archived value of '" + name + "': users who have it keep it, but"
                                        + " it cannot be newly set."
                                : "'" + s + "' is not an allowed value of '" + name + "'.",
                        Map.of("allowedValues", allowed)));
                continue;
            }
            if (regex != null) {
                switch (regex.match(s)) {
                    case MATCHES -> {}
                    case DOES_NOT_MATCH ->
                        v.add(new ErrorDetail(
                                "INVALID_VALUE",
                                name,
                                "A value of '" + name + "' does not meet its requirements: "
                                        + a.regexValidation().requirements(),
                                Map.of("allowedPattern", a.regexValidation().pattern())));
                    case TOO_COSTLY ->
                        v.add(ErrorDetail.invalid(
                                name, "A value of '" + name + "' could not be checked against its pattern in time."));
                }
            }
        }
        if (list.isEmpty()) return null;
        if (a.unique()) {
            List<String> lower = list.stream()
                    .map(s -> s.toLowerCase(Locale.ROOT))
                    .distinct()
                    .toList();
            values.holderOfAny(h, env, a.id(), lower, userId).ifPresent(taken -> v.add(taken(a, taken)));
        }
        if (!a.multiValued()) return Json.MAPPER.getNodeFactory().textNode(list.getFirst());
        ArrayNode array = Json.MAPPER.createArrayNode();
        list.forEach(array::add);
        return array;
    }

    /** A JSON attribute's value: an object, or an array of objects when multi-valued; null when none. */
    private static JsonNode json(SchemaAttribute a, JsonNode node, Validation v) {
        if (node == null || node.isNull()) return null;
        String name = a.name();
        if (a.multiValued()) {
            boolean objects = node.isArray();
            if (objects) for (JsonNode item : node) objects &= item.isObject();
            if (!objects) {
                v.add(ErrorDetail.invalid(name, "'" + name + "' is multi-valued: its value is an array of objects."));
                return null;
            }
            if (node.size() > MAX_VALUES) {
                v.add(new ErrorDetail(
                        "SIZE_LIMIT_EXCEEDED",
                        name,
                        "'" + name + "' may hold at most " + MAX_VALUES + " values.",
                        Map.of("rangeMaximumValue", MAX_VALUES)));
                return null;
            }
            return node.isEmpty() ? null : node.deepCopy();
        }
        if (!node.isObject()) {
            v.add(ErrorDetail.invalid(name, "'" + name + "' is a JSON object."));
            return null;
        }
        return node.deepCopy();
    }

    private static int size(JsonNode value) {
        if (value.isTextual()) return value.asText().length();
        if (value.isArray() && !value.isEmpty() && value.get(0).isTextual()) {
            int n = 0;
            for (JsonNode item : value) n += item.asText().length();
            return n;
        }
        return Json.write(value).length();
    }

    private static ErrorDetail taken(SchemaAttribute a, String value) {
        return ErrorDetail.unique(
                a.name(),
                "Another user already has the value '" + value + "' for '" + a.name() + "', which is unique.");
    }

    @Override
    public void write(Handle h, String env, String userId, ObjectNode given) {
        for (SchemaAttribute a : attributes.list(h, env)) {
            if (!a.enabled()) continue;
            JsonNode node = given.get(a.name());
            List<String> stored = new ArrayList<>();
            if (node != null) {
                if (node.isArray()) {
                    for (JsonNode item : node) stored.add(item.isTextual() ? item.asText() : Json.write(item));
                } else {
                    stored.add(node.isTextual() ? node.asText() : Json.write(node));
                }
            }
            List<String> lower = a.type() == SchemaAttribute.Type.STRING
                    ? stored.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList()
                    : null;
            if (a.unique() && !stored.isEmpty()) {
                // Writers of one unique attribute take turns, so that the check and the write see the same values.
                attributes.lock(h, env, a.id());
                values.holderOfAny(h, env, a.id(), Set.copyOf(lower), userId).ifPresent(taken -> {
                    throw ApiException.invalidData(taken(a, taken));
                });
            }
            values.replace(h, env, userId, a.id(), stored, lower);
        }
    }

    @Override
    public Map<String, FilterSql.Column> filterColumns(Handle h, String env) {
        List<SchemaAttribute> strings = attributes.list(h, env).stream()
                .filter(a -> a.enabled() && a.type() == SchemaAttribute.Type.STRING)
                .toList();
        boolean contains = allowsContains(strings.size());
        Set<String> ops = contains ? Set.of("eq", "sw", "co", "pr") : Set.of("eq", "sw", "pr");
        Map<String, FilterSql.Column> out = new LinkedHashMap<>();
        for (SchemaAttribute a : strings) {
            // The id is spliced into the SQL, never a value: it is a UUID this server generated (checked anyway).
            if (!Ids.isUuid(a.id())) continue;
            out.put(
                    a.name(),
                    FilterSql.Column.anyRow(
                            "user_attribute_values v where v.user_id = u.id and v.attribute_id = '" + a.id() + "'",
                            "v.value_lower",
                            ops));
        }
        return out;
    }

    /** Schema.allowsContainsOperator: {@code co} on custom attributes while there are at most five to search. */
    static boolean allowsContains(int enabledStringAttributes) {
        return enabledStringAttributes <= MAX_CONTAINS_ATTRIBUTES;
    }
}
