package io.latchkey.keys;

import java.time.Duration;

/** PingOne's {@code status} of a key, from its validity period ({@code REVOKED} needs a CA, which Latchkey is not). */
public enum KeyStatus {
    VALID,
    /** Within {@link #EXPIRING_WITHIN} of its end (PingOne does not say when it starts to say so; 30 days here). */
    EXPIRING,
    EXPIRED,
    NOT_YET_VALID;

    static final Duration EXPIRING_WITHIN = Duration.ofDays(30);

    static KeyStatus of(long startsAt, long expiresAt, long now) {
        if (now < startsAt) return NOT_YET_VALID;
        if (now >= expiresAt) return EXPIRED;
        if (expiresAt - now <= EXPIRING_WITHIN.toMillis()) return EXPIRING;
        return VALID;
    }

    /** Whether a key in this status is in the JWKS and may become the default. */
    boolean published() {
        return this == VALID || this == EXPIRING;
    }
}
