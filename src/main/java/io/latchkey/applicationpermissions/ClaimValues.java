package io.latchkey.applicationpermissions;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.latchkey.claims.AttributeExpression;
import io.latchkey.claims.ComputedUserAttributes;
import io.latchkey.http.Json;
import io.latchkey.users.User;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a resource attribute's (or an application attribute mapping's) {@code value} for one user: a literal is used as it is; {@code ${user.<path>}}
 * takes the user's attribute at that path (any JSON type: strings, numbers, booleans, arrays, objects);
 * {@code ${#datetime.toUnixTimestamp(user.<path>)}} turns a user date into epoch seconds. An absent or empty user
 * value (missing, null, "", [] or {}) gives no value, so the claim is left out. Any other {@code ${...}} is an
 * advanced expression ({@link AttributeExpression}) over {@code user} and {@code context} (the token request); the
 * resources API refuses those it cannot run when attributes are written, and a stored one that no longer parses
 * gives no value.
 */
public final class ClaimValues {
    // Custom attribute names may hold hyphens (shirt-size).
    private static final String PATH = "[A-Za-z_][A-Za-z0-9_-]*(?:\\.[A-Za-z_][A-Za-z0-9_-]*)*";
    private static final Pattern USER = Pattern.compile("\\$\\{user\\.(" + PATH + ")}");
    private static final Pattern UNIX_TIME =
            Pattern.compile("\\$\\{#datetime\\.toUnixTimestamp\\(user\\.(" + PATH + ")\\)}");

    private ClaimValues() {}

    public static Optional<Object> evaluate(String value, User user) {
        return evaluate(value, user, null, ComputedUserAttributes.NONE);
    }

    /** As {@link #evaluate(String, User)}, with the user's {@code computed} attributes where they are named. */
    public static Optional<Object> evaluate(String value, User user, ComputedUserAttributes computed) {
        return evaluate(value, user, null, computed);
    }

    /**
     * As {@link #evaluate(String, User)}, expressions reading {@code context} too (null: an empty context), and the
     * user's {@code computed} attributes ({@code memberOfGroupNames}, ...) where they are named.
     */
    static Optional<Object> evaluate(
            String value, User user, Map<String, Object> context, ComputedUserAttributes computed) {
        if (value == null || value.isEmpty()) return Optional.empty();
        if (!value.contains("${")) return Optional.of(value);
        Matcher m = USER.matcher(value);
        if (m.matches() && user != null && computed.provides(m.group(1))) {
            return computed.value(user.environmentId(), user.id(), m.group(1))
                    .filter(v -> !(v instanceof java.util.Collection<?> c && c.isEmpty()));
        }
        if (m.matches()) return user == null ? Optional.empty() : javaValue(lookup(user, m.group(1)));
        m = UNIX_TIME.matcher(value);
        if (m.matches()) {
            if (user == null) return Optional.empty();
            JsonNode date = lookup(user, m.group(1));
            if (!date.isTextual()) return Optional.empty();
            try {
                return Optional.of(Instant.parse(date.asText()).getEpochSecond());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        try {
            Map<String, Object> root = new HashMap<>();
            root.put("user", user == null ? null : userMap(user, computed));
            root.put("context", context == null ? Map.of() : context);
            return AttributeExpression.parse(value).evaluate(root);
        } catch (AttributeExpression.Invalid e) {
            return Optional.empty();
        }
    }

    /** The user as expressions read it: PingOne's user JSON, with the record's core fields where it lacks them. */
    private static Map<String, Object> userMap(User user, ComputedUserAttributes computed) {
        Map<String, Object> map = new ComputedOnRead(user, computed);
        if (user.doc() != null)
            map.putAll(Json.MAPPER.convertValue(user.doc(), new TypeReference<Map<String, Object>>() {}));
        map.putIfAbsent("id", user.id());
        if (user.username() != null) map.putIfAbsent("username", user.username());
        if (user.email() != null) map.putIfAbsent("email", user.email());
        if (user.populationId() != null) map.putIfAbsent("population", Map.of("id", user.populationId()));
        return map;
    }

    /** The user's map, whose computed attributes are read from their source only when an expression names them. */
    private static final class ComputedOnRead extends HashMap<String, Object> {
        private final transient User user;
        private final transient ComputedUserAttributes computed;

        ComputedOnRead(User user, ComputedUserAttributes computed) {
            this.user = user;
            this.computed = computed;
        }

        @Override
        public Object get(Object key) {
            if (!containsKey(key) && key instanceof String name && computed.provides(name))
                put(name, computed.value(user.environmentId(), user.id(), name).orElse(null));
            return super.get(key);
        }
    }

    /** The user's attribute at a dotted path, in PingOne's user JSON; the record's fields back up the core ones. */
    static JsonNode lookup(User user, String path) {
        JsonNode node = user.doc() == null ? MissingNode.getInstance() : user.doc();
        for (String part : path.split("\\.")) node = node.path(part);
        if (!node.isMissingNode() && !node.isNull()) return node;
        String fallback = switch (path) {
            case "id" -> user.id();
            case "username" -> user.username();
            case "email" -> user.email();
            case "population.id" -> user.populationId();
            default -> null;
        };
        return fallback == null
                ? MissingNode.getInstance()
                : Json.MAPPER.getNodeFactory().textNode(fallback);
    }

    private static Optional<Object> javaValue(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) return Optional.empty();
        if (n.isTextual()) return n.asText().isEmpty() ? Optional.empty() : Optional.of(n.asText());
        if (n.isBoolean()) return Optional.of(n.asBoolean());
        if (n.isIntegralNumber()) return Optional.of(n.canConvertToLong() ? (Object) n.asLong() : n.bigIntegerValue());
        if (n.isNumber()) return Optional.of(n.asDouble());
        if (n.isContainerNode()) {
            return n.isEmpty() ? Optional.empty() : Optional.of(Json.MAPPER.convertValue(n, Object.class));
        }
        return Optional.empty();
    }
}
