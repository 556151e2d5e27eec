package io.latchkey.oauth;

import java.util.Arrays;
import java.util.Optional;

/** How an authorization response reaches the client: the {@code response_mode} parameter's values. */
public enum ResponseMode {
    QUERY("query"),
    FRAGMENT("fragment"),
    /** An auto-submitting form that posts to the redirect URI. */
    FORM_POST("form_post"),
    /** PingOne's: JSON answers, for clients that drive the flow themselves. */
    PI_FLOW("pi.flow");

    /** When the request names none. */
    static final ResponseMode DEFAULT = QUERY;

    private final String value;

    ResponseMode(String value) {
        this.value = value;
    }

    /** As the parameter spells it. */
    public String value() { return value; }

    static Optional<ResponseMode> parse(String value) {
        return Arrays.stream(values()).filter(m -> m.value.equals(value)).findFirst();
    }
}
