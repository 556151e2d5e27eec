package io.latchkey.oauth;

import com.nimbusds.oauth2.sdk.ResponseType;
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

    /**
     * When the request names none: the query for a code alone, the fragment whenever a token or ID token is returned
     * (OAuth 2.0 Multiple Response Type Encoding Practices §2.1, §3) — errors included.
     */
    static ResponseMode defaultFor(ResponseType responseType) {
        return responseType == null || responseType.equals(ResponseType.CODE) ? QUERY : FRAGMENT;
    }

    /** As {@link #defaultFor(ResponseType)}, for the raw parameter (which may not parse). */
    static ResponseMode defaultFor(String responseType) {
        if (responseType == null) return QUERY;
        return Arrays.stream(responseType.trim().split(" +")).anyMatch(v -> v.equals("token") || v.equals("id_token"))
                ? FRAGMENT
                : QUERY;
    }

    private final String value;

    ResponseMode(String value) {
        this.value = value;
    }

    /** As the parameter spells it. */
    public String value() {
        return value;
    }

    static Optional<ResponseMode> parse(String value) {
        return Arrays.stream(values()).filter(m -> m.value.equals(value)).findFirst();
    }
}
