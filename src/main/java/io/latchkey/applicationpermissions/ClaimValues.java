package io.latchkey.applicationpermissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.latchkey.http.Json;
import io.latchkey.users.User;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a resource attribute's {@code value} for one user: a literal is used as it is; {@code ${user.<path>}}
 * takes the user's attribute at that path (any JSON type: strings, numbers, booleans, arrays, objects);
 * {@code ${#datetime.toUnixTimestamp(user.<path>)}} turns a user date into epoch seconds. An absent or empty user
 * value (missing, null, "", [] or {}) gives no value, so the claim is left out. Other expressions of PingOne's
 * language are not supported and give no value (the resources API refuses them when attributes are written).
 */
final class ClaimValues {
    private static final String PATH = "[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*";
    private static final Pattern USER = Pattern.compile("\\$\\{user\\.(" + PATH + ")}");
    private static final Pattern UNIX_TIME =
            Pattern.compile("\\$\\{#datetime\\.toUnixTimestamp\\(user\\.(" + PATH + ")\\)}");

    private ClaimValues() {}

    static Optional<Object> evaluate(String value, User user) {
        if (value == null || value.isEmpty()) return Optional.empty();
        if (!value.contains("${")) return Optional.of(value);
        Matcher m = USER.matcher(value);
        if (m.matches()) return javaValue(lookup(user, m.group(1)));
        m = UNIX_TIME.matcher(value);
        if (m.matches()) {
            JsonNode date = lookup(user, m.group(1));
            if (!date.isTextual()) return Optional.empty();
            try {
                return Optional.of(Instant.parse(date.asText()).getEpochSecond());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
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
