package io.latchkey.resources;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of a resource attribute: a literal string, {@code ${user.<path>}} (a user attribute, e.g.
 * {@code ${user.name.given}}), or {@code ${#datetime.toUnixTimestamp(user.<path>)}} (a user date as epoch
 * seconds, the default of the {@code updated_at} claim). PingOne's wider expression language is not supported.
 */
public sealed interface AttributeValue {
    record Literal(String text) implements AttributeValue {}

    record UserPath(String path) implements AttributeValue {}

    record UnixTime(String path) implements AttributeValue {}

    String PATH = "[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*";
    Pattern USER = Pattern.compile("\\$\\{user\\.(" + PATH + ")}");
    Pattern UNIX_TIME = Pattern.compile("\\$\\{#datetime\\.toUnixTimestamp\\(user\\.(" + PATH + ")\\)}");

    /** The value, or empty when it is neither a literal nor one of the supported placeholders. */
    static Optional<AttributeValue> tryParse(String value) {
        if (!value.contains("${")) return Optional.of(new Literal(value));
        Matcher m = USER.matcher(value);
        if (m.matches()) return Optional.of(new UserPath(m.group(1)));
        m = UNIX_TIME.matcher(value);
        if (m.matches()) return Optional.of(new UnixTime(m.group(1)));
        return Optional.empty();
    }

    /** Parses a stored value (stored values were checked on the way in). */
    static AttributeValue parse(String value) {
        return tryParse(value).orElseThrow(() -> new IllegalArgumentException("Unsupported attribute value"));
    }
}
