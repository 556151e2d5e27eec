package io.latchkey.resources;

/**
 * A claim to put into tokens for a resource, as the token issuer needs it. {@code value} is a literal or one
 * placeholder (see {@link AttributeValue#parse}). {@code idToken} / {@code userInfo} say where an {@code openid}
 * resource's claim goes; for other resources both are true (every attribute goes into the access token).
 */
public record Attribute(String name, String value, boolean idToken, boolean userInfo, boolean required) {

    /** The value, parsed: a literal, a user attribute path, or a user date as epoch seconds. */
    public AttributeValue parsedValue() {
        return AttributeValue.parse(value);
    }
}
