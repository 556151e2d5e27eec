package io.latchkey.http;

import java.util.List;

/**
 * PingOne's answer to a client over its limit: 429 {@code REQUEST_LIMITED}, with {@code Retry-After} in whole seconds
 * (written by {@link ErrorMapper}, or by a page that answers in HTML).
 */
public final class RequestLimited extends ApiException {
    private final long retryAfterSeconds;

    public RequestLimited(long retryAfterSeconds, String message) {
        super(429, "REQUEST_LIMITED", message, List.of());
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Seconds until a retry can succeed; at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
