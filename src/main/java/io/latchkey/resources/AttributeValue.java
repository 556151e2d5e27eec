package io.latchkey.resources;

import io.latchkey.claims.AttributeExpression;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of a resource attribute: a literal string, {@code ${user.<path>}} (a user attribute, e.g.
 * {@code ${user.name.given}}), {@code ${#datetime.toUnixTimestamp(user.<path>)}} (a user date as epoch seconds, the
 * default of the {@code updated_at} claim), or another expression of PingOne's language in the subset
 * {@link AttributeExpression} accepts (the token request's {@code context.requestData.*}, for token exchange).
 */
public sealed interface AttributeValue {
    record Literal(String text) implements AttributeValue {}

    record UserPath(String path) implements AttributeValue {}

    record UnixTime(String path) implements AttributeValue {}

    /** An advanced expression; {@code readsContext} when it reads the token request, not only the user. */
    record Expression(String text, boolean readsContext) implements AttributeValue {}

    // Custom attribute names may hold hyphens (shirt-size).
    String PATH = "[A-Za-z_][A-Za-z0-9_-]*(?:\\.[A-Za-z_][A-Za-z0-9_-]*)*";
    Pattern USER = Pattern.compile("\\$\\{user\\.(" + PATH + ")}");
    Pattern UNIX_TIME = Pattern.compile("\\$\\{#datetime\\.toUnixTimestamp\\(user\\.(" + PATH + ")\\)}");

    /** The value, or empty when it is neither a literal nor a supported placeholder or expression. */
    static Optional<AttributeValue> tryParse(String value) {
        try {
            return Optional.of(parseOrExplain(value));
        } catch (AttributeExpression.Invalid e) {
            return Optional.empty();
        }
    }

    /** The value, or why it is none of the supported forms. */
    static AttributeValue parseOrExplain(String value) throws AttributeExpression.Invalid {
        if (!value.contains("${")) return new Literal(value);
        Matcher m = USER.matcher(value);
        if (m.matches()) return new UserPath(m.group(1));
        m = UNIX_TIME.matcher(value);
        if (m.matches()) return new UnixTime(m.group(1));
        return new Expression(value, AttributeExpression.parse(value).readsContext());
    }

    /** Parses a stored value (stored values were checked on the way in). */
    static AttributeValue parse(String value) {
        return tryParse(value).orElseThrow(() -> new IllegalArgumentException("Unsupported attribute value"));
    }
}
